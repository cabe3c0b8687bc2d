"""store/corrections.py: a correction finds its fact again in a new extraction, or adds it."""

from __future__ import annotations

import datetime as dt

import store
from store.corrections import apply_corrections, corrected_paths, facts_of, strip_marks

AT = dt.datetime(2026, 1, 2, 9, 0, tzinfo=store.HK)


def _cap(amount: int, year: int, agreement: str | None = "Agreement") -> dict:
    return {"amount": amount, "currency": "RMB", "period_end": f"{year}-12-31",
            "period_label": f"year ending 31 December {year}", "agreement": agreement}  # fmt: skip


def _fix(id_: int, match: dict, fields: dict, kind: str = "cap") -> store.FactCorrection:
    return store.FactCorrection(
        id=id_, announcement_id=1, kind=kind, match=match, fields=fields, note="n",
        reviewer="r", created_at=AT, updated_at=AT,
    )  # fmt: skip


MATCH_2013 = {"amount": 5, "currency": "RMB", "period_end": "2013-12-31",
              "agreement": "Agreement", "category": None}  # fmt: skip


def test_store_corrections_match_by_machine_values_whatever_the_order() -> None:
    ex = {"annual_caps": [_cap(7, 2014), _cap(5, 2013)]}
    out = apply_corrections(ex, [_fix(1, MATCH_2013, {"amount": 6})])
    assert [c["amount"] for c in out["annual_caps"]] == [7, 6]
    assert out["annual_caps"][1]["human_corrected"] is True
    assert "human_corrected" not in out["annual_caps"][0]
    assert corrected_paths(out)["annual_caps[1]"]["machine"] == {"amount": 5}
    assert ex["annual_caps"][1]["amount"] == 5  # the input is not changed


def test_store_corrections_a_changed_machine_amount_is_still_overridden() -> None:
    """A newer extractor reads another amount for the same period: the human's value wins."""
    ex = {"annual_caps": [_cap(50, 2013), _cap(7, 2014)]}
    out = apply_corrections(ex, [_fix(1, MATCH_2013, {"amount": 6})])
    assert [c["amount"] for c in out["annual_caps"]] == [6, 7]
    assert out["corrections"][0]["outcome"] == "applied"


def test_store_corrections_a_fact_no_longer_found_is_added() -> None:
    out = apply_corrections({"annual_caps": [_cap(7, 2014)]}, [_fix(1, MATCH_2013, {"amount": 6})])
    assert out["annual_caps"][1]["amount"] == 6
    assert out["annual_caps"][1]["period_end"] == "2013-12-31"
    assert out["corrections"][0]["outcome"] == "added"


def test_store_corrections_applying_again_is_idempotent_and_marks_are_remade() -> None:
    fix = _fix(1, MATCH_2013, {"period_end": "2015-12-31", "period_label": None})
    once = apply_corrections({"annual_caps": [_cap(5, 2013)]}, [fix])
    twice = apply_corrections(once, [fix])
    assert twice == once
    assert twice["annual_caps"] == [{**_cap(5, 2013), "period_end": "2015-12-31",
                                     "period_label": None, "human_corrected": True}]  # fmt: skip
    assert strip_marks(twice) == {"annual_caps": [{**_cap(5, 2013), "period_end": "2015-12-31",
                                                  "period_label": None}]}  # fmt: skip
    assert apply_corrections(twice, []) == strip_marks(twice)  # a deleted correction


def test_store_corrections_a_renamed_party_is_renamed_in_its_agreements() -> None:
    ex = {"parties": [{"name": "Xiaomi"}], "agreements": [{"name": "A", "parties": ["Xiaomi"]}]}
    fix = _fix(1, {"name": "Xiaomi"}, {"name": "Beijing Xiaomi"}, kind="party")
    out = apply_corrections(ex, [fix])
    assert out["agreements"][0]["parties"] == ["Beijing Xiaomi"]
    assert facts_of(out)["party"][0]["path"] == "parties[0]"


def test_store_corrections_a_director_moves_role_and_keeps_the_abstention() -> None:
    ex = {"directors": {"executive": ["Jun LEI", "Tao ZOU"], "non_executive": []},
          "abstained_directors": ["Jun LEI"]}  # fmt: skip
    fix = _fix(1, {"name": "Jun LEI", "role": "executive"},
               {"name": "LEI Jun", "role": "non_executive"}, kind="director")  # fmt: skip
    out = apply_corrections(ex, [fix])
    assert out["directors"] == {"executive": ["Tao ZOU"], "non_executive": ["LEI Jun"]}
    assert out["abstained_directors"] == ["LEI Jun"]
    assert [d["path"] for d in facts_of(out)["director"]] == [
        "directors.executive[0]", "directors.non_executive[0]",
    ]  # fmt: skip
    assert out["corrections"][0]["path"] == "directors.non_executive[0]"
