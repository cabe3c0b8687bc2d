"""web/data.py read models on SQLite and PostgreSQL: the person page reads every mention for
its companies, timeline and roles but only one page of filings in detail, so paging must
not change the totals; the filing page links each name to its person."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

import store
from web import data

HK = store.HK


def _extraction(directors: dict[str, list[str]], connected: list[str] = (),
                abstained: list[str] = (), evidence: dict | None = None) -> dict:  # fmt: skip
    return {
        "company": None, "stock_code": None, "announcement_date": None, "title": None,
        "transaction_types": [], "listing_rules_chapters": [], "parties": [], "agreements": [],
        "annual_caps": [],
        "connected_persons": [{"name": n, "connected_entity": "Xiaomi", "relationship": "owner"}
                              for n in connected],
        "directors": {"executive": [], "non_executive": [], "independent_non_executive": [],
                      **directors},
        "abstained_directors": list(abstained), "evidence": evidence or {},
    }  # fmt: skip


def _at(y: int, m: int, d: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hour, minute, tzinfo=HK)


def _seed_lei(add_announcement) -> None:
    """Seven filings naming Jun LEI: two companies, four Hong Kong years, several roles."""
    exe = {"executive": ["Jun LEI", "Other ONE"]}
    add_announcement(
        news_id="a1",
        stock_code="00001",
        stock_name="OLD NAME",
        published_at=_at(2019, 3, 1),
        extraction=_extraction(exe),
    )
    add_announcement(
        news_id="a2",
        stock_code="00001",
        stock_name="OLD NAME",
        published_at=_at(2019, 9, 1),
        extraction=_extraction(exe),
    )
    add_announcement(
        news_id="a3",
        stock_code="00001",
        stock_name="NEW NAME",
        published_at=_at(2020, 5, 1),
        extraction=_extraction(exe),
    )
    nonexec = {"non_executive": ["Mr. Jun LEI"]}
    add_announcement(
        news_id="b1",
        stock_code="00002",
        stock_name="XIAOMI",
        published_at=_at(2021, 2, 1),
        extraction=_extraction(nonexec),
    )
    add_announcement(
        news_id="b2", stock_code="00002", stock_name="XIAOMI", published_at=_at(2021, 6, 1),
        extraction=_extraction(
            nonexec, connected=["Jun LEI"], abstained=["Mr. Jun LEI"],
            evidence={"abstained_directors[0]": {"page": 3, "text": "Mr. Jun LEI abstained."}},
        ),
    )  # fmt: skip
    # Either side of midnight on New Year's Eve in Hong Kong (15:30 and 16:30 UTC on the 31st).
    add_announcement(
        news_id="b3",
        stock_code="00002",
        stock_name="XIAOMI",
        published_at=_at(2021, 12, 31, 23, 30),
        extraction=_extraction(nonexec),
    )
    add_announcement(
        news_id="b4",
        stock_code="00002",
        stock_name="XIAOMI",
        published_at=_at(2022, 1, 1, 0, 30),
        extraction=_extraction(nonexec),
    )
    add_announcement(news_id="c1", stock_code="00003", stock_name="NOBODY",
                     published_at=_at(2022, 6, 1),
                     extraction=_extraction({"executive": ["Other ONE"]}))  # fmt: skip


def _lei_id(engine) -> int:
    with store.session(engine) as s:
        return s.exec(
            select(store.Person.id).where(store.Person.name_key == store.name_key("Jun LEI"))
        ).one()


def test_person_pages_share_totals_timeline_companies_and_roles(db_engine, add_announcement):
    _seed_lei(add_announcement)
    lei = _lei_id(db_engine)
    pages = [data.load_person(db_engine, lei, page=n, per_page=3) for n in (1, 2, 3)]
    newest_first = ["b4", "b3", "b2", "b1", "a3", "a2", "a1"]
    assert [f.filing.news_id for p in pages for f in p.filings] == newest_first
    for n, p in enumerate(pages, start=1):
        assert (p.paging.page, p.paging.total, p.paging.pages) == (n, 7, 3)
        # Whatever the page, the person's totals are over all seven filings.
        assert [(y.year, y.filings) for y in p.timeline] == [(2019, 2), (2020, 1), (2021, 3),
                                                            (2022, 1)]  # fmt: skip
        assert p.roles == ["executive", "non_executive", "connected_person", "abstained"]
        assert p.names_as_written == ["Jun LEI", "Mr. Jun LEI"]
        assert p.model_dump()["companies"] == pages[0].model_dump()["companies"]
    xiaomi, ckh = pages[0].companies
    assert (xiaomi.stock_code, xiaomi.stock_name, xiaomi.filings) == ("00002", "XIAOMI", 4)
    assert xiaomi.roles == ["non_executive", "connected_person", "abstained"]
    assert (xiaomi.first, xiaomi.last) == (_at(2021, 2, 1), _at(2022, 1, 1, 0, 30))
    assert (ckh.stock_code, ckh.stock_name, ckh.filings) == ("00001", "NEW NAME", 3)
    assert ckh.roles == ["executive"] and ckh.first == _at(2019, 3, 1)
    assert ckh.last.tzinfo is not None and ckh.last == _at(2020, 5, 1)

    b2 = pages[0].filings[2]  # roles in the page's fixed order, with their evidence
    assert b2.roles == ["non_executive", "connected_person", "abstained"]
    assert b2.filing.stock_name == "XIAOMI" and b2.filing.url == "/filings/b2"
    abstained = b2.mentions[2]
    assert (abstained.role, abstained.name_as_written) == ("abstained", "Mr. Jun LEI")
    assert abstained.evidence.model_dump() == {"page": 3, "text": "Mr. Jun LEI abstained."}
    assert b2.mentions[0].evidence is None


def test_person_page_past_the_end_shows_the_last_page(db_engine, add_announcement):
    _seed_lei(add_announcement)
    last = data.load_person(db_engine, _lei_id(db_engine), page=99, per_page=3)
    assert last.paging.page == 3 and [f.filing.news_id for f in last.filings] == ["a1"]
    assert data.load_person(db_engine, 424242) is None


def test_person_with_no_filings(db_engine):
    with store.session(db_engine) as s:
        person = store.Person(name_key="nobody", display_name="NOBODY")
        s.add(person)
        s.commit()
        person_id = person.id
    p = data.load_person(db_engine, person_id)
    assert p.filings == [] and p.companies == [] and p.timeline == []
    assert (p.paging.total, p.paging.page, p.paging.pages) == (0, 1, 1)


def test_filing_links_directors_and_connected_persons(db_engine, add_announcement):
    _seed_lei(add_announcement)
    lei = _lei_id(db_engine)
    f = data.load_filing(db_engine, "b2")
    assert (f.news_id, f.stock_code, f.status, f.published_at) == ("b2", "00002", "extracted",
                                                                   _at(2021, 6, 1))  # fmt: skip
    assert [(d.name, d.person_id, d.abstained) for d in f.directors] == [("Mr. Jun LEI", lei,
                                                                          True)]  # fmt: skip
    assert [(c.name, c.person_id) for c in f.connected_persons] == [("Jun LEI", lei)]
    assert [(a.name, a.person_id) for a in f.abstentions] == [("Mr. Jun LEI", lei)]
    assert f.abstentions[0].evidence.text == "Mr. Jun LEI abstained."
    other = data.load_filing(db_engine, "c1").directors[0]
    assert other.name == "Other ONE" and other.person_id not in (None, lei)
    assert data.load_filing(db_engine, "nope") is None


def test_person_page_counts_a_filing_once_whichever_editions_name_them(db_engine, add_announcement):
    """Once pairing merged 雷軍 into Jun LEI, both editions of a filing name one person: the
    page lists the filing once (its English edition), and its total counts filings."""
    from jobs.editions import pair_editions

    heads = {"en": ("Announcements and Notices", ["Connected Transaction"]),
             "zh": ("公告及通告", ["關連交易"])}  # fmt: skip
    for n, day in ((1, 5), (2, 20)):
        for lang, suffix, name in (("en", "", "Jun LEI"), ("zh", "c", "雷軍")):
            t1, t2 = heads[lang]
            add_announcement(news_id=f"e{n}{suffix}", stock_code="01810", language=lang,
                             published_at=_at(2024, 1, day), headline_t1=t1, headline_t2=t2,
                             extraction=_extraction({"executive": [name]}))  # fmt: skip
    assert pair_editions(db_engine) == 2
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    assert store.person_id_by_name(db_engine, "雷軍") is None, "merged into Jun LEI"
    person = data.load_person(db_engine, lei)
    assert person.paging.total == 2
    assert [f.filing.news_id for f in person.filings] == ["e2", "e1"]
    assert [(c.stock_code, c.filings) for c in person.companies] == [("01810", 2)]
    assert sum(y.filings for y in person.timeline) == 2
    assert set(person.names_as_written) == {"Jun LEI", "雷軍"}
