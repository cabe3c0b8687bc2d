"""The fast PDF reader: pdfium's characters, pdfminer.six's line grouping, our row rebuilding.

Why: pdfminer.six interprets content streams in pure Python (~80% of our reading time);
pdfium (pypdfium2) does it in C. pdfminer.six stays the reference (extract/read.py): this
reader repeats what that one does with pdfium's characters instead of pdfminer's, so both give
the same page text, which `scripts/compare_readers.py` checks on every gold document rendered
to PDF and on every real PDF:

- characters in content-stream order, each with pdfminer.six's box: from the glyph's origin
  to its advance width, the font's descent below the baseline and the font size tall, pages'
  coordinates moved so the media box starts at (0, 0) as pdfminer's are;
- text drawn inside a Form XObject left out, as pdfminer.six leaves it (it keeps a form as a
  figure and groups no text in it, `all_texts=False`);
- lines grouped by pdfminer.six's own rule (`LTLayoutContainer.group_objects` with our
  LAParams), word gaps as its `LTTextLineHorizontal.add` puts them, and rows rebuilt by the
  extract/rows.py both readers share.

pdfium's text page is not a plain list of the drawn glyphs, and what we take from it is
checked page by page:
- it sorts the text objects of one line by x: they are put back in drawing order;
- it leaves out a text object under 0.01 pt wide (real filings draw lone spaces so): the
  object's string is read from the page's content stream (`_shows`: the n-th text-showing
  operator is pdfium's n-th text object) and pdfminer.six's own font says what glyph it is,
  its advance and descent (`_Miner.lone_glyph`), at pdfium's origin for the object;
- pdfminer.six leaves out the character spacing after the last glyph of a text-showing
  operator and adds it before the first glyph of a TJ that starts with a displacement, where
  pdfium follows the PDF specification: where character or word spacing is set, every text
  object is moved to where pdfminer.six draws it (`_Show.offset`);
- its loose box is joined with the glyph's ink where the ink reaches past the advance
  (Helvetica's j starts left of its origin): the box starts at the glyph's origin, and ends
  at the advance pdfium gives for the character where the ink reaches the right edge;
- it drops a text object drawn twice (fake bold), turns a line-end hyphen into U+0002, puts
  /ActualText in place of the glyphs, guesses a character without a Unicode map where
  pdfminer.six prints "(cid:N)", and maps some CJK codes otherwise, and the codes of a
  symbolic font the PDF does not embed (Symbol) in the font's own encoding, where
  pdfminer.six takes the standard one.
A page where any of that cannot be put right (and a rotated page or rotated text, a gap
within 0.005 pt of one of pdfminer.six's grouping thresholds, rows that change when the
coordinates are rounded) is read by pdfminer.six alone (`_Miner.read`, through
extract/content_ops.py: a page's layout is its own, so the page is the one pdfminer.six reads
in the whole file), every page of a file too. pdfium is offered no font of the machine
(`_without_system_fonts`), so its text page is the same on every machine; the per-character
calls run in C (extract/pdfium_chars.py). A file pdfium cannot open,
an encrypted one, one without its %%EOF, a document with almost no text (scanned or empty), one
whose streams might inflate past `STREAM_LIMIT` (pdfium aborts the process when memory runs
out, where pdfminer.six raises MemoryError under the worker's limit), or whose pages
pdfminer.six counts otherwise: `read_pages` returns why and pdfminer.six reads the whole file,
so errors and their reasons stay the reference's.
"""

from __future__ import annotations

import ctypes
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np

from extract import pdfium_chars
from extract.inflate import a85decode, content_streams, inflates_past
from extract.rows import Cell, page_text, page_text_carried

#: pdfminer.six's LAParams as extract/read.py sets them (LAPARAMS_KW), line_overlap its default
LINE_OVERLAP = 0.5
CHAR_MARGIN = 0.8
WORD_MARGIN = 0.1
#: a document with a stream inflating past STREAM_LIMIT, or all past TOTAL_LIMIT, is read by
#: pdfminer.six (see the module doc): pdfium needed ~15x a page's content stream in memory
#: (490 MB for 32 MB), and a worker has 1.5 GB of address space, spaCy included
STREAM_LIMIT = 16 * 1024 * 1024
TOTAL_LIMIT = 256 * 1024 * 1024
#: distances this close to a threshold of pdfminer.six's grouping are not vouched for (pt)
EDGE = 0.005
#: code points pdfium puts where pdfminer.six has a glyph of its own (hyphen, no Unicode), and
#: the bullet pdfium gives WinAnsi's undefined codes (0x7F ...), which pdfminer.six prints as
#: "(cid:127)"
_PDFIUM_MARKS = ("\x02", "\ufffe", "\ufffd", "\x00", "\u2022")


class _NotVouched(Exception):  # noqa: N818 - control flow inside this module
    """pdfium's text may differ from pdfminer.six's here: pdfminer.six reads the file."""


def read_pages(
    data: bytes, *, max_pages: int | None = None, reasons: list[str | None] | None = None
) -> tuple[list[str], int, int] | str:
    """The PDF's pages' text as pdfminer.six reads it, its number of pages that show only
    images, and its page count; or, where pdfminer.six must read the whole file, why (a few
    words). Each page pdfium cannot vouch for is read by pdfminer.six alone (`_pdfminer_pages`);
    `reasons`, when given, receives one entry per page read: None for pdfium, else why not."""
    if b"%%EOF" not in data[-4096:]:
        return "no %%EOF"
    if b"/Encrypt" in data:
        return "encrypted"
    if inflates_past(data, STREAM_LIMIT, TOTAL_LIMIT):
        return "streams past the inflate limits"
    lib = _pdfium()
    buf = ctypes.create_string_buffer(data, len(data))
    doc = lib.raw.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        return "pdfium cannot open it"
    declined: dict[int, str] = {}
    try:
        if lib.raw.FPDF_GetSecurityHandlerRevision(doc) != -1:
            return "encrypted"
        page_count = lib.raw.FPDF_GetPageCount(doc)
        # each page's lines and width, and its text read alone (with no columns carried in)
        lines: list[tuple[list[Cell], float, tuple[str, list[float] | None] | None]] = []
        figures: list[int] = []
        miner = _Miner(data, page_count)
        for number in range(page_count if max_pages is None else min(page_count, max_pages)):
            try:
                # a font's metrics are kept for one page: pdfium may free a font when its
                # page closes, and another font may come at the same address
                cells, width, images, alone = _read_page(lib, doc, number, {}, miner)
            except _NotVouched as exc:
                declined[number] = str(exc)
                cells, width, images, alone = [], 595.0, 0, None
            lines.append((cells, width, alone))
            figures.append(images)
    finally:
        lib.raw.FPDF_CloseDocument(doc)
    if declined:  # every page, too: each is read as pdfminer.six reads it in the whole file
        read = miner.read(sorted(declined))
        if isinstance(read, str):
            return read
        for number, (cells, width, images) in read.items():
            lines[number], figures[number] = (cells, width, None), images
    pages: list[str] = []
    carry: list[float] | None = None  # a board in columns that goes on over the page break
    for cells, width, alone in lines:  # in page order, as extract/read.py reads them
        if alone is not None and carry is None:
            text, carry = alone  # the page as its vouching read it: no need to read it again
        else:
            text, carry = page_text_carried(cells, width, carry)
        pages.append(text)
    if reasons is not None:
        reasons[:] = [declined.get(number) for number in range(len(pages))]
    if sum(len(p.strip()) for p in pages) < 20:
        return "almost no text"  # scanned or empty: pdfminer.six says which, in its words
    image_pages = sum(
        bool(images and not text.strip()) for text, images in zip(pages, figures, strict=True)
    )
    return pages, image_pages, max(page_count, len(pages))


