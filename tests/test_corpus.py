"""The gold corpus (crawler/replica/corpus/) is complete, valid and honest.

Every document has its text, gold and meta; every gold validates against the extraction
contract; and every fact in a gold file can be found in (or derived from) the document's own
text — gold is written from the text, so nothing in it may come from anywhere else.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "extraction.schema.json").read_text())
SLUG_RE = re.compile(r"^(?P<code>\d{5})-(?P<date>\d{8})-[a-z0-9][a-z0-9-]*(?P<zh>_c)?$")
META_FIELDS = {
    "stock_codes",
    "stock_names",
    "title",
    "headline",
    "t1code",
    "t2codes",
    "language",
    "file_type",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TITLES = re.compile(r"^(Mr|Ms|Mrs|Miss|Dr|Prof|Professor|Madam|Sir)\.?\s+")


def _slugs() -> list[str]:
    names = {p.name.split(".")[0] for p in CORPUS.iterdir() if p.suffix in {".txt", ".json"}}
    return sorted(names)


SLUGS = _slugs()


def _load(slug: str) -> tuple[str, dict, dict]:
    text = (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
    gold = json.loads((CORPUS / f"{slug}.gold.json").read_text(encoding="utf-8"))
    meta = json.loads((CORPUS / f"{slug}.meta.json").read_text(encoding="utf-8"))
    return text, gold, meta


def _flat(text: str) -> str:
    """Lower-case, commas and all whitespace (form feeds, newlines) folded to single spaces."""
    return re.sub(r"[\s,]+", " ", text).lower()


def _appears(phrase: str, text: str) -> bool:
    return _flat(phrase).strip() in _flat(text)


_UNITS = {
    "thousand": 10**3,
    "'000": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "千": 10**3,
    "萬": 10**4,
    "万": 10**4,
    "百萬": 10**6,
    "百万": 10**6,
    "千萬": 10**7,
    "千万": 10**7,
    "億": 10**8,
    "亿": 10**8,
}
_NUM = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*"
    r"(thousand|million|billion|bn|mn|m|k|b|百萬|百万|千萬|千万|千|萬|万|億|亿)?"
    r"(?![A-Za-z0-9_])",
    re.IGNORECASE,
)


def _amounts(text: str) -> set[Decimal]:
    """Every amount the text can be read as stating, in units.

    A bare number also counts in thousands or millions when the document has a table
    headed in thousands ("RMB'000", "HK$'000") or millions ("(RMB million)").
    """
    scale = {Decimal(1)}
    if re.search(r"'000|千元", text):
        scale.add(Decimal(1000))
    millions = r"\((?:HK\$|RMB|US\$|HKD|USD)\s*(?:in\s+)?millions?\)|in millions|百萬元|百万元"
    if re.search(millions, text, re.I):
        scale.add(Decimal(10**6))
    values: set[Decimal] = set()
    for m in _NUM.finditer(text):
        number = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        unit = (m.group(3) or "").lower()
        if unit:
            values.add(number * _UNITS[unit])
        for s in scale:
            values.add(number * s)
    return values


def _date_in(iso: str, text: str, language: str = "en") -> bool:
    """The date is printed as "24 May 2012", "May 24, 2012", "24th May, 2012" or "2012年5月24日"."""
    d = date.fromisoformat(iso)
    month = MONTHS[d.month - 1]
    forms = [
        rf"\b{d.day}(?:st|nd|rd|th)?\s+{month},?\s+{d.year}\b",
        rf"\b{month}\s+{d.day}(?:st|nd|rd|th)?,\s*{d.year}\b",
        rf"{d.year}\s*年\s*{d.month}\s*月\s*{d.day}\s*日",
    ]
    return any(re.search(f, text) for f in forms)


def _board_names(gold: dict) -> list[str]:
    d = gold["directors"]
    return d["executive"] + d["non_executive"] + d["independent_non_executive"]


# --- the corpus as a whole -------------------------------------------------------------------


def test_corpus_is_big_enough_and_varied() -> None:
    english = [s for s in SLUGS if not s.endswith("_c")]
    assert len(english) >= 42
    golds = [_load(s)[1] for s in english]
    metas = [_load(s)[2] for s in english]
    types = [set(g["transaction_types"]) for g in golds]
    assert sum("continuing connected transaction" in t for t in types) >= 14
    assert sum(not t for t in types) >= 10
    assert (
        sum(
            bool(
                t
                & {
                    "discloseable transaction",
                    "major transaction",
                    "very substantial acquisition",
                    "very substantial disposal",
                    "share transaction",
                }
            )
            for t in types
        )
        >= 8
    )
    assert sum(m["file_type"] == "htm" for m in metas) >= 2
    assert sum("\f" in _load(s)[0] for s in english) >= 5


def test_stock_codes_identify_companies() -> None:
    """One company, one code; two companies never share a code."""
    by_code: dict[str, set[str]] = {}
    for slug in SLUGS:
        gold = _load(slug)[1]
        if gold["language"] != "en":
            continue
        by_code.setdefault(gold["stock_code"], set()).add(gold["company"])
    for code, companies in by_code.items():
        assert len(companies) == 1, (code, companies)
    names = [c for cs in by_code.values() for c in cs]
    assert len(names) == len(set(names))


def test_some_people_appear_in_several_filings() -> None:
    """Person pages and alerts need people who turn up in more than one company's filings."""

    def key(name: str) -> str:
        return " ".join(sorted(_flat(name).split()))

    seen: dict[str, set[str]] = {}
    for slug in SLUGS:
        gold = _load(slug)[1]
        names = _board_names(gold) + [c["name"] for c in gold["connected_persons"]]
        for name in names:
            seen.setdefault(key(name), set()).add(gold["stock_code"])
    assert sum(len(codes) >= 2 for codes in seen.values()) >= 4


