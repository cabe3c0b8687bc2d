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

pdfium's text page is not a plain list of the drawn glyphs: it drops a text object of zero
width (a lone space in a font of its own) or one drawn twice (fake bold), sorts text objects
of one line by x, turns a line-end hyphen into U+0002, and puts /ActualText in place of the
glyphs. pdfminer.six does none of that, so a page where any of it shows (a text object missing
or out of drawing order, those code points, /ActualText in the file) is not vouched for, nor
is a rotated page or rotated text, a file pdfium cannot open, an encrypted one, one without its
%%EOF, a document with almost no text (scanned or empty), or one whose streams might inflate
past `STREAM_LIMIT` (pdfium aborts the process when memory runs out, where pdfminer.six raises
MemoryError under the worker's limit). `read_pages` returns None for all of those and
pdfminer.six reads the file, so errors and their reasons stay the reference's.
"""

from __future__ import annotations

import ctypes
import io
import unicodedata
from collections import Counter
from functools import cache
from itertools import repeat

import numpy as np

from extract.inflate import inflates_past
from extract.rows import Cell, page_text

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
        fonts: dict[int, tuple[float, float, float, str | None]] = {}
        pages: list[str] = []
        figures: list[int] = []
        for number in range(page_count if max_pages is None else min(page_count, max_pages)):
            try:
                text, images = _read_page(lib, doc, number, fonts)
            except _NotVouched as exc:
                declined[number] = str(exc)
                text, images = "", 0
            pages.append(text)
            figures.append(images)
    finally:
        lib.raw.FPDF_CloseDocument(doc)
    if declined and len(declined) == len(pages):
        return Counter(declined.values()).most_common(1)[0][0]
    if declined:
        read = _pdfminer_pages(data, sorted(declined), page_count)
        if isinstance(read, str):
            return read
        for number, (text, images) in read.items():
            pages[number], figures[number] = text, images
    if reasons is not None:
        reasons[:] = [declined.get(number) for number in range(len(pages))]
    if sum(len(p.strip()) for p in pages) < 20:
        return "almost no text"  # scanned or empty: pdfminer.six says which, in its words
    image_pages = sum(
        bool(images and not text.strip()) for text, images in zip(pages, figures, strict=True)
    )
    return pages, image_pages, max(page_count, len(pages))


def _pdfminer_pages(
    data: bytes, numbers: list[int], page_count: int
) -> dict[int, tuple[str, int]] | str:
    """Pages `numbers` (0-based) read by pdfminer.six exactly as extract/read.py reads them:
    each page's layout is its own (the interpreter starts every page afresh), so a page read
    alone is the page read in the whole file. Only where pdfminer.six finds the same pages as
    pdfium; on any error pdfminer.six reads the whole file and reports it in its words."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from extract.read import LAPARAMS_KW, _page_text

    wanted = set(numbers)
    found: dict[int, tuple[str, int]] = {}
    count = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=LAParams(**LAPARAMS_KW))
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            count += 1
            if number in wanted:
                interpreter.process_page(page)
                found[number] = _page_text(device.get_result())
    except Exception:  # noqa: BLE001 - the reference reads the file again and says what failed
        return "pdfminer.six fails on a page pdfium declined"
    if count != page_count or len(found) != len(wanted):
        return "pdfminer.six and pdfium count the pages apart"
    return found


class _Lib:
    """pypdfium2's raw functions, and those called once per character or page object as plain
    C function pointers taking and giving handles as ints: no ctypes pointer object per call,
    and `map` calls the per-character ones without Python in between."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        raw.FPDF_InitLibrary()
        self.raw = raw
        handle, number, result = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        self.loose_box = _plain(raw.FPDFText_GetLooseCharBox, number, handle, number, handle)
        self.text_object = _plain(raw.FPDFText_GetTextObject, result, handle, number)
        self.is_generated = _plain(raw.FPDFText_IsGenerated, number, handle, number)
        self.map_error = _plain(raw.FPDFText_HasUnicodeMapError, number, handle, number)
        self.get_object = _plain(raw.FPDFPage_GetObject, result, handle, number)
        self.object_type = _plain(raw.FPDFPageObj_GetType, number, handle)
        self.matrix = _plain(raw.FPDFPageObj_GetMatrix, number, handle, handle)
        self.count_marks = _plain(raw.FPDFPageObj_CountMarks, number, handle)
        self.font_size = _plain(raw.FPDFTextObj_GetFontSize, number, handle, handle)
        self.font = _plain(raw.FPDFTextObj_GetFont, result, handle)


def _plain(function: object, result: type, *arguments: type) -> object:
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(result, *arguments)(address)


@cache
def _pdfium() -> _Lib:
    return _Lib()


def _address(handle: object) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _read_page(lib: _Lib, doc: object, number: int, fonts: dict) -> tuple[str, int]:
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
            lines = _lines(lib, textpage, objects, x0, y0)
        finally:
            raw.FPDFText_ClosePage(textpage)
    finally:
        raw.FPDF_ClosePage(page)
    return page_text(lines, width), objects.figures


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
                if lib.count_marks(obj) and _has_actual_text(raw, obj):
                    raise _NotVouched("/ActualText")
                lib.font_size(obj, size_at)
                pdfium_descent, pdfium_ascent, descent, mapping = _metrics(
                    raw, lib.font(obj), fonts
                )
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


def _has_actual_text(raw, address: int) -> bool:  # noqa: ANN001
    obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
    for k in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, k)
        if raw.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != raw.FPDF_OBJECT_UNKNOWN:
            return True
    return False


def _metrics(raw, font: int, fonts: dict) -> tuple[float, float, float, str | None]:  # noqa: ANN001
    """The font's descent and ascent per unit of font size as pdfium takes them, its descent
    as pdfminer.six does, and, for a font that is neither embedded nor one of the standard
    ones, the CJK collection pdfminer.six maps its characters through ("" if none we know).
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
        )
    return fonts[font]


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