class _Miner:
    """pdfminer.six's view of the document, opened only when a page needs it: it reads the
    pages pdfium declined (`read`) and tells what a lone glyph pdfium's text page leaves out
    is (`lone_glyphs`)."""

    def __init__(self, data: bytes, page_count: int) -> None:
        self.data = data
        self.page_count = page_count
        self._pages: list | None = None
        self._spacing_free: bool | None = None

    def pages(self) -> list:
        """pdfminer.six's pages, when it finds the ones pdfium does (else _NotVouched)."""
        if self._pages is None:
            from pdfminer.converter import PDFPageAggregator
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfinterp import PDFResourceManager
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            from extract.char_boxes import char_boxes
            from extract.content_ops import FastInterpreter

            self._pages = []
            try:
                document = PDFDocument(PDFParser(io.BytesIO(self.data)))
                self.resources = PDFResourceManager(caching=True)
                # no layout analysis: its lines are made by `_group` (`_exact_cells`)
                self.device = char_boxes(PDFPageAggregator)(self.resources, laparams=None)
                self.interpreter = FastInterpreter(self.resources, self.device)
                self._pages = list(PDFPage.create_pages(document))
            except Exception:  # noqa: BLE001 - the reference reads the file and says what failed
                self._pages = []
        if len(self._pages) != self.page_count:
            raise _NotVouched("pdfminer.six and pdfium count the pages apart")
        return self._pages

    def read(self, numbers: list[int]) -> dict[int, tuple[list[Cell], float, int]] | str:
        """Pages `numbers` (0-based) read by pdfminer.six exactly as extract/read.py reads
        them: each page's layout is its own (the interpreter starts every page afresh), so a
        page read alone is the page read in the whole file. Only where pdfminer.six finds the
        same pages as pdfium; on any error pdfminer.six reads the whole file and reports it.
        pdfminer.six's characters, its lines grouped by `_group` (`_exact_cells`)."""
        try:
            pages = self.pages()
        except _NotVouched as exc:
            return str(exc)
        found: dict[int, tuple[list[Cell], float, int]] = {}
        try:
            for number in numbers:
                self.device.chars = []
                self.interpreter.process_page(pages[number])
                found[number] = _exact_cells(self.device.get_result(), self.device.chars)
        except Exception:  # noqa: BLE001 - the reference reads the file and says what failed
            return "pdfminer.six fails on a page pdfium declined"
        return found

    def stream(self, number: int) -> bytes:
        """Page `number`'s content stream, as pdfminer.six reads it."""
        from pdfminer.pdftypes import resolve1

        page = self.pages()[number]
        try:
            return b"\n".join(_decoded(resolve1(c)) for c in page.contents)
        except Exception:  # noqa: BLE001 - pdfminer.six will say it itself
            raise _NotVouched("a content stream pdfminer.six cannot read") from None

    def font(self, number: int, name: bytes) -> object:
        """The pdfminer.six font page `number` names `name` in its resources."""
        from pdfminer.pdftypes import PDFObjRef, resolve1

        fonts = resolve1(self.pages()[number].resources.get("Font")) or {}
        key = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m.group(1).decode()), name)
        ref = fonts.get(key.decode("latin-1"))
        spec = resolve1(ref)
        if not isinstance(spec, dict):
            raise _NotVouched("a font pdfminer.six does not find")
        try:
            return self.resources.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
        except Exception:  # noqa: BLE001 - pdfminer.six will say it itself
            raise _NotVouched("a font pdfminer.six cannot read") from None

    def shows(self, number: int, objects: int, missing: bool) -> list[_Show] | None:
        """The page's text-showing operators, the n-th being pdfium's n-th text object; None
        when there is nothing they would change (no object left out, no character spacing
        or word spacing set: pdfium's positions are then pdfminer.six's)."""
        if not missing and self.spacing_free():
            return None
        stream = self.stream(number)
        if not missing and not _sets_spacing(stream):
            return None
        shows = _shows(stream)
        if len(shows) != objects:
            raise _NotVouched("text operators and pdfium's text objects apart")
        for show in shows:
            if show.word_space and _word_spacing_apart(self.font(number, show.font), show.string):
                raise _NotVouched("word spacing in a CID font")
        return shows

    def spacing_free(self) -> bool:
        """Whether no stream of the file sets character or word spacing or uses the "
        operator: read once from the file's streams, without pdfminer.six's document."""
        if self._spacing_free is None:
            self._spacing_free = not any(
                stream is None or _sets_spacing(stream) for stream in content_streams(self.data)
            )
        return self._spacing_free

    def lone_glyph(self, number: int, show: _Show) -> tuple[str, float, float, str]:
        """What pdfminer.six draws for a text object pdfium's text page leaves out: its one
        glyph's text, width in text space, the font's descent and base font name (without
        a subset tag). _NotVouched where any of it is in doubt."""
        if show.moved:
            raise _NotVouched("a left-out glyph displaced in its TJ")
        if show.scaled:
            raise _NotVouched("horizontal scaling or text rise")
        font = self.font(number, show.font)
        if font.is_vertical():
            raise _NotVouched("vertical text")
        cids = list(font.decode(show.string))
        if len(cids) != 1:
            raise _NotVouched("a left-out text object of several glyphs")
        try:
            text = font.to_unichr(cids[0])
        except Exception:  # noqa: BLE001 - pdfminer.six prints the CID
            text = f"(cid:{cids[0]})"
        basefont = font.basefont
        basefont = basefont.split("+", 1)[-1] if basefont[6:7] == "+" else basefont
        return text, font.char_width(cids[0]), font.get_descent(), basefont


