"""extract/checks.py: cross-check warnings, and none that are false on a revision of caps."""

from __future__ import annotations

from pathlib import Path

from extract.checks import is_cap_revision, warnings_for

ROOT = Path(__file__).resolve().parent.parent
REVISION = ROOT / "crawler" / "replica" / "corpus" / "03871-20250326-revision-of-annual-caps.txt"


def _result(title: str, caps_years: list[int]) -> dict:
    return {
        "title": title,
        "agreements": [
            {"name": "Framework Agreement", "term_start": "2024-01-01", "term_end": "2026-12-31"}
        ],
        "annual_caps": [
            {"amount": 1, "currency": "RMB", "period_end": f"{y}-12-31", "agreement": None}
            for y in caps_years
        ],
    }


def test_a_missing_year_of_a_new_agreement_is_warned() -> None:
    result = _result("CONTINUING CONNECTED TRANSACTIONS FRAMEWORK AGREEMENT", [2025, 2026])
    assert warnings_for(result) == ["no cap found for 2024 in the term of 'Framework Agreement'"]


def test_a_revision_of_some_years_caps_needs_no_cap_for_every_year() -> None:
    for title in (
        "CONTINUING CONNECTED TRANSACTIONS REVISION OF ANNUAL CAPS UNDER THE FRAMEWORK AGREEMENT",
        "SUPPLEMENTAL AGREEMENT AND REVISED ANNUAL CAPS",
        "持續關連交易 修訂年度上限",
        "持續關連交易 - 修訂EPC服務框架協議項下的年度上限",
        "持续关连交易 修订EPC服务框架协议项下的年度上限",
    ):
        assert is_cap_revision({"title": title}), title
        assert warnings_for(_result(title, [2025, 2026])) == []


def test_a_revision_still_gets_the_other_checks() -> None:
    result = _result("REVISION OF ANNUAL CAPS", [2025])
    result["annual_caps"].append(
        {"amount": 2, "currency": "HKD", "period_end": "2026-12-31", "agreement": None}
    )
    assert warnings_for(result) == [
        "caps of 'Framework Agreement' are in more than one currency: HKD, RMB"
    ]


def test_the_revision_filing_of_the_replica_has_no_false_warning() -> None:
    from extract.extraction import extract_file

    result = extract_file(REVISION)
    assert [c["period_end"] for c in result["annual_caps"]] == ["2025-12-31", "2026-12-31"]
    assert not [w for w in result["warnings"] if w.startswith("no cap found")]
