"""Floors on the real HKEX PDFs in ../shared/real-pdfs/ (issue 12), against hand-written gold in
tests/fixtures/real_pdfs/. The PDFs are read from ../shared, never committed."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract.extraction import extract_file
from extract.scoring import score

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT.parent / "shared" / "real-pdfs"
GOLD = Path(__file__).resolve().parent / "fixtures" / "real_pdfs"
SLUGS = sorted(p.stem for p in GOLD.glob("*.json"))


@cache
def extracted(slug: str) -> dict:
    return extract_file(PDFS / f"{slug}.pdf")


def gold(slug: str) -> dict:
    return json.loads((GOLD / f"{slug}.json").read_text(encoding="utf-8"))


def test_every_chinese_real_pdf_has_gold() -> None:
    assert len(SLUGS) == 11
    assert all((PDFS / f"{slug}.pdf").exists() for slug in SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_stock_code_and_date_exact(slug: str) -> None:
    got, want = extracted(slug), gold(slug)
    assert (got["stock_code"], got["announcement_date"]) == (
        want["stock_code"],
        want["announcement_date"],
    )


def test_directors_f1_and_no_uncited_chapter() -> None:
    result = score((slug, extracted(slug), gold(slug)) for slug in SLUGS)
    report = "\n".join(result.misses)
    assert result.fields["directors"].f1 >= 0.95, report
    chapters = result.fields["listing_rules_chapters"]
    assert chapters.fp == 0 and chapters.fn == 0, report
    types = result.fields["transaction_types"]
    assert types.fp == 0 and types.fn == 0, report


def test_discloseable_transaction_parties_and_agreement() -> None:
    slug = "01_alco_discloseable_jv11pct_2025"
    got, want = extracted(slug), gold(slug)
    names = {n for p in got["parties"] for n in (p["name"], p.get("full_name")) if n}
    assert {p["name"] for p in want["parties"]} <= names, got["parties"]
    [agreement] = want["agreements"]
    found = [
        a for a in got["agreements"] if a["name"] in (agreement["name"], agreement["full_name"])
    ]
    assert found and found[0]["date"] == agreement["date"], got["agreements"]
    full = {p["name"]: p.get("full_name") or p["name"] for p in got["parties"]}
    assert {full.get(n, n) for n in found[0]["parties"]} == set(agreement["parties"])


def test_chinese_output_keeps_the_contract_lists() -> None:
    got = extracted("04_alco_profit_warning_2025")
    assert isinstance(got.get("warnings"), list)


@pytest.mark.parametrize(
    "slug",
    ["03_alco_annual_results_2025", "05_alco_appoint_ed_ned_2025", "09_alco_director_list_2025"],
)
def test_documents_that_sign_nothing_have_no_parties(slug: str) -> None:
    got = extracted(slug)
    assert (got["parties"], got["agreements"]) == ([], [])


@pytest.mark.parametrize(
    ("name", "code", "company"),
    [
        ("12_allotment_01511", "01511", "UISEE Technologies (Beijing) Co., Ltd."),
        ("13_allotment_06872", "06872", "TenNor Therapeutics (Suzhou) Limited"),
    ],
)
def test_english_allotment_covers_give_the_issuers_code_and_name(
    name: str, code: str, company: str
) -> None:
    """The cover's "Stock code  :  1511" row is the issuer's; "stock code 6030" cited later for
    a cornerstone investor's parent is not (issue 11)."""
    got = extract_file(PDFS / f"{name}.pdf")
    assert (got["stock_code"], got["company"]) == (code, company)
