"""fw_caps_v1: annual caps — amount, currency, period end, agreement, category.

Caps are written three ways, all handled here:
- in a sentence: "Annual cap for the period ending 31 December 2012 is RMB8 million", or a
  list with "respectively" ("RMB12.2 million, RMB15.5 million and RMB19.0 million for the three
  years ending 31 December 2025, 2026 and 2027 respectively");
- in a list under a sentence that announces caps ("shall not exceed:" then "- HK$1.5 million
  for the period from ...");
- in a table: periods across the header and one row per agreement or category, or periods
  down the first column; units from a "(RMB million)" line or the header ("HK$'000").
Only caps the announcement sets count: historical amounts ("year ended"), existing caps ("the
existing annual caps", "was capped at"), "equivalent to approximately" conversions are skipped.
A cap's agreement is the one its sentence, row or column names, else the one its section's
heading names, else the only one; its kind is "revised" when its sentence, row, column or
heading revises caps. A sentence of two clauses is paired clause by clause; amounts led by bare
years ("2026: HK$3 million; 2027: ...") take the year end the sentence names. MONEY spans come
from the span ruler.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.components.agreements import is_agreement_term
from extract.components.cap_tables import (
    are_terms_labels,
    build_grid,
    cell_money,
    grid_blocks,
    grid_says_new,
    has_cap_context,
    is_unit_cell,
    is_value,
    read_grid,
    unmarked,
)
from extract.dates import DATE_ANY, day_month, parse_date
from extract.document import Fact, Line, facts, layout_of, line_at, text_of
from extract.money import NUMBER, parse_money, unit_of_header
from extract.periods import (
    PERIOD,
    clean_label,
    each_years,
    header_day_month,
    is_past,
    period_end,
    periods_in,
    year_label,
    years_list,
)
from extract.pipe import SPANS, FactPipe, component
from extract.terms import find_terms

_CAP_WORD = re.compile(
    r"\b(?:annual\s+)?caps?\b|\bcapped\b|\bnot\s+(?:(?:be\s+)?(?:expected|anticipated|estimated|"
    r"intended|permitted|allowed)\s+)?(?:to\s+)?exceed\b|\bmaximum\b|\bupper\s+limits?\b|"
    r"\bceiling\b|\b(?:shall|will|may)\s+not\s+be\s+(?:more|greater|higher)\s+than\b",
    re.I,
)
_NOT_SET = re.compile(
    r"\b(historical|existing|previous|original|actual|utilised|utilized|were\s+approximately)\b",
    re.I,
)
_NEW = re.compile(r"\b(proposed|new|revised|renewed)\b", re.I)
_UNCHANGED = re.compile(
    r"\bremain(?:s|ed)?\s+unchanged\b|\b(?:is|are|will\s+be|were)\s+not\s+(?:affected|changed|"
    r"revised|amended)\b|\b(?:will|shall|would)\s+not\s+be\s+(?:affected|changed|revised|"
    r"amended)\b|\bno\s+revision\b",
    re.I,
)
_EQUIV = re.compile(
    r"(?:equivalent\s+to|approximately\s+equal\s+to|or\s+about)\s*(?:approximately\s*)?$", re.I
)
#: before the amounts of a sentence that restates caps in another currency, or gives the rate
_RESTATED = re.compile(
    r"\b(?:is|are|being)\s+equivalent\s+to\b|\bexchange\s+rate\s+of\s+[^.;,]{0,20}$|"
    r"\bat\s+(?:the\s+)?(?:exchange\s+)?rate\s+of\s+[^.;,]{0,20}$",
    re.I,
)
#: an amount that is not a cap: "a deposit of", "amounted to approximately", "rent of"
_DECOY_BEFORE = re.compile(
    r"(?:\b(?:fees?|deposits?|consideration|loans?|rent|rental|price|guarantee[ds]?|valuation|"
    r"registered capital|contributions?|sum|payments?|purchase price|principal amount|"
    r"profit|revenue|net asset value)\s+(?:of|was|is)\s+|\bamounted\s+to\s+|"
    r"\b(?:were|was)\s+|"
    r"\b(?:incorrectly|erroneously|mistakenly|wrongly)\s+(?:stated|shown|printed|disclosed)\s+as\s+"
    r")(?:approximately\s+|about\s+|up\s+to\s+)?$",
    re.I,
)
#: "the deposits were capped at MOP300 million": a cap set before, in force until now
#: a lead line over the factors a cap was worked out from: its bullets are not caps
_FACTORS = re.compile(
    r"\b(?:determined|arrived\s+at|estimated|calculated|set)\b[^:]*\b(?:with\s+reference\s+to|"
    r"based\s+on|by\s+reference\s+to|taking\s+into\s+account|having\s+regard\s+to)\b|"
    r"\bfactors\b",
    re.I,
)
#: a cap sentence that goes on to say what the caps were worked out from
_BASIS = re.compile(
    r"\b(?:were|was|are|is|have\s+been|has\s+been)\s+(?:determined|arrived\s+at|estimated|"
    r"calculated|derived)\s+(?:with\s+reference\s+to|based\s+on|by\s+reference\s+to|"
    r"by\s+applying|taking\s+into\s+account|having\s+regard\s+to|after\s+considering)\b",
    re.I,
)
#: the amount is the existing cap's: "the Existing Annual Cap of MOP85.0 million"
_OLD_CAP_BEFORE = re.compile(
    r"\b(?:existing|previous|original|current)\s+(?:annual\s+)?caps?\s+(?:\([^)]*\)\s+)?"
    r"(?:of|at|is|was|being|amounting\s+to)\s+(?:approximately\s+)?$",
    re.I,
)
_SET_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:capped|limited)\s+(?:at|to)\b", re.I)
_REVISING = re.compile(r"\brevis(?:e|es|ed|ing|ion)\b", re.I)
_NEW_WORD = re.compile(r"\b(?:proposed|new)\b", re.I)
#: "HK$7.4 million for the five months ended 31 May 2026": a historical amount
_PAST_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:for|in|during)\s+the\s+(?:[\w-]+\s+){0,3}(?:ended|ending\s+on\s+or\s+before"
    r"\s+\d{1,2}\s+\w+\s+\d{4}\s+ended)\b",
    re.I,
)
_FROM_TO = re.compile(r"^\s*(?:\([^)]*\)\s*)?to\s+(?:HK\$|US\$|RMB|HKD|USD|S\$|Renminbi)", re.I)
#: a principal-terms row: "Annual caps:   HK$5 million for the year ending ..."
_TERM_ROW = re.compile(r"^[A-Z][\w ,/'()\-]{1,40}:\s")
_BULLET = re.compile(
    r"^(?:[-•·*▪●○◦➢►\uf000-\uf0ff]|\(cid:\d+\)|\(?[a-z0-9ivx]{1,4}[.)])\s+"
)  # a bullet glyph a PDF reader cannot map comes out as "(cid:127)" or a private-use character


@dataclass
class Cap:
    amount: float | int
    currency: str
    period_end: str | None
    period_label: str | None
    agreement: str | None
    category: str | None = None
    kind: str = "proposed"

    def key(self) -> tuple:
        return (self.amount, self.currency, self.period_end)


@component(
    "fw_caps_v1",
    ["annual_caps"],
    [SPANS, "sentences", "definitions", "agreements", "announcement_date"],
)
class Caps(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        agreements = [f.value.name for f in facts(doc).get("agreements", [])]
        grids, covered = self._grids(doc, agreements)
        old = [
            f
            for f in self._tables(doc, agreements)
            if not any(s <= f.start < e for s, e in covered)
        ]
        tabled = grids + old
        prose = [
            f
            for f in self._sentences(doc, agreements, _others(doc, agreements))
            if not _a_total(f.value, tabled)
        ]
        found = _dedupe(tabled + prose + _keyed_lines(doc, agreements))
        _amended(found, agreements)
        _to_term_end(found, facts(doc).get("agreements", []))
        return _not_ended(found, facts(doc).get("announcement_date"))

    # --- tables ---------------------------------------------------------------------------

    def _grids(self, doc: Doc, agreements: list[str]) -> tuple[list[Fact], list[tuple[int, int]]]:
        """Caps of every table read as a grid (cap_tables), and the text ranges they cover."""
        lines = [unmarked(ln) for ln in layout_of(doc).lines]
        out: list[Fact] = []
        covered: list[tuple[int, int]] = []
        for h, first, end in grid_blocks(lines):
            grid = build_grid(lines, h, first, end)
            if grid is None:
                continue
            unit, top = _unit_above(lines, h)
            intro = _intro(lines, top)
            heading = _section_heading(lines, h)
            context = f"{heading} {intro} {unit}"
            if not has_cap_context(grid, context):
                continue
            if _NOT_SET.search(context) and not _NEW.search(context) and not grid_says_new(grid):
                continue
            default = (
                _default_agreement(intro or _prose_above(lines, h), heading, agreements)
                or _named_alone(_intro(lines, h, 1), agreements)
                or _section_agreement(lines, h, agreements)
            )
            caps = read_grid(grid, context, agreements, default)
            _by_note(caps, _note_below(lines, end), agreements)
            for c in caps:
                cap = Cap(
                    c.amount,
                    c.currency,
                    c.end.isoformat(),
                    c.label,
                    c.agreement,
                    c.category,
                    c.kind,
                )
                out.append(Fact(cap, c.line.start, c.line.end))
            if caps:  # the header too: its row of years is not a row of amounts
                covered.append((lines[h].start, lines[end - 1].end + 1))
        return out, covered

    def _tables(self, doc: Doc, agreements: list[str]) -> list[Fact]:
        lines = layout_of(doc).lines
        out: list[Fact] = []
        i = 0
        while i < len(lines):
            if not lines[i].is_row or _TERM_ROW.match(lines[i].text):
                i += 1  # principal-terms rows are read as sentences
                continue
            j = i + 1
            while j < len(lines) and (
                (lines[j].is_row and not _TERM_ROW.match(lines[j].text))
                or _unit_only(lines[j].text)
            ):
                if _header_like(lines[j]):
                    break  # a second table right under the first (no blank line between)
                j += 1
            out += self._table(lines, i, j, agreements)
            i = j
        return out

    def _table(self, lines: list[Line], i: int, j: int, agreements: list[str]) -> list[Fact]:
        rows = [ln for ln in lines[i:j] if ln.is_row]
        halves = _side_by_side(rows)
        if halves:
            return self._halves(lines, i, j, halves, agreements)
        if are_terms_labels([r.cells[0] for r in rows]):
            return []
        intro_lines = [ln.text for ln in lines[max(0, i - 5) : i] if ln.text]
        intro = " ".join(intro_lines[-3:])
        heading = next((t for t in reversed(intro_lines) if _is_heading(t)), "")
        context = f"{heading} {intro}"
        if not _CAP_WORD.search(context + " " + " ".join(r.text for r in rows[:2])):
            return []
        if _says_not_set(intro_lines):
            return []  # "the existing annual caps ... were as follows:", as the grid path reads it
        currency, mult = unit_of_header(" ".join([intro_lines[-1] if intro_lines else ""]))
        if currency is None:
            currency, mult = unit_of_header(" ".join(r.text for r in rows[:1]) + " " + intro)
        only_agreement = agreements[0] if len(agreements) == 1 else None
        intro_agreements = {t for _, t in find_terms(intro, agreements)}
        if only_agreement is None and len(intro_agreements) == 1:
            only_agreement = next(iter(intro_agreements))
        out: list[Fact] = []
        header = rows[0]
        header_periods = [
            PERIOD.search(c) or re.search(r"\b(?:FY\s?)?(?:19|20)\d{2}\b", c) for c in header.cells
        ]
        across = sum(1 for p in header_periods if p) >= 1 and not _has_money(header.cells[1:])
        if across:  # periods across the header, one row per agreement/category
            dm = header_day_month(header.cells[0]) or header_day_month(intro)
            offset = len(header.cells)
            for row in rows[1:]:
                values = row.cells[1:]
                label = row.cells[0]
                if _NOT_SET.search(label) or is_past(label) and not _NEW.search(label):
                    continue
                cols = header.cells[-len(values) :] if len(values) <= offset else header.cells
                row_cur, row_mult = unit_of_header(label)
                for col, value in zip(cols, values, strict=False):
                    if is_past(col):
                        continue
                    cap = _cell_money(value, row_cur or currency, row_mult if row_cur else mult)
                    end = period_end(col, dm)
                    if cap is None or end is None:
                        continue
                    agreement, category = _row_agreement(label, agreements, only_agreement)
                    out.append(_cap_fact(cap, end, col, agreement, category, row))
        else:  # periods down the first column
            for row in rows:
                label = row.cells[0]
                if not (PERIOD.search(label) or re.search(r"\b(?:19|20)\d{2}\b", label)):
                    continue
                if is_past(label) and not _NEW.search(label):
                    continue
                end = period_end(
                    label, header_day_month(header.cells[0]) or header_day_month(intro)
                )
                cols = row.cells[1:]
                # with "existing | proposed" columns keep the proposed one
                pick = _proposed_column(header.cells, len(cols))
                heads = header.cells[-len(cols) :] if header is not row else []
                if pick is not None and pick < len(cols):
                    chosen = [(cols[pick], None)]
                elif len(heads) == len(cols) and len(cols) > 1:
                    # one column per agreement or category: "Sales of yarn (Master ... Agreement)"
                    chosen = [
                        (v, h)
                        for v, h in zip(cols, heads, strict=True)
                        if not (is_past(h) or _NOT_SET.search(h))
                    ]
                else:
                    chosen = [(v, None) for v in cols[-1:]]
                for value, head in chosen:
                    cap = _cell_money(value, currency, mult)
                    if not (cap and end):
                        continue
                    agreement, category = only_agreement, None
                    if head is not None:
                        agreement, category = _row_agreement(head, agreements, only_agreement)
                    out.append(_cap_fact(cap, end, label, agreement, category, row))
        return out

    @staticmethod
    def _halves(
        lines: list[Line],
        i: int,
        j: int,
        halves: list[tuple[str, list[Line]]],
        agreements: list[str],
    ) -> list[Fact]:
        """The caps of a table printed as tables side by side: each half's heading says what
        its figures are ("Historical amounts" | "Proposed annual caps"), its rows the period."""
        unit = " ".join(ln.text for ln in lines[max(0, i - 3) : j] if not ln.is_row)
        currency, mult = unit_of_header(unit)
        agreement = (
            agreements[0] if len(agreements) == 1 else _section_agreement(lines, i, agreements)
        )
        out: list[Fact] = []
        for heading, rows in halves:
            if (is_past(heading) or _NOT_SET.search(heading)) and not _NEW.search(heading):
                continue  # "Historical amounts", "Existing annual caps"
            for row in rows:
                label, value = row.cells
                end = period_end(label)
                cap = _cell_money(value, currency, mult)
                if cap and end and not (is_past(label) and not _NEW.search(label)):
                    out.append(_cap_fact(cap, end, label, agreement, None, row))
        return out

    # --- sentences and lists --------------------------------------------------------------

    def _sentences(self, doc: Doc, agreements: list[str], others: list[str]) -> list[Fact]:
        date = facts(doc).get("announcement_date")
        ann = dt.date.fromisoformat(date.value) if date else None
        out: list[Fact] = []
        money = [s for s in doc.spans.get("fw", []) if s.label_ == "MONEY"]
        only = agreements[0] if len(agreements) == 1 else None
        lead_in: str | None = None
        last: list[tuple] = []  # the periods of the last cap sentence
        for start, end in layout_of(doc).sentences:
            text = text_of(doc)[start:end]
            line = line_at(doc, start)
            if line is not None and unmarked(line).is_row and not _TERM_ROW.match(line.text):
                continue
            spans = [s for s in money if start <= s.start_char < end]
            is_bullet = bool(_BULLET.match(text)) or (
                lead_in is not None and bool(spans) and _a_line_of_its_own(line, start, end)
            )  # "shall not exceed:" over "For the period from ... to ...: HK$5.4 million"
            if not is_bullet:
                lead = text.rstrip().endswith(":") and (
                    _CAP_WORD.search(text)  # "The proposed annual caps are:"
                    or _CAP_WORD.search(_heading_at(doc, start))  # "Master Sales Agreement:"
                )
                lead_in = text if lead else None
            if not spans:
                continue
            context = text if not is_bullet else f"{lead_in or ''} {text}"
            if is_bullet and lead_in is None and not _CAP_WORD.search(text):
                continue  # a bullet that says "cap" or "not exceeding" is read as a sentence
            if is_bullet and lead_in is not None and _FACTORS.search(lead_in):
                continue  # "The caps were determined with reference to the following factors:"
            if not (_CAP_WORD.search(context) or is_bullet):
                continue
            if (_NOT_SET.search(text) or _UNCHANGED.search(text)) and not _NEW.search(
                _UNCHANGED.sub(" ", text)
            ):
                continue  # caps in force before, or "... is not revised and remains at"
            if _SET_BEFORE.search(text) and not _NEW.search(text):
                continue  # "was capped at ...": the caps in force before this announcement
            if _of_another(text, agreements, others) or _under_an_earlier(text, agreements, ann):
                continue  # "... under the warehouse services agreement dated 15 December 2023
                # (the "Warehouse Services Agreement"), the annual caps of which are ..."
            kind = _sentence_kind(context, lambda s=start: _heading_at(doc, s))
            basis = _BASIS.search(text)  # "... were calculated by applying 2.5% to ..."
            amounts = []
            for s in spans:
                if basis and s.start_char - start > basis.end():
                    continue  # a figure the caps were worked out from, not a cap
                before = text_of(doc)[max(start, s.start_char - 60) : s.start_char]
                after = text_of(doc)[s.end_char : min(end, s.end_char + 60)]
                if _EQUIV.search(before[-40:]) or _in_equivalent(text, s.start_char - start):
                    continue
                if _RESTATED.search(text[: s.start_char - start]):
                    continue  # "... are equivalent to approximately HK$358.8 million and
                    # HK$429.0 million": the caps in another currency; "at US$1.00 to HK$7.80"
                if _DECOY_BEFORE.search(before) or _PAST_AFTER.match(after):
                    continue
                if _OLD_CAP_BEFORE.search(before) and not _NEW.search(before[-30:]):
                    continue  # "... will not exceed the Existing Annual Cap of MOP85.0 million"
                if _FROM_TO.match(after):
                    continue  # "from HK$12 million to HK$18 million": the old figure
                parsed = parse_money(s.text)
                if parsed:
                    amounts.append((s, parsed))
            if not amounts:
                continue
            if basis:
                text = text[: basis.start()]  # its periods are the basis's, not the caps'
            named = _principal({t for _, t in find_terms(context, agreements)})
            if len(named) == 1:
                agreement = next(iter(named))
            elif len(agreements) > 1:
                agreement = _section_agreement(
                    layout_of(doc).lines, _line_index(doc, start), agreements
                )
            else:
                agreement = only
            each = _one_per_agreement(text, start, amounts, agreements)
            if each:
                out += [
                    Fact(
                        Cap(amt, cur, d.isoformat(), lab, ag, kind=kind), sp.start_char, sp.end_char
                    )
                    for sp, amt, cur, lab, d, ag in each
                ]
                continue
            pairs = _pair_amounts(text, amounts)
            if len(pairs) < len(amounts):  # "the cap for A shall be X, and the caps for B and
                by_clause = []  # C shall be Y and Z, respectively"
                for a, b in _clauses(text):
                    inside = [x for x in amounts if a <= x[0].start_char - start < b]
                    if inside:
                        by_clause += _pair_amounts(text[a:b], inside)
                if len(by_clause) > len(pairs):
                    pairs = by_clause
            if len(pairs) < len(
                amounts
            ):  # "... ending 31 December: 2026: HK$15 million; 2027: ..."
                by_year = _year_prefixed(
                    text, start, amounts, lead_in if is_bullet else None, _month_day_of(last)
                )
                if len(by_year) > len(pairs):
                    pairs = by_year
            if len(pairs) < len(amounts) or len(amounts) < len(periods_in(text)):
                # "HK$0.8 million for the period from ... to ..., HK$0.95 million for the year
                # ending ..."; "HK$5 million for each of the years ending A and B"
                by_segment = _segment_pairs(text, start, amounts)
                if len(by_segment) > len(pairs):
                    pairs = by_segment
            if not pairs and is_bullet and lead_in and not periods_in(text):
                pairs = _lead_in_period(lead_in, amounts)
            listed = periods_in(text)
            if len(amounts) == 1 and _EACH_OF_N.search(text) and len(listed) > len(pairs) > 0:
                # "RMB3,000,000 for the period from 1 July 2024 to 31 December 2024 and for
                # each of the two years ending 31 December 2025 and 2026": one cap, every period
                (sp, (amt, cur)) = amounts[0]
                pairs = [(sp, amt, cur, clean_label(lab), d) for lab, d, _ in listed]
            if len(pairs) < len(amounts) and re.search(r"\brespectively\b", text):
                listed = periods_in(text)  # "for the period from A to B, and the two years
                runs = len(re.findall(r"\brespectively\b", text))
                if len(listed) != len(amounts) and len(amounts) == runs * len(listed):
                    listed = listed * runs  # "... shall not exceed A, B and C, respectively,
                    # and ... for the same periods shall not exceed D, E and F, respectively"
                if len(listed) == len(amounts):  # ending C and D will be W, X and Y, respectively"
                    pairs = [
                        (sp, amt, cur, lab, d)
                        for (sp, (amt, cur)), (lab, d, _) in zip(amounts, listed, strict=True)
                    ]
            if not pairs and _SAME_PERIODS.search(text) and len(last) == len(amounts):
                # "... for the same years are HK$5 million, HK$6 million and HK$7 million,
                # respectively": the periods of the cap sentence before
                pairs = [
                    (sp, amt, cur, lab, d)
                    for (sp, (amt, cur)), (lab, d) in zip(amounts, last, strict=True)
                ]
            if pairs:
                last = [(lab, d) for _, _, _, lab, d in pairs]
            for span, amt, cur, lab, d in pairs:
                out.append(
                    Fact(
                        Cap(amt, cur, d.isoformat(), lab, agreement, kind=kind),
                        span.start_char,
                        span.end_char,
                    )
                )
        return out


def _side_by_side(rows: list[Line]) -> list[tuple[str, list[Line]]]:
    """A header of k headings over rows of k (period, figure) pairs: k tables printed side by
    side ("Year ended 31 March 2024  96,412  Year ending 31 March 2027  148,000" under
    "Historical amounts  Proposed annual caps"). Each heading with its rows of one pair."""
    if len(rows) < 2:
        return []
    header, body = rows[0], rows[1:]
    k = len(header.cells)
    pairs = all(
        len(r.cells) == 2 * k
        and all(PERIOD.search(r.cells[2 * n]) and is_value(r.cells[2 * n + 1]) for n in range(k))
        for r in body
    )
    if k < 2 or not pairs or any(is_value(c) or PERIOD.search(c) for c in header.cells):
        return []
    return [
        (
            header.cells[n],
            [Line(r.page, r.start, r.end, r.text, r.cells[2 * n : 2 * n + 2]) for r in body],
        )
        for n in range(k)
    ]


def _a_line_of_its_own(line: Line | None, start: int, end: int) -> bool:
    """A sentence that is the whole of its line: an item of a list without bullets."""
    return line is not None and line.start == start and end >= line.end - 1


_SAME_PERIODS = re.compile(
    r"\b(?:the\s+same|such|those|these|corresponding)\s+(?:three\s+|two\s+)?"
    r"(?:financial\s+)?(?:years|periods)\b",
    re.I,
)


def _pair_amounts(text: str, amounts: list) -> list[tuple]:
    """(span, amount, currency, period label, period end) for the amounts of one sentence or
    clause, paired with its periods: one each, a list "respectively", "for each of"."""
    periods = [
        (m.group("label"), period_end(m.group("label")), m.start()) for m in PERIOD.finditer(text)
    ]
    periods = [p for p in periods if p[1] is not None and not is_past(p[0])]
    listed = years_list(text)
    each = each_years(text)
    if len(amounts) == 1 and len(each) > 1:
        amounts, listed = amounts * len(each), each
    elif len(amounts) == 1 and len(listed) > 1 and _EACH_OF.search(text):
        amounts = amounts * len(listed)  # "for each of the years ending 31 March 2026, 2027"
    elif len(listed) <= 1 and len(amounts) > 1:  # "for the three years ending 2027: A,
        spread = each_years(text, each=False)  # B and C respectively"
        if len(spread) == len(amounts) and "respectively" in text:
            listed = spread
    if len(listed) == len(amounts) and len(amounts) > 1 and not _other_period(periods, listed):
        label_none = "respectively" in text
        return [
            (span, amt, cur, None if label_none else lab, d)
            for (span, (amt, cur)), (lab, d) in zip(amounts, listed, strict=True)
        ]
    if len(periods) == len(amounts):
        pairs = list(zip(amounts, periods, strict=True))
    elif len(periods) == 1:
        pairs = [(amounts[0], periods[0])]
    else:
        return []
    return [(span, amt, cur, clean_label(lab), d) for (span, (amt, cur)), (lab, d, _) in pairs]


#: "for each of the two years", "each of the three financial years"
_EACH_OF_N = re.compile(
    r"\beach\s+of\s+the\s+(?:two|three|four|five|\d)?\s*(?:(?:financial|fiscal)\s+)?"
    r"(?:years|periods)\b",
    re.I,
)
_EACH_OF = re.compile(
    r"\b(?:each\s+of\s+the|for\s+each)\s+(?:(?:financial|fiscal)\s+)?(?:years|periods)\b", re.I
)


def _one_per_agreement(text: str, start: int, amounts: list, agreements: list[str]) -> list[tuple]:
    """ "The caps under the A Agreement and the B Agreement for the year ending 31 December
    2026 will be HK$5 million and HK$3 million respectively": one amount for each agreement
    named, in the order named, all for the one period."""
    if "respectively" not in text or len(amounts) < 2:
        return []
    order: list[str] = []
    for _, term in find_terms(text[: amounts[0][0].start_char - start], agreements):
        if term not in order:
            order.append(term)
    if len(order) != len(amounts) or len(_principal(set(order))) != len(order):
        return []
    periods = [
        (clean_label(m.group("label")), period_end(m.group("label")))
        for m in PERIOD.finditer(text)
        if not is_past(m.group("label"))
    ]
    if len({d for _, d in periods}) != 1 or len(years_list(text)) > 1 or each_years(text, False):
        return []
    label, end = periods[0]
    if end is None:
        return []
    return [
        (span, amt, cur, label, end, ag)
        for (span, (amt, cur)), ag in zip(amounts, order, strict=True)
    ]


def _other_period(periods: list[tuple], listed: list[tuple]) -> bool:
    """A period the list of years leaves out ("HK$1 million for the period from 1 May 2025 to
    31 March 2026, and HK$2 million for each of the two years ending ..."): the amounts are
    not one list, the clauses are read one by one."""
    ends = {d for _, d in listed}
    return any(d not in ends for _, d, _ in periods)


_FOR_EACH = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:for|in\s+respect\s+of)\s+(?:each\s+of|both|all)\b", re.I
)


def _segment_pairs(text: str, start: int, amounts: list) -> list[tuple]:
    """Amounts paired with the periods written after each, up to the next amount: one period
    each ("A for the period from ... to ..., B for the year ending ..."), one amount for all
    the periods after "for each of" ("A for each of the period ... and the two years ending
    ..."), or a run of amounts whose periods follow the last ("A, B and C for the period ...
    and the years ending ... and ..., respectively"). Empty when any amount is left without."""
    periods = periods_in(text)
    out: list[tuple] = []
    block: list = []
    for k, (span, (amt, cur)) in enumerate(amounts):
        a = span.end_char - start
        b = amounts[k + 1][0].start_char - start if k + 1 < len(amounts) else len(text)
        block.append((span, amt, cur))
        seg = [(lab, d) for lab, d, pos in periods if a <= pos < b]
        if not seg:
            continue
        if len(block) == len(seg):
            out += [(sp, am, cu, lab, d) for (sp, am, cu), (lab, d) in zip(block, seg, strict=True)]
        elif len(block) == 1 and _FOR_EACH.match(text[a:b]):
            out += [(span, amt, cur, lab, d) for lab, d in seg]
        else:
            return []
        block = []
    return out if not block else []


_YEAR_BEFORE = re.compile(r"\b(?:FY\s?)?((?:19|20)\d{2})\s*(?::|–|—|-|\bto\b)?\s*$")


def _others(doc: Doc, agreements: list[str]) -> list[str]:
    """Agreements the text defines that are not this announcement's (an existing agreement,
    one the target company signed): caps said to be theirs are not caps announced here."""
    defs = facts(doc).get("definitions", {})
    return [
        t
        for t, d in defs.items()
        if t not in agreements
        and d.alias_of is None
        and not _COLLECTIVE.search(t)  # "the Tenancy Agreements": the ones announced, together
        and is_agreement_term(t, d.body, d.inline)
    ]


_COLLECTIVE = re.compile(r"(?:agreements|contracts|leases|tenancies|deeds|documents)$", re.I)


def _of_another(text: str, agreements: list[str], others: list[str]) -> bool:
    """A cap sentence that names only agreements not announced here, and no new or revised
    cap."""
    return (
        bool(find_terms(text, others))
        and not find_terms(text, agreements)
        and not (_NEW.search(text) or _REVISING.search(text))
    )


def _under_an_earlier(text: str, agreements: list[str], ann: dt.date | None) -> bool:
    """ "Under the 2022-2024 ... Agreement dated 28 October 2021, the annual cap ... is
    RMB16.0 billion": a cap of an agreement signed long before, not a new or revised one."""
    if ann is None or find_terms(text, agreements) or _NEW.search(text) or _REVISING.search(text):
        return False
    m = re.search(rf"\b(?:agreement|contract)\s+dated\s+({DATE_ANY.pattern})", text, re.I)
    signed = parse_date(m.group(1)) if m else None
    return signed is not None and (ann - signed).days > 180


def _lead_in_period(lead_in: str, amounts: list) -> list[tuple]:
    """A bullet with no period of its own under a lead line that names one ("For the year
    ending 31 December 2024:" over "royalties: JPY180,000,000"): each of its amounts is a cap
    for that period."""
    periods = periods_in(lead_in)
    if len(periods) != 1:
        return []
    label, end, _ = periods[0]
    return [(span, amt, cur, label, end) for span, (amt, cur) in amounts]


def _month_day_of(periods: list[tuple]) -> tuple[int, int] | None:
    """The one year end (month, day) of the periods of the cap sentence before, if they share
    one."""
    ends = {(d.month, d.day) for _, d in periods}
    return next(iter(ends)) if len(ends) == 1 else None


def _year_prefixed(
    text: str,
    start: int,
    amounts: list,
    lead_in: str | None,
    year_end_before: tuple[int, int] | None = None,
) -> list[tuple]:
    """Amounts each led by a bare year ("2026: HK$15 million; 2027: HK$18 million"), the
    year end taken from the words "year(s) ending 31 December" around them, or else from the
    cap sentence before ("... RMB214.5 million for 2024, rising to RMB228.0 million for 2025")."""
    words = f"{lead_in or ''} {text}"
    year_end = re.search(
        r"\b(?:ending|ended|ends)\s+(?:on\s+)?(\d{1,2}\s+[A-Z][a-z]+)(?!\s*,?\s*\d)", words
    )
    dm = day_month(year_end.group(1)) if year_end else None
    if dm is None and not re.search(r"\byears?\s+ending\b", words, re.I):
        dm = year_end_before
        if dm is None:
            return []
    before = [
        _YEAR_BEFORE.search(text[max(0, sp.start_char - start - 12) : sp.start_char - start])
        for sp, _ in amounts
    ]
    after = [  # "HK$2.0 million for FY2026, HK$2.4 million for FY2027"
        _YEAR_AFTER.match(text[sp.end_char - start : sp.end_char - start + 40]) for sp, _ in amounts
    ]
    found = before if all(before) else after
    out = []
    for (span, (amt, cur)), m in zip(amounts, found, strict=True):
        end = period_end(m.group(1), dm) if m else None
        if end is None:
            return []
        out.append((span, amt, cur, year_label(end), end))
    return out


_YEAR_AFTER = re.compile(
    r"\s*(?:for|in)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?(?:FY\s?)?((?:19|20)\d{2})\b"
    r"(?!\s*(?:to|-|–|/))"
)
_CLAUSE_END = re.compile(
    r";\s*|,\s+(?:and|while|whereas)\s+(?=(?:the|for|in)\b|(?:HK|US|S|NT|MOP)\$|RMB|HKD|USD)",
    re.I,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence joined by "; " or ", and the ..."."""
    cuts = [m.end() for m in _CLAUSE_END.finditer(text)]
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _sentence_kind(text: str, heading: Callable[[], str]) -> str:
    """ "revised" when the sentence revises caps ("to revise the annual cap ... to HK$18
    million", "the revised annual caps are"), "proposed" when it says proposed or new; else
    what its section heading says ("REVISED ANNUAL CAPS")."""
    if _REVISING.search(text):
        return "revised"
    if _NEW_WORD.search(text):
        return "proposed"
    return "revised" if _REVISING.search(heading()) else "proposed"


def _line_index(doc: Doc, char: int) -> int:
    """The index of the line after the one holding `char` (what lines[:i] ends with)."""
    return bisect.bisect_right([ln.start for ln in layout_of(doc).lines], char)


def _heading_at(doc: Doc, char: int) -> str:
    return _section_heading(layout_of(doc).lines, _line_index(doc, char))


def _section_agreement(lines: list[Line], i: int, agreements: list[str]) -> str | None:
    """The agreement whose section line i sits in: the nearest heading above that names one
    agreement ("2. LOGISTICS AGREEMENT", "(b) The Master Sales Agreement"). A heading naming
    several, or a numbered heading naming none (a new top-level section), ends the search."""
    for ln in reversed(lines[max(0, i - 150) : i]):
        t = ln.text
        if not t or (ln.is_row and not _numbered_row(ln)) or not _heading_like(t):
            continue
        named = _principal(_terms_any_case(t, agreements))
        if len(named) == 1:
            return next(iter(named))
        if named or _NUMBERED.match(t):
            return None
    return None


def _terms_any_case(text: str, terms: list[str]) -> set[str]:
    """Terms named in a heading, which may print them in capitals."""
    by_lower = {t.lower(): t for t in terms}
    return {by_lower[t] for _, t in find_terms(text.lower(), list(by_lower))}


def _heading_like(text: str) -> bool:
    """A short line that opens a section: capitals, numbered, or a few words without a full
    stop ("Master Sales Agreement", "Annual caps")."""
    if len(text) > 100 or text.rstrip().endswith((".", ";", ",")):
        return False
    if _is_heading(text) or _NUMBERED.match(text):
        return True
    bare = re.sub(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+", "", text)
    return len(bare.split()) <= 8 and bare[:1].isupper() and ":" not in bare


def _note_below(lines: list[Line], end: int) -> str:
    """The first lines of text under a table (its note)."""
    out: list[str] = []
    for ln in lines[end : end + 6]:
        if ln.text:
            out.append(ln.text)
            if len(out) == 2:
                break
        elif out:
            break
    return " ".join(out)


def _by_note(caps: list, note: str, agreements: list[str]) -> None:
    """ "Note: the caps for sales, purchases and services relate to the A Agreement, the B
    Agreement and the C Agreement respectively": the table's categories, in order, belong to
    the agreements the note names, in order."""
    if "respectively" not in note:
        return
    order: list[str] = []
    for _, term in find_terms(note, agreements):
        if term not in order:
            order.append(term)
    categories: list[str] = []
    for c in caps:
        if c.category and c.category not in categories:
            categories.append(c.category)
    if len(order) < 2 or len(order) != len(categories) or not all(c.category for c in caps):
        return
    for c in caps:
        c.agreement = order[categories.index(c.category)]


def _named_alone(text: str, agreements: list[str]) -> str | None:
    """The one agreement a line names (the line right above a table: "The caps under the A
    Agreement are:", when the line before it names two)."""
    named = _principal({t for _, t in find_terms(text, agreements)})
    return next(iter(named)) if len(named) == 1 else None


def _says_not_set(intro_lines: list[str]) -> bool:
    """The prose over a table calls it the existing (historical ...) caps. A heading closes the
    prose above it: a paragraph on the existing cap, then "ANNUAL CAPS" over the new ones."""
    heads = [k for k, t in enumerate(intro_lines) if _is_heading(t)]
    near = " ".join(intro_lines[heads[-1] :] if heads else intro_lines[-3:])
    return bool(_NOT_SET.search(near)) and not _NEW.search(near)


def _intro(lines: list[Line], h: int, n: int = 2) -> str:
    """The last two lines of prose above a table; a table right above is not its intro (two
    tables stacked: "existing caps" over "proposed caps")."""
    out: list[str] = []
    for ln in reversed(lines[max(0, h - 6) : h]):
        if ln.is_row or is_unit_cell(ln.text):
            break
        if ln.text:
            out.insert(0, ln.text)
    return " ".join(out[-n:])


def _unit_above(lines: list[Line], h: int) -> tuple[str, int]:
    """A unit line over a table's header, a blank line apart or not ("(Unit: RMB'0,000)",
    "(RMB million)"): the unit, and the line the prose above the table ends at."""
    k = h
    while k > 0 and h - k < 2 and not lines[k - 1].text:
        k -= 1
    if k > 0 and not lines[k - 1].is_row and is_unit_cell(lines[k - 1].text):
        return lines[k - 1].text, k - 1
    return "", h


def _prose_above(lines: list[Line], h: int) -> str:
    """The prose over a stack of tables: the sentence that names the agreement of both."""
    out: list[str] = []
    for ln in reversed(lines[max(0, h - 25) : h]):
        if ln.is_row or is_unit_cell(ln.text) or not ln.text:
            if out:
                break
            continue
        out.insert(0, ln.text)
    return " ".join(out[-2:])


def _in_equivalent(text: str, pos: int) -> bool:
    """Is position `pos` inside "(equivalent to approximately HK$..., HK$... and HK$...)"?"""
    open_at = text.rfind("(", 0, pos)
    if open_at < 0 or text.rfind(")", 0, pos) > open_at:
        return False
    return bool(
        re.match(
            r"\(\s*(?:being\s+)?(?:equivalent|approximately\s+equal|or\s+about)",
            text[open_at:],
            re.I,
        )
    )


def _section_heading(lines: list[Line], i: int) -> str:
    """The nearest heading above line i (capitals, or numbered: "2. LOGISTICS AGREEMENT")."""
    for ln in reversed(lines[max(0, i - 80) : i]):
        t = ln.text
        if (
            t
            and (not ln.is_row or _numbered_row(ln))
            and len(t) < 120
            and (_is_heading(t) or _NUMBERED.match(t))
        ):
            return t
    return ""


_NUMBER_CELL = re.compile(r"\(?(?:\d{1,2}(?:\.\d{1,2})?|[A-Za-z]|[IVXivx]{1,4})[.)]?")


def _numbered_row(line: Line) -> bool:
    """A heading set apart from its number ("I.    GAS SUPPLY AGREEMENT"), read as a row."""
    return len(line.cells) == 2 and bool(_NUMBER_CELL.fullmatch(line.cells[0].strip()))


_NUMBERED = re.compile(r"^(?:\d{1,2}\.|[IVX]{1,4}\.|[A-H]\.|\([a-z]\))\s+[A-Z]")


_SUPPLEMENT = re.compile(r"\b(?:Supplement(?:al|ary)?|Amendment|Amended|Renewal)\b", re.I)


def _principal(named: set[str]) -> set[str]:
    """ "the Supply Agreement (as amended by the Supplemental Agreement)": the Supply
    Agreement is the one the caps belong to."""
    main = {t for t in named if not _SUPPLEMENT.search(t)}
    return main if main else named


def _amended(found: list[Fact], agreements: list[str]) -> None:
    """Caps set by a supplemental agreement belong to the agreement it amends (when the
    announcement names exactly one other)."""
    main = [a for a in agreements if not _SUPPLEMENT.search(a)]
    if len(main) != 1 or len(main) == len(agreements):
        return
    for f in found:
        if f.value.agreement is None or _SUPPLEMENT.search(f.value.agreement):
            f.value.agreement = main[0]


def _default_agreement(intro: str, heading: str, agreements: list[str]) -> str | None:
    """The agreement a table belongs to when its rows and columns do not say."""
    named = _principal({t for _, t in find_terms(intro, agreements)})
    if len(named) == 1:
        return next(iter(named))
    low = heading.lower()
    for term in sorted(agreements, key=len, reverse=True):
        if term.lower() in low:
            return term
    if len(agreements) == 1:
        return agreements[0]
    return None


def _header_like(line: Line) -> bool:
    """A row of period headings and no amounts: "Year ending 31 December 2025  ..."."""
    return (
        line.is_row
        and sum(bool(PERIOD.search(c)) for c in line.cells) >= 2
        and not _has_money(line.cells)
        and not any(NUMBER.match(c.strip()) for c in line.cells)
    )


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or text.startswith("(") or _unit_only(text):
        return False
    return sum(c.isupper() for c in letters) / len(letters) > 0.8


def _unit_only(text: str) -> bool:
    return bool(
        re.fullmatch(r"\(?\s*(?:in\s+)?[A-Z$]{2,4}\$?\s*(?:'000|million|thousand)?\s*\)?", text)
    )


def _has_money(cells: list[str]) -> bool:
    return any(parse_money(c) for c in cells)


_YEAR_VALUE = re.compile(
    r"\b(?:FY\s?)?((?:19|20)\d{2})\s*[:：]\s*(\d[\d,]*(?:\.\d+)?)(?![\d,.]*\s*%)"
)


def _keyed_lines(doc: Doc, agreements: list[str]) -> list[Fact]:
    """Caps listed one category a line, each figure keyed by its year, under a lead line that
    gives the unit: "Proposed annual caps (RMB million):" over "Procurement - 2026: 1,850;
    2027: 2,000; 2028: 2,150". The years end on 31 December unless the lead says otherwise."""
    lines = layout_of(doc).lines
    out: list[Fact] = []
    for k, lead in enumerate(lines):
        text = lead.text.rstrip()
        if not text.endswith((":", "：")) or len(text) > 160 or not _CAP_WORD.search(text):
            continue
        if _NOT_SET.search(text) and not _NEW.search(text):
            continue
        currency, mult = unit_of_header(text)
        if currency is None:
            continue
        dm = header_day_month(text)
        kind = "revised" if _REVISING.search(text) and not _NEW_WORD.search(text) else "proposed"
        for row in lines[k + 1 : k + 12]:
            if not row.text and out and out[-1].start > lead.start:
                break
            pairs = list(_YEAR_VALUE.finditer(row.text))
            if len(pairs) < 2:
                if row.text:
                    break
                continue
            label = re.split(r"\s+[-–—:]\s+|\s*[:：]\s*(?=(?:FY\s?)?(?:19|20)\d{2})", row.text)[0]
            agreement = next(iter(_principal({t for _, t in find_terms(label, agreements)})), None)
            if agreement is None:
                agreement = agreements[0] if len(agreements) == 1 else None
            if agreement is None:
                agreement = _section_agreement(lines, k, agreements)
            for m in pairs:
                end = period_end(m.group(1), dm)
                money = cell_money(m.group(2), (currency, mult))
                if end is None or money is None:
                    continue
                cap = Cap(
                    money[0],
                    money[1],
                    end.isoformat(),
                    year_label(end),
                    agreement,
                    label.strip(" -–—:") or None,
                    kind,
                )
                out.append(Fact(cap, row.start + m.start(2), row.start + m.end(2)))
    return out


def _cap_fact(  # noqa: PLR0913
    cap: tuple[float | int, str],
    end: dt.date,
    label: str,
    agreement: str | None,
    category: str | None,
    row: Line,
) -> Fact:
    """One cap of a table row: (amount, currency) due by `end`, labelled as its period cell."""
    found = Cap(cap[0], cap[1], end.isoformat(), clean_label(label), agreement, category)
    return Fact(found, row.start, row.end)


def _cell_money(value: str, currency: str | None, mult: int) -> tuple[float | int, str] | None:
    return cell_money(value, (currency, mult))


def _proposed_column(header: list[str], ncols: int) -> int | None:
    cells = header[-ncols:] if len(header) >= ncols else header
    for k, c in enumerate(cells):
        if _NEW.search(c):
            return k
    return None


def _row_agreement(
    label: str, agreements: list[str], only: str | None
) -> tuple[str | None, str | None]:
    named = [t for _, t in find_terms(label, agreements)]
    category = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip() or None
    if named:
        agreement = named[0]
        if category == agreement:
            category = None
        return agreement, category
    return only, category if category and category not in agreements else None


def _to_term_end(found: list[Fact], agreements: list) -> None:
    """A cap of the year in which its agreement ends ("year ending 31 December 2025" for a
    tenancy to 30 April 2025) caps the part of the year up to the term's end."""
    ends = {a.value.name: a.value.term_end for a in agreements if a.value.term_end}
    for f in found:
        end = ends.get(f.value.agreement)
        if end and f.value.period_end and end < f.value.period_end:
            term_end = dt.date.fromisoformat(end)
            if (dt.date.fromisoformat(f.value.period_end) - term_end).days < 365:
                f.value.period_end = end


def _a_total(cap: Cap, tabled: list[Fact]) -> bool:
    """A cap in prose that is the sum of two or more caps of a table for the same period ("the
    aggregate caps for 2026 of RMB190.5 million") restates them, it is not a cap of its own."""
    same = [
        f.value.amount
        for f in tabled
        if f.value.period_end == cap.period_end and f.value.currency == cap.currency
    ]
    return len(same) >= 2 and abs(sum(same) - cap.amount) <= max(1, cap.amount * 1e-4)


def _not_ended(found: list[Fact], date: Fact | None) -> list[Fact]:
    """A cap is set for a period still to come: one whose period ended before the announcement
    is a historical amount or a cap in force before (a column under "Historical amounts" that
    the table's layout does not tell apart from the caps beside it)."""
    if date is None or not isinstance(date.value, str):
        return found
    return [f for f in found if not f.value.period_end or f.value.period_end >= date.value]


def _dedupe(found: list[Fact]) -> list[Fact]:
    out: list[Fact] = []
    for f in found:
        dup = next(
            (
                o
                for o in out
                if o.value.key() == f.value.key()
                and (
                    o.value.agreement == f.value.agreement
                    or None in (o.value.agreement, f.value.agreement)
                )
            ),
            None,
        )
        if dup is None:
            out.append(f)
        elif dup.value.agreement is None and f.value.agreement:
            dup.value.agreement = f.value.agreement
    return out
