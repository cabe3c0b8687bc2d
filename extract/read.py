"""Read a stored announcement (.pdf, .htm/.html, .txt) into plain text, one string per page.

Why our own line assembly: pdfminer.six's default layout (boxes_flow=0.5) groups text boxes
hierarchically and reads a two-column table (definitions, principal terms, caps by year) column
by column, so a cap lands pages away from its year. With `boxes_flow=None` pdfminer skips that
grouping (also its slowest step); we then rebuild rows ourselves from the text lines' positions:
lines sharing a baseline are one row, their cells joined by two spaces (the corpus convention),
and a line that continues a wrapped paragraph or a wrapped definition cell is joined back to it.

Only what must be read is read: `max_pages` stops early (a 300-page annual report needs its
first pages for header facts), and the caller's worker enforces time and memory limits.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from extract.errors import (
    CorruptPDF,
    EmptyDocument,
    EncryptedPDF,
    NotAPDF,
    ReadError,
    ScannedPDF,
    TruncatedPDF,
    UnsupportedFormat,
)
from extract.grid import fill_row, place_by_x
from extract.language import detect_language

#: Measured on rendered corpus documents (bench/extract.py): boxes_flow=None keeps table rows
#: and definition rows together and is faster than the default hierarchical grouping.
#: char_margin=0.8 (default 2.0) so that table cells ~10 pt apart stay separate lines, also
#: next to 10 pt wide CJK characters.
LAPARAMS_KW = {"boxes_flow": None, "line_margin": 0.5, "char_margin": 0.8, "word_margin": 0.1}

_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$")
#: a line that starts an item: "Consideration: ...", "(b) ...", "- ...", "1. ..."
_STARTS_ITEM = re.compile(
    r"^(?:[A-Z][A-Za-z ,/()'\-]{1,40}:\s|\(?[a-z0-9]{1,4}\)\s|[-•·]\s|\d{1,2}\.\s)"
)
#: a table cell holding a bare amount that is not a year: "680", "1,250", "5.6"
_PLAIN_AMOUNT = re.compile(r"^\(?(?!(?:19|20)\d{2}\)?$)\d[\d,]*(?:\.\d+)?\)?$")
#: a cell holding an amount: "HK$45 million", "1,150,000", "RMB 80,000,000"
_VALUE = re.compile(
    r"^\(?(?:(?:HK\$|US\$|RMB|HKD|USD|S\$|\$)\s?\d|\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?$|\d+\.\d+\)?$)"
)


@dataclass
class Document:
    """A read document: its pages' text and what we know about how much of it we read."""

    pages: list[str]
    language: str
    page_count: int
    truncated: bool = False
    source: str = "text"
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\f\n".join(self.pages)


def read_document(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read `path` by its content (a .pdf that is really an HTML error page is caught).

    Raises a `ReadError` subclass with a one-line reason for anything we cannot read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open file: {exc.strerror or exc}") from None
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    suffix = path.suffix.lower()
    if b"%PDF-" in head:
        return read_pdf(path, max_pages=max_pages)
    if suffix == ".pdf":
        raise NotAPDF(_not_pdf_reason(head))
    if suffix in (".htm", ".html", ".xhtml") or _looks_html(head):
        doc = read_html(path.read_bytes())
    elif suffix in (".txt", ".text", ""):
        doc = read_text(path.read_bytes())
    else:
        raise UnsupportedFormat(f"unsupported file type {suffix!r}")
    return _limit(doc, max_pages)


def _looks_html(head: bytes) -> bool:
    sniff = head.lstrip()[:300].decode("latin-1").lower()
    return sniff.startswith(("<!doctype html", "<html")) or "<html" in sniff


def _not_pdf_reason(head: bytes) -> str:
    sniff = head.lstrip()[:200].decode("latin-1").lower()
    if sniff.startswith(("<!doctype html", "<html", "<head", "<?xml")) or "<html" in sniff:
        title = re.search(r"<title>\s*([^<]{1,80})", head.decode("latin-1"), re.I)
        extra = f" ({title.group(1).strip()})" if title else ""
        return f"not a PDF: an HTML page saved as .pdf{extra}"
    return "not a PDF: no %PDF- header"


def _limit(doc: Document, max_pages: int | None) -> Document:
    if max_pages is not None and len(doc.pages) > max_pages:
        doc.pages = doc.pages[:max_pages]
        doc.truncated = True
    return doc


# --- text and HTML --------------------------------------------------------------------------


def _decode(data: bytes, hint: str | None = None) -> str:
    for enc in filter(None, ("utf-8-sig", hint, "big5hkscs", "gb18030")):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def read_text(data: bytes) -> Document:
    """Plain text: a form feed is a page break (the corpus' convention)."""
    text = _decode(data).replace("\r\n", "\n")
    pages = [p.strip("\n") for p in text.split("\f")]
    pages = [p for p in pages if p.strip()] or []
    if not pages:
        raise EmptyDocument("text file has no text")
    return Document(pages, detect_language(pages), len(pages), source="text")


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "title",
}
_CELL_TAGS = {"td", "th"}
#: not the announcement: scripts, styles, and a page's site chrome (header, navigation, footer)
_SKIP_TAGS = {"script", "style", "head", "noscript", "header", "nav", "footer"}


