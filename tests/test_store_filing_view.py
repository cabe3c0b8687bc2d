"""store/filing_view.py: one filing for its page (row, named persons, latest review
decision) and where its stored copy is."""

from __future__ import annotations

from page_view_helpers import at, extraction

import store


def test_filing_view_reads_the_row_its_people_and_no_decision(db_engine, add_announcement):
    add_announcement(
        news_id="f1", stock_code="01810", stock_name="XIAOMI", published_at=at(2021, 6, 1),
        extraction=extraction({"executive": ["Jun LEI"]}, connected=["Mr. Jun LEI", "Bin LIN"],
                              parties=["Kingsoft"]),
    )  # fmt: skip
    assert store.filing_view(db_engine, "nope") is None
    view = store.filing_view(db_engine, "f1")
    f = view.filing
    assert (f.news_id, f.stock_code, f.stock_name, f.status) == ("f1", "01810", "XIAOMI",
                                                                  "extracted")  # fmt: skip
    assert f.published_at == at(2021, 6, 1) and f.extractor_version == 1
    assert f.extraction["parties"][0]["name"] == "Kingsoft"
    assert (f.revised, f.needs_review, f.file_path, f.paired_news_id) == (False, False, None,
                                                                          None)  # fmt: skip
    # Directors' mentions first, then connected persons; one person under both LEI names.
    # Directors' mentions (every role) first, then the connected-person rows.
    mentions, connected = view.people[:3], view.people[3:]
    assert sorted(p.name for p in mentions) == ["Bin LIN", "Jun LEI", "Mr. Jun LEI"]
    assert sorted(p.name for p in connected) == ["Bin LIN", "Mr. Jun LEI"]
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    assert {p.person_id for p in view.people if "LEI" in p.name} == {lei}
    assert view.decision is None


def test_filing_view_gives_the_latest_decision_with_its_reasons(db_engine, add_announcement):
    ann_id = add_announcement(news_id="f2", extraction=extraction())
    with store.session(db_engine) as s:
        store.save_extraction(s, ann_id, extraction(), text="", extractor_version=1,
                              needs_review=True, review_reason="no caps found")  # fmt: skip
        store.accept(s, "f2", "first look", "ann")
        store.accept(s, "f2", "looked again", "bob")
        s.commit()
    view = store.filing_view(db_engine, "f2")
    assert view.filing.needs_review and view.filing.review_reason == "no caps found"
    d = view.decision
    assert (d.note, d.reviewer, d.reasons) == ("looked again", "bob", ["no caps found"])
    assert d.decided_at.tzinfo is not None


def test_stored_copy_only_when_a_file_is_stored(db_engine, add_announcement):
    add_announcement(news_id="bare")
    add_announcement(news_id="kept", file_path="files/ab/abcd.pdf", file_type="PDF")
    assert store.stored_copy(db_engine, "bare") is None
    assert store.stored_copy(db_engine, "nope") is None
    assert store.stored_copy(db_engine, "kept") == store.StoredCopy("files/ab/abcd.pdf", "PDF")
