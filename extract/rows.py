"""Rebuild a PDF page's rows from its text lines: the part both PDF readers share.

Why our own row assembly: pdfminer.six's default layout (boxes_flow=0.5) groups text boxes
hierarchically and reads a two-column table (definitions, principal terms, caps by year) column
by column, so a cap lands pages away from its year. Both readers (extract/read.py with
pdfminer.six, extract/pdfium_read.py with pdfium) hand us the page's text lines instead, and we
rebuild rows from their positions: lines sharing a baseline are one row, their cells joined by
two spaces (the corpus convention), and a line that continues a wrapped paragraph or a wrapped
definition cell is joined back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.grid import fill_row, place_by_x
from extract.names import ABBREVIATED_TITLES, title_rx

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


_DIGIT = re.compile(r"\d")
#: a cell that starts with a person's title: a name in a table of names
_TITLED = re.compile(
    "^"
    + title_rx(
        (*ABBREVIATED_TITLES, "Miss", "Madam", "Professor", "Sir", "Dame")
        + ("Dato'", "Dato", "Datuk", "Tan Sri"),  # Malaysian titles
        ".?",
    )
    + r"\s+[A-Z]"
)


@dataclass
class Cell:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


class _Row:
    """A row's cells and its vertical extent, kept as cells come and change (it is read for
    every row pair)."""

    __slots__ = ("cells", "y0", "y1")

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self._measure()

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)
        self.y0, self.y1 = min(self.y0, cell.y0), max(self.y1, cell.y1)

    def replace(self, i: int, cell: Cell) -> None:
        self.cells[i] = cell
        self._measure()

    def _measure(self) -> None:
        self.y0 = min(c.y0 for c in self.cells)
        self.y1 = max(c.y1 for c in self.cells)


def page_text(lines: list[Cell], page_width: float) -> str:
    """The page's text in reading order from its text lines (each a `Cell` of the line's box
    and text, in the reader's order): whitespace runs become one space, blank lines go."""
    return page_text_carried(lines, page_width)[0]


def page_text_carried(
    lines: list[Cell], page_width: float, carried: list[float] | None = None
) -> tuple[str, list[float] | None]:
    """The page's text, as `page_text`, and where the columns of a table of names the page
    ends in start, for the next page: a board in columns split by a page break goes on with
    rows whose blank cells only the columns above tell (`carried`, the previous page's)."""
    cells = [
        Cell(c.x0, c.y0, c.x1, c.y1, text) for c in lines if (text := " ".join(c.text.split()))
    ]
    return _assemble(cells, page_width, carried or []) if cells else ("", None)


def _assemble(
    cells: list[Cell], page_width: float, carried: list[float]
) -> tuple[str, list[float] | None]:
    cells.sort(key=lambda c: (-c.y1, c.x0))
    rows: list[_Row] = []
    for cell in cells:
        mid = (cell.y0 + cell.y1) / 2
        if rows and rows[-1].y0 <= mid <= rows[-1].y1:
            rows[-1].add(cell)
        else:
            rows.append(_Row([cell]))
    for row in rows:
        row.cells.sort(key=lambda c: c.x0)
        merged: list[Cell] = [row.cells[0]]
        for c in row.cells[1:]:
            prev = merged[-1]
            # pieces of one line split by pdfminer (a wide justified space); cells are further
            if c.x0 - prev.x1 < 0.6 * min(c.y1 - c.y0, prev.y1 - prev.y0):
                sep = "" if c.x0 - prev.x1 < 0.5 else " "
                merged[-1] = Cell(
                    prev.x0, min(prev.y0, c.y0), c.x1, max(prev.y1, c.y1), prev.text + sep + c.text
                )
            else:
                merged.append(c)
        row.cells = merged  # the merged cells span the same heights: y0, y1 stay
    # Page furniture: a bare page number at the top or bottom.
    while rows and len(rows[-1].cells) == 1 and _PAGE_NUMBER.match(rows[-1].cells[0].text):
        rows.pop()
    while rows and len(rows[0].cells) == 1 and _PAGE_NUMBER.match(rows[0].cells[0].text):
        rows.pop(0)
    if not rows:
        return "", None
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
    anchors: list[float] = list(carried)  # where the cells of the current table of names start
    carrying = bool(carried)  # the rows at the top of the page under the last page's columns
    placed: list[int] = []  # the output column of each of prev's cells (blanks put back)
    for row in rows:
        targets = _continuation(prev, row, bounds, line_h, left) if prev is not None else None
        if prev is not None and targets is not None:
            for cell, i in zip(row.cells, targets, strict=True):
                out[-1][placed[i]] = _join_wrapped(out[-1][placed[i]], cell.text)
                old = prev.cells[i]
                prev.replace(i, Cell(old.x0, cell.y0, cell.x1, old.y1, out[-1][placed[i]]))
            continue
        gap = prev is not None and prev.y0 - row.y1 > 0.8 * line_h
        if gap:
            out.append([])  # a paragraph gap becomes a blank line
        texts = [c.text for c in row.cells]
        if gap or any(_DIGIT.search(t) for t in texts):
            anchors = []
        cols = place_by_x([c.x0 for c in row.cells], anchors, 6.0) if anchors else None
        if carrying and (cols is None or len(texts) < 2):
            anchors, cols = [], None  # the page does not open on the table the last one ended in
        carrying = carrying and cols is not None
        placed = list(range(len(texts)))
        if cols and len(texts) < len(anchors) and cols != placed:
            texts, placed = fill_row(texts, cols), cols  # a table of names: blanks back as "-"
        elif len(texts) >= 2 and not any(_DIGIT.search(t) for t in texts):
            anchors = [c.x0 for c in row.cells] if len(texts) >= len(anchors) else anchors
        out.append(texts)
        prev = row
        bounds = [c.x0 for c in row.cells[1:]] + [right]
    names_last = bool(out and len(out[-1]) >= 2 and not any(_DIGIT.search(t) for t in out[-1]))
    return "\n".join("  ".join(r) for r in out).strip(), (anchors if names_last else None)


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
    if len(prev.cells) >= 2 and (
        all(_TITLED.match(c.text) for c in row.cells)
        or (_TITLED.match(row.cells[0].text) and _TITLED.match(prev.cells[0].text))
    ):
        return None  # "Ms. Guo Xiaoqing  Dr. Meng Fanrong": a new row of a table of names
    if _closes_parens(prev, row):
        return [
            next(k for k, c in enumerate(prev.cells) if abs(c.x0 - cell.x0) <= 3.0)
            for cell in row.cells
        ]
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
        # or inside a bracket that names a term: '... ("Tai Hing" or the' / '"Borrower"), ...'
        open_paren = len(prev.cells) == 1 and (
            re.search(r"\((?:the|a|an)?$", above.text.rstrip())
            or (
                above.text.count("(") > above.text.count(")")
                and re.search(r"\b(?:the|or|and)$", above.text.rstrip())
                and full
            )
        )
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
