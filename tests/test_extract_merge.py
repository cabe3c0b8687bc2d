"""extract/merge.py: chunks' contracts become one, each fact once with its first evidence, a
later finding filling what the first lacked, the header from the first chunk that has it and
the board from the last, and the cross-check warnings computed over the whole."""

from __future__ import annotations

from extract.contract import empty_contract
from extract.merge import merge_contracts


def _part(**fields) -> dict:  # noqa: ANN003
    out = empty_contract("en")
    evidence = fields.pop("evidence", {})
    out.update(fields)
    out["evidence"] = evidence
    return out


def _cap(year: int, amount: int) -> dict:
    return {
        "amount": amount,
        "currency": "HKD",
        "period_end": f"{year}-12-31",
        "period_label": f"year ending 31 December {year}",
        "agreement": "Warehouse Agreement",
        "category": None,
    }


def test_merge_keeps_each_fact_once_with_its_own_page() -> None:
    agreement = {
        "name": "Warehouse Agreement",
        "date": None,
        "term_start": "2025-01-01",
        "term_end": "2026-12-31",
        "parties": ["A", "B"],
    }
    first = _part(
        stock_code="01688",
        title="CONTINUING CONNECTED TRANSACTION",
        parties=[{"name": "Jade Harbour", "full_name": None, "chinese_name": None}],
        agreements=[agreement],
        evidence={
            "stock_code": {"page": 1, "text": "(Stock Code: 01688)"},
            "parties[0]": {"page": 2, "text": "Jade Harbour"},
        },
    )
    second = _part(
        stock_code="09999",  # a stock code quoted deep in the document is not the header's
        parties=[
            {
                "name": "Jade Harbour",
                "full_name": "Jade Harbour Storage Limited",
                "chinese_name": None,
            },
            {"name": "Lumen Logistics", "full_name": None, "chinese_name": None},
        ],
        agreements=[dict(agreement, date="2025-03-12")],
        annual_caps=[_cap(2025, 45_000_000)],
        abstained_directors=["Mr. Kai Ming WONG"],
        evidence={
            "parties[0]": {"page": 2, "text": "Jade Harbour"},
            "parties[1]": {"page": 151, "text": "Lumen Logistics"},
            "annual_caps[0]": {"page": 150, "text": "HK$45 million"},
        },
    )
    board = {
        "executive": ["Kai Ming WONG"],
        "non_executive": [],
        "independent_non_executive": ["Siu Fai NG"],
    }
    third = _part(
        annual_caps=[_cap(2025, 45_000_000), _cap(2026, 52_000_000)],
        abstained_directors=["Kai Ming WONG"],
        directors=board,
        evidence={
            "annual_caps[0]": {"page": 150, "text": "HK$45 million"},
            "annual_caps[1]": {"page": 240, "text": "HK$52 million"},
            "directors.executive[0]": {"page": 300, "text": "the board"},
        },
    )
    merged = merge_contracts([first, second, third])
    assert merged["stock_code"] == "01688" and merged["title"].startswith("CONTINUING")
    assert [p["name"] for p in merged["parties"]] == ["Jade Harbour", "Lumen Logistics"]
    assert merged["parties"][0]["full_name"] == "Jade Harbour Storage Limited"
    assert merged["agreements"] == [dict(agreement, date="2025-03-12")]
    assert [c["amount"] for c in merged["annual_caps"]] == [45_000_000, 52_000_000]
    assert merged["abstained_directors"] == ["Mr. Kai Ming WONG"]
    assert merged["directors"] == board
    ev = merged["evidence"]
    assert ev["stock_code"]["page"] == 1 and ev["parties[1]"]["page"] == 151
    assert ev["annual_caps[0]"]["page"] == 150 and ev["annual_caps[1]"]["page"] == 240
    assert ev["directors.executive[0]"]["page"] == 300
    assert "annual_caps[2]" not in ev
    assert merged["warnings"] == []  # a cap for each year of the term, found in two chunks


def test_merge_of_one_part_is_that_part() -> None:
    part = _part(stock_code="01688")
    assert merge_contracts([part]) is part