def _exact_cells(layout: object, drawn: list) -> tuple[list[Cell], float, int]:
    """A page pdfminer.six interpreted without layout analysis, as `extract.read.page_cells`
    gives it after the analysis with our LAParams (boxes_flow=None, so no box is regrouped):
    its top-level characters (`drawn`, boxed by extract/char_boxes.py) grouped into lines by
    `_group` on pdfminer.six's own boxes (the same arithmetic, in 64-bit floats: no gap is in
    doubt; pdfminer.six keeps a line without width, a lone bullet, outside its boxes), its
    width and its figures and images. Line order differs (pdfminer.six orders its text
    boxes); rows.py orders lines by position. ~25-35% of a page's reading was the analysis."""
    from pdfminer.layout import LTFigure, LTImage

    images = sum(isinstance(obj, LTFigure | LTImage) for obj in layout)  # type: ignore[attr-defined]
    width = getattr(layout, "width", 595.0)
    if not drawn:
        return [], width, images
    texts, x0, y0, x1, y1 = zip(*drawn, strict=True)
    lines = _group(list(texts), *(np.array(side) for side in (x0, y0, x1, y1)), exact=True)
    return lines, width, images


def _decoded(stream: object) -> bytes:
    """A content stream's bytes: Flate, after ASCII85 as reportlab writes it, with zlib and
    base64 (pdfminer.six's own ASCII85 decoder is Python, byte by byte); else pdfminer.six's
    get_data."""
    filters = [name for name, params in stream.get_filters() if not params]  # type: ignore[attr-defined]
    names = [str(getattr(f, "name", f)) for f in filters]
    if len(filters) == len(stream.get_filters()) and names in (
        ["FlateDecode"],
        ["ASCII85Decode", "FlateDecode"],
    ):  # type: ignore[attr-defined]  # noqa: E501
        data = stream.rawdata  # type: ignore[attr-defined]
        if names[0] == "ASCII85Decode":
            body = data.strip().removesuffix(b"~>").removeprefix(b"<~")
            data = a85decode(body)
        try:
            return zlib.decompress(data)
        except zlib.error:
            pass
    return stream.get_data()  # type: ignore[attr-defined]


def _word_spacing_apart(font: object, string: bytes) -> bool:
    """Whether pdfium and pdfminer.six add word spacing after different glyphs of `string`:
    pdfium after a one-byte code 32, pdfminer.six after CID 32 (the same in a simple font).
    Codes are split as pdfminer.six's CMap splits them."""
    if not font.is_multibyte():  # type: ignore[attr-defined]
        return False
    start = getattr(getattr(font, "cmap", None), "code2cid", None)
    if not isinstance(start, dict):  # Identity-H and the like: two-byte codes
        return 32 in font.decode(string)  # type: ignore[attr-defined]
    node, length = start, 0
    for byte in string:
        length += 1
        found = node.get(byte)
        if isinstance(found, int):
            if (found == 32) != (length == 1 and byte == 32):
                return True
            node, length = start, 0
        elif found is None:
            node, length = start, 0
        else:
            node = found
    return False


@dataclass
class _Show:
    """One text-showing operator of a content stream."""

    #: its string's pieces: bytes, or a literal string token with escapes not yet decoded
    #: (a CJK line holds a hundred; only a left-out glyph's string is ever read)
    pieces: tuple[bytes | _Escaped, ...]
    font: bytes
    size: float
    #: a TJ that displaces its first glyph (pdfminer.six adds the character spacing there)
    moved: bool
    #: where pdfminer.six draws it right of where pdfium does, in text space: pdfminer.six
    #: leaves out the character spacing after the last glyph of the operators before it
    #: since the line was placed, and adds it before the first glyph of a displaced TJ
    offset: float
    #: word spacing is set and the string holds a byte 32
    word_space: bool
    #: horizontal scaling or text rise is set
    scaled: bool

    @property
    def string(self) -> bytes:
        return _joined(self.pieces)


class _Escaped(bytes):
    """A literal string token, parentheses and escapes as written."""


def _joined(pieces: tuple[bytes | _Escaped, ...] | list[bytes | _Escaped]) -> bytes:
    return b"".join(_literal(p) if isinstance(p, _Escaped) else p for p in pieces)


#: a literal string's body that decodes to nothing: line continuations only
_NOTHING = re.compile(rb"(?:\\(?:\r\n|\r|\n))*")


#: the character and word spacing operators, and those that set them to 0 (a page with no
#: other, and without the " operator, needs no `_shows`)
_SPACING = re.compile(rb"(?<![^\s\[\]()<>{}/%])T[cw](?![^\s\[\]()<>{}/%])")
#: the " operator, after its string (a quote inside a string only matches next to a bracket)
_QUOTE_OP = re.compile(rb"[)>]\s*\"(?![^\s\[\]()<>{}/%])")
_NO_SPACING = re.compile(
    rb"(?<![^\s\[\]()<>{}/%])[-+]?(?:0+\.?0*|\.0+)\s+T[cw](?![^\s\[\]()<>{}/%])"
)


def _sets_spacing(stream: bytes) -> bool:
    """Whether a content stream sets character or word spacing, or uses the " operator.
    (The plain byte tests first: the patterns' look-behinds try every byte of a stream.)"""
    if b'"' in stream and _QUOTE_OP.search(stream):
        return True
    if b"Tc" not in stream and b"Tw" not in stream:
        return False
    return len(_SPACING.findall(stream)) != len(_NO_SPACING.findall(stream))


