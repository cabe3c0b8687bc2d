"""store/graph_sources.py: what the people graph is built from, on SQLite and PostgreSQL."""

from __future__ import annotations

from graph_helpers import at, filing
from sqlmodel import select

import store


def test_graph_sources_read_extracted_filings_and_their_mentions(db_engine, add_announcement):
    filing(add_announcement, "e1", "01810", "XIAOMI CORP", at(2024, 1, 5),
           directors={"executive": ["LEI Jun"]}, text="LEI Jun, executive director")  # fmt: skip
    filing(add_announcement, "e1c", "01810", "小米集團", at(2024, 1, 5), language="zh",
           directors={"executive": ["雷軍"]})  # fmt: skip
    add_announcement(news_id="raw", stock_code="00700", title="not extracted")
    with store.session(db_engine) as s:  # pair the editions as jobs/editions would
        A = store.Announcement
        for news_id, other in (("e1", "e1c"), ("e1c", "e1")):
            row = s.exec(select(A).where(A.news_id == news_id)).one()
            row.paired_news_id = other
            s.add(row)
        s.commit()
    found = store.graph_sources(db_engine)
    assert [(f.news_id, f.language, f.filing_key) for f in found.filings] == [
        ("e1", "en", "e1"), ("e1c", "zh", "e1")
    ]  # fmt: skip
    en = found.filings[0]
    assert en.published_at == at(2024, 1, 5) and en.stock_name == "XIAOMI CORP"
    assert en.headline_t2 == ["Connected Transaction"]
    assert en.extraction["directors"]["executive"] == ["LEI Jun"]
    assert [(m.name_as_written, m.role, m.name_key) for m in found.mentions] == [
        ("LEI Jun", "executive", "jun lei"), ("雷軍", "executive", "雷军")
    ]  # fmt: skip
    assert store.texts_of(db_engine, [en.announcement_id]) == {
        en.announcement_id: "LEI Jun, executive director"
    }
    assert store.texts_of(db_engine, []) == {}


def test_graph_version_changes_when_a_filing_is_extracted_or_corrected(db_engine, add_announcement):
    before = store.graph_version(db_engine)
    assert before == store.graph_version(db_engine)
    filing(add_announcement, "e1", "01810", "XIAOMI CORP", at(2024, 1, 5),
           directors={"executive": ["LEI Jun"]},
           caps=[{"amount": 8000000, "currency": "HKD", "period_end": "2024-12-31"}])  # fmt: skip
    extracted = store.graph_version(db_engine)
    assert extracted != before
    with store.session(db_engine) as s:
        store.correct(s, "e1", "cap:1", {"amount": "9m"}, "misread", "ed")  # no person changes
        s.commit()
    assert store.graph_version(db_engine) != extracted
