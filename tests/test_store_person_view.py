"""store/person_view.py: a person's mentions (all, then one page with evidence), their paired
editions, and a person by name."""

from __future__ import annotations

from page_view_helpers import at, extraction
from sqlmodel import select

import store


def _seed(add_announcement) -> None:
    add_announcement(news_id="a1", stock_code="00001", stock_name="CKH",
                     published_at=at(2019, 3, 1),
                     extraction=extraction({"executive": ["Jun LEI", "Other ONE"]}))  # fmt: skip
    add_announcement(
        news_id="b1", stock_code="00002", stock_name="XIAOMI", published_at=at(2021, 2, 1),
        extraction=extraction(
            {"non_executive": ["Mr. Jun LEI"]}, connected=["Jun LEI"],
            evidence={"directors.non_executive[0]": {"page": 2, "text": "Mr. Jun LEI, NED"}},
        ),
    )  # fmt: skip
    add_announcement(news_id="b1c", stock_code="00002", stock_name="小米", language="zh",
                     published_at=at(2021, 2, 1, 13),
                     extraction=extraction({"non_executive": ["雷軍"]}))  # fmt: skip


def _pair(engine, english: str, chinese: str) -> None:
    with store.session(engine) as s:
        for news_id, other in ((english, chinese), (chinese, english)):
            A = store.Announcement
            row = s.exec(select(A).where(A.news_id == news_id)).one()
            row.paired_news_id = other
            s.add(row)
        s.commit()


def test_person_mentions_newest_first_with_what_the_page_needs(db_engine, add_announcement):
    _seed(add_announcement)
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    assert lei is not None and store.person_id_by_name(db_engine, "Mr. Jun LEI") == lei
    assert store.person_id_by_name(db_engine, "Nobody HERE") is None
    assert store.person_mentions(db_engine, 424242) is None
    found = store.person_mentions(db_engine, lei)
    assert (found.person.id, found.person.display_name) == (lei, "Jun LEI")
    got = [(m.stock_code, m.role, m.name_as_written, m.published_at) for m in found.mentions]
    b1 = sorted(got[:2], key=lambda m: m[1])
    assert b1 == [("00002", "connected_person", "Jun LEI", at(2021, 2, 1)),
                  ("00002", "non_executive", "Mr. Jun LEI", at(2021, 2, 1))]  # fmt: skip
    assert got[2] == ("00001", "executive", "Jun LEI", at(2019, 3, 1))
    assert all(isinstance(m.role, str) and m.paired_news_id is None for m in found.mentions)


def test_person_page_reads_only_the_filings_asked_for(db_engine, add_announcement):
    _seed(add_announcement)
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    ids = {m.stock_code: m.announcement_id for m in store.person_mentions(db_engine, lei).mentions}
    assert store.person_page(db_engine, lei, []) == []
    page = store.person_page(db_engine, lei, [ids["00002"]])
    assert {m.announcement_id for m in page} == {ids["00002"]} and len(page) == 2
    ned = next(m for m in page if m.role == "non_executive")
    assert (ned.evidence_page, ned.evidence_text) == (2, "Mr. Jun LEI, NED")
    assert ned.filing.news_id == "b1" and ned.filing.stock_name == "XIAOMI"


def test_edition_pairs_give_the_other_editions_extraction(db_engine, add_announcement):
    _seed(add_announcement)
    _pair(db_engine, "b1", "b1c")
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    mentions = store.person_mentions(db_engine, lei).mentions
    by_news = {m.stock_code: m for m in mentions}
    assert by_news["00002"].paired_news_id == "b1c"
    assert store.edition_pairs(db_engine, []) == []
    assert store.edition_pairs(db_engine, [424242]) == []
    ids = sorted({m.announcement_id for m in mentions})
    pairs = {p.announcement_id: p for p in store.edition_pairs(db_engine, ids)}
    b1, a1 = pairs[by_news["00002"].announcement_id], pairs[by_news["00001"].announcement_id]
    assert b1.extraction["directors"]["non_executive"] == ["Mr. Jun LEI"]
    assert b1.paired_extraction["directors"]["non_executive"] == ["雷軍"]
    assert a1.paired_extraction is None


def test_mentions_carry_their_edition_and_filing_key(db_engine, add_announcement):
    _seed(add_announcement)
    _pair(db_engine, "b1", "b1c")
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    rows = store.person_mentions(db_engine, lei).mentions
    assert {(m.news_id, m.language, m.filing_key) for m in rows} == {
        ("b1", "en", "b1"), ("a1", "en", "a1")
    }  # fmt: skip
    zh = store.person_id_by_name(db_engine, "雷軍")
    (mention,) = store.person_mentions(db_engine, zh).mentions
    assert (mention.news_id, mention.language, mention.filing_key) == ("b1c", "zh", "b1")