class _TextCollector(HTMLParser):
    """Keeps block breaks (a table row stays one line, its cells two spaces apart)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.cell_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _CELL_TAGS:
            if self.cell_open:
                self.parts.append("  ")
            self.cell_open = True
        elif tag == "hr" and "page-break" in (dict(attrs).get("class") or ""):
            self.parts.append("\n\f\n")
        elif tag in _BLOCK_TAGS:
            self._newline()
            if tag == "tr":
                self.cell_open = False

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS and tag not in ("br", "hr"):
            self._newline()
            if tag in ("tr", "table"):
                self.cell_open = False

    def _newline(self) -> None:
        """One line break between blocks: "</p><p>" is not a blank line."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and (data.strip() or (self.parts and not self.parts[-1].endswith("\n"))):
            self.parts.append(re.sub(r"[ \t\r\n\xa0]+", " ", data))


def read_html(data: bytes) -> Document:
    """An .htm announcement: tags stripped, block breaks kept, one page."""
    charset = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    text = _decode(data, charset.group(1).decode("ascii") if charset else None)
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    pages = []
    for chunk in "".join(collector.parts).split("\f"):
        lines = [
            " ".join(line.split()) if "  " not in line else line.strip()
            for line in chunk.split("\n")
        ]
        body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        if body:
            pages.append(body)
    if not pages:
        raise EmptyDocument("HTML page has no text")
    return Document(pages, detect_language(pages), len(pages), source="html")


# --- PDF ------------------------------------------------------------------------------------


