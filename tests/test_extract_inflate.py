"""Reading a PDF's streams before pdfium sees it (extract/inflate.py): the inflate bound, the
content streams with their filters undone, and ASCII85 decoded as base64 does it."""

from __future__ import annotations

import base64
import os
import zlib
from pathlib import Path

import pytest
from support.pdfs import assemble_pdf, render_flate_bomb, render_text_pdf

from extract.inflate import a85decode, content_streams, inflates_past

LIMITS = (16 * 1024 * 1024, 256 * 1024 * 1024)


def stream(head: bytes, body: bytes) -> bytes:
    return b"<< " + head + b" /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"


def test_a_flate_bomb_inflates_past_and_a_filing_does_not(tmp_path: Path) -> None:
    assert inflates_past(render_flate_bomb(tmp_path / "bomb.pdf").read_bytes(), *LIMITS)
    filing = render_text_pdf("A short filing.\n\nWith two paragraphs.", tmp_path / "f.pdf")
    assert not inflates_past(filing.read_bytes(), *LIMITS)


def test_content_streams_of_a_rendered_pdf_are_its_pages_drawing(tmp_path: Path) -> None:
    """reportlab writes [/ASCII85Decode /FlateDecode]: both undone."""
    pdf = render_text_pdf("A short filing.\f\nIts second page.", tmp_path / "f.pdf")
    streams = list(content_streams(pdf.read_bytes()))
    assert None not in streams
    assert sum(b"BT" in s and b"Tj" in s for s in streams) == 2


def test_content_streams_skip_images_fonts_and_indexes_and_flag_other_filters() -> None:
    drawing = b"BT /F1 12 Tf 72 712 Td (hello) Tj ET"
    data = assemble_pdf(
        [
            b"<< /Type /Catalog >>",
            stream(b"", drawing),  # no filter
            stream(b"/Filter /FlateDecode", zlib.compress(drawing + b" 2 Tc")),
            stream(b"/Filter [/ASCIIHexDecode]", drawing.hex().encode() + b">"),
            stream(b"/Subtype /Image /Filter /DCTDecode", b"\xff\xd8 not read"),
            stream(b"/Length1 9 /Filter /FlateDecode", zlib.compress(b"Tc glyphs")),
            stream(b"/Type /XRef /Filter /FlateDecode /DecodeParms << >>", b"\x00"),
            stream(b"/Filter /LZWDecode", b"\x80\x0b"),
            stream(b"/Filter /FlateDecode /DecodeParms << /Predictor 12 >>", b"x"),
            stream(b"/Filter /FlateDecode", b"not deflate"),
        ]
    )
    assert list(content_streams(data)) == [drawing, drawing + b" 2 Tc", drawing, None, None, None]


@pytest.mark.parametrize("size", [0, 1, 3, 4, 5, 255, 4096, 10_001])
def test_a85decode_is_base64s(size: int) -> None:
    for body in (os.urandom(size), bytes(size)):  # bytes(size): "z" for four zero bytes
        encoded = base64.a85encode(body, wrapcol=75)
        assert a85decode(encoded) == base64.a85decode(encoded, ignorechars=b" \t\n\r\v\f\x00")


@pytest.mark.parametrize("bad", [b"abc{", b's8W-"', b"s8W-#"])
def test_a85decode_refuses_what_base64_refuses(bad: bytes) -> None:
    with pytest.raises(ValueError):
        base64.a85decode(bad)
    with pytest.raises(ValueError):
        a85decode(bad)