# --- each document ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_document_is_complete(slug: str) -> None:
    m = SLUG_RE.match(slug)
    assert m, f"bad slug {slug}"
    for ext in (".txt", ".gold.json", ".meta.json"):
        assert (CORPUS / f"{slug}{ext}").is_file(), f"{slug}{ext} missing"
    text, gold, meta = _load(slug)
    assert META_FIELDS <= meta.keys(), META_FIELDS - meta.keys()
    assert meta["file_type"] in {"pdf", "htm"}
    assert meta["language"] == gold["language"]
    assert all(re.fullmatch(r"\d{5}", c) for c in meta["stock_codes"])
    assert len(meta["stock_codes"]) == len(meta["stock_names"])
    assert meta["t1code"].isdigit() and all(c.isdigit() for c in meta["t2codes"])
    assert gold["stock_code"] == meta["stock_codes"][0] == m.group("code")
    assert gold["announcement_date"].replace("-", "") == m.group("date")
    if m.group("zh"):
        assert meta.get("edition_of") == slug[:-2]


@pytest.mark.parametrize("slug", SLUGS)
def test_gold_follows_the_contract(slug: str) -> None:
    gold = _load(slug)[1]
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(gold)]
    assert not errors, errors
    assert gold["language"] in {"en", "zh"}
    party_names = {p["name"] for p in gold["parties"]}
    agreement_names = {a["name"] for a in gold["agreements"]}
    for a in gold["agreements"]:
        assert set(a.get("parties", [])) <= party_names, (a["name"], party_names)
    for cap in gold["annual_caps"]:
        assert cap.get("agreement") is None or cap["agreement"] in agreement_names
    assert set(gold["abstained_directors"]) <= set(_board_names(gold)) or not _board_names(gold)
    if gold["transaction_types"]:
        assert gold["listing_rules_chapters"], "a transaction cites its chapters"
        assert gold["parties"], "a transaction has parties"


@pytest.mark.parametrize("slug", SLUGS)
def test_text_is_well_formed(slug: str) -> None:
    text, gold, meta = _load(slug)
    assert "[[PAGE]]" not in text
    for line in text.split("\n"):
        if "\f" in line:
            assert line == "\f", f"a page break must be alone on its line: {line!r}"
    disclaimer = (
        "take no responsibility for the contents of this announcement"
        if gold["language"] == "en"
        else "概不負責"
    )
    assert disclaimer in text or "概不负责" in text or meta["t1code"] == "51500"
    code = gold["stock_code"]
    assert re.search(rf"(?<!\d)0*{int(code)}(?!\d)", text), f"stock code {code} not printed"


@pytest.mark.parametrize("slug", SLUGS)
def test_gold_comes_from_the_text(slug: str) -> None:
    text, gold, _ = _load(slug)
    lang = gold["language"]
    assert _appears(gold["company"], text), gold["company"]
    assert _appears(gold["title"], text), gold["title"]
    assert _date_in(gold["announcement_date"], text, lang), gold["announcement_date"]
    for p in gold["parties"]:
        for field in ("name", "full_name", "chinese_name"):
            if p.get(field):
                assert _appears(p[field], text), (field, p[field])
    for a in gold["agreements"]:
        assert _appears(a["name"], text), a["name"]
        for field in ("date", "term_start", "term_end"):
            if a.get(field):
                assert _date_in(a[field], text, lang) or a[field][:4] in text, (
                    a["name"],
                    field,
                    a[field],
                )
    amounts = _amounts(text)
    for cap in gold["annual_caps"]:
        assert Decimal(str(cap["amount"])) in amounts, cap
        if cap.get("period_end"):
            assert cap["period_end"][:4] in text, cap
        if cap.get("period_label"):
            assert _appears(cap["period_label"], text), cap["period_label"]
        if cap.get("category"):
            assert _appears(cap["category"], text), cap["category"]
    for c in gold["connected_persons"]:
        assert _appears(c["name"], text), c["name"]
        if c.get("connected_entity"):
            assert _appears(c["connected_entity"], text), c["connected_entity"]
    for name in _board_names(gold) + gold["abstained_directors"]:
        assert not TITLES.match(name), f"title left on {name!r}"
        assert "(" not in name, f"annotation left on {name!r}"
        assert _appears(name, text), name
    for chapter in gold["listing_rules_chapters"]:
        assert (
            re.search(rf"Chapters?\s+(?:\d+A?\s*(?:and|,)\s*)*{chapter}\b", text)
            or re.search(rf"(?<![\dA-Z.]){chapter}\.\d+", text)
            or re.search(rf"第\s*(?:\d+A?\s*(?:及|和|、|與)\s*)*{chapter}\s*章", text)
        ), chapter