def read_pdf(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read a PDF page by page with pdfminer.six, stopping after `max_pages`."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psexceptions import PSException

    data = Path(path).read_bytes()
    truncated_file = b"%%EOF" not in data[-4096:]
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except PDFEncryptionError as exc:
        raise EncryptedPDF(f"encrypted PDF ({type(exc).__name__}): needs a password") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        if truncated_file:
            raise TruncatedPDF(f"truncated PDF: no %EOF marker ({len(data)} bytes)") from None
        raise CorruptPDF(f"corrupt PDF: {_short(exc)}") from None
    try:
        pages_obj = resolve1(document.catalog.get("Pages"))
        page_count = int(resolve1(pages_obj.get("Count", 0))) if pages_obj else 0
    except Exception:  # noqa: BLE001 - a broken page tree is reported below as corrupt
        page_count = 0
    laparams = LAParams(**LAPARAMS_KW)
    rsrc = PDFResourceManager(caching=True)
    device = PDFPageAggregator(rsrc, laparams=laparams)
    interpreter = PDFPageInterpreter(rsrc, device)
    pages: list[str] = []
    image_pages = 0
    try:
        for number, page in enumerate(PDFPage.create_pages(document)):
            if max_pages is not None and number >= max_pages:
                break
            interpreter.process_page(page)
            layout = device.get_result()
            text, images = _page_text(layout)
            pages.append(text)
            image_pages += bool(images and not text.strip())
    except PDFEncryptionError as exc:
        raise EncryptedPDF(f"encrypted PDF ({type(exc).__name__})") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        if truncated_file:
            raise TruncatedPDF(f"truncated PDF: no %EOF marker ({len(data)} bytes)") from None
        if not pages:
            raise CorruptPDF(f"corrupt PDF: {_short(exc)}") from None
        # Keep what was read; later pages are damaged.
        return _finish(pages, image_pages, max(page_count, len(pages)), partial=_short(exc))
    if not pages:
        if truncated_file:
            raise TruncatedPDF(f"truncated PDF: no %EOF marker ({len(data)} bytes)")
        raise CorruptPDF("corrupt PDF: no pages found")
    return _finish(pages, image_pages, max(page_count, len(pages)), max_pages=max_pages)


def _finish(
    pages: list[str],
    image_pages: int,
    page_count: int,
    *,
    max_pages: int | None = None,
    partial: str | None = None,
) -> Document:
    chars = sum(len(p.strip()) for p in pages)
    if chars < 20:
        if image_pages:
            raise ScannedPDF(
                f"scanned PDF: no text layer on {image_pages} of {len(pages)} pages (images only)"
            )
        raise EmptyDocument(f"PDF has no text on any of its {len(pages)} pages")
    pages = strip_running_lines([close_cjk_gaps(page) for page in pages])
    doc = Document(pages, detect_language(pages), page_count, source="pdf")
    doc.truncated = len(pages) < page_count
    if partial:
        doc.notes.append(f"stopped at page {len(pages) + 1}: {partial}")
    if image_pages:
        doc.notes.append(f"{image_pages} page(s) without a text layer")
    return doc


# One space between two CJK characters (or a CJK character and a digit) is letter-spacing that
# pdfminer read as a word gap ("須 予 披 露 的 交 易", "於 2025 年"): Chinese is not written with
# spaces. Two or more spaces separate table cells and are kept.
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}0-9])|(?<=[0-9]) (?=[{_CJK}])")


