"""Cap tables read as grids: header lines, unit lines, group lines and labelled value rows.

Issuers lay caps out in many ways; what they share is a grid. Above the first value row sit
header lines: spanning cells ("For the year ended/ending 31 March"), one cell per column
("2026  2027  2028", "Battery Cells / Purchase Agreement"), and a unit line ("HK$'000",
"(RMB million)"). Each column's header is the join of its fragments, so a header wrapped
over three lines ("For the period from / the Effective Date to / 31 December 2026") still
gives one period per column. Below, each value row has a label: a category, an agreement, a
period, or what the figures are ("Historical transaction amounts", "Existing annual caps",
"Proposed annual caps", "Revised annual caps"); a single-cell line between value rows names
the agreement of the rows under it. A row with fewer values than columns is right-aligned
(its empty cells are on the left: the past years). Periods run across the columns or down
the labels; the other axis names the agreement or category. Only proposed and revised caps
are kept: rows and columns of historical amounts, existing caps, "equivalent to" conversions
and years already ended are left out. A table stacked under another ("existing caps" over
"proposed caps") is read on its own; a wrapped date line fills the columns still without one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extract.dates import DATE_ANY
from extract.document import Line
from extract.money import CURRENCY_MARK, MONEY, NUMBER, parse_money, to_number, unit_of_header
from extract.periods import (
    PERIOD,
    clean_label,
    header_day_month,
    period_end,
    periods_in,
    year_label,
)
from extract.terms import find_terms

_YEAR = re.compile(r"\b(?:FY\s?)?(?:19|20)\d{2}\b")
_PAST_HEAD = re.compile(r"\b(?:ended|historical|actual|utili[sz]ed|recorded)\b", re.I)
_FUTURE_HEAD = re.compile(r"\bending\b", re.I)
_NOT_CAP = re.compile(
    r"\b(?:historical|existing|previous|original|actual|utili[sz]ed|current|approved|"
    r"transaction amounts?|amounts? (?:paid|received|incurred))\b",
    re.I,
)
_TOTAL = re.compile(r"^\s*(?:total|aggregate|sum)\b", re.I)
#: the prose over a table says its total row is a cap too ('The amount in the "Total" row is
#: the aggregate annual cap for the Master Insurance Agreement')
_TOTAL_IS_CAP = re.compile(
    r"\btotal\b[\"”]?\s+(?:row|line|column)s?\b(?![^.]{0,80}\bnot\b)[^.]{0,60}\bcaps?\b", re.I
)  # not "The total row is the arithmetic sum of the caps and does not constitute a cap"
_EQUIVALENT = re.compile(r"\bequivalent\b|\bapproximately\b|\bfor reference\b", re.I)
_LEAD_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_EQUIVALENT_TAIL = re.compile(r"\s*\(\s*(?:equivalent|approximately|approx\.|about|or)\b", re.I)
_EQUIVALENT_ROW = re.compile(r"\bequivalent\b|\bfor reference\b", re.I)
_NEW = re.compile(r"\b(?:proposed|new|revised|renewed|adjusted|amended)\b", re.I)
_REVISED = re.compile(r"\b(?:revised|revision|adjusted|amended)\b", re.I)
_CAP_WORD = re.compile(
    r"\b(?:annual\s+)?caps?\b|\bcapped\b|\bnot\s+(?:(?:be\s+)?(?:expected|anticipated|estimated|"
    r"intended|permitted|allowed)\s+)?(?:to\s+)?exceed\b|\bmaximum\b|\bupper\s+limits?\b|"
    r"\bceiling\b|\b(?:shall|will|may)\s+not\s+be\s+(?:more|greater|higher)\s+than\b",
    re.I,
)
#: a mark after a cell's figure: a note ("(1)", "(Note)", "*") or what the figure is ("5,600
#: (revised)", "2,706.8 (unaudited)"), which its column already says
_FOOTNOTE = re.compile(
    r"\s*(?:\(\s*(?:\d{1,2}|[a-z]|note[^)]*|revised|proposed|new|(?:un)?audited|estimated)\s*\)"
    r"|\*+)\s*$",
    re.I,
)
_EMPTY = {"-", "–", "—", "n/a", "N/A", "nil", "Nil", ""}
_UNIT_CELL = re.compile(
    r"^\(?\s*(?:in\s+)?(?:HK\$|US\$|MOP\$|NT\$|RMB|HKD|USD|S\$|SGD|EUR|GBP|JPY|MOP|TWD|CNY|Renminbi|"
    r"€|£|¥)"
    r"\s*(?:['’]000|thousand|million|billion|m|mn|bn)?\s*\)?$",
    re.I,
)


@dataclass
class GridCap:
    amount: float | int
    currency: str
    end: dt.date
    label: str
    agreement: str | None
    category: str | None
    kind: str
    line: Line


@dataclass
class Grid:
    """One table: per-column header text, the text over all columns, and its value rows."""

    columns: list[str]
    spanning: str
    rows: list[tuple[str, list[str], Line, str | None]] = field(default_factory=list)
    #: the header cells over the label column ("Agreement / category")
    corner: str = ""


def is_value(cell: str) -> bool:
    c = _FOOTNOTE.sub("", cell.strip())
    if c in _EMPTY:
        return True
    return bool(NUMBER.match(c) or (parse_money(c) and len(c) < 30 and c[:1] in "(HURUSMEJGNTC€£¥"))


#: a line that only gives the unit, in words: "(Unit: RMB'0,000)", "Amounts in HK$'000",
#: "(All figures in RMB ten thousand)", "(RMB100 million)"
_UNIT_LINE = re.compile(
    r"^\(?\s*(?:(?:all\s+)?(?:amounts?|figures?|units?|currency)\s*(?:[:：]|\bin\b|\bare\s+in\b)?"
    rf"\s*|in\s+)?(?:{CURRENCY_MARK})\s?"
    r"(?:['’]0,000|['’]000,000|['’]000|ten\s+thousand|"
    r"10,000|10\s?thousand|100\s?million|hundred\s+million|thousand|million|billion)\s*\)?\.?$",
    re.I,
)


def is_unit_cell(cell: str) -> bool:
    """ "(RMB million)", "HK$'000", "(Unit: ten thousand yuan)"; also the unit repeated over
    each column with one space between ("HK$ million HK$ million HK$ million")."""
    text = cell.strip()
    if _UNIT_CELL.match(text) or (_UNIT_LINE.match(text) and unit_of_header(text)[0]):
        return True
    # "(Unit: ten thousand yuan)", "(in 10,000 RMB)": the unit words after the number
    if (
        len(text) < 40
        and re.match(r"\(?\s*(?:units?\b|in\s+(?:\S+\s+){1,2}(?:yuan|RMB)\b)", text, re.I)
        and unit_of_header(text)[0]
    ):
        return True
    parts = re.split(r"(?<=[)'’a-z0-9])\s+(?=\(|[A-Z€£¥])", text)
    return len(parts) > 1 and all(_UNIT_CELL.match(p) for p in parts)


def _split_label(cells: list[str]) -> list[str]:
    """A row with two label cells: a year and then what its figures are ("2026  Proposed
    annual cap  3,450  1,180"), an agreement and a category; read as one label ("2026
    Proposed annual cap"). Figures a PDF reader cut with a space are mended."""
    if any(" " in c for c in cells[1:]):
        cells = [cells[0], *(_mend(c) for c in cells[1:])]
    if (
        len(cells) >= 3
        and (_period_key(cells[0].strip()) or not is_value(cells[0]))
        and not is_unit_cell(cells[0])
        and not is_value(cells[1])
        and not _YEAR.fullmatch(cells[1].strip())
        and all(is_value(c) for c in cells[2:])
    ):
        return [f"{cells[0].strip()} {cells[1].strip()}", *cells[2:]]
    return cells


_YEAR_KEY = re.compile(r"(?:FY\s?)?(?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?")


def _period_key(cell: str) -> bool:
    """A cell that is only a year or a period ("2026", "FY2026", "Year ending 31 December
    2026", "1 April 2025 to 31 March 2026")."""
    if _YEAR_KEY.fullmatch(cell):
        return True
    m = PERIOD.search(cell)
    if m and _YEAR.search(cell) and len(cell) - len(m.group(0)) < 12:
        return True
    return bool(
        re.fullmatch(rf"(?:from\s+)?{DATE_ANY.pattern}\s+to\s+{DATE_ANY.pattern}", cell, re.I)
    )


_MARKER = re.compile(
    r"^(?:[-•·*▪●○◦➢►\uf000-\uf0ff]|\(cid:\d+\)|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)])$", re.I
)


def unmarked(line: Line) -> Line:
    """A row led by an item marker in a cell of its own ("(i)  Services to the Group  18,600",
    "•  brokerage fees: not exceeding ..."): the marker joins the cell after it, so the row's
    label is one cell (and a bullet of prose is not a table row)."""
    c = line.cells
    if len(c) > 1 and _MARKER.match(c[0].strip()) and c[1][:1].isalpha():
        return Line(line.page, line.start, line.end, line.text, [f"{c[0]} {c[1]}", *c[2:]])
    return line


def _value_row(line: Line) -> bool:
    cells = _split_label(line.cells)
    if len(cells) < 2 or is_unit_cell(cells[0]):
        return False
    if is_value(cells[0]) and not _YEAR.fullmatch(cells[0].strip()):
        return False
    vals = cells[1:]
    filled = [_FOOTNOTE.sub("", c.strip()) for c in vals]
    filled = [c for c in filled if c not in _EMPTY]
    if not filled or all(_YEAR.fullmatch(c) for c in filled):
        return False  # a row of years is a header
    return all(is_value(c) for c in vals)


def _header_ish(line: Line) -> bool:
    """A line above a table's first value row that belongs to its header."""
    t = line.text
    if not t:
        return False
    if line.is_row:
        return all(len(c) < 80 for c in line.cells)
    if len(t) > 120:
        return False
    return bool(
        is_unit_cell(t)
        or re.search(r"\b(?:year|period|months)\b.*\b(?:ending|ended|from|to)\b", t, re.I)
        or re.fullmatch(r"(?:(?:FY\s?)?(?:19|20)\d{2}\s*)+", t)
        or (len(t) <= 30 and bool(DATE_ANY.fullmatch(t.strip(" ()"))))
    )


def grid_blocks(lines: list[Line]) -> list[tuple[int, int, int]]:
    """(header start, first value row, end) of every block of lines holding value rows."""
    out: list[tuple[int, int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        if not _value_row(lines[i]):
            i += 1
            continue
        first = i
        h = i
        h -= _label_chain(lines, first)  # the first lines of a label wrapped over several
        if (
            h > 0
            and lines[h - 1].text
            and not lines[h - 1].is_row
            and not _header_ish(lines[h - 1])
        ):
            h -= 1  # a group label over the first value rows
        top = h  # the header reaches up to five lines above the label
        while h > 0 and _header_ish(lines[h - 1]) and not _value_row(lines[h - 1]) and top - h < 5:
            h -= 1
        if (  # a blank line between the header and the body
            h > 1
            and not any(ln.is_row or is_unit_cell(ln.text) for ln in lines[h:first])
            and not lines[h - 1].text
            and (lines[h - 2].is_row or is_unit_cell(lines[h - 2].text))
            and not _value_row(lines[h - 2])
        ):
            h -= 1
            while h > 0 and _header_ish(lines[h - 1]) and not _value_row(lines[h - 1]):
                h -= 1
                if i - h > 7:
                    break
        # a group label directly above the first value row ("Products Sales Agreement")
        j = i
        while j < n:
            ln = lines[j]
            if _value_row(ln) or is_unit_cell(ln.text):
                j += 1
                continue
            if ln.text and not ln.is_row and j + 1 < n and _value_row(lines[j + 1]):
                j += 1  # a group label between value rows
                continue
            if ln.text and not ln.is_row and j + 2 < n and _wraps(lines[j + 1], lines[j + 2]):
                j += 2  # a group label, then the first line of a wrapped label
                continue
            chain = _next_chain(lines, j)
            if chain:
                j += chain  # a blank line, then the next row's label wrapped over lines
                continue
            break
        out.append((h, first, j))
        i = j
    return out


def build_grid(lines: list[Line], h: int, first: int, end: int) -> Grid | None:
    head = [ln for ln in lines[h:first] if ln.text]
    # a group label right above the first value row is not header
    group0: str | None = None
    prefix: str | None = None  # the first line of a wrapped label
    chain = _label_chain(lines, first)
    if chain and len(head) >= chain:
        prefix = " ".join(ln.text for ln in head[-chain:])
        del head[-chain:]
    if head and not head[-1].is_row and not _header_ish_strict(head[-1]):
        group0 = head.pop().text
    elif (
        head
        and not head[-1].is_row
        and _period_group(head[-1].text)
        and any(not ln.is_row and _period_group(ln.text) for ln in lines[first:end])
    ):  # "Year ended 31 December 2023" over its rows, as each later year is over its own
        group0 = head.pop().text
    body = lines[first:end]
    nvals = max((len(_split_label(ln.cells)) - 1 for ln in body if _value_row(ln)), default=0)
    widths = [len(ln.cells) for ln in head if ln.is_row and not _labelled(ln, nvals)]
    ncols = max([nvals, *widths]) if widths else nvals
    if ncols == 0:
        return None
    columns = [""] * ncols
    grouped = [""] * ncols  # group headings over runs of columns, their lines in order
    spanning: list[str] = []
    corner: list[str] = []
    runs = _year_runs(head, ncols)
    for ln in head:
        cells = ln.cells if ln.text else []
        if _column_groups(cells, ncols):
            span = ncols // len(cells)  # one agreement over each group of columns
            for k in range(ncols):
                grouped[k] = f"{grouped[k]} {cells[k // span]}".strip()
            continue
        # the label column's own heading ("Category", "Agreement") is not a group heading
        groups = cells[1:] if len(cells) > 2 and _LABEL_HEAD.match(cells[0]) else cells
        if 1 < len(groups) < ncols and len(groups) == len(runs) + 1:
            runs = _split_runs(runs, head, ncols) or runs
        if 1 < len(groups) < ncols and len(groups) == len(runs):
            # group headings over runs of year columns ("Historical amounts" over 2023
            # 2024, "Proposed annual caps" over 2026 2027 2028)
            spanning += cells[: len(cells) - len(groups)]
            for cell, run in zip(groups, runs, strict=True):
                for k in run:
                    columns[k] = f"{columns[k]} {cell}".strip()
            continue
        if _labelled(ln, ncols) and len(cells) == ncols + 1:
            spanning.append(cells[0])
            corner.append(cells[0])
            cells = cells[1:]
        elif (
            _labelled(ln)
            and len(cells) != ncols
            and len(cells) - 1 < ncols
            and ncols % (len(cells) - 1) == 0
            # "Year ending  Year ending" over "31 December 2026  31 December 2027": a period
            # over each run of columns, not the label column's heading
            and not all(_PERIOD_WORD.search(c) for c in cells)
        ):
            spanning.append(cells[0])
            cells = cells[1:]
        if len(cells) == ncols:
            for k, c in enumerate(cells):
                columns[k] = f"{columns[k]} {c}".strip()
        elif cells and _fills_dateless(columns, cells):
            # the wrapped end of the headers still without a date ("For the period from /
            # the effective date to / 31 December 2026" beside one-line year headers)
            dateless = [k for k, c in enumerate(columns) if _endless(c)]
            for k, c in zip(dateless, cells, strict=True):
                columns[k] = f"{columns[k]} {c}".strip()
        elif cells and ncols % len(cells) == 0 and len(cells) > 1:
            span = ncols // len(cells)  # a group heading over each run of columns
            for k in range(ncols):
                grouped[k] = f"{grouped[k]} {cells[k // span]}".strip()
        else:
            spanning.append(" ".join(cells))
    columns = [f"{g} {c}".strip() for g, c in zip(grouped, columns, strict=True)]
    grid = Grid(columns, " ".join(spanning), corner=" ".join(corner))
    group = group0
    year = None  # the year of the last row keyed by a year and a label
    for k, ln in enumerate(body):
        if _value_row(ln):
            cells = _split_label(ln.cells)
            label = cells[0]
            if prefix:
                label, prefix = f"{prefix} {label.strip()}", None
            joined = len(cells) < len(ln.cells)
            if joined and _period_key(ln.cells[0].strip()):
                year = ln.cells[0].strip()
            elif joined and _YEAR_KEY.match(ln.cells[0].strip()):
                year = _YEAR_KEY.match(ln.cells[0].strip()).group(0)
            elif year and not _YEAR.search(label):
                label = f"{year} {label}"  # a second row of the same year ("Actual amount")
            values = cells[1:]
            if len(values) == ncols - 1:
                label, values = _peel_figure(label, values)
            grid.rows.append((label, values, ln, group))
        elif _in_chain(body, k):
            prefix = f"{prefix} {ln.text}" if prefix else ln.text
        elif ln.text and not ln.is_row and not is_unit_cell(ln.text):
            group = ln.text
        elif is_unit_cell(ln.text):
            grid.spanning += " " + ln.text
    return grid


_LAST_FIGURE = re.compile(r"^(.*[A-Za-z)].*?)\s(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


def _peel_figure(label: str, values: list[str]) -> tuple[str, list[str]]:
    """A row one figure short whose label ends in a figure: a long label printed one space
    from the first figure ("Property all risks (investment properties) 22.5  24.0  26.0")."""
    m = _LAST_FIGURE.match(label.strip())
    return (m.group(1), [m.group(2), *values]) if m else (label, values)


_INSTRUMENT = re.compile(r"\b(?:agreements?|contracts?|leases?|deeds?|tenanc(?:y|ies))\b", re.I)


def _column_groups(cells: list[str], ncols: int) -> bool:
    """A header line of agreements each over an equal group of columns ("Alpha Agreement
    Beta Agreement" over "Existing cap  Proposed cap  Existing cap  Proposed cap")."""
    return (
        1 < len(cells) < ncols
        and ncols % len(cells) == 0
        and all(_INSTRUMENT.search(c) and not _YEAR.search(c) for c in cells)
    )


_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _mend(cell: str) -> str:
    """A figure a PDF reader cut with a space ("48,00 0", "1,2 50.5"): joined again when the
    pieces are not figures of their own and the whole is."""
    tokens = cell.split()
    if len(tokens) < 2 or not all(re.fullmatch(r"[\d,.]+", t) for t in tokens):
        return cell
    joined = "".join(tokens)
    if _WELL_FORMED.fullmatch(joined) and not all(_WELL_FORMED.fullmatch(t) for t in tokens):
        return joined
    return cell


def _label_chain(lines: list[Line], row: int) -> int:
    """How many lines above the value row `lines[row]` are its label's first lines: a label
    wrapped over several short lines ("Ground handling fees receivable" / "from Skyjade
    Airlines under" / "the Ground Handling Master" / "Agreement   38.0   162.0"), each line
    going on with a lower-case word or after a word that cannot end a label. One line only
    when `_wraps` says so, or when the row's own label is a short tail of it and a second
    line joins above."""
    if row == 0 or not _value_row(lines[row]):
        return 0
    n = 0
    k = row - 1
    while k >= 0 and k >= row - 4:
        ln, below = lines[k], lines[k + 1]
        if not ln.text or ln.is_row or len(ln.text) > 60 or is_unit_cell(ln.text):
            break
        runs_on = k == row - 1 and _wraps(ln, below)  # "Period from 1 November 2026" / "to ..."
        if not runs_on and (_header_ish(ln) or ln.text.rstrip().endswith((".", ":"))):
            break
        goes_on = _WRAP_END.search(ln.text.strip()) or below.text.strip()[:1].islower()
        if k < row - 1 and not goes_on:
            break
        n += 1
        k -= 1
    if n == 1 and not _wraps(lines[row - 1], lines[row]):
        return 0  # one line over a row: a group label unless it visibly runs on
    return n


def _next_chain(lines: list[Line], j: int) -> int:
    """The lines from `lines[j]` through the next value row when only blank lines (a
    paragraph gap: up to two) and the lines of that row's wrapped label lie between (0 when
    not)."""
    top = j - 1
    while top + 1 < len(lines) and not lines[top + 1].text and top - j < 1:
        top += 1
    for r in range(top + 2, min(top + 6, len(lines))):
        if _value_row(lines[r]):
            chain = _label_chain(lines, r)
            return r - j if chain == r - top - 1 and chain >= 1 else 0
    return 0


def _in_chain(body: list[Line], k: int) -> bool:
    """`body[k]` is one of the first lines of the label of a value row below it."""
    for r in range(k + 1, min(k + 5, len(body))):
        if _value_row(body[r]):
            return _label_chain(body, r) >= r - k
        if not body[r].text or body[r].is_row:
            return False
    return False


_WRAP_END = re.compile(r"(?:\b(?:and|of|for|to|by|the|in|with|or|from|under|on)|[,&/-])$", re.I)


def _wraps(line: Line, row: Line) -> bool:
    """A line of text that is the first line of the label of the value row under it ("Sale of
    packaging materials and" over "labels to the Group   12,400   26,800")."""
    if not line.text or line.is_row or len(line.text) > 80 or is_unit_cell(line.text):
        return False
    if not _value_row(row):
        return False
    label = _split_label(row.cells)[0].strip()
    return label[:1].islower() or bool(_WRAP_END.search(line.text.strip()))


_PERIOD_WORD = re.compile(r"\b(?:year|period|ending|ended|months|(?:19|20)\d{2})\b", re.I)
_LABEL_HEAD = re.compile(
    r"^(?:categor|agreements?\b|transactions?\b|items?\b|nature|descriptions?\b|types?\b|"
    r"particulars|services?\b|products?\b)",
    re.I,
)


def _year_row(head: list[Line], ncols: int) -> list[str] | None:
    """The header row of years, one a column, without the label column's own heading
    ("Category of transaction  Year ending 30 June 2025  Year ending 30 June 2026 ...")."""
    for ln in reversed(head):
        cells = ln.cells[1:] if ln.is_row and len(ln.cells) == ncols + 1 else ln.cells
        if ln.is_row and len(cells) == ncols and all(_YEAR.search(c) for c in cells):
            return cells
    return None


def _year_runs(head: list[Line], ncols: int) -> list[list[int]]:
    """The columns of a header row of years cut into runs, one per group heading above: a run
    ends where the years stop rising by one (2023 2024 | 2026 2027 2028; 2024 2025 | 2024
    2025) or where a full date meets bare years ("30 June 2024" | 2024 2025)."""
    row = _year_row(head, ncols)
    if row is None:
        return []
    runs: list[list[int]] = []
    prev: tuple[bool, int] | None = None
    for k, cell in enumerate(row):
        dated = bool(DATE_ANY.search(cell))
        year = int(_YEAR.findall(cell)[-1][-4:])
        rising = prev is not None and (year == prev[1] + 1 or (dated and year == prev[1]))
        if prev is None or prev[0] != dated or not rising:
            runs.append([])
        runs[-1].append(k)
        prev = (dated, year)
    return runs


def _split_runs(runs: list[list[int]], head: list[Line], ncols: int) -> list[list[int]]:
    """One heading more than runs: a run that ends with the years of the last run is cut
    there ("2023 2024 2025 | 2024 2025" under "Actual | Existing caps | Revised caps": the
    existing and the revised caps are for the same years)."""
    row = _year_row(head, ncols)
    if row is None or not runs:
        return []
    years = [_YEAR.findall(c)[-1][-4:] for c in row]
    last = [years[k] for k in runs[-1]]
    for n, run in enumerate(runs[:-1]):
        tail = [years[k] for k in run[-len(last) :]]
        if len(run) > len(last) and tail == last:
            cut = len(run) - len(last)
            return [*runs[:n], run[:cut], run[cut:], *runs[n + 1 :]]
    return []


def _fills_dateless(columns: list[str], cells: list[str]) -> bool:
    """Header cells that are only dates, as many as the columns still lacking a year."""
    if not all(DATE_ANY.fullmatch(c.strip(" ()")) for c in cells):
        return False
    dateless = [c for c in columns if _endless(c)]
    return len(dateless) == len(cells) < len(columns)


def _endless(column: str) -> bool:
    """A column header still without its end date: no year yet, or a range left open ("For
    the period from 1 July 2025 to")."""
    return not _YEAR.search(column) or bool(re.search(r"\b(?:to|until)$|[-–]$", column.strip()))


def _period_group(group: str | None) -> bool:
    """A group label that is a period ("Year ending 31 December 2026" over its rows)."""
    return bool(group and PERIOD.search(group) and _YEAR.search(group) and len(group) < 60)


def _labelled(line: Line, ncols: int = 0) -> bool:
    """A header row whose first cell is a label over the label column, not a column head; a
    unit there is the label column's too when the row has a cell more than the table has
    columns of figures ("(RMB'000)  Construction Services Framework Agreement  ...")."""
    first = line.cells[0]
    unit_label = (
        ncols > 1
        and len(line.cells) == ncols + 1
        and is_unit_cell(first)
        and not any(is_unit_cell(c) for c in line.cells[1:])
    )
    return (
        len(line.cells) > 1
        and not re.match(r"(?:FY\s?)?(?:19|20)\d{2}\b", first.strip())
        and (not is_unit_cell(first) or unit_label)
        and not (PERIOD.search(first) and _YEAR.search(first))
    )


def _header_ish_strict(line: Line) -> bool:
    t = line.text
    return bool(
        is_unit_cell(t)
        or re.search(r"\b(?:year|period|months)\b", t, re.I)
        or _YEAR.search(t)
        or t.startswith("(")
    )


def read_grid(  # noqa: C901, PLR0912
    grid: Grid,
    context: str,
    agreements: list[str],
    default_agreement: str | None,
) -> list[GridCap]:
    """The proposed and revised caps of one grid."""
    grid.rows = [r for row in grid.rows for r in _unjoined(row, agreements)]
    dm = header_day_month(grid.spanning) or header_day_month(context)
    table_unit = unit_of_header(grid.spanning)
    if table_unit[0] is None:  # a unit printed under one column only ("2024 HK$ million")
        units = {unit_of_header(c) for c in grid.columns} - {(None, 1)}
        if len(units) == 1:
            table_unit = next(iter(units))
    if table_unit[0] is None:
        table_unit = _unit_in_labels(grid)
    if table_unit[0] is None:
        table_unit = unit_of_header(context[-300:])
    ends = [_column_end(f"{grid.spanning} {c}", dm) for c in grid.columns]
    ends = _ends_the_text_names(ends, grid.spanning, context)
    across = any(e is not None for e in ends)
    ncols = len(grid.columns)
    out: list[GridCap] = []
    table_revised = (
        bool(_REVISED.search(context[-400:]))
        and not re.search(r"\bproposed\b", context[-400:], re.I)
        # the grid says which of its columns or rows are the revised ones
        and not any(_REVISED.search(c) for c in [*grid.columns, *(r[0] for r in grid.rows)])
    )
    first_group = _corner_group(grid, agreements)
    with_history = {g for lab, _, _, g in grid.rows if g and _NOT_CAP.search(lab)}
    for label, values, line, group in _trailing_groups(grid.rows, agreements):
        group = group or first_group
        if _NOT_CAP.search(label) and not _NEW.search(label):
            continue
        if _EQUIVALENT_ROW.search(label):
            continue  # "(equivalent to approximately HK$'000)": the same caps converted
        if _TOTAL.match(label) and len(grid.rows) > 2 and not _TOTAL_IS_CAP.search(context):
            continue  # the sum of the rows above, not a cap of its own
        if across:
            if PERIOD.search(label) and _YEAR.search(label):
                continue  # a period row under period columns: not ours to read
            if _PAST_HEAD.search(label) and not _NEW.search(label):
                continue
            cols = list(range(ncols - len(values), ncols)) if len(values) <= ncols else []
            for k, value in zip(cols, values, strict=False):
                head = f"{grid.spanning} {grid.columns[k]}"
                end = ends[k]
                if end is None or _past_column(grid.columns[k], grid.spanning):
                    continue
                if _NOT_CAP.search(grid.columns[k]) or _EQUIVALENT.search(grid.columns[k]):
                    continue
                unit = unit_of_header(grid.columns[k])
                if unit[0] is None:
                    unit = _label_unit(label)  # "Deposit services (RMB million)"
                if unit[0] is None:  # "Cap (HK$'000)": the unit in the row's label
                    unit = unit_of_header(label)
                money = cell_money(value, unit if unit[0] else table_unit)
                if money is None:
                    continue
                agreement, category = _who(_unit_strip(label), group, agreements, default_agreement)
                revised = _REVISED.search(f"{label} {grid.columns[k]}")
                kind = "revised" if revised or table_revised else "proposed"
                out.append(
                    GridCap(
                        money[0],
                        money[1],
                        end,
                        _period_label(head, end),
                        agreement,
                        category,
                        kind,
                        line,
                    )
                )
        else:
            if not (_YEAR.search(label) or PERIOD.search(label)) and _period_group(group):
                if group in with_history and not _NEW.search(label):
                    continue  # "Historical amount" and "Annual cap" rows under one year: in force
                label = f"{group} {label}"  # "Year ending 31 December 2026" over "Annual cap"
            if not (_YEAR.search(label) or PERIOD.search(label)):
                continue
            if _PAST_HEAD.search(label) and not _FUTURE_HEAD.search(label):
                continue
            end = _column_end(f"{grid.spanning} {label}", dm) or period_end(label, dm)
            if end is None:
                continue
            heads = grid.columns[ncols - len(values) :] if len(values) <= ncols else grid.columns
            picked = [
                (v, hd)
                for v, hd in zip(values, heads, strict=False)
                if not (_TOTAL.match(hd) and len(heads) > 2)
                and not (_NOT_CAP.search(hd) and not _NEW.search(hd))
                and not _EQUIVALENT.search(hd)
                and not _PAST_HEAD.search(hd)
            ]
            proposed_cols = [p for p in picked if _NEW.search(p[1])]
            if proposed_cols:
                picked = proposed_cols
            for value, hd in picked:
                unit = unit_of_header(hd)
                money = cell_money(value, unit if unit[0] else table_unit)
                if money is None:
                    continue
                col_label = _CAP_HEAD.sub("", _unit_strip(hd)).strip(" ,:-–")
                agreement, category = _who(col_label, group, agreements, default_agreement)
                if not col_label:
                    category = None
                kind = "revised" if _REVISED.search(hd) or table_revised else "proposed"
                out.append(
                    GridCap(
                        money[0],
                        money[1],
                        end,
                        _period_label(label, end),
                        agreement,
                        category,
                        kind,
                        line,
                    )
                )
    return out


_LINKS = re.compile(r"\b(?:the|under|of|for|to|with|by|from|and|in|pursuant|per)$", re.I)


def _trailing_groups(
    rows: list[tuple[str, list[str], Line, str | None]], agreements: list[str]
) -> list[tuple[str, list[str], Line, str | None]]:
    """A group label a PDF reader joined onto the row above it ("Proposed annual cap Beta
    Services Agreement"): the row keeps the label before the name, and the rows after it, up
    to the next group label, belong to the agreement named."""
    out = []
    carry: tuple[str | None, str] | None = None  # (group it replaces, agreement)
    for n, (label, values, line, group) in enumerate(rows):
        if carry is not None and group == carry[0]:
            group = carry[1]
        else:
            carry = None
        named = find_terms(label, agreements)
        if named and n + 1 < len(rows):
            pos, term = named[-1]
            before = label[:pos].strip()
            if (
                before
                and not label[pos + len(term) :].strip()
                and not _LINKS.search(before)
                and not before.endswith(("-", "–", "—", ":", "/", "(", ","))
                and not find_terms(before, agreements)
            ):
                carry = (rows[n][3], term)
                label = before
        out.append((label, values, line, group))
    return out


def _figures(cell: str) -> list[str]:
    """The figures of a value cell: one, or several when stacked cells were joined."""
    tokens = cell.split()
    if len(tokens) > 1 and all(
        is_value(t) and not _FOOTNOTE.fullmatch(t) and t not in _EMPTY for t in tokens
    ):
        return tokens
    return [cell]


def _corner_group(grid: Grid, agreements: list[str]) -> str | None:
    """The group of the rows above the first group label, when the header over the label
    column ends with an agreement's name: a group line drawn into the header row above it
    ("Agreement / category Gas Supply Agreement   2024   2025")."""
    if not grid.corner or not any(g for *_, g in grid.rows):
        return None
    named = find_terms(grid.corner, agreements)
    if not named:
        return None
    pos, term = named[-1]
    return term if not grid.corner[pos + len(term) :].strip() else None


_UNIT_TAIL = re.compile(
    r"\s+((?:all\s+)?(?:amounts?|figures?|units?)\s*(?:[:：]|\bin\b|\bare\s+in\b)\s*"
    r"(?:HK\$|US\$|RMB|HKD|USD|Renminbi)\s?\S*(?:\s(?:thousand|million|billion))?\)?)$",
    re.I,
)


def _ends_the_text_names(
    ends: list[dt.date | None], spanning: str, context: str
) -> list[dt.date | None]:
    """ "Existing annual cap | Proposed annual caps" over years that rise without a break, the
    headings' spans unknown: the columns kept are the years the text above gives the proposed
    caps ("the proposed annual caps for the three years ending 31 December 2028")."""
    if not (_NOT_CAP.search(spanning) and _NEW.search(spanning)):
        return ends
    text = context[-400:]
    new = [m.start() for m in _NEW.finditer(text)]
    named = {d for _, d, _ in periods_in(text[new[-1] :])} if new else set()
    if not named or not named & set(ends) or set(ends) <= named:
        return ends
    return [e if e in named else None for e in ends]


def _unjoined(
    row: tuple[str, list[str], Line, str | None], agreements: list[str]
) -> list[tuple[str, list[str], Line, str | None]]:
    """Rows a PDF reader read as one line, every value cell holding one figure of each ("A
    (fees) B (royalties)  MOP28,000,000 MOP6,500,000  ..."), split back into one row per
    figure, the label cut where each row's agreement is named.

    Two amounts to every cell are cut at the second amount, the label at the second agreement's
    name or else at a capital after a closing bracket (no cut: the row is left to the next
    reading). Then each row's cells of k figures ("9,000 2,000") are cut at the spaces, the
    label at the agreements when it names k of them, else kept for each."""
    rows = [row]
    label, values, line, group = row
    pairs = [MONEY.findall(v) for v in values if v.strip() not in _EMPTY]
    # "RMB12m (HK$13.2m)" is one amount and its equivalent
    if pairs and all(len(p) == 2 for p in pairs) and not any("(" in v for v in values):
        firsts, seconds = [], []
        for v in values:
            found = list(MONEY.finditer(v))
            firsts.append(v[: found[1].start()].strip() if len(found) == 2 else v)
            seconds.append(v[found[1].start() :].strip() if len(found) == 2 else v)
        named = find_terms(label, agreements)
        cut = named[1][0] if len(named) == 2 else None
        if cut is None:
            m = re.search(r"\)\s+(?=[A-Z])", label)
            cut = m.end() if m else None
        if cut is not None:
            rows = [
                (label[:cut].strip(), firsts, line, group),
                (label[cut:].strip(), seconds, line, group),
            ]
    out = []
    for label, values, line, group in rows:
        parts = [_figures(v) for v in values]
        counts = {len(p) for p in parts}
        k = counts.pop() if len(counts) == 1 else 1
        if k < 2:
            out.append((label, values, line, group))
            continue
        named = find_terms(label, agreements)
        if len(named) == k:
            cuts = [pos for pos, _ in named]
            labels = [
                label[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(label)], strict=True)
            ]
            labels[0] = label[: cuts[1]].strip()
        else:
            labels = [label] * k
        for i in range(k):
            out.append((labels[i], [p[i] for p in parts], line, group))
    return out


def _label_unit(label: str) -> tuple[str | None, int]:
    """The unit a row label ends with in brackets: "Maximum daily balance (RMB million)"."""
    m = re.search(r"\(([^()]{2,40})\)\s*$", label)
    if m and is_unit_cell(f"({m.group(1)})"):
        return unit_of_header(m.group(1))
    return None, 1


def _unit_in_labels(grid: Grid) -> tuple[str | None, int]:
    """A unit line under the last row that a PDF reader joined to that row's label ("Brokerage
    commissions Amounts in HK$'000"): the table's unit, cut from the label, and from every row
    `_unjoined` split that line into with the same label."""
    for label, _, line, _ in grid.rows:
        m = _UNIT_TAIL.search(label)
        if m and unit_of_header(m.group(1))[0]:
            grid.rows = [
                (label[: m.start()].strip(), *r[1:]) if r[0] == label and r[2] is line else r
                for r in grid.rows
            ]
            return unit_of_header(m.group(1))
    return None, 1


_CAP_HEAD = re.compile(r"^(?:(?:proposed|revised|new)\s+)?(?:annual\s+)?caps?$", re.I)


def _unit_strip(text: str) -> str:
    t = re.sub(
        r"\(?\s*(?:in\s+)?(?:HK\$|US\$|RMB|HKD|USD|S\$|Renminbi)\s*(?:['’]0,?000|ten\s+thousand"
        r"|hundred\s+million|['’]000|thousand|million|billion|m|mn|bn)?\s*\)?",
        "",
        text,
        flags=re.I,
    )
    return " ".join(t.split())


def _column_end(text: str, dm: tuple[int, int] | None) -> dt.date | None:
    if not _YEAR.search(text):
        return None
    return period_end(text, dm)


def _past_column(column: str, spanning: str) -> bool:
    if _PAST_HEAD.search(column) and not _FUTURE_HEAD.search(column):
        return True
    if re.search(r"\bended\b", spanning, re.I) and not _FUTURE_HEAD.search(spanning + column):
        return True
    return False


def _period_label(text: str, end: dt.date) -> str:
    m = PERIOD.search(text)
    if m:
        return clean_label(m.group("label"))
    return year_label(end)


def cell_money(value: str, unit: tuple[str | None, int]) -> tuple[float | int, str] | None:
    """A table cell's amount: its own currency mark, else the figure in the table's unit (a
    bracketed "approximately HK$..." after the figure is its equivalent, not the cap)."""
    v = _FOOTNOTE.sub("", value.strip())
    if v in _EMPTY:
        return None
    lead = _LEAD_FIGURE.match(v)
    if lead and unit[0] and _EQUIVALENT_TAIL.match(v, lead.end()):
        v = v[: lead.end()]  # "18.6 (approximately HK$18.1 million)": the unit's figure
    parsed = parse_money(v)
    if parsed:
        return parsed
    m = NUMBER.match(v)
    currency, mult = unit
    if not m or currency is None:
        return None
    amount = to_number(m.group(1))
    if amount is None:
        return None
    total = amount * mult
    if isinstance(total, float):
        total = round(total, 2)
        if total.is_integer():
            total = int(total)
    return total, currency


def _who(
    label: str, group: str | None, agreements: list[str], default: str | None
) -> tuple[str | None, str | None]:
    """The agreement and category a row (or column) label names."""
    named = find_terms(label, agreements)
    if named:
        pos, term = named[0]
        rest = (label[:pos] + label[pos + len(term) :]).strip(" -–—:/,()")
        rest = re.sub(r"^(?:the|under)\s+", "", rest).strip(" -–—:/,()")
        return term, _category(rest) if rest else None
    if group:
        g = find_terms(group, agreements)
        if g:
            return g[0][1], _category(label)
    bracket = re.search(r"\(([^()]+)\)\s*$", label)
    if bracket and len(agreements) > 1:  # "Right-of-use asset (Land Lease)": the agreement
        named_short = closest_agreement(bracket.group(1), agreements)
        if named_short:
            return named_short, _category(label)
    if default is None and len(agreements) > 1:
        return closest_agreement(label, agreements), _category(label)
    return default, _category(label)


_NAME_NOISE = {
    "agreement", "agreements", "master", "framework", "the", "and", "of", "for", "to", "in",
    "new", "renewed", "supplemental", "contract", "group", "parent", "by", "from", "with",
}  # fmt: skip


def _stems(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _NAME_NOISE or len(w) < 3:
            continue
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        out.add(w)
    return out


def closest_agreement(label: str, agreements: list[str]) -> str | None:
    """The one agreement whose name shares most words with a category that names none
    ("Purchase of materials and equipment" -> the Materials Supply Agreement), or None when
    none shares a word or two share as many."""
    words = _stems(label)
    if not words:
        return None
    scored = sorted(((len(words & _stems(a)), a) for a in agreements), reverse=True)
    if scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _category(label: str) -> str | None:
    text = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip()
    if (
        not text
        or _CAP_HEAD.match(text)
        or re.fullmatch(
            r"(?:(?:proposed|revised|new)\s+)?(?:annual\s+)?caps?(?:\s+for\b.*)?", text, re.I
        )
    ):
        return None
    return text


def grid_says_new(grid: Grid) -> bool:
    """A row or column labelled "Proposed annual caps" / "Revised caps": the table says which
    figures are this announcement's caps, whatever the text above it mentions."""
    labels = [r[0] for r in grid.rows] + grid.columns
    return any(_NEW.search(t) and _CAP_WORD.search(t) for t in labels)


def has_cap_context(grid: Grid, context: str) -> bool:
    if is_terms_block(grid):
        return False
    labels = " ".join(r[0] for r in grid.rows) + " " + " ".join(grid.columns)
    return bool(_CAP_WORD.search(context) or _CAP_WORD.search(labels + " " + grid.spanning))


#: the labels of a "principal terms" block ("Date  18 August 2025", "Parties  ...", "Fees  ...")
_TERMS_LABEL = re.compile(
    r"(?:date|parties|term|duration|subject\s+matter|services|pricing(?:\s+policy)?|"
    r"fees?|payment(?:\s+terms)?|consideration|conditions?(?:\s+precedent)?|termination)\s*:?$",
    re.I,
)


def is_terms_block(grid: Grid) -> bool:
    return are_terms_labels([grid.corner, *(r[0] for r in grid.rows)])


def are_terms_labels(labels: list[str]) -> bool:
    """The first cells of a two-column block of an agreement's principal terms ("Date",
    "Parties", "Fees"), read as a table because a cell holds a date or an amount: its figures
    are fees and dates, never caps."""
    return sum(1 for label in labels if _TERMS_LABEL.match(label.strip())) >= 2
