"""The fast PDF reader: pdfium's characters, pdfminer.six's line grouping, our row rebuilding.

Why: pdfminer.six interprets content streams in pure Python (~80% of our reading time);
pdfium (pypdfium2) does it in C. pdfminer.six stays the reference (extract/read.py): this
reader repeats what that one does with pdfium's characters instead of pdfminer's, so both give
the same page text, which `scripts/compare_readers.py` checks on every gold document rendered
to PDF and on every real PDF:

- characters in content-stream order, each with pdfminer's box: from the glyph's origin to
  its advance width, a font size tall (pdfium's "loose" box), pages' coordinates moved so the
  media box starts at (0, 0) as pdfminer's are;
- text drawn inside a Form XObject left out, as pdfminer.six leaves it (it keeps a form as a
  figure and groups no text in it, `all_texts=False`);
- lines grouped by pdfminer.six's own rule (`LTLayoutContainer.group_objects` with our
  LAParams), word gaps as its `LTTextLineHorizontal.add` puts them, and rows rebuilt by the
  one `read._page_text` both readers share.

What this reader does not vouch for goes to pdfminer.six, so its errors and reasons stay the
reference's: a file pdfium cannot open, an encrypted one, one without its %%EOF, one whose
streams might inflate past `STREAM_LIMIT` (pdfium aborts the process when memory runs out,
where pdfminer.six raises MemoryError under the worker's limit), rotated pages or text, and a
document with almost no text (scanned or empty). `read_pdf_fast` returns None for those.
"""

from __future__ import annotations

import ctypes

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


def read_pages(data: bytes, *, max_pages: int | None = None) -> tuple[list[str], int, int] | None:
    """The PDF's pages' text as pdfminer.six reads it, its number of pages that show only
    images, and its page count; None where pdfminer.six must read it."""
    if (
        b"%%EOF" not in data[-4096:]
        or b"/Encrypt" in data
        or inflates_past(data, STREAM_LIMIT, TOTAL_LIMIT)
    ):
        return None
    import pypdfium2.raw as pdfium

    _init(pdfium)
    buf = ctypes.create_string_buffer(data, len(data))
    doc = pdfium.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        return None
    try:
        if pdfium.FPDF_GetSecurityHandlerRevision(doc) != -1:
            return None
        page_count = pdfium.FPDF_GetPageCount(doc)
        pages: list[str] = []
        image_pages = 0
        for number in range(page_count):
            if max_pages is not None and number >= max_pages:
                break
            read = _read_page(pdfium, doc, number)
            if read is None:
                return None
            text, images = read
            pages.append(text)
            image_pages += bool(images and not text.strip())
    finally:
        pdfium.FPDF_CloseDocument(doc)
    if sum(len(p.strip()) for p in pages) < 20:
        return None  # scanned or empty: pdfminer.six says which, in its words
    return pages, image_pages, max(page_count, len(pages))


_READY: list[bool] = []


def _init(pdfium: object) -> None:
    if not _READY:
        pdfium.FPDF_InitLibrary()  # type: ignore[attr-defined]
        _READY.append(True)


def _read_page(pdfium, doc, number: int) -> tuple[str, int] | None:  # noqa: ANN001
    page = pdfium.FPDF_LoadPage(doc, number)
    if not page:
        return None
    try:
        if pdfium.FPDFPage_GetRotation(page) != 0:
            return None
        x0, y0, width = _media_box(pdfium, page)
        in_forms, images = _objects(pdfium, page)
        textpage = pdfium.FPDFText_LoadPage(page)
        if not textpage:
            return None
        try:
            chars = _chars(pdfium, textpage, in_forms, x0, y0)
        finally:
            pdfium.FPDFText_ClosePage(textpage)
    finally:
        pdfium.FPDF_ClosePage(page)
    if chars is None:
        return None
    return page_text(_group_lines(chars), width), images