#: the content-stream tokens `_shows` reads; anything else is skipped over. A literal string
#: with parentheses inside, an inline image, or Tf, Tz or Ts not in their plain form is `odd`
_TOKENS = re.compile(
    rb"(?P<str>\([^()\\]*(?:\\.[^()\\]*)*\))"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|<<|>>|%[^\r\n]*"
    rb"|/(?P<font>[^\s/\[\]()<>{}%]*)\s+(?P<size>[-+]?(?:\d+\.?\d*|\.\d+))\s+Tf"
    rb"(?![^\s\[\]()<>{}/%])"
    rb"|(?P<value>[-+]?(?:\d+\.?\d*|\.\d+))\s+(?P<set>Tz|Ts|Tc|Tw)(?![^\s\[\]()<>{}/%])"
    rb"|/[^\s/\[\]()<>{}%]*"
    rb"|(?P<open>\[)|(?P<close>\])"
    rb"|(?<![^\s\[\]()<>{}/%])(?P<op>Tj|TJ|'|\"|q|Q|BI|BT|Td|TD|Tm|T\*|Tf|Tz|Ts|Tc|Tw)"
    rb"(?![^\s\[\]()<>{}/%])"
    rb"|(?P<odd>[()])",
    re.S,
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.S)


def _literal(token: bytes) -> bytes:
    def one(m: re.Match) -> bytes:
        if m.group(1):
            return bytes([int(m.group(1), 8) & 0xFF])
        if m.group(2):
            return b""
        return _ESCAPES.get(m.group(3), m.group(3))

    return _ESCAPE.sub(one, token[1:-1])


def _shows(stream: bytes) -> list[_Show]:
    """A page content stream's text-showing operators that draw a string, in order
    (_NotVouched on anything `_TOKENS` does not read plainly)."""
    shows: list[_Show] = []
    # the text state q and Q keep: font, size, character and word spacing, scaling and rise
    state = [b"", 0.0, 0.0, 0.0, 100.0, 0.0]
    saved: list[list] = []
    pending = 0.0  # the character spacing pdfminer.six leaves out since the line was placed
    last: bytes = b""  # or an _Escaped token
    array: list[bytes] = []
    in_array = False
    opened = first = 0
    for m in _TOKENS.finditer(stream):
        kind = m.lastgroup
        if kind == "str" or kind == "hex":
            token = m.group(kind)
            if kind == "str":
                if b"\\" not in token:
                    last = token[1:-1]
                elif _NOTHING.fullmatch(token, 1, len(token) - 1):
                    last = b""
                else:
                    last = _Escaped(token)  # not empty: decoded when read (_joined)
            else:
                digits = re.sub(rb"\s", b"", token[1:-1])
                last = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
            if in_array:
                if not first and last:
                    first = m.start()
                array.append(last)
        elif kind == "open":
            in_array, array, opened, first = True, [], m.end(), 0
        elif kind == "close":
            in_array = False
        elif kind == "size":
            state[0], state[1] = m.group("font"), float(m.group("size"))
        elif kind == "set":
            state[(b"Tc", b"Tw", b"Tz", b"Ts").index(m.group("set")) + 2] = float(m.group("value"))
        elif kind == "op":
            op = m.group("op")
            if op == b"q":
                saved.append(list(state))
            elif op == b"Q":
                state = saved.pop() if saved else state
            elif op in (b"BT", b"Td", b"TD", b"Tm", b"T*"):
                pending = 0.0
            elif op in (b"Tj", b"TJ", b"'"):
                if op == b"'":
                    pending = 0.0
                pieces = tuple(array) if op == b"TJ" else (last,)
                if not any(pieces):
                    continue
                moved = op == b"TJ" and bool(stream[opened:first].strip())
                font, size, char_space, word_space, scale, rise = state
                shows.append(
                    _Show(
                        pieces,
                        font,
                        size,
                        moved,
                        -pending + (char_space if moved else 0.0),
                        word_space != 0 and b" " in _joined(pieces),
                        scale != 100 or rise != 0,
                    )
                )
                pending += char_space
            else:  # BI, ", or Tf, Tc, Tw, Tz, Ts not after plain operands
                raise _NotVouched("an inline image or an unusual text operator")
        elif kind == "odd":
            raise _NotVouched("a string with parentheses inside")
    return shows


