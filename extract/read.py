"""Read a stored announcement (.pdf, .htm/.html, .txt) into plain text, one string per page.

PDFs: pdfminer.six is the reference reader (`read_pdf_pdfminer`): its text lines, laid out
with `boxes_flow=None` (pdfminer skips its hierarchical box grouping, also its slowest step),
go to extract/rows.py, which rebuilds table rows and wrapped cells. The default reader is the
fast one (extract/pdfium_read.py): pdfium's characters grouped into the same lines, proven to
give the same text on every gold document and real PDF (scripts/compare_readers.py); whatever
it does not vouch for (bad input of any kind, rotated pages) is read by pdfminer.six, so the
errors and reasons are the reference's. FILINGWATCH_PDF_READER=pdfminer reads every PDF with
pdfminer.six.

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
from extract.language import detect_language
from extract.rows import Cell, page_text_carried
from store import settings

#: the PDF readers FILINGWATCH_PDF_READER may name
PDF_READERS = ("pdfium", "pdfminer")

#: Measured on rendered corpus documents (bench/extract.py): boxes_flow=None keeps table rows
#: and definition rows together and is faster than the default hierarchical grouping.
#: char_margin=0.8 (default 2.0) so that table cells ~10 pt apart stay separate lines, also
#: next to 10 pt wide CJK characters.
LAPARAMS_KW = {"boxes_flow": None, "line_margin": 0.5, "char_margin": 0.8, "word_margin": 0.1}


@dataclass
class Document:
    """A read document: its pages' text and what we know about how much of it we read."""

    pages: list[str]
    language: str
    page_count: int
    truncated: bool = False
    source: str = "text"
    notes: list[str] = field(default_factory=list)
    #: which library read a PDF: "pdfium" (the fast path) or "pdfminer" (the reference)
    reader: str = ""

    @property
    def text(self) -> str:
        return "\n\f\n".join(self.pages)


def read_document(
    path: str | Path, *, max_pages: int | None = None, reader: str | None = None
) -> Document:
    """Read `path` by its content (a .pdf that is really an HTML error page is caught).

    `reader` picks the PDF reader (`PDF_READERS`; default FILINGWATCH_PDF_READER). Raises a
    `ReadError` subclass with a one-line reason for anything we cannot read.
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
        return read_pdf(path, max_pages=max_pages, reader=reader)
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


def pdf_reader() -> str:
    """The configured PDF reader (FILINGWATCH_PDF_READER); a bad name is one line of error."""
    name = (settings.get("FILINGWATCH_PDF_READER") or PDF_READERS[0]).strip().lower()
    if name not in PDF_READERS:
        raise settings.SettingError(
            f"FILINGWATCH_PDF_READER must be one of {', '.join(PDF_READERS)}, not {name!r}"
        )
    return name


def read_pdf(
    path: str | Path, *, max_pages: int | None = None, reader: str | None = None
) -> Document:
    """Read a PDF with `reader` (default: the configured one), stopping after `max_pages`."""
    if (reader or pdf_reader()) == "pdfium":
        from extract.pdfium_read import read_pages

        reasons: list[str | None] = []
        read = read_pages(Path(path).read_bytes(), max_pages=max_pages, reasons=reasons)
        if not isinstance(read, str):
            pages, image_pages, page_count = read
            # "pdfium" where it read a page; where it declined them all, pdfminer.six read them
            by = "pdfium" if None in reasons else "pdfminer"
            return _finish(pages, image_pages, page_count, max_pages=max_pages, reader=by)
    return read_pdf_pdfminer(path, max_pages=max_pages)


def read_pdf_pdfminer(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read a PDF page by page with pdfminer.six (the reference), stopping after `max_pages`."""
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
    carry: list[float] | None = None  # a board in columns that goes on over the page break
    image_pages = 0
    try:
        for number, page in enumerate(PDFPage.create_pages(document)):
            if max_pages is not None and number >= max_pages:
                break
            interpreter.process_page(page)
            layout = device.get_result()
            text, images, carry = _page_text(layout, carry)
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
    reader: str = "pdfminer",
) -> Document:
    chars = sum(len(p.strip()) for p in pages)
    if chars < 20:
        if image_pages:
            raise ScannedPDF(
                f"scanned PDF: no text layer on {image_pages} of {len(pages)} pages (images only)"
            )
        raise EmptyDocument(f"PDF has no text on any of its {len(pages)} pages")
    pages = strip_running_lines([close_cjk_gaps(page) for page in pages])
    doc = Document(pages, detect_language(pages), page_count, source="pdf", reader=reader)
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


# --- a pdfminer.six page's text lines -------------------------------------------------------


def _page_text(
    layout: object, carried: list[float] | None = None
) -> tuple[str, int, list[float] | None]:
    """Text of one LTPage in reading order, rows kept together; also its number of images and
    the columns of a table of names it ends in (extract/rows.py, for the next page)."""
    lines, width, images = page_cells(layout)
    text, carry = page_text_carried(lines, width, carried)
    return text, images, carry


def page_cells(layout: object) -> tuple[list[Cell], float, int]:
    """One LTPage's text lines as `Cell`s, its width and its number of images."""
    from pdfminer.layout import LTFigure, LTImage, LTTextBox, LTTextLine

    lines: list[Cell] = []
    images = 0
    for element in layout:  # type: ignore[attr-defined]
        if isinstance(element, LTTextBox):
            lines.extend(_cell(line) for line in element if isinstance(line, LTTextLine))
        elif isinstance(element, LTTextLine):
            lines.append(_cell(element))
        elif isinstance(element, LTFigure | LTImage):
            images += 1
    return lines, getattr(layout, "width", 595.0), images


def _cell(line: object) -> Cell:
    return Cell(line.x0, line.y0, line.x1, line.y1, line.get_text())  # type: ignore[attr-defined]
