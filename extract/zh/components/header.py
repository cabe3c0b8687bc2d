"""fw_zh_header_v1: company, stock code, announcement date and title from the page head.

A Chinese edition prints the disclaimer, the Chinese company name (the English one beside or
below it), the place of incorporation, （股份代號：03888）, then the title. The date is the
place-and-date line after 承董事會命 (香港，2012年5月24日), which is the date the announcement
bears; the first date of the body is only a fallback, since it is often the agreement's date.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.numbers import DATE_RE, date_from_match

_HAN = re.compile(r"[\u3400-\u9fff]")
CONNECTORS = {"及", "與", "和", "以及", "暨"}
_LABEL = re.compile(r"(?:公司名稱|發行人名稱)\s*[:：]\s*")
_TABLE_ROW = re.compile(r"\S {2,}\S")  # cells apart: a table row, never a title
_WEBSITE = re.compile(r"(?:網站|網址|網頁|Website)\s*[:：︰]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("headers", "zh")}


@component("fw_zh_header_v1", ["stock_code", "company", "title", "announcement_date"], ["norm"])
class HeaderComponent(FactPipe):
    def match(self, doc: Doc) -> dict[str, dict]:
        """The facts of the page head it finds (a fact it does not find is left out)."""
        rx = _regex()
        text, norm = doc_utils.text(doc), doc_utils.norm(doc)
        out: dict[str, dict] = {}
        all_lines = list(doc_utils.lines(doc))
        code_line = None
        m = rx["stock_code"].search(norm)
        if m:
            out["stock_code"] = {"value": m.group(1).zfill(5), "_ev": (m.start(), m.end())}
            code_line = next(i for i, (s, e) in enumerate(all_lines) if s <= m.start() <= e)
        head = all_lines[: (code_line if code_line is not None else 30)]
        for s, e in head:
            line = norm[s:e].strip().rstrip("*").strip()
            if not line or rx["disclaimer"].search(line) or line.startswith("("):
                continue
            label = _LABEL.match(line)  # a form's field: 公司名稱:  創輝國際控股有限公司
            if label:
                line = line[label.end() :]
            if len(line) <= 40 and _HAN.search(line) and rx["company_suffix"].search(line):
                lead = len(text[s:e]) - len(text[s:e].lstrip()) + (label.end() if label else 0)
                out["company"] = {"value": text[s + lead : s + lead + len(line)], "_ev": (s, e)}
                break
        if code_line is not None:
            self._title(doc, all_lines[code_line + 1 :], out)
        if "title" not in out:  # a form: its name heads the first page, the code is a field
            self._form_title(doc, all_lines, out)
        self._date(doc, out)
        return out

    def _title(self, doc: Doc, rest: list[tuple[int, int]], out: dict) -> None:
        """The lines after the stock code up to the first blank line, or across a blank line
        when a lone connector joins two headlines (…80%股權 / 及 / 恢復買賣)."""
        rx = _regex()
        text, norm = doc_utils.text(doc), doc_utils.norm(doc)
        parts: list[tuple[int, int]] = []
        lines = [(s, e, norm[s:e].strip()) for s, e in rest]
        k = 0
        while k < len(lines):
            s, e, line = lines[k]
            k += 1
            if not line:
                if not parts:
                    continue
                nxt = next((x for x in lines[k:] if x[2]), None)
                last = norm[parts[-1][0] : parts[-1][1]].strip()
                if nxt and (nxt[2] in CONNECTORS or last in CONNECTORS):
                    continue
                break
            if not _HAN.search(line) or rx["incorporation"].search(line) or _WEBSITE.match(line):
                if parts:
                    break
                continue
            body = "。" in line or len(line) > 50 or rx["body_start"].search(line)
            body = body or bool(_TABLE_ROW.search(line))
            if body or rx["date_line"].search(line) and DATE_RE.search(line):
                break
            parts.append((s, e))
            if len(parts) == 6:
                break
        if parts:
            value = " ".join(text[s:e].strip() for s, e in parts)
            out["title"] = {"value": value, "_ev": (parts[0][0], parts[-1][1])}

    @staticmethod
    def _form_title(doc: Doc, lines: list[tuple[int, int]], out: dict) -> None:
        """The first line of a form (證券變動月報表…), when it reads as a heading."""
        rx = _regex()
        text, norm = doc_utils.text(doc), doc_utils.norm(doc)
        for s, e in lines[:5]:
            line = norm[s:e].strip()
            if not line or rx["disclaimer"].search(line):
                continue
            if _HAN.search(line) and "。" not in line and len(line) <= 80:
                if not _TABLE_ROW.search(line) and not _LABEL.match(line):
                    out["title"] = {"value": text[s:e].strip(), "_ev": (s, e)}
            return

    @staticmethod
    def _form_date(doc: Doc) -> tuple | None:
        """A form's own date line (呈交日期: 2025年2月5日): a monthly return has no signature
        block, and its first date is the month it reports on."""
        rx = _regex()
        norm = doc_utils.norm(doc)
        for s, e in doc_utils.lines(doc):
            line = norm[s:e].strip()
            fm = rx["form_date"].match(line)
            m = DATE_RE.match(line, fm.end()) if fm else None
            if m and date_from_match(m):
                return date_from_match(m), (s, e)
        return None

    def _date(self, doc: Doc, out: dict) -> None:
        rx = _regex()
        norm = doc_utils.norm(doc)
        found = None
        for s, e in doc_utils.lines(doc):
            line = norm[s:e].strip()
            dm = rx["date_line"].match(line)
            if dm:
                m = DATE_RE.match(line, dm.end())
                if m and m.end() >= len(line.rstrip("。 ")) and date_from_match(m):
                    found = (date_from_match(m), (s, e))
        if found is None:
            sig = norm.find("承董事會命")
            for m in DATE_RE.finditer(norm, max(sig, 0)):
                d = date_from_match(m)
                if d and sig >= 0:
                    found = (d, doc_utils.sentence_bounds(doc, m.start()))
                    break
        if found is None:
            found = self._form_date(doc)
        if found is None:
            for m in DATE_RE.finditer(norm):
                d = date_from_match(m)
                if d:
                    found = (d, doc_utils.sentence_bounds(doc, m.start()))
                    break
        if found:
            out["announcement_date"] = {"value": found[0].isoformat(), "_ev": found[1]}
