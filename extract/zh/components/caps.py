"""fw_zh_caps_v1: annual caps, from sentences and from 年度上限 tables.

Sentences: 截至2012年12月31日止期間的年度上限為人民幣8百萬元; several years at once
(截至2025年、2026年及2027年12月31日止三個年度 … 分別為 …). Tables: a header row of periods
(截至2025年12月31日止年度 …, or 截至12月31日止年度 over a row of years), an optional unit row
((人民幣千元), 千港元), then one row per category. Historical amounts (歷史交易金額) sit in
tables of
the same shape; a row or table is a cap only if 上限 is in its label or the lines just above it,
and never when its label says 歷史/實際.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.zh import doc_utils
from extract.zh.numbers import (
    DATE_RE,
    date_from_match,
    find_amounts,
    parse_unit,
    plain,
    to_number,
)
from extract.zh.patterns import load


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("caps")}


def periods_in(norm: str, start: int, end: int) -> list[tuple[int, int, dt.date]]:
    """(start, end, period end) of every period phrase in norm[start:end], in order."""
    rx = _regex()
    out: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for m in rx["multi_period"].finditer(norm, start, end):
        for y in re.findall(r"\d{4}", m.group("years")):
            try:
                out.append(
                    (
                        m.start(),
                        m.end(),
                        dt.date(int(y), int(m.group("month")), int(m.group("day"))),
                    )
                )
            except ValueError:
                continue
        taken.append((m.start(), m.end()))
    for m in rx["period"].finditer(norm, start, end):
        if any(s <= m.start() < e for s, e in taken):
            continue
        d = date_from_match(DATE_RE.search(m.group("date")))
        if d:
            out.append((m.start(), m.end(), d))
    return sorted(out, key=lambda p: p[0])


@Language.factory("fw_zh_caps_v1")
def make_caps(nlp: Language, name: str) -> CapsComponent:
    return CapsComponent()


class CapsComponent:
    def __call__(self, doc: Doc) -> Doc:
        out = doc_utils.facts(doc)
        self.agreements = [a["name"] for a in out.get("agreements", [])]
        table_caps, used = self._tables(doc)
        sentence_caps = self._sentences(doc, used)
        caps: list[dict] = []
        seen: set[tuple] = set()
        table_keys = {(c["amount"], c["currency"], c["period_end"]) for c in table_caps}
        for cap in sorted(table_caps + sentence_caps, key=lambda c: c["_pos"]):
            key3 = (cap["amount"], cap["currency"], cap["period_end"])
            if cap.get("category") is None and key3 in table_keys and not cap.get("_table"):
                continue
            key = (*key3, cap.get("category"))
            if key in seen:
                continue
            seen.add(key)
            caps.append(cap)
        out["annual_caps"] = caps
        return doc

    # -- sentences ------------------------------------------------------------------------------
    def _sentences(self, doc: Doc, used: set[int]) -> list[dict]:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc.text
        caps: list[dict] = []
        for s, e in doc_utils.sentences(doc):
            if s in used or not rx["cap_word"].search(norm, s, e):
                continue
            amounts = [a for a in find_amounts(norm[s:e]) if self._cap_clause(norm, s + a[0])]
            if not amounts:
                continue
            periods = periods_in(norm, s, e)
            sentence = norm[s:e]
            if len(amounts) == 1 and len(periods) > 1 and re.search(r"均|各|每", sentence):
                amounts = amounts * len(periods)
            pairs: list[tuple] = []
            if periods and len(periods) == len(amounts):
                pairs = list(zip(amounts, periods, strict=True))
            elif len(periods) == 1:
                pairs = [(a, periods[0]) for a in amounts]
            elif not periods:
                pairs = [(a, None) for a in amounts]
            else:
                pairs = list(zip(amounts, periods, strict=False))
            for a, p in pairs:
                caps.append(
                    {
                        "amount": plain(a[2]),
                        "currency": a[3],
                        "period_end": p[2].isoformat() if p else None,
                        "period_label": text[p[0] : p[1]].strip() if p else None,
                        "agreement": self._agreement(norm, s, e),
                        "category": None,
                        "_ev": (s, e),
                        "_pos": s + a[0],
                    }
                )
        return caps

    @staticmethod
    def _cap_clause(norm: str, idx: int) -> bool:
        """False when the amount's clause speaks of historical amounts, not caps."""
        rx = _regex()
        s = idx
        while s > 0 and norm[s - 1] not in "，；;。\n":
            s -= 1
        e = idx
        while e < len(norm) and norm[e] not in "，；;。\n":
            e += 1
        clause = norm[s:e]
        return not (rx["not_cap_word"].search(clause) and not rx["cap_word"].search(clause))

    def _agreement(self, norm: str, s: int, e: int) -> str | None:
        named = [a for a in self.agreements if a in norm[s:e]]
        if named:
            return max(named, key=len)
        return self.agreements[0] if len(self.agreements) == 1 else None

    # -- tables ---------------------------------------------------------------------------------
    def _tables(self, doc: Doc) -> tuple[list[dict], set[int]]:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc.text
        lines = [(s, e) for s, e in doc_utils.lines(doc) if norm[s:e].strip()]
        caps: list[dict] = []
        used: set[int] = set()
        i = 0
        while i < len(lines):
            s, e = lines[i]
            header = self._header(norm, lines, i)
            if header is None:
                i += 1
                continue
            periods, unit, j = header
            context = " ".join(norm[a:b] for a, b in lines[max(0, i - 3) : i]) + norm[s:e]
            table_is_cap = bool(rx["cap_word"].search(context))
            table_not_cap = bool(rx["not_cap_word"].search(norm[lines[i - 1][0] : e] if i else ""))
            for k in range(i, j):
                used.add(lines[k][0])
            while j < len(lines):
                rs, re_ = lines[j]
                cells = [c.strip() for c in rx["cell_split"].split(norm[rs:re_].strip())]
                values = self._values(cells, unit, len(periods))
                if values is None:
                    u = parse_unit(cells[-1]) if len(cells) == 1 else None
                    if u:
                        unit = u
                        used.add(rs)
                        j += 1
                        continue
                    break
                used.add(rs)
                label_cells = cells[: len(cells) - len(periods)]
                label_norm = " ".join(label_cells).strip()
                is_cap = (table_is_cap and not table_not_cap) or bool(
                    rx["cap_word"].search(label_norm)
                )
                if rx["not_cap_word"].search(label_norm) and not rx["cap_word"].search(label_norm):
                    is_cap = False
                if is_cap:
                    label = self._printed_label(text, norm, rs, re_, label_norm)
                    for (amount, code), (p_date, p_label) in zip(values, periods, strict=True):
                        if amount is None:
                            continue
                        caps.append(
                            {
                                "amount": plain(amount),
                                "currency": code,
                                "period_end": p_date.isoformat() if p_date else None,
                                "period_label": p_label,
                                "agreement": self._agreement(norm, lines[max(0, i - 3)][0], re_),
                                "category": self._category(label),
                                "_ev": (rs, re_),
                                "_pos": rs,
                                "_table": True,
                            }
                        )
                j += 1
            i = max(j, i + 1)
        return caps, used

    @staticmethod
    def _category(label: str) -> str | None:
        label = re.sub(r"^(?:年度上限|建議年度上限|上限)\s*[:：]?\s*", "", label).strip(" :：-")
        if not label or re.fullmatch(r"(?:建議)?(?:年度)?上限(?:金額)?(?:\(.*\))?", label):
            return None
        return label

    @staticmethod
    def _printed_label(text: str, norm: str, s: int, e: int, label_norm: str) -> str:
        if not label_norm:
            return ""
        i = norm.find(label_norm.split(" ")[0], s, e)
        if i < 0:
            return label_norm
        return text[i : i + len(label_norm)]

    def _header(
        self, norm: str, lines: list[tuple[int, int]], i: int
    ) -> tuple[list[tuple[dt.date | None, str]], tuple[str, int] | None, int] | None:
        """Periods in column order, the unit if printed, and the index of the first data row."""
        rx = _regex()
        s, e = lines[i]
        line = norm[s:e]
        unit = self._unit_in(line)
        found = periods_in(norm, s, e)
        if len(found) >= 1 and (len(found) >= 2 or not find_amounts(line)):
            if len(found) >= 2 or len(rx["cell_split"].split(line.strip())) <= 2:
                if "。" in line or len(line) > 200:
                    return None
                periods = [(d, norm[a:b].strip()) for a, b, d in found]
                return periods, unit, i + 1
        span = rx["span_header"].search(line)
        if span and i + 1 < len(lines):
            ys, ye = lines[i + 1]
            cells = [c.strip() for c in rx["cell_split"].split(norm[ys:ye].strip())]
            years = [rx["year_cell"].match(c) for c in cells]
            if years and all(years):
                month, day = int(span.group("month")), int(span.group("day"))
                periods = []
                for y in years:
                    d = dt.date(int(y.group("year")), month, day)
                    periods.append((d, f"截至{d.year}年{month}月{day}日止年度"))
                return periods, unit or self._unit_in(norm[ys:ye]), i + 2
        return None

    @staticmethod
    def _unit_in(line: str) -> tuple[str, int] | None:
        for m in re.finditer(r"\(([^()]{2,16})\)", line):
            u = parse_unit(m.group(1))
            if u:
                return u
        return None

    def _values(
        self, cells: list[str], unit: tuple[str, int] | None, n: int
    ) -> list[tuple[Decimal | None, str]] | None:
        """The last n cells as amounts, or None when this is not a data row."""
        rx = _regex()
        if len(cells) < n or n == 0:
            return None
        out: list[tuple[Decimal | None, str]] = []
        for cell in cells[len(cells) - n :]:
            amounts = find_amounts(cell)
            if amounts and amounts[0][0] == 0:
                out.append((amounts[0][2], amounts[0][3]))
            elif rx["number_cell"].match(cell) and unit:
                value = to_number(cell.strip("()"))
                out.append((value * unit[1] if value is not None else None, unit[0]))
            elif cell in {"-", "—", "不適用", "N/A"}:
                out.append((None, unit[0] if unit else ""))
            else:
                return None
        return out
