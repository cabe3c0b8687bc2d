"""Render an announcement's text as a real A4 PDF with reportlab.

Why these choices: extraction is tested on what pdfminer reads back, so the text must be real
text (not images) in fonts pdfminer can map back to Unicode: Helvetica for Latin text and the
CID font STSong-Light for runs of CJK characters, switching font per run within a line.
Pages break at form feeds, paragraphs wrap, and table rows (cells separated by a tab or two
or more spaces) are laid out in columns, as in the corpus format. `invariant=1` makes the
bytes depend only on the input, so a seed gives the same files every run.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .documents import split_pages

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CJK = "STSong-Light"
SIZE = 10.0
LEADING = 13.5
MARGIN_X = 56.0
MARGIN_TOP = 64.0
MARGIN_BOTTOM = 60.0
CELL_GAP = 10.0
TABLE_SPLIT = re.compile(r"\t+|\s{2,}")

# Registered once at import: every width measurement needs it.
pdfmetrics.registerFont(UnicodeCIDFont(CJK))


@lru_cache(maxsize=65536)
def _needs_cjk_font(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms, and anything Helvetica's WinAnsi cannot encode."""
    if ord(ch) >= 0x2E80:
        return True
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def runs(text: str, latin: str = LATIN) -> list[tuple[str, str]]:
    """Split text into (font, chunk) runs so each chunk can be drawn in one font."""
    if text.isascii():  # the common case, and the per-character loop is the slow part
        return [(latin, text)] if text else []
    out: list[tuple[str, str]] = []
    for ch in text:
        font = CJK if _needs_cjk_font(ch) else latin
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


@lru_cache(maxsize=262144)
def _token_width(token: str, latin: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(token, latin))


def width(text: str, latin: str = LATIN, size: float = SIZE) -> float:
    return sum(_token_width(t, latin, size) for t in _TOKEN.findall(text))


_TOKEN = re.compile(r"\s+|[\u2e80-\uffff]|[^\s\u2e80-\uffff]+")


def wrap(text: str, max_width: float, latin: str = LATIN) -> list[str]:
    """Greedy line filling; breaks at spaces and between CJK characters."""
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for token in _TOKEN.findall(text):
        w = _token_width(token, latin, SIZE)
        if token.isspace():
            if current:
                current.append(token)
                current_width += w
            continue
        if current and current_width + w > max_width:
            lines.append("".join(current).rstrip())
            current, current_width = [], 0.0
        if w > max_width:
            # A single word wider than the line: cut it by characters.
            for ch in token:
                cw = _token_width(ch, latin, SIZE)
                if current and current_width + cw > max_width:
                    lines.append("".join(current))
                    current, current_width = [], 0.0
                current.append(ch)
                current_width += cw
            continue
        current.append(token)
        current_width += w
    if current or not lines:
        lines.append("".join(current).rstrip())
    return lines


def is_table_row(line: str) -> bool:
    return len(split_cells(line)) >= 2


def split_cells(line: str) -> list[str]:
    stripped = line.rstrip()
    if not stripped.strip():
        return []
    cells = TABLE_SPLIT.split(stripped)
    if len(cells) > 1 and cells[0] == "" and not line.startswith(("\t", "  ")):
        cells = cells[1:]
    return [c.strip() for c in cells]


def is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha() and c.isascii()]
    return bool(letters) and len(line) <= 140 and all(c.isupper() for c in letters)


class _Writer:
    """Places lines on pages, opening a new page (with header and footer) when one fills."""

    def __init__(self, c: canvas.Canvas, header: str) -> None:
        self.c = c
        self.header = header
        self.page_no = 0
        self.width, self.height = A4
        self.text_width = self.width - 2 * MARGIN_X
        self.y = 0.0
        self.text = c.beginText()
        self.font: tuple[str, float] | None = None
        self.new_page(first=True)

    def new_page(self, first: bool = False) -> None:
        if not first:
            self.finish_page()
        self.page_no += 1
        self.y = self.height - MARGIN_TOP
        self.text.setFillGray(0.35)
        if self.header:
            self.draw(self.header, MARGIN_X, self.height - 36, size=8)
        footer = f"- {self.page_no} -"
        self.draw(footer, (self.width - width(footer, size=8)) / 2, 32, size=8)
        self.text.setFillGray(0)

    def finish_page(self) -> None:
        """One text object per page: far fewer operators than a drawString per run."""
        self.c.drawText(self.text)
        self.c.showPage()
        self.text = self.c.beginText()
        self.font = None

    def draw(self, text: str, x: float, y: float, latin: str = LATIN, size: float = SIZE) -> None:
        self.text.setTextOrigin(x, y)
        for font, chunk in runs(text, latin):
            if self.font != (font, size):
                self.text.setFont(font, size)
                self.font = (font, size)
            self.text.textOut(chunk)

    def need(self, height: float) -> None:
        if self.y - height < MARGIN_BOTTOM:
            self.new_page()

    def paragraph(self, line: str) -> None:
        latin = LATIN_BOLD if is_heading(line) else LATIN
        for part in wrap(line.strip(), self.text_width, latin):
            self.need(LEADING)
            self.y -= LEADING
            self.draw(part, MARGIN_X, self.y, latin)

    def gap(self) -> None:
        self.y -= LEADING * 0.6

    def table(self, rows: list[list[str]]) -> None:
        ncols = max(len(r) for r in rows)
        widths = _column_widths(rows, ncols, self.text_width)
        for row in rows:
            cells = row + [""] * (ncols - len(row))
            wrapped = [
                wrap(cell, max(w - CELL_GAP, 20.0)) for cell, w in zip(cells, widths, strict=True)
            ]
            height = max(len(w) for w in wrapped) * LEADING
            self.need(height)
            x = MARGIN_X
            for lines, w in zip(wrapped, widths, strict=True):
                y = self.y
                for part in lines:
                    y -= LEADING
                    self.draw(part, x, y)
                x += w
            self.y -= height


def _column_widths(rows: list[list[str]], ncols: int, total: float) -> list[float]:
    natural = [0.0] * ncols
    for row in rows:
        for i, cell in enumerate(row):
            natural[i] = max(natural[i], width(cell) + CELL_GAP)
    if sum(natural) <= total:
        extra = total - sum(natural)
        natural[-1] += extra
        return natural
    fair = total / ncols
    narrow = [i for i in range(ncols) if natural[i] <= fair]
    fixed = sum(natural[i] for i in narrow)
    wide = [i for i in range(ncols) if i not in narrow]
    wide_total = sum(natural[i] for i in wide) or 1.0
    out = list(natural)
    for i in wide:
        out[i] = (total - fixed) * natural[i] / wide_total
    return out


def render_pdf(text: str, *, header: str = "", title: str = "", author: str = "") -> bytes:
    """The PDF bytes for `text` (corpus format), deterministic for the same arguments.

    ASCII85 is switched off for the call (binary Flate streams are smaller and much faster
    to write in pure Python) and restored after, as rl_config is process-wide.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _render(text, header, title, author)
    finally:
        rl_config.useA85 = saved


def _render(text: str, header: str, title: str, author: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    c.setCreator("filingwatch replica")
    writer = _Writer(c, header)
    for n, page in enumerate(split_pages(text)):
        if n:
            writer.new_page()
        table: list[list[str]] = []
        for line in page.split("\n"):
            if is_table_row(line):
                table.append(split_cells(line))
                continue
            if table:
                writer.table(table)
                table = []
            if line.strip():
                writer.paragraph(line)
            else:
                writer.gap()
        if table:
            writer.table(table)
    writer.finish_page()
    c.save()
    return buf.getvalue()