def _media_box(pdfium, page) -> tuple[float, float, float]:  # noqa: ANN001
    """The media box's lower left corner and width (pdfminer.six's page starts at (0, 0))."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return 0.0, 0.0, 612.0
    return min(left.value, right.value), min(bottom.value, top.value), abs(right.value - left.value)


def _objects(pdfium, page) -> tuple[set[int], int]:  # noqa: ANN001
    """The addresses of text objects drawn inside forms, and the page's figures (forms and
    images: pdfminer.six's LTFigure/LTImage at the page's top level)."""
    in_forms: set[int] = set()
    figures = 0
    for k in range(pdfium.FPDFPage_CountObjects(page)):
        obj = pdfium.FPDFPage_GetObject(page, k)
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind == pdfium.FPDF_PAGEOBJ_FORM:
            figures += 1
            _collect_form_text(pdfium, obj, in_forms)
        elif kind == pdfium.FPDF_PAGEOBJ_IMAGE:
            figures += 1
    return in_forms, figures


def _collect_form_text(pdfium, form, out: set[int]) -> None:  # noqa: ANN001
    for k in range(pdfium.FPDFFormObj_CountObjects(form)):
        obj = pdfium.FPDFFormObj_GetObject(form, k)
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind == pdfium.FPDF_PAGEOBJ_TEXT:
            out.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
        elif kind == pdfium.FPDF_PAGEOBJ_FORM:
            _collect_form_text(pdfium, obj, out)


#: one character: x0, y0, x1, y1, text
Char = tuple[float, float, float, float, str]


def _chars(pdfium, textpage, in_forms: set[int], dx: float, dy: float) -> list[Char] | None:  # noqa: ANN001
    """The page's characters in pdfium's order (the content stream's), generated spaces and
    line breaks left out, with pdfminer.six's boxes; None when a character is rotated."""
    count = pdfium.FPDFText_CountChars(textpage)
    rect = pdfium.FS_RECTF()
    loose = pdfium.FPDFText_GetLooseCharBox
    unicode_of = pdfium.FPDFText_GetUnicode
    generated = pdfium.FPDFText_IsGenerated
    text_object = pdfium.FPDFText_GetTextObject
    chars: list[Char] = []
    for i in range(count):
        code = unicode_of(textpage, i)
        if code in (32, 10, 13, 0xFFFE, 2) and generated(textpage, i):
            continue
        if in_forms:
            obj = ctypes.cast(text_object(textpage, i), ctypes.c_void_p).value
            if obj in in_forms:
                continue
        loose(textpage, i, rect)
        chars.append((rect.left - dx, rect.bottom - dy, rect.right - dx, rect.top - dy, chr(code)))
    return chars


def _group_lines(chars: list[Char]) -> list[Cell]:
    """pdfminer.six's `group_objects` (horizontal lines only) and `LTTextLineHorizontal.add`:
    the text lines of the page, as cells of their text and box."""
    lines: list[Cell] = []
    line: list[Char] | None = None
    prev: Char | None = None
    for ch in chars:
        if prev is not None:
            if _halign(prev, ch):
                if line is not None:
                    line.append(ch)
                else:
                    line = [prev, ch]
            elif line is not None:
                lines.append(_line(line))
                line = None
            else:
                lines.append(_line([prev]))
        prev = ch
    if line is None and prev is not None:
        line = [prev]
    if line is not None:
        lines.append(_line(line))
    return lines


def _halign(a: Char, b: Char) -> bool:
    ax0, ay0, ax1, ay1, _ = a
    bx0, by0, bx1, by1, _ = b
    if not (by0 <= ay1 and ay0 <= by1):
        return False
    voverlap = min(abs(ay0 - by1), abs(ay1 - by0))
    if not min(ay1 - ay0, by1 - by0) * LINE_OVERLAP < voverlap:
        return False
    hdist = 0.0 if (bx0 <= ax1 and ax0 <= bx1) else min(abs(ax0 - bx1), abs(ax1 - bx0))
    return hdist < max(ax1 - ax0, bx1 - bx0) * CHAR_MARGIN


def _line(chars: list[Char]) -> Cell:
    parts: list[str] = []
    last_x1 = float("inf")
    for x0, y0, x1, y1, text in chars:
        if last_x1 < x0 - WORD_MARGIN * max(x1 - x0, y1 - y0):
            parts.append(" ")
        last_x1 = x1
        parts.append(text)
    return Cell(
        min(c[0] for c in chars),
        min(c[1] for c in chars),
        max(c[2] for c in chars),
        max(c[3] for c in chars),
        "".join(parts),
    )