class _Lib:
    """pypdfium2's raw functions, and those called once per character or page object as plain
    C function pointers taking and giving handles as ints: no ctypes pointer object per call,
    and `map` calls the per-character ones without Python in between."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        raw.FPDF_InitLibrary()
        self.raw = raw
        # kept here: pdfium calls them for as long as the process reads PDFs
        self.font_info, self.font_callbacks = _without_system_fonts(raw)
        raw.FPDF_SetSystemFontInfo(ctypes.byref(self.font_info))
        handle, number, result = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        self.loose_box = _plain(raw.FPDFText_GetLooseCharBox, number, handle, number, handle)
        self.origin = _plain(raw.FPDFText_GetCharOrigin, number, handle, number, handle, handle)
        self.tight_box = _plain(
            raw.FPDFText_GetCharBox, number, handle, number, handle, handle, handle, handle
        )
        self.text_object = _plain(raw.FPDFText_GetTextObject, result, handle, number)
        self.is_generated = _plain(raw.FPDFText_IsGenerated, number, handle, number)
        self.map_error = _plain(raw.FPDFText_HasUnicodeMapError, number, handle, number)
        self.get_object = _plain(raw.FPDFPage_GetObject, result, handle, number)
        self.object_type = _plain(raw.FPDFPageObj_GetType, number, handle)
        self.matrix = _plain(raw.FPDFPageObj_GetMatrix, number, handle, handle)
        self.count_marks = _plain(raw.FPDFPageObj_CountMarks, number, handle)
        self.font_size = _plain(raw.FPDFTextObj_GetFontSize, number, handle, handle)
        self.font = _plain(raw.FPDFTextObj_GetFont, result, handle)
        self.get_mark = _plain(raw.FPDFPageObj_GetMark, result, handle, ctypes.c_ulong)
        self.param_type = _plain(
            raw.FPDFPageObjMark_GetParamValueType, number, handle, ctypes.c_char_p
        )
        self.glyph_width = _plain(
            raw.FPDFFont_GetGlyphWidth, number, handle, ctypes.c_uint32, ctypes.c_float, handle
        )


def _without_system_fonts(raw) -> tuple[object, list]:  # noqa: ANN001
    """pdfium's font-info interface offering no font of the machine's: a font a PDF does not
    embed is drawn with pdfium's own (its standard 14), alike on every machine. Why: looking
    fonts up and loading them cost ~2 ms a filing (a CJK font file is 10-20 MB), and the
    text page depended on them (with a CJK font installed, pdfium keeps one-glyph CJK text
    objects it leaves out without one). The structure and its callbacks."""
    info = raw.FPDF_SYSFONTINFO()
    kinds = dict(raw.FPDF_SYSFONTINFO._fields_)
    stubs = {
        "Release": lambda this: None,
        "EnumFonts": lambda this, mapper: None,
        "MapFont": lambda this, weight, italic, charset, family, face, exact: None,
        "GetFont": lambda this, face: None,
        "GetFontData": lambda this, font, table, buffer, size: 0,
        "GetFaceName": lambda this, font, buffer, size: 0,
        "GetFontCharset": lambda this, font: 0,
        "DeleteFont": lambda this, font: None,
    }
    info.version = 1
    callbacks = [kinds[name](stub) for name, stub in stubs.items()]
    for name, callback in zip(stubs, callbacks, strict=True):
        setattr(info, name, callback)
    return info, callbacks


def _plain(function: object, result: type, *arguments: type) -> object:
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(result, *arguments)(address)


@cache
def _pdfium() -> _Lib:
    return _Lib()


def _address(handle: object) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _read_page(
    lib: _Lib, doc: object, number: int, fonts: dict, miner: _Miner
) -> tuple[list[Cell], float, int, tuple[str, list[float] | None]]:
    raw = lib.raw
    page = raw.FPDF_LoadPage(doc, number)
    if not page:
        raise _NotVouched("pdfium cannot load a page")
    try:
        if raw.FPDFPage_GetRotation(page) != 0:
            raise _NotVouched("rotated page")
        x0, y0, width = _media_box(raw, page)
        objects = _PageObjects(lib, page, fonts)
        textpage = raw.FPDFText_LoadPage(page)
        if not textpage:
            raise _NotVouched("pdfium cannot load a text page")
        try:
            lines = _lines(lib, textpage, objects, x0, y0, (miner, number))
        finally:
            raw.FPDFText_ClosePage(textpage)
    finally:
        raw.FPDF_ClosePage(page)
    return lines, width, objects.figures, _rows(lines, width)


def _rows(lines: list[Cell], width: float) -> tuple[str, list[float] | None]:
    """The page's text from its lines (extract/rows.py), where the rows do not hang on how
    the last digits of a coordinate fall: our coordinates are pdfium's 32-bit floats, a few
    millionths of a point off pdfminer.six's, and a row rule may compare a gap with a
    threshold it equals in exact arithmetic (a real PDF justifies a line with a 7.2 pt gap,
    0.6 of its 12 pt height). The text is made again from coordinates rounded to 0.01 pt,
    where a writer's round numbers fall as pdfminer.six computes them; if it differs,
    pdfminer.six reads the page. A check, not a proof: docs/extraction.md. Also the columns of
    a table of names the page ends in (extract/rows.page_text_carried)."""
    text, carry = page_text_carried(lines, width)
    for digits in (2,):
        rounded = [
            Cell(round(c.x0, digits), round(c.y0, digits), round(c.x1, digits),
                 round(c.y1, digits), c.text)
            for c in lines
        ]  # fmt: skip
        if page_text(rounded, width) != text:
            raise _NotVouched("a row rule on the edge of a threshold")
    return text, carry


def _media_box(raw, page) -> tuple[float, float, float]:  # noqa: ANN001
    """The media box's lower left corner and width (pdfminer.six's page starts at (0, 0))."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return 0.0, 0.0, 612.0
    return min(left.value, right.value), min(bottom.value, top.value), abs(right.value - left.value)


