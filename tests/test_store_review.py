"""store/review.py: the review queue, accepting, correcting, and corrections that outlive a
re-extraction (both databases)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

import store

SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
SAMPLE = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text())


def _warned(*warnings: str) -> dict:
    return {**copy.deepcopy(SAMPLE), "warnings": list(warnings)}


def _flag(engine, announcement_id: int, reason: str) -> None:
    with store.session(engine) as s:
        row = s.get(store.Announcement, announcement_id)
        store.save_extraction(
            s, announcement_id, {"title": row.title}, text="", extractor_version=1,
            needs_review=True, review_reason=reason,
        )  # fmt: skip
        s.commit()


def test_store_review_queue_lists_flags_and_warnings_by_news_id(db_engine, add_announcement):
    add_announcement(news_id="clean", extraction=SAMPLE)
    add_announcement(news_id="warned", extraction=_warned("no cap found for 2013"))
    flagged = add_announcement(news_id="flagged", stock_code="00700")
    _flag(db_engine, flagged, "listed as 'connected transaction' but nothing was extracted")
    with store.session(db_engine) as s:
        queue = store.review_queue(s)
        assert {i.news_id for i in queue} == {"warned", "flagged"}
        by_id = {i.news_id: i for i in queue}
        assert [(r.kind, r.text) for r in by_id["warned"].reasons] == [
            ("warning", "no cap found for 2013")
        ]
        assert by_id["flagged"].reasons[0].kind == "flagged"
        assert [i.news_id for i in store.review_queue(s, kind="flagged")] == ["flagged"]
        assert [i.news_id for i in store.review_queue(s, kind="warning")] == ["warned"]
        assert [i.news_id for i in store.review_queue(s, stock="700")] == ["flagged"]
        assert [i.news_id for i in store.review_queue(s, text="CAP FOUND")] == ["warned"]
        with pytest.raises(store.ReviewError, match="state must be"):
            store.review_queue(s, state="done")


def test_store_review_accept_takes_a_filing_off_until_a_new_reason(db_engine, add_announcement):
    aid = add_announcement(news_id="warned", extraction=_warned("no cap found for 2013"))
    with store.session(db_engine) as s:
        with pytest.raises(store.ReviewError, match="note is required"):
            store.accept(s, "warned", "  ")
        with pytest.raises(store.ReviewError, match="no filing with news id"):
            store.accept(s, "nope", "checked")
        store.accept(s, "warned", "2013 is covered by the previous agreement", "ann")
        s.commit()
        assert store.review_queue(s) == []
        (item,) = store.review_queue(s, state="reviewed")
        assert item.decision.note == "2013 is covered by the previous agreement"
        assert item.decision.reviewer == "ann"
    with store.session(db_engine) as s:  # a newer extractor warns of something else
        store.save_extraction(
            s, aid, _warned("no cap found for 2013", "two currencies"), text="",
            extractor_version=2,
        )  # fmt: skip
        s.commit()
        assert [i.news_id for i in store.review_queue(s)] == ["warned"]


def test_store_review_correct_a_cap_survives_reextraction(db_engine, add_announcement):
    aid = add_announcement(news_id="k1", extraction=SAMPLE, text="Annual cap RMB8 million")
    with store.session(db_engine) as s:
        assert store.review_item(s, "k1")[0].state == "clear"
    with store.session(db_engine) as s:
        store.correct(
            s, "k1", "cap:1", {"amount": "9.5m", "currency": "hkd"}, "table says HK$9.5m", "bo"
        )
        s.commit()

    def cap_rows():
        with store.session(db_engine) as s:
            rows = s.exec(select(store.AnnualCap).where(store.AnnualCap.announcement_id == aid))
            return [(c.amount, c.currency, c.human_corrected) for c in rows.all()]

    def stored_cap():
        with store.session(db_engine) as s:
            return s.get(store.Announcement, aid).extraction

    assert cap_rows() == [(Decimal("9500000"), "HKD", True)]
    ex = stored_cap()
    assert ex["annual_caps"][0]["human_corrected"] is True
    (record,) = ex["corrections"]
    assert record["path"] == "annual_caps[0]" and record["note"] == "table says HK$9.5m"
    assert record["machine"] == {"amount": 8000000, "currency": "RMB"}
    # a re-extraction by a newer extractor brings the machine's value back: the fix stands
    with store.session(db_engine) as s:
        store.save_extraction(s, aid, SAMPLE, text="Annual cap RMB8 million", extractor_version=9)
        s.commit()
    assert cap_rows() == [(Decimal("9500000"), "HKD", True)]
    assert stored_cap()["annual_caps"][0]["amount"] == 9500000
    # the search's cap filter sees the corrected amount
    found = store.search(db_engine, "", store.SearchFilters(cap_min="9000000", currency="HKD"))
    assert [h.news_id for h in found.hits] == ["k1"]
    with store.session(db_engine) as s:
        (item,) = store.review_queue(s, state="corrected")
        assert item.news_id == "k1" and item.corrections == 1
        counts = store.queue_counts(s)
    assert (counts.corrected, counts.corrections, counts.by_status["extracted"]) == (1, 1, 1)


def test_store_review_correct_twice_updates_one_correction(db_engine, add_announcement):
    add_announcement(news_id="k1", extraction=SAMPLE)
    with store.session(db_engine) as s:
        store.correct(s, "k1", "cap:1", {"amount": "9000000"}, "first look")
        store.correct(s, "k1", "cap:1", {"period_end": "2013-12-31"}, "second look")
        s.commit()
        (row,) = s.exec(select(store.FactCorrection)).all()
        assert row.fields == {"amount": 9000000, "period_end": "2013-12-31", "period_label": None}
        assert row.match["amount"] == 8000000 and row.note == "second look"
        cap = s.exec(select(store.AnnualCap)).one()
        assert (cap.amount, str(cap.period_end)) == (Decimal("9000000"), "2013-12-31")


def test_store_review_correct_party_person_director_agreement(db_engine, add_announcement):
    aid = add_announcement(news_id="k1", extraction=SAMPLE)
    with store.session(db_engine) as s:
        store.correct(s, "k1", "party:2", {"name": "Xiaomi Beijing"}, "short name in doc")
        store.correct(s, "k1", "person:1", {"name": "LEI Jun"}, "surname first")
        store.correct(s, "k1", "director:1", {"role": "non_executive"}, "see board list")
        store.correct(s, "k1", "agreement:1", {"date": "2012-05-23"}, "signed the day before")
        s.commit()
    with store.session(db_engine) as s:  # re-extracted: all four still stand
        store.save_extraction(s, aid, SAMPLE, text="", extractor_version=5)
        s.commit()
        ex = s.get(store.Announcement, aid).extraction
        names = {p.name: p.human_corrected for p in s.exec(select(store.Party)).all()}
        people = {c.name: c.human_corrected for c in s.exec(select(store.ConnectedPerson)).all()}
        mentions = s.exec(select(store.PersonMention)).all()
        roles = {(m.name_as_written, str(m.role.value)) for m in mentions}
        marked = {(m.name_as_written, str(m.role.value)) for m in mentions if m.human_corrected}
        agreement = s.exec(select(store.Agreement)).one()
    assert names == {"Chengdu Digital Entertainment": False, "Xiaomi Beijing": True}
    assert ex["agreements"][0]["parties"][1] == "Xiaomi Beijing"
    assert ex["agreements"][0]["date"] == "2012-05-23"
    assert people == {"LEI Jun": True}
    assert marked == {("LEI Jun", "connected_person"), ("HongJiang ZHANG", "non_executive")}
    assert agreement.human_corrected and str(agreement.date) == "2012-05-23"
    assert ("HongJiang ZHANG", "non_executive") in roles
    assert "HongJiang ZHANG" not in ex["directors"]["executive"]
    assert len(ex["corrections"]) == 4


def test_store_review_correct_rejects_bad_input(db_engine, add_announcement):
    add_announcement(news_id="k1", extraction=SAMPLE)
    with store.session(db_engine) as s:
        for fact, values, message in (
            ("cap:2", {"amount": "1"}, "no cap 2"),
            ("cap 1", {"amount": "lots"}, "amount must be"),
            ("cap:1", {"currency": "dollars"}, "currency must be"),
            ("cap:1", {"period_end": "31/12/2012"}, "period_end must be a date"),
            ("cap:1", {"colour": "red"}, "no field 'colour'"),
            ("party:1", {"name": ""}, "name cannot be empty"),
            ("director:1", {"role": "chair"}, "role must be"),
            ("thing:1", {"name": "x"}, "KIND:N"),
            ("cap:1", {"amount": "8m", "currency": "rmb"}, "nothing to correct"),
        ):
            with pytest.raises(store.ReviewError, match=message):
                store.correct(s, "k1", fact, values, "note")
        with pytest.raises(store.ReviewError, match="note is required"):
            store.correct(s, "k1", "cap:1", {"amount": "1"}, "")
        assert s.exec(select(store.FactCorrection)).all() == []
