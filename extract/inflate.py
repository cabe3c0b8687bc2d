"""How far a PDF's streams inflate, bounded before pdfium sees the file.

Why: pdfium ends the whole process (abort) when an allocation fails, where pdfminer.six raises
MemoryError that the worker's memory limit turns into a one-line reason. A small file whose
stream inflates to gigabytes (tests/support/pdfs.py `render_flate_bomb`) must therefore never
reach pdfium. Deflate packs at most 1032 bytes into one, so a stream's packed length bounds
what it inflates to; only a stream too long for that bound to settle it is inflated here, with
zlib, bounded, without keeping the output. A file past the limits, or with a filter we do not
count, is read by pdfminer.six as before.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterator

import numpy as np

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
#: a font program (FontFile, FontFile2 with /Length1..3; FontFile3 by its subtype)
_FONT_PROGRAM = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
#: the file's own index: a cross-reference or object stream holds no page content
_INDEX = re.compile(rb"/Type\s*/(?:XRef|ObjStm)\b")
#: filters of images: pdfium decodes none of them to read text
_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"}
_FLATE = {b"FlateDecode", b"Fl"}
#: text encodings of binary data (reportlab writes [/ASCII85Decode /FlateDecode]): they shrink
_ASCII = {b"ASCII85Decode": "a85", b"A85": "a85", b"ASCIIHexDecode": "hex", b"AHx": "hex"}
#: the most bytes deflate can pack into one (a little over its 1032)
_MAX_RATIO = 1040
_CHUNK = 1 << 20
_WHITESPACE = b" \t\n\r\v\f\x00"


def inflates_past(data: bytes, stream_limit: int, total_limit: int) -> bool:
    """Whether one of the file's streams may inflate past `stream_limit` bytes, or all of them
    past `total_limit` (True also for a stream we cannot count: a filter other than Flate and
    the ASCII ones, or a broken one). Images are not counted: pdfium decodes none to read text.
    Streams are inflated longest first, until the bounds of the rest settle it.
    """
    streams = _packed_streams(data)
    if streams is None:
        return True
    streams.sort(key=lambda s: s[1] - s[0], reverse=True)
    bounds = sum((end - start) * _MAX_RATIO for start, end, _ in streams)
    inflated = 0
    for start, end, names in streams:
        bound = (end - start) * _MAX_RATIO
        if bound <= stream_limit and bounds + inflated <= total_limit:
            return False
        bounds -= bound
        packed = _ascii_decoded(data[start:end], names[:-1]) if names[:-1] else data[start:end]
        size = None if packed is None else _inflated_size(packed, stream_limit)
        if size is None or size > stream_limit:
            return True
        inflated += size
        if inflated > total_limit:
            return True
    return False


def _streams(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each stream's first byte and its dictionary (the bytes after `obj`, up to 2 KB)."""
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()]
        if not head.rstrip().endswith(b">>"):
            continue  # the word inside some text, not a stream's start
        yield match.end(), head[head.rfind(b"obj") + 3 :] if b"obj" in head else head


def content_streams(data: bytes) -> Iterator[bytes | None]:
    """Every stream of the file that may hold page content (all but images and font
    programs), its filters undone, in file order; None for one with a filter other than
    Flate and the ASCII ones, with parameters, or that does not decode. A generator: the
    caller stops at the first it has its answer from."""
    for start, head in _streams(data):
        if _IMAGE.search(head) or _FONT_PROGRAM.search(head) or _INDEX.search(head):
            continue
        found = _FILTER.search(head)
        names = _NAME.findall(found.group(1)) if found else []
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        if (
            end < start
            or b"/DecodeParms" in head
            or b"/DP" in head
            or not set(names) <= set(_ASCII) | _FLATE
            or _FLATE & set(names[:-1])
        ):
            yield None
            continue
        body: bytes | None = data[start:end]
        if names and names[-1] in _FLATE:
            packed = _ascii_decoded(body, names[:-1]) if names[:-1] else body
            body = None if packed is None else _inflated(packed)
        elif names:
            body = _ascii_decoded(body, names)
        yield body


def _inflated(packed: bytes) -> bytes | None:
    inflater = zlib.decompressobj()
    try:
        body = inflater.decompress(packed)
    except zlib.error:
        return None
    return body if inflater.eof else None


def _packed_streams(data: bytes) -> list[tuple[int, int, list[bytes]]] | None:
    """Each Flate stream's start, end and filters; None for a filter we do not count."""
    streams = []
    for start, head in _streams(data):
        found = _FILTER.search(head)
        if not found or _IMAGE.search(head):
            continue
        names = _NAME.findall(found.group(1))
        if set(names) <= _IMAGE_FILTERS or set(names) <= set(_ASCII):
            continue
        if names[-1] not in _FLATE or not set(names[:-1]) <= set(_ASCII):
            return None
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        streams.append((start, end if end >= start else len(data), names))
    return streams


def _ascii_decoded(data: bytes, names: list[bytes]) -> bytes | None:
    """The stream's bytes with its ASCII filters undone (None when they do not decode)."""
    try:
        for name in names:
            body = data.strip()
            if _ASCII[name] == "a85":
                body = body.removesuffix(b"~>").removeprefix(b"<~")
                data = a85decode(body)
            else:
                body = re.sub(rb"\s", b"", body.split(b">", 1)[0])
                data = binascii.unhexlify(body + b"0" * (len(body) % 2))
    except ValueError:
        return None
    return data


def a85decode(body: bytes) -> bytes:
    """ASCII85 `body` (without its <~ ~> marks, whitespace allowed) decoded, as
    base64.a85decode does it, five characters at a time with numpy: base64's is Python, a
    loop per group, and reportlab writes every stream so. ValueError where it does not
    decode."""
    body = body.translate(None, _WHITESPACE)
    if b"z" in body:  # four zero bytes in one character: base64's own loop checks where
        return base64.a85decode(body)
    pad = -len(body) % 5
    digits = np.frombuffer(body + b"u" * pad, np.uint8).astype(np.uint64) - 33
    if pad == 4 or (digits > 84).any():
        return base64.a85decode(body)  # raises ValueError as base64 does
    groups = digits.reshape(-1, 5)
    values = groups[:, 0]
    for k in range(1, 5):
        values = values * 85 + groups[:, k]
    if (values > 0xFFFFFFFF).any():
        return base64.a85decode(body)
    decoded = values.astype(">u4").tobytes()
    return decoded[: len(decoded) - pad]


def _inflated_size(data: bytes, room: int) -> int | None:
    """Bytes the stream inflates to, counted up to `room` + 1; None when zlib cannot read it."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        inflater = zlib.decompressobj(wbits)
        size = 0
        pending = data
        try:
            while pending and size <= room and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue
        return size
    return None
