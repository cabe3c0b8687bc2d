"""store/review_desk.py: the review queue one transaction per call (what the web uses)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlmodel import select

import store

SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
SAMPLE = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text())


def _warned(*warnings: str) -> dict:
    return {**copy.deepcopy(SAMPLE), "warnings": list(warnings)}


def test_review_desk_lists_accepts_and_reads_back(db_engine, add_announcement):
    add_announcement(news_id="clean", extraction=SAMPLE)
    add_announcement(news_id="warned", extraction=_warned("no cap found for 2013"))
    assert [i.news_id for i in store.review_list(db_engine)] == ["warned"]
    with pytest.raises(store.ReviewError, match="state must be"):
        store.review_list(db_engine, state="done")
    item = store.accept_review(db_engine, "warned", "checked the PDF", "ann")
    assert item.state == "reviewed" and item.decision.note == "checked the PDF"
    assert store.review_list(db_engine) == []  # committed: another session sees it
    assert [i.news_id for i in store.review_list(db_engine, state="reviewed")] == ["warned"]
    with pytest.raises(store.ReviewError, match="no filing with news id"):
        store.accept_review(db_engine, "nope", "note")
    sheet = store.review_sheet(db_engine, "warned")
    assert sheet.item.news_id == "warned" and sheet.extraction["stock_code"] == "03888"
    with pytest.raises(store.ReviewError):
        store.review_sheet(db_engine, "nope")


def test_review_desk_commits_a_correction_and_rolls_back_a_bad_one(db_engine, add_announcement):
    add_announcement(news_id="k1", extraction=SAMPLE)
    item = store.correct_review(db_engine, "k1", "cap:1", {"amount": "9m"}, "typo", "bob")
    assert item.corrections == 1 and item.state == "corrected"
    sheet = store.review_sheet(db_engine, "k1")
    assert sheet.extraction["annual_caps"][0]["amount"] == 9000000
    assert "annual_caps[0]" in store.corrected_paths(sheet.extraction)
    with pytest.raises(store.ReviewError, match="note is required"):
        store.correct_review(db_engine, "k1", "cap:1", {"amount": "1"}, "")
    with store.session(db_engine) as s:
        assert len(s.exec(select(store.FactCorrection)).all()) == 1