class _PageObjects:
    """The page's top-level text objects in drawing order, with each one's font size as drawn
    and the shift from pdfium's descent to pdfminer.six's; the text objects inside forms; the
    figures (forms and images: pdfminer.six's LTFigure/LTImage at the page's top level)."""

    def __init__(self, lib: _Lib, page: object, fonts: dict) -> None:
        raw = lib.raw
        self.order: list[int] = []
        #: per text object: the font size as drawn, and how far pdfminer.six's box reaches
        #: below pdfium's bottom, left of its left and right of its right (skewed text)
        self.size: dict[int, float] = {}
        self.shift: dict[int, tuple[float, float, float]] = {}
        #: text objects in a font that is not embedded and not a standard one: the CJK
        #: character collection pdfminer.six maps its codes through, or "" when unknown
        self.mapping: dict[int, str] = {}
        self.in_forms: set[int] = set()
        self.figures = 0
        #: text objects in a font the file does not embed
        self.unembedded: set[int] = set()
        #: per text object: its matrix (a, b, c, d, e, f) and font size as drawn
        self.drawn: dict[int, tuple[float, ...]] = {}
        #: per text object: how far pdfium's advance box reaches left and right of the glyph's
        #: origin and advance, its top and bottom moved sideways by the skew (0, 0 unskewed)
        self.skew: dict[int, tuple[float, float]] = {}
        matrix = raw.FS_MATRIX()
        size = ctypes.c_float()
        matrix_at, size_at = ctypes.addressof(matrix), ctypes.addressof(size)
        page_at = _address(page)
        for k in range(raw.FPDFPage_CountObjects(page)):
            obj = lib.get_object(page_at, k)
            kind = lib.object_type(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                lib.matrix(obj, matrix_at)
                if matrix.b != 0 or matrix.a <= 0 or matrix.d <= 0:
                    raise _NotVouched("rotated or mirrored text")
                if _has_actual_text(lib, obj):
                    raise _NotVouched("/ActualText")
                lib.font_size(obj, size_at)
                pdfium_descent, pdfium_ascent, descent, mapping, embedded, symbolic = _metrics(
                    raw, lib.font(obj), fonts
                )
                if symbolic:
                    raise _NotVouched("a symbolic font not embedded")
                if not embedded:
                    self.unembedded.add(obj)
                if mapping:
                    self.mapping[obj] = mapping
                # Both boxes are a glyph box in font units through the text matrix: pdfium's
                # from descent to ascent, pdfminer.six's from its descent, one unit tall. The
                # skew (c) moves their top and bottom edges sideways.
                skew = matrix.c * size.value
                ours = (skew * descent, skew * (descent + 1))
                theirs = (skew * pdfium_descent, skew * pdfium_ascent)
                self.order.append(obj)
                self.size[obj] = size.value * matrix.d
                self.drawn[obj] = (
                    matrix.a,
                    matrix.b,
                    matrix.c,
                    matrix.d,
                    matrix.e,
                    matrix.f,
                    size.value,
                )
                self.skew[obj] = (min(theirs), max(theirs))
                self.shift[obj] = (
                    size.value * matrix.d * (descent - pdfium_descent),
                    min(ours) - min(theirs),
                    max(ours) - max(theirs),
                )
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                self.figures += 1
                self._collect_form_text(raw, ctypes.cast(obj, raw.FPDF_PAGEOBJECT))
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.figures += 1

    def _collect_form_text(self, raw, form) -> None:  # noqa: ANN001
        for k in range(raw.FPDFFormObj_CountObjects(form)):
            obj = raw.FPDFFormObj_GetObject(form, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                self.in_forms.add(_address(obj))
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                self._collect_form_text(raw, obj)


def _has_actual_text(lib: _Lib, obj: int) -> bool:
    """Whether one of the object's marked-content marks has an /ActualText parameter."""
    for k in range(lib.count_marks(obj)):
        mark = lib.get_mark(obj, k)
        if lib.param_type(mark, b"ActualText") != lib.raw.FPDF_OBJECT_UNKNOWN:
            return True
    return False


def _metrics(raw, font: int, fonts: dict) -> tuple[float, float, float, str | None, bool, bool]:  # noqa: ANN001, E501
    """The font's descent and ascent per unit of font size as pdfium takes them, its descent
    as pdfminer.six does, and, for a font that is neither embedded nor one of the standard
    ones, the CJK collection pdfminer.six maps its characters through ("" if none we know);
    whether it is embedded, and whether it is a symbolic font, not embedded, other than a CJK
    one (Symbol, ZapfDingbats: reportlab draws α, μ, − and ≤ in Symbol; pdfium reads the
    codes in the font's own encoding, pdfminer.six in the standard one, α as "a").
    Both read the descent from the font's descriptor, except for the standard fonts
    pdfminer.six knows by name (Helvetica, Times-Roman, Arial, ...), whose metrics come from
    its own AFM table."""
    if font not in fonts:
        handle = ctypes.cast(font, raw.FPDF_FONT)
        descent, ascent = ctypes.c_float(), ctypes.c_float()
        raw.FPDFFont_GetDescent(handle, 1.0, descent)
        raw.FPDFFont_GetAscent(handle, 1.0, ascent)
        name = _base_font_name(raw, handle)
        standard = _standard_descents().get(name)
        mapping = None
        if standard is None and not raw.FPDFFont_GetIsEmbedded(handle):
            mapping = next((c for p, c in _CJK_FONTS.items() if name.startswith(p)), "")
        fonts[font] = (
            descent.value,
            ascent.value,
            descent.value if standard is None else standard,
            mapping,
            bool(raw.FPDFFont_GetIsEmbedded(handle)),
            not raw.FPDFFont_GetIsEmbedded(handle)
            and bool(raw.FPDFFont_GetFlags(handle) & _SYMBOLIC)
            and not mapping,
        )
    return fonts[font]


#: the font descriptor's flag of a font whose glyphs are outside the standard Latin set
_SYMBOLIC = 4

#: Adobe's CJK fonts a PDF names without embedding them, and their character collections
_CJK_FONTS = {
    "STSong": "GB1",
    "STHeiti": "GB1",
    "AdobeSong": "GB1",
    "MSung": "CNS1",
    "MHei": "CNS1",
    "AdobeMing": "CNS1",
    "HeiseiMin": "Japan1",
    "HeiseiKakuGo": "Japan1",
    "KozMin": "Japan1",
    "HYSMyeongJo": "Korea1",
    "HYGoThic": "Korea1",
    "HYGothic": "Korea1",
}


_UCS2_CMAPS = {"GB1": "UniGB-UCS2-H", "CNS1": "UniCNS-UCS2-H", "Japan1": "UniJIS-UCS2-H",
               "Korea1": "UniKS-UCS2-H"}  # fmt: skip


@cache
def _maps_alike(char: str, collection: str) -> bool:
    """Whether pdfminer.six reads `char` drawn in a CJK font of `collection` (its Unicode
    CMap, UCS-2 as reportlab and most writers use it) as pdfium does: pdfminer.six goes from
    the code to the CID and back to Unicode through Adobe's table, which gives some characters
    another one, or none (U+2027 read as nothing, a held-out document showed)."""
    from pdfminer.cmapdb import CMapDB

    try:
        cmap = CMapDB.get_cmap(_UCS2_CMAPS[collection])
        unicode_map = CMapDB.get_unicode_map(f"Adobe-{collection}")
        cids = list(cmap.decode(char.encode("utf-16-be")))
        return bool(cids) and "".join(unicode_map.get_unichr(cid) for cid in cids) == char
    except (KeyError, ValueError, CMapDB.CMapNotFound):
        return False


def _base_font_name(raw, font) -> str:  # noqa: ANN001
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buf, size)
    return buf.value.decode("latin-1")


@cache
def _standard_descents() -> dict[str, float]:
    from pdfminer.fontmetrics import FONT_METRICS

    return {
        name: float(descriptor.get("Descent") or 0) / 1000  # type: ignore[arg-type]
        for name, (descriptor, _) in FONT_METRICS.items()
    }


def _lines(
    lib: _Lib,
    textpage: object,
    objects: _PageObjects,
    dx: float,
    dy: float,
    where: tuple[_Miner, int],
) -> list[Cell]:
    """The page's text lines as pdfminer.six groups them, from pdfium's characters, and the
    lone glyphs pdfium leaves out (`_lone_glyphs`)."""
    raw = lib.raw
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        if objects.order:
            raise _NotVouched("a text object without characters")
        return []
    text = _text(raw, textpage, count)
    page = _address(textpage)
    # FS_RECTF is left, top, right, bottom
    box = pdfium_chars.loose_boxes(lib.loose_box, page, count).astype(np.float64)
    owners = pdfium_chars.objects(lib.text_object, page, count)
    keep = owners != 0
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    breaks = np.flatnonzero((codes == 32) | (codes == 10) | (codes == 13))
    keep[breaks[pdfium_chars.flags(lib.is_generated, page, breaks)]] = False
    if objects.in_forms:
        keep &= ~np.isin(owners, np.array(sorted(objects.in_forms), np.uint64))
    idx = np.flatnonzero(keep)
    if not len(idx):
        if objects.order:
            raise _NotVouched("a text object without characters")
        return []
    kept = owners[idx]
    runs = kept[np.r_[True, kept[1:] != kept[:-1]]]
    missing: list[int] = []
    if runs.tolist() != objects.order:
        if len(set(runs.tolist())) != len(runs):
            raise _NotVouched("a text object's characters apart")
        if not set(runs.tolist()) <= set(objects.order):
            raise _NotVouched("characters of an unknown text object")
        missing = sorted(set(objects.order) - set(runs.tolist()), key=objects.order.index)
        # pdfium sorted whole text objects of a line by x: put them back in drawing order
        # (each object's characters stay as they were, in the order its string draws them)
        order = np.array(objects.order, np.uint64)
        objs = np.sort(order)
        rank = np.empty(len(order), np.int64)
        rank[np.searchsorted(objs, order)] = np.arange(len(order))
        drawn = np.argsort(rank[np.searchsorted(objs, kept)], kind="stable")
        idx, kept = idx[drawn], kept[drawn]
        runs = kept[np.r_[True, kept[1:] != kept[:-1]]]
    chars = "".join(np.array(list(text))[idx].tolist())
    _loose_to_advance(lib, page, idx, kept, box, objects, chars)
    if not chars.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in set(chars)):
        raise _NotVouched("right-to-left text")  # pdfium's text page reverses it
    if pdfium_chars.flags(lib.map_error, page, idx).any():
        # pdfium guessed the character from its code (a font without /ToUnicode), where
        # pdfminer.six may print "(cid:N)" (a real PDF's GBK-EUC-H font)
        raise _NotVouched("a character without a Unicode map")
    if any(mark in chars for mark in _PDFIUM_MARKS):
        raise _NotVouched("a line-end hyphen, a bullet or a glyph without Unicode")
    if not chars.isascii() and objects.unembedded:
        # pdfminer.six maps a CJK font's code through its CID and back, which may give
        # another character for a symbol (a held-out document's one differed); an embedded
        # font's symbol (a real filing's U+2571) is read from its /ToUnicode by both, and a
        # character without one is declined above
        loose = np.isin(kept, np.array(sorted(objects.unembedded), np.uint64))
        codes = np.frombuffer(chars.encode("utf-32-le"), np.uint32)
        symbols = set(map(chr, np.unique(codes[loose]).tolist()))
        if any(unicodedata.category(c) == "So" for c in symbols):
            raise _NotVouched("a symbol character")
    if objects.mapping and not chars.isascii():
        run_starts = [*np.flatnonzero(np.r_[True, kept[1:] != kept[:-1]]).tolist(), len(chars)]
        for a, b, owner in zip(run_starts, run_starts[1:], runs.tolist(), strict=False):
            collection = objects.mapping.get(owner)
            for char in set(chars[a:b]) if collection is not None else ():
                if ord(char) > 127 and not (collection and _maps_alike(char, collection)):
                    raise _NotVouched("a character pdfminer.six maps through a CJK font's CIDs")
    order = np.array(objects.order, np.uint64)
    sorter = np.argsort(order)
    position = sorter[np.searchsorted(order, kept, sorter=sorter)]
    size = np.array([objects.size[o] for o in objects.order])[position]
    shift = np.array([objects.shift[o] for o in objects.order]).reshape(-1, 3)[position]
    x0 = box[idx, 0] + shift[:, 1] - dx
    x1 = box[idx, 2] + shift[:, 2] - dx
    y0 = box[idx, 3] + shift[:, 0] - dy
    y1 = y0 + size
    miner, number = where
    shows = miner.shows(number, len(objects.order), bool(missing))
    if shows is not None:
        # where pdfminer.six draws each object's characters off pdfium's place (_Show.offset)
        offset = np.array(
            [s.offset * objects.drawn[o][0] for s, o in zip(shows, objects.order, strict=True)]
        )
        x0, x1 = x0 + offset[position], x1 + offset[position]
    if missing:
        chars, x0, y0, x1, y1 = _with_lone_glyphs(
            lib, objects, missing, position, (chars, x0, y0, x1, y1), dx, dy, (miner, number, shows)
        )
    return _group(chars, x0, y0, x1, y1)