def _lines(lib: _Lib, textpage: object, objects: _PageObjects, dx: float, dy: float) -> list[Cell]:
    """The page's text lines as pdfminer.six groups them, from pdfium's characters."""
    raw = lib.raw
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        if objects.order:
            raise _NotVouched("a text object without characters")
        return []
    text = _text(raw, textpage, count)
    page = _address(textpage)
    boxes = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(boxes)
    list(map(lib.loose_box, repeat(page, count), range(count), range(base, base + 16 * count, 16)))
    owners = np.array(list(map(lib.text_object, repeat(page, count), range(count))), np.uint64)
    # FS_RECTF is left, top, right, bottom
    box = np.frombuffer(boxes, dtype=np.float32).reshape(count, 4).astype(np.float64)
    keep = owners != 0
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    breaks = np.flatnonzero((codes == 32) | (codes == 10) | (codes == 13)).tolist()
    generated = list(map(lib.is_generated, repeat(page, len(breaks)), breaks))
    keep[[i for i, gen in zip(breaks, generated, strict=True) if gen]] = False
    if objects.in_forms:
        keep &= ~np.isin(owners, np.array(sorted(objects.in_forms), np.uint64))
    idx = np.flatnonzero(keep)
    if not len(idx):
        if objects.order:
            raise _NotVouched("a text object without characters")
        return []
    kept = owners[idx]
    runs = kept[np.r_[True, kept[1:] != kept[:-1]]]
    if runs.tolist() != objects.order:
        if len(runs) != len(objects.order) or set(runs.tolist()) != set(objects.order):
            raise _NotVouched("text objects dropped")
        if len(set(runs.tolist())) != len(runs):
            raise _NotVouched("a text object's characters apart")
        # pdfium sorted whole text objects of a line by x: put them back in drawing order
        # (each object's characters stay as they were, in the order its string draws them)
        objs = np.sort(runs)
        rank = np.empty(len(runs), np.int64)
        rank[np.searchsorted(objs, np.array(objects.order, np.uint64))] = np.arange(len(runs))
        drawn = np.argsort(rank[np.searchsorted(objs, kept)], kind="stable")
        idx, kept = idx[drawn], kept[drawn]
        runs = kept[np.r_[True, kept[1:] != kept[:-1]]]
    chars = "".join(np.array(list(text))[idx].tolist())
    if not chars.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in set(chars)):
        raise _NotVouched("right-to-left text")  # pdfium's text page reverses it
    if any(map(lib.map_error, repeat(page, len(idx)), idx.tolist())):
        # pdfium guessed the character from its code (a font without /ToUnicode), where
        # pdfminer.six may print "(cid:N)" (a real PDF's GBK-EUC-H font)
        raise _NotVouched("a character without a Unicode map")
    if any(mark in chars for mark in _PDFIUM_MARKS):
        raise _NotVouched("a line-end hyphen, a bullet or a glyph without Unicode")
    if not chars.isascii() and any(unicodedata.category(c) == "So" for c in set(chars)):
        # pdfminer.six maps a CJK font's code through its CID and back, which may give
        # another character for a symbol (a held-out document's one differed)
        raise _NotVouched("a symbol character")
    if objects.mapping and not chars.isascii():
        run_starts = [*np.flatnonzero(np.r_[True, kept[1:] != kept[:-1]]).tolist(), len(chars)]
        for a, b, owner in zip(run_starts, run_starts[1:], runs.tolist(), strict=False):
            collection = objects.mapping.get(owner)
            for char in set(chars[a:b]) if collection is not None else ():
                if ord(char) > 127 and not (collection and _maps_alike(char, collection)):
                    raise _NotVouched("a character pdfminer.six maps through a CJK font's CIDs")
    order = np.array(objects.order, np.uint64)
    where = np.argsort(order)
    position = where[np.searchsorted(order, kept, sorter=where)]
    size = np.array([objects.size[o] for o in objects.order])[position]
    shift = np.array([objects.shift[o] for o in objects.order]).reshape(-1, 3)[position]
    x0 = box[idx, 0] + shift[:, 1] - dx
    x1 = box[idx, 2] + shift[:, 2] - dx
    y0 = box[idx, 3] + shift[:, 0] - dy
    y1 = y0 + size
    return _group(chars, x0, y0, x1, y1)


def _text(raw, textpage, count: int) -> str:  # noqa: ANN001
    """The text page's characters, one per index (per character where UTF-16 pairs them)."""
    buf = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buf)
    text = ctypes.string_at(buf, 2 * max(0, written - 1)).decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _group(chars: str, x0, y0, x1, y1) -> list[Cell]:  # noqa: ANN001 - numpy arrays
    """pdfminer.six's `group_objects` (horizontal lines) and `LTTextLineHorizontal.add`, on
    whole arrays: a line runs while each character is horizontally aligned with the one
    before it, and a word gap (a space) goes where a character starts past the previous one's
    end by more than `WORD_MARGIN` of its size."""
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
        (np.abs(voverlap - overlap_needed) < EDGE)
        | (np.abs(hdistance - distance_allowed) < EDGE)
        | (halign & (np.abs(ax1 - word_start) < EDGE))
    ).any():
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
        line = " ".join(chars[s:e] for s, e in zip(bounds, bounds[1:], strict=False))
        lines.append(Cell(left[n], bottom[n], right[n], top[n], line))
    return lines
