"""Filters narrow the match set before any window or count limit (both backends).

A common word over 1,300 filings, where the filtered subset is the OLDEST rows: the subset
must be found completely, with an exact total, and ranked over all of it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from store import SearchFilters, search
from store.models import Announcement, Person, PersonMention

A = Announcement.__table__
N = 1_300
OLD = 150  # rows 1..OLD belong to stock 00700 (the oldest filings)


def _bulk(engine) -> None:
    start = datetime(2015, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(1, N + 1):
        code = "00700" if i <= OLD else "00001"
        when = start + timedelta(hours=i)
        title = "LEASE LEASE LEASE RENEWAL" if i == 7 else "ANNOUNCEMENT"
        rows.append(
            {
                "id": i,
                "news_id": f"b{i}",
                "stock_code": code,
                "stock_codes": [code],
                "stock_name": "TENCENT" if code == "00700" else "CKH HOLDINGS",
                "title": title,
                "headline": "Announcements and Notices",
                "headline_t2": [],
                "published_at": when,
                "language": "en",
                "status": "extracted",
                "attempts": 0,
                "revised": False,
                "file_type": "PDF",
                "document_url": "",
                "text": f"the lease agreement number {i} " + "filler words here " * 20,
                "facts_text": "",
                "transaction_types": ["connected transaction"],
                "needs_review": False,
                "discovered_at": when,
            }
        )
    with engine.begin() as conn:
        conn.execute(sa.insert(A), rows)
        conn.execute(
            sa.insert(Person.__table__),
            [{"id": 1, "name_key": "jun lei", "display_name": "LEI Jun", "chinese_name": "雷軍"}],
        )
        conn.execute(
            sa.insert(PersonMention.__table__),
            [
                {
                    "person_id": 1,
                    "announcement_id": i,
                    "name_as_written": "Mr. LEI Jun",
                    "role": "executive",
                }
                for i in range(1, 41)
            ],
        )
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT setval('announcement_id_seq', 2000)"))
            conn.execute(sa.text("ANALYZE"))


def test_store_search_filters_apply_before_the_window(db_engine):
    _bulk(db_engine)
    kw = {"window": 100, "count_limit": 1_000}
    # Unfiltered and broad: bounded, and says so.
    broad = search(db_engine, "lease", **kw)
    assert (broad.total, broad.total_exact, broad.complete) == (1_000, False, False)
    # The oldest 150 filings, above the window but below the count limit: exact total.
    stock = search(db_engine, "lease", SearchFilters(stock_codes=["00700"]), **kw)
    assert (stock.total, stock.total_exact) == (OLD, True)
    assert stock.hits and all(h.stock_code == "00700" for h in stock.hits)
    assert dict(stock.facets["stock"]) == {"00700": 100}  # facets over the newest window
    assert stock.hits[0].id == 7  # the best match of all 150, though older than the window
    # Narrower: the whole filtered set fits in the window — complete, exact, best match first.
    narrow = SearchFilters(stock_codes=["00700"], date_to=datetime(2015, 1, 2).date())
    result = search(db_engine, "lease", narrow, **kw)
    expected = sum(
        1
        for i in range(1, OLD + 1)
        if (datetime(2015, 1, 1) + timedelta(hours=i + 8)).date() <= datetime(2015, 1, 2).date()
    )
    assert (result.total, result.total_exact, result.complete) == (expected, True, True)
    assert result.hits[0].id == 7  # the best-ranked match of the filtered set
    by_date = search(db_engine, "lease", narrow, sort="date", per_page=200, **kw)
    assert len(by_date.hits) == expected and by_date.hits[-1].id == 1
    # Default limits: same answers.
    full = search(db_engine, "lease", SearchFilters(stock_codes=["00700"]), per_page=200)
    assert (full.total, full.total_exact, full.complete) == (OLD, True, True)
    assert {h.id for h in full.hits} == set(range(1, OLD + 1))
    assert full.hits[0].id == 7


def test_store_search_filters_before_the_count_limit(db_engine):
    _bulk(db_engine)
    kw = {"window": 10, "count_limit": 100}
    result = search(db_engine, "lease", SearchFilters(stock_codes=["00700"]), **kw)
    assert (result.total, result.total_exact, result.complete) == (100, False, False)
    result = search(db_engine, "agreement", SearchFilters(person="LEI"), **kw)
    assert (result.total, result.total_exact, result.complete) == (40, True, False)
    assert {h.id for h in result.hits} <= set(range(1, 41))
    for person in ("Mr. LEI Jun", "Jun", "jun lei", "雷軍"):
        result = search(db_engine, "lease", SearchFilters(person=person), window=50)
        assert (result.total, result.total_exact, result.complete) == (40, True, True), person
    assert (
        search(db_engine, "lease", SearchFilters(person="LE")).total == 0
    )  # tokens, not substrings
    assert search(db_engine, "lease", SearchFilters(person="Jun Jun")).total == 0  # multiset
    assert search(db_engine, "lease", SearchFilters(person="Lei Jun Bill")).total == 0
    # No text: the filters alone, counted up to the limit.
    result = search(db_engine, "", SearchFilters(stock_codes=["00700"]), **kw)
    assert (result.total, result.total_exact) == (100, False)


def test_store_search_ranks_all_matches_only_up_to_rank_all(db_engine, monkeypatch):
    """Scoring every match is bounded: beyond RANK_ALL a filtered query ranks its window."""
    import importlib

    search_module = importlib.import_module("store.search")
    _bulk(db_engine)
    kw = {"window": 100, "count_limit": 1_000}
    monkeypatch.setattr(search_module, "RANK_ALL", OLD - 1)
    stock = search(db_engine, "lease", SearchFilters(stock_codes=["00700"]), **kw)
    assert (stock.total, stock.total_exact, stock.complete) == (OLD, True, False)
    assert 7 not in {h.id for h in stock.hits}  # the best match of all is older than the window
    monkeypatch.setattr(search_module, "RANK_ALL", OLD)
    assert search(db_engine, "lease", SearchFilters(stock_codes=["00700"]), **kw).hits[0].id == 7