def _with_lone_glyphs(lib, objects, missing, position, drawn, dx, dy, where):  # noqa: ANN001, ANN202, PLR0913
    """The page's characters with those of the text objects pdfium's text page leaves out
    put back where they are drawn, each with pdfminer.six's box. pdfium skips a text object
    whose box is under 0.01 pt wide; real filings draw a lone space so, in a text object of
    its own (a blank glyph has no box). Only a lone glyph, upright, in a font pdfminer.six
    and pdfium name alike at the same size, is put back; else the page is not vouched for."""
    miner, number, shows = where
    chars, x0, y0, x1, y1 = drawn
    index = {obj: k for k, obj in enumerate(objects.order)}
    raw = lib.raw
    extra: list[tuple[int, str, float, float, float, float]] = []
    for obj in missing:
        show = shows[index[obj]]
        text, width, descent, basefont = miner.lone_glyph(number, show)
        size = show.size
        a, b, c, d, e, f, drawn_size = objects.drawn[obj]
        name = _base_font_name(raw, ctypes.cast(lib.font(obj), raw.FPDF_FONT))
        if b != 0 or abs(drawn_size - size) > 1e-4 * max(1.0, size) or name != basefont:
            raise _NotVouched("a left-out text object pdfminer.six may draw otherwise")
        # pdfminer.six's LTChar: its box in text space runs from the origin to the advance
        # (the glyph's width times the size) and from the descent below the baseline to the
        # size above it, through the text matrix
        e += a * show.offset
        low = descent * size
        left, right = sorted((c * low + e - dx, a * width * size + c * (low + size) + e - dx))
        bottom = d * low + f - dy
        extra.append(
            (
                int(np.searchsorted(position, index[obj])),
                text,
                left,
                bottom,
                right,
                bottom + d * size,
            )
        )
    at = [k for k, *_ in extra]
    pieces, start = [], 0
    for k, text, *_ in extra:
        pieces += [chars[start:k], text]
        start = k
    pieces.append(chars[start:])
    if any(len(text) != 1 for _, text, *_ in extra):
        raise _NotVouched("a left-out glyph of several characters")
    return (
        "".join(pieces),
        np.insert(x0, at, [g[2] for g in extra]),
        np.insert(y0, at, [g[3] for g in extra]),
        np.insert(x1, at, [g[4] for g in extra]),
        np.insert(y1, at, [g[5] for g in extra]),
    )


