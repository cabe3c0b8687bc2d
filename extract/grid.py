"""Blank cells in tables of names: put them back, so each name stays under its column heading.

A board in columns ("Executive Directors  Non-executive Director  Independent non-executive
Directors") has fewer names in some columns, so some rows have blank cells. Once a row is
text with its cells two spaces apart (the corpus convention; extract/read.py for PDFs), a
blank cell is gone and the names after it move one column left. Here the blank is written
back as "-" (the convention's blank cell), from where each cell starts:
- in text, the character column where each cell starts, when the table is aligned with
  spaces; otherwise the width of the gap ("A    B" = A, a blank cell, B; two spaces each side);
- in a PDF, the x where each cell starts (`place_by_x`, used by extract/read.py).
Only tables without digits are touched: tables of figures (caps, amounts) keep their own
reading, where a row's first cell is blank under a header of years.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

BLANK = "-"
_GAP = re.compile(r"\t+\s*| {2,}")
_DIGIT = re.compile(r"\d")


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell of a line whose cells are two or more spaces apart."""
    out, pos = [], 0
    for piece in _GAP.split(line):
        start = line.index(piece, pos) if piece else pos
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        pos = start + len(piece)
    return out


def _nearest(starts: Sequence[float], anchors: Sequence[float], tol: float) -> list[int] | None:
    """Each start's column: the anchor it sits at (within `tol`), in order, or None."""
    out: list[int] = []
    for s in starts:
        k = min(range(len(anchors)), key=lambda i: abs(anchors[i] - s))
        if abs(anchors[k] - s) > tol or (out and k <= out[-1]):
            return None
        out.append(k)
    return out


def _gaps(cells: list[tuple[int, str]]) -> list[int]:
    return [s - (ps + len(pt)) for (ps, pt), (s, _) in zip(cells, cells[1:], strict=False)]


def _by_gaps(cells: list[tuple[int, str]], sep: int) -> list[int]:
    """Columns from gap widths: `sep` spaces between cells (the table's narrowest gap between
    filled cells), and two more for each blank cell ("A    B" = A, a blank cell, B); a row
    led by spaces starts `sep` spaces further per blank cell ("    C" = two blanks, C)."""
    cols = [cells[0][0] // sep]
    for gap in _gaps(cells):
        cols.append(cols[-1] + 1 + max(0, (gap - sep) // 2))
    return cols


def _filled(texts: list[str], cols: list[int], blank: str = BLANK) -> list[str]:
    row = [blank] * (cols[-1] + 1)
    for text, col in zip(texts, cols, strict=True):
        row[col] = text
    return row


def fill_text_grid(page: str, blank: str = BLANK) -> str:
    """The page with the blank cells of its name tables written back as "-" (or `blank`)."""
    lines = page.split("\n")
    i = 0
    while i < len(lines):
        head = _cells(lines[i])
        if len(head) < 2 or _DIGIT.search(lines[i]) or lines[i][:1].isspace():
            i += 1
            continue
        anchors = [s for s, _ in head]
        rows: list[tuple[int, list[tuple[int, str]]]] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _DIGIT.search(lines[j]):
            cells = _cells(lines[j])
            if len(cells) > len(anchors):
                break
            rows.append((j, cells))
            j += 1
        full = [c for _, c in rows if len(c) == len(anchors)]
        aligned = all(_nearest([s for s, _ in c], anchors, 2) for c in full)
        sep = min(g for c in (full or [head]) for g in _gaps(c))
        for k, cells in rows:
            if len(cells) == len(anchors):
                continue
            cols = _nearest([s for s, _ in cells], anchors, 3) if aligned else None
            if cols is None:
                cols = _by_gaps(cells, sep)
            if cols is None or cols[-1] >= len(anchors) or cols == list(range(len(cells))):
                continue
            lines[k] = "  ".join(_filled([t for _, t in cells], cols, blank))
        i = max(j, i + 1)
    return "\n".join(lines)


def place_by_x(x0s: Sequence[float], anchors: Sequence[float], tol: float) -> list[int] | None:
    """Columns of a PDF row's cells from where they start, or None when they do not line up
    with the heading row's cells."""
    return _nearest(x0s, anchors, tol)


def fill_row(texts: list[str], cols: list[int]) -> list[str]:
    """A row's cells with "-" in its blank columns (up to its last filled one)."""
    return _filled(texts, cols)


_FIGURE = re.compile(r"^\(?-?\d[\d,]*(?:\.\d+)?\)?$")
_VALUE = re.compile(r"^(?:\(?-?\d[\d,]*(?:\.\d+)?\)?|[-–—]|N/A|nil)$", re.I)


def join_wrapped_headers(page: str) -> str:
    """A figures table whose column headings wrap over several lines, each line holding only
    the pieces that wrapped ("Construction Services  Property Leasing  Port Construction" /
    "Framework Agreement  Framework  Framework" / "Agreement  Agreement"): the heading lines
    joined into one, each piece under the figure column it starts at. Only where the text is
    aligned with spaces (every piece within 3 characters of a column's start) and some line
    holds fewer pieces than there are columns; a PDF's rows are rebuilt by extract/rows.py."""
    lines = page.split("\n")
    cells = [_cells(line) for line in lines]  # each line's cells, once
    removed: set[int] = set()
    for i, row in enumerate(cells):
        if (
            len(row) < 3
            or not all(_VALUE.match(t) for _, t in row[1:])
            or i
            and any(_VALUE.match(t) for _, t in cells[i - 1][1:])
        ):  # a row of figures, the first of its table
            continue
        anchors = [st for st, _ in row[1:]]
        top = i
        while top > 0 and len(cells[top - 1]) == 1 and i - top < 2:
            top -= 1  # a group label over the first rows ("Year ended 31 December 2023")
        head: list[int] = []
        k = top - 1
        while k >= 0 and lines[k].strip() and not any(_VALUE.match(t) for _, t in cells[k]):
            head.insert(0, k)
            k -= 1
        heads = [cells[h] for h in head]
        if len(head) >= 2 and _joinable(heads, anchors):
            lines[head[0]] = _joined(heads, anchors)
            removed.update(head[1:])
    return "\n".join(line for n, line in enumerate(lines) if n not in removed)


def _joinable(rows: list[list[tuple[int, str]]], anchors: list[int]) -> bool:
    """Every piece of every heading line sits at a figure column's start, but for one label
    at the line's very start (the label column's: "(RMB'000)")."""
    heads = []
    for row in rows:
        label = [c for c in row if c[0] < anchors[0] - 3]
        if len(label) > 1 or (label and label[0][0] != 0):
            return False
        pieces = [c for c in row if c[0] >= anchors[0] - 3]
        if any(_nearest([st], anchors, 3) is None for st, _ in pieces):
            return False
        heads.append(pieces)
    # the first line heads every column and the lines under it go on with some: a group
    # heading over several columns ("Alpha Agreement" over "Existing cap  Proposed cap") is
    # a short line above a full one, read as it is
    return len(heads[0]) == len(anchors) and any(0 < len(p) < len(anchors) for p in heads[1:])


def _joined(rows: list[list[tuple[int, str]]], anchors: list[int]) -> str:
    label = " ".join(t for row in rows for st, t in row if st < anchors[0] - 3)
    cols = [" ".join(t for row in rows for st, t in row if abs(st - a) <= 3) for a in anchors]
    out = label.ljust(anchors[0])
    for a, text in zip(anchors, cols, strict=True):
        out = out.rstrip().ljust(max(a, len(out.rstrip()) + 2)) + text
    return out
