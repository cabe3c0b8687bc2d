"""Render corpus text to PDF with reportlab, so the PDF path is scored on the same gold.

The corpus convention (docs/architecture.md): pages split by a form-feed line, table rows are
single lines whose cells are separated by a tab or two or more spaces. We lay rows out in
columns (a definition's text wraps inside its own column, as in real HKEX announcements),
wrap paragraphs to the page width, and set CJK runs in the STSong-Light CID font.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from extract.grid import fill_text_grid

LATIN, CJK_FONT, SIZE, LEADING = "Helvetica", "STSong-Light", 10.0, 13.0
MARGIN = 56.0
_CJK_RUN = re.compile(r"([\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+)")
_CELL_SPLIT = re.compile(r"\t+\s*|\s{2,}")
_WRAP_TOKEN = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3400-\u9fff]+\s*|\s+"
)
_registered = False
_BLANK = "\x00"  # a cell the text leaves blank, kept in its column


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        _registered = True


def _runs(text: str) -> list[tuple[str, str]]:
    return [(p, CJK_FONT if i % 2 else LATIN) for i, p in enumerate(_CJK_RUN.split(text)) if p]


def _width(text: str) -> float:
    return sum(pdfmetrics.stringWidth(t, f, SIZE) for t, f in _runs(text))


def _wrap(text: str, width: float) -> list[str]:
    """Greedy wrap on spaces; CJK characters may break anywhere."""
    tokens = _WRAP_TOKEN.findall(text)
    lines, cur = [], ""
    for tok in tokens:
        if cur and _width((cur + tok).rstrip()) > width:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def _fitted(cells: list[str], widths: list[float], width: float) -> list[float]:
    """Columns widened to their longest word where a figure would not fit (a row of nine
    figures): a layout engine gives a column at least its widest word, taking the room from
    the columns that have it, as an issuer's typesetter does; as drawn when all fit."""
    least = [max(_width(w) for w in (c.split() or [""])) + 8 for c in cells]
    over = [c for c, lo, w in zip(cells, least, widths, strict=True) if lo > w]
    if not any(re.search(r"\d", c) for c in over) or sum(least) > width:
        return widths  # only a figure too wide for its column moves the columns
    spare = width - sum(least)
    room = [max(0.0, w - lo) for w, lo in zip(widths, least, strict=True)]
    total = sum(room) or 1.0
    return [lo + spare * r / total for lo, r in zip(least, room, strict=True)]


class _Writer:
    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.w, self.h = A4
        self.y = self.h - MARGIN
        self.page = 1

    def need(self, lines: int) -> None:
        if self.y - lines * LEADING < MARGIN:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.c.showPage()
        self.page += 1
        self.y = self.h - MARGIN

    def _footer(self) -> None:
        self.c.setFont(LATIN, 8)
        self.c.drawCentredString(self.w / 2, MARGIN / 2, f"– {self.page} –")

    def text_at(self, x: float, y: float, text: str) -> None:
        for part, font in _runs(text):
            self.c.setFont(font, SIZE)
            self.c.drawString(x, y, part)
            x += pdfmetrics.stringWidth(part, font, SIZE)

    def paragraph(self, text: str) -> None:
        width = self.w - 2 * MARGIN
        for line in _wrap(text, width):
            self.need(1)
            self.text_at(MARGIN, self.y, line)
            self.y -= LEADING

    def row(self, cells: list[str]) -> None:
        width = self.w - 2 * MARGIN
        if len(cells) == 2:
            widths = [width * 0.3, width * 0.7]
        else:
            first = width * 0.34
            widths = [first] + [(width - first) / (len(cells) - 1)] * (len(cells) - 1)
        widths = _fitted(cells, widths, width)
        wrapped = [_wrap(c, w - 8) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        self.need(min(height, 3))
        x = MARGIN
        for lines, w in zip(wrapped, widths, strict=True):
            y = self.y
            for line in [] if lines == [_BLANK] else lines:
                if y < MARGIN:
                    break
                self.text_at(x, y, line)
                y -= LEADING
            x += w
        self.y -= height * LEADING
        if self.y < MARGIN:
            self.new_page()

    def gap(self) -> None:
        self.y -= LEADING * 0.7

    def finish(self) -> None:
        self._footer()
        self.c.save()


#: "**DEFINITIONS**": bold in the corpus convention, drawn plain; a board's "Ms. NG**" and its
#: "** non-executive Director" legend are printed as they are
_BOLD = re.compile(r"(?<![\w*])\*\*(?=\w)(.+?)(?<=[\w.)])\*\*(?![\w*])")


def render_text_pdf(text: str, out: str | Path, *, encrypt: str | None = None) -> Path:
    """Write `text` (corpus convention) as a PDF at `out`; `encrypt` sets a user password."""
    _fonts()
    out = Path(out)
    canvas = Canvas(str(out), pagesize=A4, encrypt=encrypt, invariant=1)
    writer = _Writer(canvas)
    for n, page in enumerate(_BOLD.sub(r"\1", text).split("\f")):
        page = fill_text_grid(page, _BLANK)  # a name table's blank cells: drawn blank below
        if n and writer.y < writer.h - MARGIN:
            writer.new_page()
        for raw in page.strip("\n").split("\n"):
            line = raw.rstrip()
            if not line.strip():
                writer.gap()
                continue
            cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
            if len(cells) > 1 and line.startswith(("  ", "\t")):
                cells.insert(0, "")  # a header row: its label column is empty
            if len(cells) > 1:
                writer.row(cells)
            else:
                writer.paragraph(line.strip())
    writer.finish()
    return out


def render_flate_bomb(out: str | Path, expanded_mb: int = 2560) -> Path:
    """A one-page PDF whose content stream inflates from ~1/1000 of its size to `expanded_mb`
    MB of zeros: a reader without a memory limit allocates it all."""
    import zlib

    block = bytes(16 * 1024 * 1024)
    packer = zlib.compressobj(9)
    # after a full flush the compressor forgets its history, so every further block of
    # zeros packs to the same bytes: pack two, repeat the second, end with the right Adler-32
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    blocks = max(2, expanded_mb // 16)
    adler = ((blocks * len(block)) % 65521) << 16 | 1
    stream = first + again * (blocks - 1) + packer.flush()[:-4] + adler.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = Path(out)
    out.write_bytes(assemble_pdf(objects))
    return out


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (object 1 the catalog), with its cross-reference table: for
    hand-made PDFs reportlab will not write (a flate bomb, odd text objects)."""
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(data)
