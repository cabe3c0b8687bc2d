"""fw_historical_v1: historical (actual) transaction amounts a filing reports against old caps.

Why: a renewal or a revision of caps reports how much of each earlier cap was used ("the
actual transaction amounts for the year ended 31 December 2025 were approximately RMB10.1
million"). The caps component skips those amounts (they are not caps the filing sets); here
they are read on their own, so the store can set each agreement-year's actual beside its cap.

Read two ways:
- a table whose heading, intro or header speaks of historical / actual amounts, periods down
  the first column and an "actual" column (or periods across the header and an "actual" row);
- a sentence naming actual / historical amounts with past periods ("year ended ...") and
  amounts, paired in order ("... were RMB9.8 million and RMB12.1 million respectively").
Only past periods count ("ended", "historical"). The caps printed beside the actual amounts
(the caps in force then) are kept too, as kind "cap": the store shows them for a year whose
own filing it does not hold; they never become annual_caps (the filing does not set them).
Each amount's agreement is the one its context names, else the only one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc

from extract.components.caps import _principal, _section_agreement
from extract.document import Fact, Line, facts, layout_of
from extract.money import parse_money, unit_of_header
from extract.periods import PERIOD, YEARS_LIST, clean_label, header_day_month, period_end
from extract.pipe import SPANS, FactPipe, component
from extract.terms import find_terms

_ACTUAL = re.compile(
    r"\b(?:historical|actual|utili[sz](?:ed|ation))\b[^.;:]{0,60}?\b(?:amounts?|values?|"
    r"figures?|transactions?|utili[sz]ation)\b|\bamounts?\s+(?:actually\s+)?(?:incurred|"
    r"utili[sz]ed|recorded)\b",
    re.I,
)
_ACTUAL_CELL = re.compile(r"\b(?:historical|actual|utili[sz]ed|recorded|incurred)\b", re.I)
_CAP_CELL = re.compile(r"\bcaps?\b", re.I)
_PAST_PERIOD = re.compile(r"\bended\b", re.I)
_YEAR = re.compile(r"\b(?:FY\s?)?(?:19|20)\d{2}\b")
#: what a row label says besides its category: "Sales to X - historical amount"
_ROW_KIND = re.compile(
    r"\s*[-–—:(]?\s*\b(?:historical|actual|utili[sz]ed|recorded|incurred|existing|original|"
    r"previous|approved)\b[\w\s]*\)?\s*$",
    re.I,
)
#: a column or row of the caps in force before ("Existing annual cap", "Annual cap" beside
#: the actual amounts); not a new, proposed or revised one
_NOT_OLD = re.compile(r"\b(?:proposed|new|revised|renewed)\b", re.I)


def _old_cap(cell: str) -> bool:
    return (
        bool(_CAP_CELL.search(cell)) and not _NOT_OLD.search(cell) and not _ACTUAL_CELL.search(cell)
    )


@dataclass
class HistoricalAmount:
    amount: float | int
    currency: str
    period_end: str
    period_label: str | None
    agreement: str | None
    category: str | None = None
    kind: str = "actual"

    def key(self) -> tuple:
        return (self.amount, self.currency, self.period_end, self.agreement, self.category,
                self.kind)  # fmt: skip


@component("fw_historical_v1", ["historical_amounts"], [SPANS, "sentences", "agreements"])
class HistoricalAmounts(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        agreements = [f.value.name for f in facts(doc).get("agreements", [])]
        lines = layout_of(doc).lines
        found = _tables(lines, agreements) + _sentences(lines, agreements)
        _agreements_by_category(found, facts(doc).get("annual_caps", []))
        out: list[Fact] = []
        seen: set[tuple] = set()
        for f in found:
            if f.value.key() not in seen:
                seen.add(f.value.key())
                out.append(f)
        return out


def _agreements_by_category(found: list[Fact], caps: list[Fact]) -> None:
    """An amount of a category ("Sales to X") takes the agreement of the caps of that category
    when they name one: a row's category says more than the table's surroundings."""
    by_category: dict[str, set[str]] = {}
    for cap in caps:
        if cap.value.category and cap.value.agreement:
            by_category.setdefault(cap.value.category.lower(), set()).add(cap.value.agreement)
    for f in found:
        named = by_category.get((f.value.category or "").lower(), set())
        if len(named) == 1:
            f.value.agreement = next(iter(named))


def _agreement_of(context: str, lines: list[Line], i: int, agreements: list[str]) -> str | None:
    named = _principal({t for _, t in find_terms(context, agreements)})
    if len(named) == 1:
        return next(iter(named))
    main = _principal(set(agreements))
    if len(main) == 1:
        return next(iter(main))
    return _section_agreement(lines, i, agreements)


def _tables(lines: list[Line], agreements: list[str]) -> list[Fact]:
    out: list[Fact] = []
    i = 0
    while i < len(lines):
        if not lines[i].is_row:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].is_row:
            j += 1
        out += _table(lines, i, j, agreements)
        i = j
    return out


def _table(lines: list[Line], i: int, j: int, agreements: list[str]) -> list[Fact]:
    header, rows = lines[i], lines[i + 1 : j]
    above = [ln.text for ln in lines[max(0, i - 4) : i] if ln.text and not ln.is_row]
    context = " ".join(above[-3:])
    if not (_ACTUAL.search(context) or any(_ACTUAL_CELL.search(c) for c in header.cells)):
        return []
    currency, mult = unit_of_header(" ".join([context, *header.cells]))
    dm = header_day_month(header.cells[0]) or header_day_month(context)
    agreement = _agreement_of(context, lines, i, agreements)
    mixed = _year_kind_columns(header.cells)
    if mixed:
        return _year_kind_table(header, rows, mixed, (currency, mult), dm, agreement, agreements)
    out: list[Fact] = []
    actual_col = next(
        (
            k
            for k, c in enumerate(header.cells)
            if k and _ACTUAL_CELL.search(c) and not _CAP_CELL.search(c)
        ),
        None,
    )
    cap_col = next((k for k, c in enumerate(header.cells) if k and _old_cap(c)), None)
    if actual_col is not None:  # periods down the first column
        columns = [(actual_col, "actual")] + ([(cap_col, "cap")] if cap_col is not None else [])
        for row in rows:
            label = row.cells[0]
            if not _PAST_PERIOD.search(label) and not _ACTUAL.search(context):
                continue
            if not (PERIOD.search(label) or _YEAR.search(label)):
                continue
            offset = len(header.cells) - len(row.cells)
            end = period_end(label, dm)
            for col, kind in columns:
                k = col - offset
                value = _money(row.cells[k], currency, mult) if 0 < k < len(row.cells) else None
                if value and end:
                    item = HistoricalAmount(value[0], value[1], end.isoformat(),
                                            clean_label(label), agreement, kind=kind)  # fmt: skip
                    out.append(Fact(item, row.start, row.end))
        return out
    # periods across the header, an "actual" row per agreement or category; the header may
    # have no cell over the rows' labels (one cell fewer than the rows)
    periods = [(k, c) for k, c in enumerate(header.cells) if _PAST_PERIOD.search(c)]
    for row in rows:
        label = row.cells[0]
        kind = "cap" if _old_cap(label) else "actual"
        if kind == "actual" and (not _ACTUAL_CELL.search(label) or _CAP_CELL.search(label)):
            continue
        offset = len(header.cells) - len(row.cells)
        category = _ROW_KIND.sub("", label).strip(" -–—:") or None
        named = _principal({t for _, t in find_terms(label, agreements)})
        row_agreement = next(iter(named)) if len(named) == 1 else agreement
        if category and not named and len(_principal(set(agreements))) > 1:
            row_agreement = None  # the caps of the same category say whose it is (below)
        for k, col in periods:
            if not 0 < k - offset < len(row.cells):
                continue
            value = _money(row.cells[k - offset], currency, mult)
            end = period_end(col, dm)
            if value and end:
                item = HistoricalAmount(value[0], value[1], end.isoformat(), clean_label(col),
                                        row_agreement, category, kind)  # fmt: skip
                out.append(Fact(item, row.start, row.end))
    return out


_MONTHS_WORD = {w: n for n, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), start=1)}  # fmt: skip
_PART = re.compile(r"\b(\d{1,2}|" + "|".join(_MONTHS_WORD) + r")\s+months?\b", re.I)


def _year_kind_columns(cells: list[str]) -> list[tuple[int, str]]:
    """Header cells that each name a year and a kind ("2022 existing cap", "2022 actual"):
    (index, "cap" or "actual"), when there are at least two."""
    out = []
    for k, cell in enumerate(cells):
        if not _YEAR.search(cell) or PERIOD.search(cell):
            continue
        if _old_cap(cell):
            out.append((k, "cap"))
        elif _ACTUAL_CELL.search(cell) and not _CAP_CELL.search(cell):
            out.append((k, "actual"))
    return out if len(out) >= 2 and any(kind == "actual" for _, kind in out) else []


def _year_kind_table(  # noqa: PLR0913
    header: Line,
    rows: list[Line],
    columns: list[tuple[int, str]],
    unit: tuple[str | None, int],
    dm: tuple[int, int] | None,
    agreement: str | None,
    agreements: list[str],
) -> list[Fact]:
    """A row per category, a column per year and kind: each cell an amount of its kind; a
    column of part of a year ("2024 actual (eleven months)") ends with its last month."""
    out: list[Fact] = []
    for row in rows:
        label = row.cells[0]
        named = _principal({t for _, t in find_terms(label, agreements)})
        row_agreement = next(iter(named)) if len(named) == 1 else agreement
        category = _ROW_KIND.sub("", label).strip(" -–—:") or None
        offset = len(header.cells) - len(row.cells)
        for k, kind in columns:
            cell = header.cells[k]
            if not 0 < k - offset < len(row.cells):
                continue
            value = _money(row.cells[k - offset], *unit)
            end = period_end(_YEAR.search(cell).group(0), dm)
            if not (value and end):
                continue
            part = _PART.search(cell)
            if part and kind == "actual":
                end = _part_end(end, part.group(1))
            item = HistoricalAmount(value[0], value[1], end.isoformat(), clean_label(cell),
                                    row_agreement, category, kind)  # fmt: skip
            out.append(Fact(item, row.start, row.end))
    return out


def _part_end(year_end: dt.date, months: str) -> dt.date:
    """The last day of the first `months` months of the year ending `year_end`."""
    n = int(months) if months.isdigit() else _MONTHS_WORD[months.lower()]
    start = year_end.month  # the year starts the month after this one
    month = (start + n - 1) % 12 + 1
    year = year_end.year - (1 if month > year_end.month else 0)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _money(cell: str, currency: str | None, mult: int) -> tuple[float | int, str] | None:
    parsed = parse_money(cell)
    if parsed:
        return parsed
    number = re.fullmatch(r"\s*([\d,]+(?:\.\d+)?)\s*", cell)
    if number and currency:
        value = Decimal(number.group(1).replace(",", "")) * mult
        return (int(value) if value == value.to_integral_value() else float(value)), currency
    return None


_MONEY_TEXT = re.compile(
    r"(?:HK\$|US\$|RMB|HKD|USD|S\$|Renminbi|MOP|EUR|GBP|JPY)\s?[\d,]+(?:\.\d+)?"
    r"(?:\s?(?:million|billion|thousand|m\b|bn\b))?",
    re.I,
)


def _sentences(lines: list[Line], agreements: list[str]) -> list[Fact]:
    out: list[Fact] = []
    for i, line in enumerate(lines):
        if line.is_row or not line.text:
            continue
        for sentence, start in _split(line.text, line.start):
            if not _ACTUAL.search(sentence) or not _PAST_PERIOD.search(sentence):
                continue
            if re.search(r"\b(?:proposed|new)\s+(?:annual\s+)?caps?\b", sentence, re.I):
                continue
            amounts = [m for m in _MONEY_TEXT.finditer(sentence)]
            amounts = [(m, parse_money(m.group(0))) for m in amounts]
            amounts = [(m, p) for m, p in amounts if p]
            periods = [
                (clean_label(m.group("label")), period_end(m.group("label")))
                for m in PERIOD.finditer(sentence)
                if _PAST_PERIOD.search(m.group("label"))
            ]
            listed = _years_listed(sentence)
            if len(listed) > 1:
                periods = listed
            if not amounts or len(amounts) != len(periods):
                continue
            agreement = _agreement_of(sentence, lines, i + 1, agreements)
            for (m, (amount, currency)), (label, end) in zip(amounts, periods, strict=True):
                if end is None:
                    continue
                item = HistoricalAmount(amount, currency, end.isoformat(), label, agreement)
                out.append(Fact(item, start + m.start(), start + m.end()))
    return out


def _years_listed(sentence: str) -> list[tuple[str, object]]:
    m = YEARS_LIST.search(sentence)
    if not m or not _PAST_PERIOD.search(m.group(0)):
        return []
    years = re.findall(r"\d{4}", m.group("years"))
    out = []
    for year in years:
        label = f"year ended {m.group('day')} {m.group('month')} {year}"
        out.append((label, period_end(label)))
    return out


def _split(text: str, offset: int) -> list[tuple[str, int]]:
    """The sentences of a paragraph with their start offsets (a full stop then a capital)."""
    out = []
    start = 0
    for m in re.finditer(r"(?<=[a-z0-9)%])\.\s+(?=[A-Z(])", text):
        out.append((text[start : m.start() + 1], offset + start))
        start = m.end()
    out.append((text[start:], offset + start))
    return out