def _loose_to_advance(lib, page, idx, kept, box, objects, chars) -> None:  # noqa: ANN001, PLR0913
    """pdfium's loose box of a glyph is its advance from its origin, the font's height tall
    (a parallelogram where the text is skewed: its box reaches past the origin and the
    advance by `_PageObjects.skew`), joined with the glyph's outline where the ink reaches
    past that (Helvetica's j starts left of its origin): take the left edge from the origin
    where the ink reaches left, and vouch for the right edge and the bottom only where the
    ink does not reach them, or the advance pdfium gives the character agrees (_NotVouched
    else). `box` is changed in place."""
    ink = pdfium_chars.ink_boxes(lib.tight_box, page, idx)  # left, right, bottom, top
    origin = pdfium_chars.origins(lib.origin, page, idx)[:, 0]
    left, top, right, bottom = (box[idx, k] for k in range(4))
    order = np.array(objects.order, np.uint64)
    sorter = np.argsort(order)
    position = sorter[np.searchsorted(order, kept, sorter=sorter)]
    reach_left, reach_right = np.array([objects.skew[o] for o in objects.order]).reshape(-1, 2).T
    origin_left, reach_right = origin + reach_left[position], reach_right[position]
    if (left > origin_left + 1e-3).any():
        raise _NotVouched("a character box right of its origin")
    inked = (ink[:, 1] - ink[:, 0] > 1e-3) & (ink[:, 3] - ink[:, 2] > 1e-3)
    scale = np.array([objects.drawn[o][0] for o in objects.order])[position]
    size = np.array([objects.drawn[o][6] for o in objects.order])[position]
    if (inked & (top - bottom > scale * size + 1e-3) & (ink[:, 2] <= bottom + 1e-3)).any():
        raise _NotVouched("a glyph's ink below the font's descent")
    # where the ink reaches the right edge, the edge is the ink's: the advance is the one
    # pdfium gives the character's font for its Unicode, trusted for a font only where it
    # gives every other character of that font on the page its box's right edge
    reach = inked & (ink[:, 1] >= right - 1e-3)
    if reach.any():
        # the characters in a font of one reaching the right edge, and the advance pdfium
        # gives each
        object_fonts = np.array(list(map(lib.font, order.tolist())), np.uint64)
        fonts = object_fonts[position]
        check = np.flatnonzero(np.isin(fonts, np.unique(fonts[reach])))
        codes = np.frombuffer(chars.encode("utf-32-le"), np.uint32)[check]
        advance = pdfium_chars.glyph_widths(lib.glyph_width, fonts[check], codes, size[check])
        if advance is None:
            raise _NotVouched("a glyph pdfium gives no advance")
        end = origin[check] + scale[check] * advance + reach_right[check]
        if (
            (end > right[check] + 1e-3) | (~reach[check] & (np.abs(end - right[check]) > 1e-3))
        ).any():
            raise _NotVouched("a glyph's ink past its advance")
        right[check] = end
        box[idx, 2] = right
    box[idx, 0] = origin_left


def _text(raw, textpage, count: int) -> str:  # noqa: ANN001
    """The text page's characters, one per index (per character where UTF-16 pairs them)."""
    buf = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buf)
    text = ctypes.string_at(buf, 2 * max(0, written - 1)).decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _group(chars: str | list[str], x0, y0, x1, y1, *, exact: bool = False) -> list[Cell]:  # noqa: ANN001, E501 - numpy arrays
    """pdfminer.six's `group_objects` (horizontal lines) and `LTTextLineHorizontal.add`, on
    whole arrays: a line runs while each character is horizontally aligned with the one
    before it, and a word gap (a space) goes where a character starts past the previous one's
    end by more than `WORD_MARGIN` of its size. `chars` holds each box's text (one character
    from pdfium; from pdfminer.six's LTChar maybe more); `exact`: the boxes are pdfminer.six's
    own, so a gap on a threshold is decided as pdfminer.six decides it."""
    w = x1 - x0
    h = y1 - y0
    ax0, ay0, ax1, ay1, aw, ah = x0[:-1], y0[:-1], x1[:-1], y1[:-1], w[:-1], h[:-1]
    bx0, by0, bx1, by1, bw, bh = x0[1:], y0[1:], x1[1:], y1[1:], w[1:], h[1:]
    is_voverlap = (by0 <= ay1) & (ay0 <= by1)
    voverlap = np.where(is_voverlap, np.minimum(np.abs(ay0 - by1), np.abs(ay1 - by0)), 0.0)
    is_hoverlap = (bx0 <= ax1) & (ax0 <= bx1)
    hdistance = np.where(is_hoverlap, 0.0, np.minimum(np.abs(ax0 - bx1), np.abs(ax1 - bx0)))
    overlap_needed = np.minimum(ah, bh) * LINE_OVERLAP
    distance_allowed = np.maximum(aw, bw) * CHAR_MARGIN
    halign = is_voverlap & (overlap_needed < voverlap) & (hdistance < distance_allowed)
    word_start = bx0 - WORD_MARGIN * np.maximum(bw, bh)
    gap = ax1 < word_start
    if (
        not exact
        and (
            (np.abs(voverlap - overlap_needed) < EDGE)
            | (np.abs(hdistance - distance_allowed) < EDGE)
            | (halign & (np.abs(ax1 - word_start) < EDGE))
        ).any()
    ):
        # pdfium works in 32-bit floats, pdfminer.six in 64: on a threshold, such as CJK
        # letter-spaced by exactly a tenth of its size, each may decide either way
        raise _NotVouched("a gap on the edge of a threshold")
    firsts = np.r_[0, np.flatnonzero(~halign) + 1]
    starts = [*firsts.tolist(), len(chars)]
    left, bottom = (
        np.minimum.reduceat(x0, firsts).tolist(),
        np.minimum.reduceat(y0, firsts).tolist(),
    )
    right, top = np.maximum.reduceat(x1, firsts).tolist(), np.maximum.reduceat(y1, firsts).tolist()
    spaces = (np.flatnonzero(gap & halign) + 1).tolist()
    lines: list[Cell] = []
    k = 0
    for n, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
        bounds = [a]
        while k < len(spaces) and spaces[k] < b:
            bounds.append(spaces[k])
            k += 1
        bounds.append(b)
        line = " ".join("".join(chars[s:e]) for s, e in zip(bounds, bounds[1:], strict=False))
        lines.append(Cell(left[n], bottom[n], right[n], top[n], line))
    return lines
