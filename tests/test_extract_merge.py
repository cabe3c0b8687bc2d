"""extract/merge.py: several contracts become one, each fact once.

A long document's chunks: each fact with its first evidence, a later finding filling what the
first lacked, the header from the first chunk that has it and the board from the last, and the
cross-check warnings computed over the whole. A Multi-Files filing's files: the same union, the
directors unioned, every evidence item naming its file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from crawler.replica.documents import split_pages
from crawler.replica.generator import generate
from extract import Extraction, extract_pages
from extract.merge import combine, merge_contracts


def _merged(parts: list[dict]) -> dict:
    """merge_contracts on the contract's JSON (the parts here are written as JSON)."""
    return merge_contracts([Extraction.from_json(p) for p in parts]).to_json()


def _combined(parts: list[tuple[str, dict]]) -> dict:
    """combine on the contract's JSON."""
    return combine([(name, Extraction.from_json(p)) for name, p in parts]).to_json()


def _part(**fields) -> dict:  # noqa: ANN003
    out = Extraction.empty("en").to_json()
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
    merged = _merged([first, second, third])
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
    part = Extraction.from_json(_part(stock_code="01688"))
    assert merge_contracts([part]) is part


SCHEMA = json.loads(
    (Path(__file__).resolve().parent / "fixtures" / "extraction.schema.json").read_text()
)
DAY = date(2026, 3, 16)


@pytest.fixture(scope="module")
def announcement_and_circular() -> tuple[dict, dict, dict]:
    """Pinned replica filing 6: a connected transaction and a circular on a CCT."""
    doc = generate(1, 6, DAY)[0]
    (_, announcement), (_, circular) = doc.attachments
    return (extract_pages(split_pages(announcement)), extract_pages(split_pages(circular)),
            doc.gold)  # fmt: skip


def test_combine_unions_both_files_facts_with_evidence_naming_the_file(
    announcement_and_circular,
) -> None:
    first, second, gold = announcement_and_circular
    out = _combined([("2026031600101.pdf", first), ("2026031600102.pdf", second)])
    assert Draft202012Validator(SCHEMA, format_checker=FormatChecker()).is_valid(out)
    assert first["annual_caps"] == [] and second["annual_caps"]  # only the circular has caps
    assert out["annual_caps"] == second["annual_caps"]
    caps = {(c["amount"], c["currency"], c["period_end"]) for c in out["annual_caps"]}
    assert caps == {(c["amount"], c["currency"], c["period_end"]) for c in gold["annual_caps"]}
    assert sorted(out["transaction_types"]) == sorted(gold["transaction_types"])
    assert sorted(out["listing_rules_chapters"]) == ["14A"]
    persons = {(p["name"], p["connected_entity"]) for p in out["connected_persons"]}
    wanted = {(p["name"], p["connected_entity"]) for p in gold["connected_persons"]}
    # beyond the generator's gold: the party the text declares an associate (issue 11)
    assert wanted <= persons
    assert all(
        p["relationship_kind"] == "associate"
        for p in out["connected_persons"]
        if (p["name"], p["connected_entity"]) not in wanted
    )
    assert out["directors"] == first["directors"]  # both print the same board: once
    assert out["stock_code"] == first["stock_code"] and out["title"] == first["title"]
    names = {p["name"] for p in out["parties"]}
    assert {p["name"] for p in first["parties"]} | {p["name"] for p in second["parties"]} == names
    assert len(names) == len(out["parties"])
    evidence = out["evidence"]
    assert evidence and all(e["file"] in ("2026031600101.pdf", "2026031600102.pdf")
                            for e in evidence.values())  # fmt: skip
    assert all(evidence[f"annual_caps[{i}]"]["file"] == "2026031600102.pdf"
               for i in range(len(out["annual_caps"])))  # fmt: skip
    assert evidence["stock_code"]["file"] == "2026031600101.pdf"
    for i, agreement in enumerate(out["agreements"]):
        source = first if agreement in first["agreements"] else second
        assert evidence[f"agreements[{i}]"]["text"] in json.dumps(source["evidence"])


def _contract(**facts) -> dict:
    out = Extraction.empty().to_json()
    out.update(facts)
    return out


def test_combine_header_from_the_first_file_that_states_it_and_gaps_filled() -> None:
    landing = _contract(title="CONNECTED TRANSACTION", evidence={"title": {"page": 1, "text": "T"}})
    one = _contract(
        stock_code="06802",
        parties=[{"name": "Ruixiang", "full_name": None, "chinese_name": None}],
        agreements=[
            {
                "name": "Loan Agreement",
                "date": None,
                "term_start": None,
                "term_end": None,
                "parties": ["Ruixiang"],
            }
        ],  # fmt: skip
        abstained_directors=["Mr. LEI Jun"],
        evidence={
            "parties[0]": {"page": 2, "text": "Ruixiang, a company"},
            "stock_code": {"page": 1, "text": "(Stock Code: 06802)"},
        },  # fmt: skip
        warnings=["no cap for 2027"],
    )
    two = _contract(
        stock_code="99999",
        title="CIRCULAR",
        parties=[{"name": "RUIXIANG", "full_name": "Ruixiang Ltd", "chinese_name": "瑞祥"}],
        agreements=[
            {
                "name": "loan agreement",
                "date": "2026-03-16",
                "term_start": None,
                "term_end": None,
                "parties": ["Ruixiang", "the Company"],
            }
        ],  # fmt: skip
        abstained_directors=["Jun LEI"],
        evidence={"parties[0]": {"page": 9, "text": "again"}},
        warnings=["no cap for 2027"],
    )
    out = _combined([("x.htm", landing), ("a.pdf", one), ("c.pdf", two)])
    assert (out["title"], out["stock_code"]) == ("CONNECTED TRANSACTION", "06802")
    assert out["evidence"]["title"] == {"page": 1, "text": "T", "file": "x.htm"}
    assert out["parties"] == [{"name": "Ruixiang", "full_name": "Ruixiang Ltd",
                               "chinese_name": "瑞祥"}]  # fmt: skip
    assert out["evidence"]["parties[0]"] == {"page": 2, "text": "Ruixiang, a company",
                                             "file": "a.pdf"}  # fmt: skip
    assert out["agreements"][0]["date"] == "2026-03-16"
    assert out["agreements"][0]["parties"] == ["Ruixiang", "the Company"]
    assert out["abstained_directors"] == ["Mr. LEI Jun"]  # the same person, once
    assert out["warnings"] == ["a.pdf: no cap for 2027", "c.pdf: no cap for 2027"]


def test_combine_needs_a_file() -> None:
    with pytest.raises(ValueError, match="at least one"):
        combine([])
