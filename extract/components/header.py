"""fw_header_v1: company, stock code, announcement date and title from the page-one header.

HKEX announcements open with the disclaimer, the issuer's name in English and Chinese, its
place of incorporation, "(Stock Code: 03888)", then the title in capitals; they close with
"Hong Kong, 24 May 2012". The company's name is preferred from the "Company" definition (it
is written in normal case there) and falls back to the header line.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.dates import DATE_ANY, parse_date
from extract.document import Fact, layout_of, text_of
from extract.patterns import load
from extract.pipe import SPANS, FactPipe, component


@cache
def _label_rxs() -> list[tuple[re.Pattern, re.Pattern]]:
    """Per header field (patterns/header_fields.jsonl): its label with the value after a
    colon, and its label alone in a cell (the value in the next one)."""
    return [
        (
            re.compile(rf"^{re.escape(row['label'])}\s*(?:\([^)]*\))?\s*[:：]\s*(.+)$", re.I),
            re.compile(rf"{re.escape(row['label'])}\s*(?:\([^)]*\))?\s*:?", re.I),
        )
        for row in load("header_fields")
    ]


_PLACE_DATE = re.compile(rf"^[A-Z][A-Za-z .,'()]{{1,60}}?,\s*(?:the\s+)?({DATE_ANY.pattern})\.?$")
_NOT_TITLE = re.compile(
    r"^\((?![0-9a-z]{1,3}\))|stock code|incorporated|continued into|limited liability|^hong kong "
    r"exchanges|"
    r"^and$|^\d+\.?$|^[A-Z]{1,4}\d{2,4}[A-Z]?$",
    re.I,
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CODE = re.compile(
    r"\bstock\s+codes?\b\s*(?:[:：]\s*)?\n?\s*(?:[:：]\s*)?(\d{1,5})\b(?![.,]\d)", re.I
)
_COMPANY_SUFFIX = re.compile(
    r"\b(Limited|Ltd\.?|Corporation|Incorporated|Inc\.?|Company|Holdings|Group|plc|S\.A\.|AG|"
    r"N\.V\.|Bank|Trust)\b",
    re.I,
)


@component(
    "fw_header_v1",
    ["stock_code", "announcement_date", "title", "company_header"],
    [SPANS],
    header_lines=40,
)
class Header(FactPipe):
    def __init__(self, nlp: Language, name: str, header_lines: int = 40) -> None:
        super().__init__(nlp, name)
        self.header_lines = header_lines

    def match(self, doc: Doc) -> dict[str, Fact | None]:
        out: dict[str, Fact | None] = {"stock_code": None, "announcement_date": None}
        out["stock_code"] = self._own_code(doc)
        for span in doc.spans.get("fw", []) if out["stock_code"] is None else []:
            if span.label_ == "STOCK_CODE":
                out["stock_code"] = Fact(span[-1].text.zfill(5), span.start_char, span.end_char)
                break
        out["announcement_date"] = self._date(doc)
        out["title"] = self._title(doc, out["stock_code"])
        out["company_header"] = self._signature(doc) or self._company_line(doc)
        fields = self._fields(doc)
        for key in ("stock_code", "announcement_date"):
            if out.get(key) is None and key in fields:
                out[key] = fields[key]
        if "company" in fields:
            out["company_header"] = fields["company"]
        if out.get("title") is None:
            out["title"] = self._form_title(doc)
        if out.get("stock_code") is None:
            out["stock_code"] = self._loose_code(doc)
        return out

    def _fields(self, doc: Doc) -> dict[str, Fact]:
        """Forms (the FF301 monthly return) label their facts: "Name of Issuer: ..."."""
        out: dict[str, Fact] = {}
        for line in layout_of(doc).lines[: self.header_lines]:
            for cell in line.cells or []:
                for row, (labelled, alone) in zip(load("header_fields"), _label_rxs(), strict=True):
                    m = labelled.match(cell)
                    value = m.group(1).strip() if m else None
                    if value is None and alone.fullmatch(cell):
                        i = line.cells.index(cell)
                        value = line.cells[i + 1] if i + 1 < len(line.cells) else None
                    if not value or row["field"] in out:
                        continue
                    if row["field"] == "announcement_date":
                        d = parse_date(value)
                        if d:
                            out["announcement_date"] = Fact(d.isoformat(), line.start, line.end)
                    elif row["field"] == "stock_code":
                        code = re.match(r"^(\d{1,5})\b", value)
                        if code:
                            out["stock_code"] = Fact(code.group(1).zfill(5), line.start, line.end)
                    elif _COMPANY_SUFFIX.search(value):
                        out["company"] = Fact(value, line.start, line.end)
        return out

    @staticmethod
    def _own_code(doc: Doc) -> Fact | None:
        """The issuer's own code, first in the document: "(Stock Code: 03888)", a cover row
        "Stock code  :  1511", or label and code on two lines. A code cited for another
        company ("listed ... with stock code 6030") is not the issuer's."""
        text = text_of(doc)
        for m in _CODE.finditer(text):
            before = text[max(0, m.start() - 80) : m.start()]
            if re.search(r"(?:with|under|its|their|having)\s*$|listed", before, re.I):
                continue
            return Fact(m.group(1).zfill(5), m.start(), m.end())
        return None

    def _loose_code(self, doc: Doc) -> Fact | None:
        """A form laid out in columns can put "Stock code" and its value on different lines
        of a row: the first 5-digit code within a short distance after the label."""
        text = text_of(doc)
        m = re.search(r"stock code[^\n]{0,80}?\b(0\d{4})\b", text, re.I)
        if m:
            return Fact(m.group(1), m.start(), m.end())
        return self._column_code(doc)

    @staticmethod
    def _column_code(doc: Doc) -> Fact | None:
        """A table whose header row has a "Stock code" column: the code is the cell below it
        ("Type of shares  Class of shares  Listed on the Exchange  Stock code")."""
        lines = layout_of(doc).lines
        for line, below in zip(lines, lines[1:], strict=False):
            cells = [c.strip().lower() for c in line.cells or []]
            if "stock code" not in cells or not below.cells:
                continue
            i = cells.index("stock code")
            value = below.cells[i].strip() if i < len(below.cells) else ""
            if re.fullmatch(r"\d{1,5}", value):
                return Fact(value.zfill(5), below.start, below.end)
        return None

    def _form_title(self, doc: Doc) -> Fact | None:
        """A form's title: its first line of words that is not a form code or a field."""
        for line in layout_of(doc).lines[:10]:
            text = line.text
            if (
                not text
                or line.is_row
                or ":" in text
                or re.fullmatch(r"[A-Z]{1,4}\d{2,4}[A-Z]?", text)
            ):
                continue
            if len(text) < 150 and not text.endswith(".") and re.search(r"[a-z]{3}", text):
                return Fact(text, line.start, line.end)
            break
        return None

    def _signature(self, doc: Doc) -> Fact | None:
        """ "By order of the Board / Kingsoft Corporation Limited / Jun LEI / Chairman"."""
        lines = [ln for ln in layout_of(doc).lines if ln.text]
        for k, line in enumerate(lines):
            lead = re.match(
                r"^(?:By|For and on behalf of) (?:order of )?the Board", line.text, re.I
            )
            if lead:
                rest = line.text[lead.end() :].strip(" ,")
                candidates = [rest] if rest else []
                candidates += [ln.text for ln in lines[k + 1 : k + 2]]
                for text in candidates:
                    name = re.split(r"\s{2,}|\*", text)[0].strip()
                    if _COMPANY_SUFFIX.search(name) and not name.isupper() and len(name) < 120:
                        return Fact(name, line.start, line.end)
        return None

    def _date(self, doc: Doc) -> Fact | None:
        lines = [ln for ln in layout_of(doc).lines if ln.text]
        for line in reversed(lines):
            m = _PLACE_DATE.match(line.text)
            if m and not line.text.lower().startswith(("on ", "as at", "dated")):
                d = parse_date(m.group(1))
                if d:
                    return Fact(d.isoformat(), line.start, line.end)
        for k in range(len(lines) - 1, 0, -1):  # "Zhuzhou, Hunan Province, the PRC" / date
            line, above = lines[k], lines[k - 1]
            if re.fullmatch(DATE_ANY.pattern, line.text.strip(), re.I) and re.fullmatch(
                r"[A-Z][A-Za-z ,.'()]{1,60}", above.text.strip()
            ):
                d = parse_date(line.text)
                if d:
                    return Fact(d.isoformat(), line.start, line.end)
        for line in lines[: self.header_lines]:  # some put the date under the title
            if re.fullmatch(rf"(?:dated\s+)?{DATE_ANY.pattern}", line.text, re.I):
                d = parse_date(line.text)
                if d:
                    return Fact(d.isoformat(), line.start, line.end)
        return None

    def _title(self, doc: Doc, code: Fact | None) -> Fact | None:
        lines = layout_of(doc).lines[: self.header_lines * 2]
        start = 0
        if code is not None:
            start = next((i + 1 for i, ln in enumerate(lines) if ln.end >= code.end), 0)
        picked = []
        for line in lines[start:]:
            text = line.text
            if not text:
                if picked and not _joins(picked[-1].text, lines, line):
                    break
                continue
            if _CJK.search(text) and not re.search(r"[A-Za-z]{3}", text):
                continue
            if _NOT_TITLE.search(text) and not picked:
                continue
            letters = [c for c in text if c.isalpha()]
            upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
            if picked and (text in {p.text for p in picked} or _section_heading(text)):
                break  # the body's first heading (a .htm page keeps no blank line before it)
            if upper and not line.is_row:
                picked.append(line)
            else:
                break
        if not picked:
            return None
        title = " ".join(" ".join(ln.text.split()) for ln in picked)
        return Fact(title, picked[0].start, picked[-1].end)

    def _company_line(self, doc: Doc) -> Fact | None:
        for line in layout_of(doc).lines[: self.header_lines]:
            text = line.text
            if (
                text
                and _COMPANY_SUFFIX.search(text)
                and not text.lower().startswith(("hong kong exchanges", "("))
                and len(text) < 120
                and not _CJK.search(text)
            ):
                return Fact(text, line.start, line.end)
        return None


def _section_heading(text: str) -> bool:
    return any(re.search(row["regex"], text) for row in load("headings"))


def _joins(last: str, lines: list, blank: object) -> bool:
    """A title split by blank lines: "... CO., LTD." / "AND" / "RESUMPTION OF TRADING"."""
    if re.search(r"\b(AND|OF|IN|TO|FOR|WITH|ON|&)$", last):
        return True
    i = lines.index(blank)
    nxt = next((ln.text for ln in lines[i + 1 :] if ln.text), "")
    return bool(re.match(r"^(AND|&)\b", nxt))