def close_cjk_gaps(text: str) -> str:
    """Drop the single spaces pdfminer puts between letter-spaced CJK characters."""
    return _CJK_GAP.sub("", text)


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop a running header or footer: the same first (or last) line on most pages, page
    numbers aside ("HARBOUR CREST (02781)", "Kingsoft Corporation Limited - Announcement")."""
    if len(pages) < 2:
        return pages
    split = [p.split("\n") for p in pages]
    for index in (0, -1):
        keys = [re.sub(r"\d+", "#", lines[index].strip()) if lines else "" for lines in split]
        common = max(set(keys), key=keys.count)
        if common and keys.count(common) >= max(2, (len(pages) + 1) // 2):
            for lines, key in zip(split, keys, strict=True):
                if len(lines) > 1 and key == common and len(key) <= 100:
                    lines.pop(index)
    return ["\n".join(lines).strip("\n") for lines in split]


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# --- rebuilding rows from pdfminer's text lines ----------------------------------------------


_DIGIT = re.compile(r"\d")
_TITLED = re.compile(
    r"^(?:Mr|Ms|Mrs|Miss|Madam|Dr|Prof|Professor|Ir|Sir|Dame|Dato'?|Datuk|Tan Sri)\.?\s+[A-Z]"
)


@dataclass
class _Cell:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class _Row:
    cells: list[_Cell]

    @property
    def y0(self) -> float:
        return min(c.y0 for c in self.cells)

    @property
    def y1(self) -> float:
        return max(c.y1 for c in self.cells)


def _page_text(layout: object) -> tuple[str, int]:
    """Text of one LTPage in reading order, rows kept together; also its number of images."""
    from pdfminer.layout import LTFigure, LTImage, LTTextBox, LTTextLine

    cells: list[_Cell] = []
    images = 0
    for element in layout:  # type: ignore[attr-defined]
        if isinstance(element, LTTextBox):
            for line in element:
                if isinstance(line, LTTextLine):
                    _add_cell(cells, line)
        elif isinstance(element, LTTextLine):
            _add_cell(cells, element)
        elif isinstance(element, LTFigure | LTImage):
            images += 1
    if not cells:
        return "", images
    return _assemble(cells, getattr(layout, "width", 595.0)), images


def _add_cell(cells: list[_Cell], line: object) -> None:
    text = " ".join(line.get_text().split())  # type: ignore[attr-defined]
    if text:
        cells.append(_Cell(line.x0, line.y0, line.x1, line.y1, text))  # type: ignore[attr-defined]


def _assemble(cells: list[_Cell], page_width: float) -> str:
    cells.sort(key=lambda c: (-c.y1, c.x0))
    rows: list[_Row] = []
    for cell in cells:
        mid = (cell.y0 + cell.y1) / 2
        if rows and rows[-1].y0 <= mid <= rows[-1].y1:
            rows[-1].cells.append(cell)
        else:
            rows.append(_Row([cell]))
    for row in rows:
        row.cells.sort(key=lambda c: c.x0)
        merged: list[_Cell] = [row.cells[0]]
        for c in row.cells[1:]:
            prev = merged[-1]
            # pieces of one line split by pdfminer (a wide justified space); cells are further
            if c.x0 - prev.x1 < 0.6 * min(c.y1 - c.y0, prev.y1 - prev.y0):
                sep = "" if c.x0 - prev.x1 < 0.5 else " "
                merged[-1] = _Cell(
                    prev.x0, min(prev.y0, c.y0), c.x1, max(prev.y1, c.y1), prev.text + sep + c.text
                )
            else:
                merged.append(c)
        row.cells = merged
    # Page furniture: a bare page number at the top or bottom.
    while rows and len(rows[-1].cells) == 1 and _PAGE_NUMBER.match(rows[-1].cells[0].text):
        rows.pop()
    while rows and len(rows[0].cells) == 1 and _PAGE_NUMBER.match(rows[0].cells[0].text):
        rows.pop(0)
    if not rows:
        return ""
    right = max(c.x1 for r in rows for c in r.cells)
    left = min(c.x0 for r in rows for c in r.cells)
    # a page of short lines (the board list on the last page) does not show the right
    # margin: take it as wide as the left one, so short lines do not look full and wrap
    right = max(right, page_width - left)
    heights = sorted(r.y1 - r.y0 for r in rows)
    line_h = heights[len(heights) // 2] or 10.0
    out: list[list[str]] = []
    prev: _Row | None = None
    bounds: list[float] = []
    anchors: list[float] = []  # where the cells of the current table of names start
    for row in rows:
        targets = _continuation(prev, row, bounds, line_h, left) if prev is not None else None
        if prev is not None and targets is not None:
            for cell, i in zip(row.cells, targets, strict=True):
                out[-1][i] = _join_wrapped(out[-1][i], cell.text)
                old = prev.cells[i]
                prev.cells[i] = _Cell(old.x0, cell.y0, cell.x1, old.y1, out[-1][i])
            continue
        gap = prev is not None and prev.y0 - row.y1 > 0.8 * line_h
        if gap:
            out.append([])  # a paragraph gap becomes a blank line
        texts = [c.text for c in row.cells]
        if gap or any(_DIGIT.search(t) for t in texts):
            anchors = []
        cols = place_by_x([c.x0 for c in row.cells], anchors, 6.0) if anchors else None
        if cols and len(texts) < len(anchors) and cols != list(range(len(texts))):
            texts = fill_row(texts, cols)  # a table of names: its blank cells back, as "-"
        elif len(texts) >= 2 and not any(_DIGIT.search(t) for t in texts):
            anchors = [c.x0 for c in row.cells] if len(texts) >= len(anchors) else anchors
        out.append(texts)
        prev = row
        bounds = [c.x0 for c in row.cells[1:]] + [right]
    return "\n".join("  ".join(r) for r in out).strip()


def _continuation(
    prev: _Row, row: _Row, bounds: list[float], line_h: float, left: float
) -> list[int] | None:
    """Which of `prev`'s cells each cell of `row` continues, or None when `row` is a new row.

    A cell continues the cell above it when it starts at the same x, follows at normal line
    spacing, and the cell above was full: its text reached most of the way to the next
    column (or to the right margin), so it wrapped. Ragged-right text wraps before a long
    word, hence 60-70% rather than 100%. A defined term wrapping inside its quotes
    ("Chengdu Digital / Entertainment") also continues.
    """
    if prev.y0 - row.y1 > 0.8 * line_h or len(row.cells) > len(prev.cells):
        return None
    # In a data table (3+ columns), a row with fewer cells, each under a cell of the row
    # above, is that row's wrapped cells ("Kwun Tong / Tenancy / Agreement").
    table_wrap = len(prev.cells) >= 3 and len(row.cells) < len(prev.cells)
    # A header row (its label column empty) wraps in the same columns: "Year ending 31" /
    # "December 2025".
    header_wrap = (
        len(prev.cells) >= 2
        and prev.cells[0].x0 > left + 30.0
        and not any(_PLAIN_AMOUNT.match(c.text) for c in prev.cells[1:] + row.cells[1:])
    )
    if _closes_parens(prev, row):
        return [
            next(k for k, c in enumerate(prev.cells) if abs(c.x0 - cell.x0) <= 3.0)
            for cell in row.cells
        ]
    if len(prev.cells) >= 2 and all(_TITLED.match(c.text) for c in row.cells):
        return None  # "Ms. Guo Xiaoqing  Dr. Meng Fanrong": a new row of a table of names
    first = row.cells[0].text
    if _STARTS_ITEM.match(first) and not header_wrap:
        return None  # "Consideration: ...", "(b) ...", "- ..." start a new line of their own
    if len(row.cells) > 1 and not header_wrap and any(_VALUE.match(c.text) for c in row.cells):
        return None  # amounts do not wrap onto a line of their own: a new table row
    targets: list[int] = []
    for cell in row.cells:
        i = next((k for k, c in enumerate(prev.cells) if abs(c.x0 - cell.x0) <= 3.0), None)
        if i is None or i in targets:
            return None
        above = prev.cells[i]
        ratio = 0.7 if i == len(prev.cells) - 1 else 0.6
        last_col = i == len(prev.cells) - 1
        # it wrapped if the next line's first word would not have fitted after it
        word = cell.text[:1] if _is_cjk(cell.text[:1]) else cell.text.split(" ", 1)[0]
        char_w = (cell.x1 - cell.x0) / max(1, len(cell.text))
        room = bounds[i] - (2.0 if last_col else 12.0)
        full = (
            above.x1 >= above.x0 + ratio * (bounds[i] - above.x0)
            or above.x1 + char_w * (len(word) + 1) > room
        )
        head = prev.cells[0].text
        open_quote = i == 0 and (
            sum(head.count(q) for q in '"“”') % 2 == 1 or head.count("「") > head.count("」")
        )
        # a paragraph line ending inside a bracket: "... agreement (the" / "\"X Agreement\") ..."
        open_paren = len(prev.cells) == 1 and re.search(r"\((?:the|a|an)?$", above.text.rstrip())
        if not (full or open_quote or table_wrap or header_wrap or open_paren) or (
            cell.text[:1] in '"“「' and not open_quote and not open_paren
        ):
            return None
        targets.append(i)
    return targets


def _closes_parens(prev: _Row, row: _Row) -> bool:
    """A table row whose every cell goes on with a bracket left open in the cell above it:
    "US$8,500,000 (equivalent to approximately" / "HK$66,300,000)"."""
    if len(prev.cells) < 2:
        return False
    closing = 0
    for cell in row.cells:
        above = next((c for c in prev.cells if abs(c.x0 - cell.x0) <= 3.0), None)
        if above is None:
            return False
        if above is prev.cells[0] and "(" not in cell.text:
            continue  # the row's label wrapped too: "Purchases from the" / "Lumina Group"
        if above.text.count("(") <= above.text.count(")"):
            return False
        if cell.text.count("(") > cell.text.count(")"):
            return False  # a new bracket of its own: a new row
        closing += 1
    return closing > 0


def _join_wrapped(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -"):
        return left + right
    if _is_cjk(left[-1:]) and _is_cjk(right[:1]):
        return left + right
    return f"{left} {right}"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"
