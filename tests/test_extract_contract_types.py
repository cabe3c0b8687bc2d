"""extract/contract_types.py: the contract as frozen types, JSON only at the edges.

Every gold file reads and writes back exactly (extra keys and missing ones included), the
schema beside the types is the shared one, stored rows of any age read without a guard in
the reader, and a value of the wrong shape reads as empty instead of failing the page.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from extract import ContractError, Extraction, as_date, extract_file, validate_json
from extract.contract_types import SCHEMA_PATH, AnnualCap, Evidence

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD = sorted(
    [
        *(FIXTURES / "others" / "dev").glob("*.gold.json"),
        *(FIXTURES / "others_zh" / "dev").glob("*.gold.json"),
        *(FIXTURES / "real_pdfs").glob("*.json"),
        *(ROOT / "crawler" / "replica" / "corpus").glob("*.gold.json"),
        *(ROOT / "extract" / "samples").glob("*.json"),
    ]
)


def test_gold_files_are_found() -> None:
    assert len(GOLD) > 100


@pytest.mark.parametrize("path", GOLD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_gold_file_round_trips_exactly(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert Extraction.from_json(data).to_json() == data


def test_the_schema_beside_the_types_is_the_shared_one() -> None:
    ours = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert ours == json.loads((FIXTURES / "extraction.schema.json").read_text(encoding="utf-8"))
    shared = ROOT.parent / "shared" / "extraction.schema.json"
    if shared.exists():
        assert ours == json.loads(shared.read_text(encoding="utf-8"))


def test_the_pipeline_output_follows_the_schema_and_round_trips_byte_for_byte() -> None:
    out = extract_file(ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt")
    assert validate_json(out) is out
    assert Extraction.from_json(out).to_json() == out
    assert json.dumps(Extraction.from_json(out).to_json()) == json.dumps(out)  # same key order


def test_schema_violations_are_named() -> None:
    bad = Extraction.empty().to_json() | {"stock_code": "3888", "annual_caps": [{"amount": 1}]}
    with pytest.raises(ContractError, match="stock_code") as err:
        validate_json(bad)
    assert "currency" in str(err.value)


def test_an_older_row_reads_with_empty_fields_and_writes_back_as_it_was() -> None:
    old = {
        "company": "Kingsoft",
        "stock_code": "03888",
        "annual_caps": [{"amount": 8000000, "currency": "RMB", "period_end": "2012-12-31"}],
        "connected_persons": [{"name": "Jun LEI", "human_corrected": True}],
    }
    ex = Extraction.from_json(old)
    assert ex.language == "en" and ex.warnings == () and ex.evidence == {}
    assert not ex.directors and ex.directors.executive == ()
    assert ex.annual_caps[0].kind is None and ex.annual_caps[0].category is None
    assert ex.connected_persons[0].relationship is None
    assert ex.connected_persons[0].get("human_corrected") is True
    assert ex.to_json() == old


def test_keys_the_contract_does_not_name_are_kept_in_place() -> None:
    stored = Extraction.empty("zh").to_json() | {
        "corrections": [{"path": "parties[0]", "note": "typo"}],
        "linked_edition": "12000001",
    }
    stored["parties"] = [{"name": "A", "full_name": None, "chinese_name": None, "role": "x"}]
    ex = Extraction.from_json(stored)
    assert ex.extra["linked_edition"] == "12000001" and ex.parties[0].extra == {"role": "x"}
    assert list(ex.to_json()) == list(stored) and ex.to_json() == stored


def test_a_corrected_amount_stored_as_a_string_reads_as_a_decimal() -> None:
    cap = AnnualCap.from_json({"amount": "9500000.5", "currency": "HKD", "period_end": None})
    assert cap.amount == Decimal("9500000.5")
    assert cap.to_json()["amount"] == "9500000.5"


def test_values_of_the_wrong_shape_read_as_empty() -> None:
    ex = Extraction.from_json(
        {
            "parties": "nobody",
            "agreements": [None, {"name": "A", "parties": "B"}],
            "directors": ["x"],
            "evidence": {"title": "no dict", "company": {"page": "2", "text": "C"}},
            "warnings": None,
        }
    )
    assert ex.parties == () and [a.name for a in ex.agreements] == ["A"]
    assert ex.agreements[0].parties == () and not ex.directors and ex.warnings == ()
    assert ex.evidence_for("title") is None
    assert ex.evidence_for("company") == Evidence.at(None, "C")  # a page must be a number
    assert (
        Extraction.from_json(None)
        == Extraction.from_json("not json")
        == Extraction(absent=Extraction.from_json({}).absent)
    )


def test_the_types_are_frozen() -> None:
    ex = Extraction.empty()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ex.company = "X"  # type: ignore[misc]


def test_evidence_of_a_fact_or_its_first_sub_field() -> None:
    ex = Extraction.from_json(
        {"evidence": {"parties[0].name": {"page": 3, "text": "Jade"}, "title": {"text": ""}}}
    )
    assert ex.evidence_for("parties[0]") == Evidence.at(3, "Jade")
    assert ex.evidence_for("title") is None


def test_names_by_role_follow_the_contract_paths() -> None:
    ex = Extraction.from_json(
        {
            "directors": {"executive": ["A"], "non_executive": [], "independent_non_executive": []},
            "abstained_directors": ["B"],
            "connected_persons": [{"name": "C"}],
        }
    )
    assert ex.names_in("executive") == ["A"] and ex.names_in("abstained") == ["B"]
    assert ex.names_in("connected_person") == ["C"] and ex.names_in("chair") == []


def test_dates_read_tolerantly() -> None:
    assert str(as_date("2012-05-24")) == "2012-05-24"
    assert str(as_date("2012-05-24T10:00:00")) == "2012-05-24"
    assert as_date("24 May 2012") is None and as_date(None) is None
