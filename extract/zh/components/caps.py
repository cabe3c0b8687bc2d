"""fw_zh_caps_v1: annual caps from sentences, from tables and from lists of periods.

Three layouts, as Chinese editions print them:
- sentences: 截至2012年12月31日止期間的年度上限為人民幣8百萬元; several years at once
  (截至2025年、2026年及2027年12月31日止三個年度 … 分別為 …), or per-period clauses after
  不得超過 (於2024年7月1日至2024年12月31日期間不得超過3.2百萬美元（相當於約25.0百萬港元）);
- tables with periods across: a header row of periods (截至…止年度, 自…至…止期間, or
  截至12月31日止年度 over a row of years), a unit (（人民幣千元）, 千港元) above, in or below the
  header, then one row per category or per agreement;
- lists with periods down: 截至2025年3月31日止財政年度  港幣5百萬元, one line each, under a
  line that says 上限 or 不得超過; where two amount columns stand side by side (現有年度上限 /
  經修訂年度上限) the revised or proposed one is taken.
Historical amounts, existing caps, bases of calculation (參考 …) and currency equivalents
(相當於約 …) are printed in the same shapes and are not caps: rows and clauses that say so are
skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.normalise import normalise
from extract.zh.numbers import (
    DATE_RE,
    cn_int,
    date_from_match,
    find_amounts,
    parse_unit,
    plain,
    to_number,
)

Period = tuple[int, int, dt.date]


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    rows = {r["kind"]: r["regex"] for r in load("caps", "zh")}
    date = rows.pop("date")
    return {k: re.compile(v.replace("{date}", date)) for k, v in rows.items()}


def periods_in(norm: str, start: int, end: int) -> list[Period]:
    """(start, end, period end) of every period phrase in norm[start:end], in order."""
    rx = _regex()
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for m in rx["multi_period"].finditer(norm, start, end):
        for y in re.findall(r"\d{4}", m.group("years")):
            try:
                d = dt.date(int(y), int(m.group("month")), int(m.group("day")))
            except ValueError:
                continue
            out.append((m.start(), m.end(), d))
        taken.append((m.start(), m.end()))
    for kind in ("span_period", "period"):
        for m in rx[kind].finditer(norm, start, end):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            d = date_from_match(DATE_RE.search(m.group("date")))
            if d:
                out.append((m.start(), m.end(), d))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda p: p[0])


_NUMBER_TOKEN = re.compile(r"^\(?-?\d[\d,]*(?:\.\d+)?\)?$")


def cells(line: str) -> list[str]:
    """Cells of a table row: split on runs of 2+ spaces, tabs and a colon after a label; a single
    space (what PDF text extraction often leaves) also splits off a bare number."""
    line = _regex()["row_prefix"].sub("", line.strip())
    out: list[str] = []
    for cell in _regex()["cell_split"].split(line):
        parts = cell.split(" ")
        merged: list[str] = []
        for part in parts:
            if merged and not (_NUMBER_TOKEN.match(part) and not _currency_end(merged[-1])):
                merged[-1] += " " + part
            else:
                merged.append(part)
        out += [m.strip(" ；;。") for m in merged if m.strip(" ；;。")]
    return out


def split_unit(cell: str) -> tuple[str, tuple[str, int] | None]:
    """A header cell and the unit glued to its end ('二零二六年人民幣千元': PDF reading joins a
    column's header and the unit printed under it), or the cell and None."""
    for i in range(max(0, len(cell) - 12), len(cell) - 1):
        unit = parse_unit(cell[i:])
        if unit and cell[:i].strip():
            return cell[:i].strip(), unit
    return cell, None


def unit_row(row: list[str]) -> tuple[str, int] | None:
    """The unit of a row that only states units: （人民幣千元）, or 人民幣千元 under each column."""
    units = {parse_unit(cell) for cell in row}
    return units.pop() if row and len(units) == 1 and None not in units else None


def _currency_end(token: str) -> bool:
    return bool(re.search(r"(?:人民幣|港幣|港元|美元|HK\$|US\$|RMB)$", token))


@component("fw_zh_caps_v1", ["annual_caps"], ["norm", "agreements"])
class CapsComponent(FactPipe):
    def match(self, doc: Doc) -> list[dict]:
        out = doc_utils.facts(doc)
        self.agreements = [a["name"] for a in out.get("agreements", [])]
        self.norm_agreements = {
            doc_utils.norm(doc)[a["_ev"][0] : a["_ev"][1]]: a["name"]
            for a in out.get("agreements", [])
        }
        used: set[int] = set()
        caps = self._tables(doc, used) + self._lists(doc, used)
        caps += self._sentences(doc, used)
        return self._dedupe(caps)

    @staticmethod
    def _dedupe(caps: list[dict]) -> list[dict]:
        table_keys = {(c["amount"], c["currency"], c["period_end"]) for c in caps if c["_table"]}
        seen: set[tuple] = set()
        result = []
        for cap in sorted(caps, key=lambda c: c["_pos"]):
            key3 = (cap["amount"], cap["currency"], cap["period_end"])
            if not cap["_table"] and key3 in table_keys:
                continue
            key = (*key3, cap.get("category"), cap.get("agreement"))
            if key in seen:
                continue
            seen.add(key)
            result.append(cap)
        return result

    def _cap(
        self,
        amount: Decimal,
        code: str,
        period: tuple[dt.date | None, str | None],
        agreement: str | None,
        category: str | None,
        ev: tuple[int, int],
        pos: int,
        table: bool,
    ) -> dict:
        return {
            "amount": plain(amount),
            "currency": code,
            "period_end": period[0].isoformat() if period[0] else None,
            "period_label": period[1],
            "agreement": agreement,
            "category": category,
            "_ev": ev,
            "_pos": pos,
            "_table": table,
        }

    # -- helpers --------------------------------------------------------------------------------
    def _agreement(self, norm: str, s: int, e: int) -> str | None:
        named = [a for a in self.agreements if a and norm.find(self._n(a), s, e) >= 0]
        if named:
            return max(named, key=len)
        return self.agreements[0] if len(self.agreements) == 1 else None

    @staticmethod
    def _n(printed: str) -> str:
        return normalise(printed)

    def _label(
        self, text: str, norm: str, s: int, e: int, label: str
    ) -> tuple[str | None, str | None]:
        """(category, agreement) from a row label: an agreement's name is not a category."""
        if not label:
            return None, None
        i = norm.find(label, s, e)
        printed = text[i : i + len(label)] if i >= 0 else label
        agreement = None
        for a in sorted(self.agreements, key=len, reverse=True):
            na = self._n(a)
            if na and na in label:
                agreement = a
                if label.strip("()（） ") == na:
                    return None, a
                printed = re.sub(r"\s*[(（]\s*" + re.escape(a) + r"\s*[)）]\s*", "", printed)
                break
        printed = re.sub(r"^(?:建議)?(?:年度)?上限\s*[:：]?\s*", "", printed).strip(" :：-")
        if not printed or re.fullmatch(
            r"(?:建議|經修訂)?(?:年度)?上限(?:金額)?(?:\(.*\))?", printed
        ):
            return None, agreement
        return printed, agreement

    def _unit_near(
        self, norm: str, lines: list[tuple[int, int]], i: int, j: int
    ) -> tuple[str, int] | None:
        for k in list(range(i, min(j + 1, len(lines)))) + list(range(i - 1, max(-1, i - 3), -1)):
            s, e = lines[k]
            for m in re.finditer(r"\(([^()]{2,16})\)", norm[s:e]):
                u = parse_unit(m.group(1))
                if u:
                    return u
            row = cells(norm[s:e])
            unit = unit_row(row) or next((u for _, u in map(split_unit, row) if u), None)
            if unit:
                return unit
        return None

    def _values(
        self, row: list[str], unit: tuple[str, int] | None, n: int
    ) -> list[tuple[Decimal | None, str]] | None:
        """The last n cells as amounts, or None when this is not a data row."""
        rx = _regex()
        if n == 0 or len(row) < n:
            return None
        out: list[tuple[Decimal | None, str]] = []
        for cell in row[len(row) - n :]:
            cell = re.sub(r"[(（]\s*附註\s*[)）]|[(（]\s*註\s*\d*\s*[)）]", "", cell).strip()
            amounts = find_amounts(cell)
            if amounts and amounts[0][0] == 0:
                out.append((amounts[0][2], amounts[0][3]))
            elif rx["number_cell"].match(cell) and unit:
                value = to_number(cell.strip("()"))
                out.append((value * unit[1] if value is not None else None, unit[0]))
            elif cell in {"-", "—", "–", "不適用", "N/A"}:
                out.append((None, unit[0] if unit else ""))
            else:
                return None
        return out

    # -- tables: periods across -----------------------------------------------------------------
    def _header(
        self, norm: str, lines: list[tuple[int, int]], i: int
    ) -> tuple[list[tuple[dt.date | None, str]], int] | None:
        rx = _regex()
        s, e = lines[i]
        line = norm[s:e]
        if "。" in line or len(line) > 240:
            return None
        row = cells(line)
        found = periods_in(norm, s, e)
        if len(found) >= 2 and not find_amounts(line) and len(row) >= len(found):
            return [(d, line[a - s : b - s].strip()) for a, b, d in found], i + 1
        span = rx["span_header"].search(line)
        if span and i + 1 < len(lines):
            ys, ye = lines[i + 1]
            years = [rx["year_cell"].match(split_unit(c)[0]) for c in cells(norm[ys:ye])]
            if years and all(years):
                month, day = cn_int(span.group("month")), cn_int(span.group("day"))
                periods = [
                    (dt.date(year, month, day), f"截至{year}年{month}月{day}日止年度")
                    for year in (cn_int(y.group("year")) for y in years)
                ]
                return periods, i + 2
        return None

    def _tables(self, doc: Doc, used: set[int]) -> list[dict]:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        lines = [(s, e) for s, e in doc_utils.lines(doc) if norm[s:e].strip()]
        caps: list[dict] = []
        i = 0
        while i < len(lines):
            header = self._header(norm, lines, i)
            if header is None:
                i += 1
                continue
            periods, j = header
            unit = self._unit_near(norm, lines, i, j)
            above = " ".join(norm[a:b] for a, b in lines[max(0, i - 3) : i])
            table_cap = bool(rx["cap_word"].search(above + norm[lines[i][0] : lines[i][1]]))
            table_not = bool(rx["not_cap_word"].search(norm[lines[i][0] : lines[i][1]]))
            used.update(lines[k][0] for k in range(max(0, i - 1), j))
            while j < len(lines):
                rs, re_ = lines[j]
                row = cells(norm[rs:re_])
                values = self._values(row, unit, len(periods))
                if values is None:
                    if unit_row(row):
                        unit = unit_row(row)
                        used.add(rs)
                        j += 1
                        continue
                    break
                used.add(rs)
                label = " ".join(row[: len(row) - len(periods)]).strip()
                is_cap = (table_cap and not table_not) or bool(rx["cap_word"].search(label))
                if rx["not_cap_word"].search(label):
                    is_cap = False
                if is_cap:
                    category, agreement = self._label(text, norm, rs, re_, label)
                    agreement = agreement or self._agreement(norm, lines[max(0, i - 3)][0], re_)
                    for (amount, code), (p_date, p_label) in zip(values, periods, strict=True):
                        if amount is not None:
                            caps.append(
                                self._cap(
                                    amount,
                                    code,
                                    (p_date, p_label),
                                    agreement,
                                    category,
                                    (rs, re_),
                                    rs,
                                    True,
                                )
                            )
                j += 1
            i = max(j, i + 1)
        return caps

    # -- lists: periods down --------------------------------------------------------------------
    def _lists(self, doc: Doc, used: set[int]) -> list[dict]:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        lines = [(s, e) for s, e in doc_utils.lines(doc) if norm[s:e].strip()]
        caps: list[dict] = []
        i = 0
        while i < len(lines):
            run = []
            j = i
            while j < len(lines) and lines[j][0] not in used:
                row = self._period_row(norm, lines[j])
                if row is None:
                    break
                run.append((lines[j], row))
                j += 1
            if not run:
                i += 1
                continue
            context = " ".join(norm[a:b] for a, b in lines[max(0, i - 3) : i])
            if not rx["cap_word"].search(context):
                i = j
                continue
            header = cells(norm[lines[i - 1][0] : lines[i - 1][1]]) if i else []
            unit = self._unit_near(norm, lines, i - 1, i - 1) if i else None
            for (s, e), (period, amounts_cells) in run:
                values = self._values(amounts_cells, unit, len(amounts_cells))
                if not values:
                    continue
                k = self._column(header, len(values))
                if k is None or values[k][0] is None:
                    continue
                used.add(s)
                amount, code = values[k]
                label = text[period[0] : period[1]].strip()
                caps.append(
                    self._cap(
                        amount,
                        code,
                        (period[2], label),
                        self._agreement(norm, lines[max(0, i - 3)][0], e),
                        None,
                        (s, e),
                        s,
                        True,
                    )
                )
            i = j
        return caps

    def _period_row(self, norm: str, bounds: tuple[int, int]) -> tuple[Period, list[str]] | None:
        """A line that is a period followed by amount cells, e.g. 截至2025年…止年度  港幣5百萬元."""
        s, e = bounds
        line = norm[s:e]
        if "。" in line:
            return None
        prefix = _regex()["row_prefix"].match(line)
        start = s + (prefix.end() if prefix else 0)
        found = periods_in(norm, start, e)
        if len(found) != 1 or norm[start : found[0][0]].strip(" 於"):
            return None
        rest = cells(norm[found[0][1] : e])
        if not rest:
            return None
        return found[0], rest

    @staticmethod
    def _column(header: list[str], n: int) -> int | None:
        """Which amount column holds the caps: the revised/proposed one when two are shown."""
        if n == 1:
            return 0
        rx = _regex()
        tail = header[-n:] if len(header) >= n else []
        for k, h in enumerate(tail):
            if rx["preferred_column"].search(h) and not rx["not_cap_word"].search(h):
                return k
        keep = [k for k, h in enumerate(tail) if not rx["not_cap_word"].search(h)]
        return keep[-1] if keep else n - 1

    # -- sentences ------------------------------------------------------------------------------
    def _sentences(self, doc: Doc, used: set[int]) -> list[dict]:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        caps: list[dict] = []
        heading = ""
        for s, e in doc_utils.sentences(doc):
            line_start = norm.rfind("\n", 0, s) + 1
            if line_start in used:
                continue
            sentence = norm[s:e]
            if rx["heading"].match(sentence) and not find_amounts(sentence):
                heading = sentence
                continue
            if not (rx["cap_word"].search(sentence) or rx["cap_word"].search(heading)):
                continue
            if rx["not_cap_sentence"].search(sentence):
                continue
            # 年度上限乃參考（i）…；（ii）…約港幣61,000,000元: what a cap was based on is not a cap
            basis = rx["basis"].search(sentence)
            stop = basis.start() if basis else len(sentence)
            amounts = [
                a
                for a in find_amounts(sentence)
                if a[0] < stop and self._is_cap_amount(norm, s + a[0])
            ]
            if not amounts:
                continue
            periods = periods_in(norm, s, e)
            if len(amounts) == 1 and len(periods) > 1 and re.search(r"均|各|每", sentence):
                amounts = amounts * len(periods)
            if periods and len(periods) == len(amounts):
                pairs = list(zip(amounts, periods, strict=True))
            elif len(periods) == 1:
                pairs = [(a, periods[0]) for a in amounts]
            elif not periods:
                pairs = [(a, None) for a in amounts]
            else:
                pairs = list(zip(amounts, periods, strict=False))
            multi = len({p[0] for _, p in pairs if p}) < len([p for _, p in pairs if p])
            for a, p in pairs:
                label = None if (p is None or multi) else text[p[0] : p[1]].strip().lstrip("於")
                caps.append(
                    self._cap(
                        a[2],
                        a[3],
                        (p[2] if p else None, label),
                        self._agreement(norm, s, e),
                        None,
                        (s, e),
                        s + a[0],
                        False,
                    )
                )
        return caps

    @staticmethod
    def _is_cap_amount(norm: str, idx: int) -> bool:
        """False when the words before the amount in its clause make it a non-cap amount."""
        s = idx
        while s > 0 and norm[s - 1] not in "，；;。\n":
            s -= 1
        return not _regex()["not_cap_before"].search(norm[s:idx])
