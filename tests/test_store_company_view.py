"""store/company_view.py: a stock's page of filings, counterparties, connected persons, caps
and the name to show."""

from __future__ import annotations

from decimal import Decimal

from page_view_helpers import at, extraction

import store


def _seed(add_announcement) -> None:
    add_announcement(
        news_id="k1", stock_code="03888", stock_name="KINGSOFT", published_at=at(2012, 5, 24),
        extraction=extraction(parties=["Xiaomi", "Chengdu"], connected=["Jun LEI"],
                              caps=[(8000000, "RMB", "2012-12-31")]),
    )  # fmt: skip
    add_announcement(
        news_id="k2", stock_code="03888", stock_name="KINGSOFT CORP", published_at=at(2013, 3, 1),
        extraction=extraction(parties=["Xiaomi"], connected=["Jun LEI"],
                              caps=[(9500000, "RMB", "2013-12-31"),
                                    (1000000, "HKD", "2012-12-31")]),
    )  # fmt: skip
    add_announcement(news_id="k2c", stock_code="03888", stock_name="金山軟件", language="zh",
                     published_at=at(2014, 1, 1))  # fmt: skip
    add_announcement(news_id="other", stock_code="00700", published_at=at(2013, 1, 1),
                     extraction=extraction(parties=["Xiaomi"]))  # fmt: skip


def test_company_view_reads_the_stock_and_only_its_facts(db_engine, add_announcement):
    _seed(add_announcement)
    assert store.company_view(db_engine, "09999") is None
    view = store.company_view(db_engine, "03888")
    assert view.stock_name == "KINGSOFT CORP"  # the English edition's newest name
    assert sorted(view.published) == [at(2012, 5, 24), at(2013, 3, 1), at(2014, 1, 1)]
    assert view.page == 1 and [f.news_id for f in view.filings] == ["k2c", "k2", "k1"]
    parties = [(p.name, p.full_name, p.filings, p.last_seen) for p in view.parties]
    assert parties == [("Xiaomi", "Xiaomi Limited", 2, at(2013, 3, 1)),  # not 00700's filing
                       ("Chengdu", "Chengdu Limited", 1, at(2012, 5, 24))]  # fmt: skip
    lei = store.person_id_by_name(db_engine, "Jun LEI")
    connected = sorted((c.name, c.person_id, c.connected_entity, c.published_at)
                       for c in view.connected)  # fmt: skip
    assert connected == [("Jun LEI", lei, "Xiaomi", at(2012, 5, 24)),
                         ("Jun LEI", lei, "Xiaomi", at(2013, 3, 1))]  # fmt: skip
    caps = [(c.amount, c.currency, c.period_end.isoformat(), c.news_id) for c in view.annual_caps]
    assert caps[2] == (Decimal("9500000"), "RMB", "2013-12-31", "k2")  # by period end, then date
    assert sorted(caps[:2]) == [(Decimal("1000000"), "HKD", "2012-12-31", "k2"),
                                (Decimal("8000000"), "RMB", "2012-12-31", "k1")]  # fmt: skip
    assert all(isinstance(c.amount, Decimal) for c in view.annual_caps)


def test_company_view_past_the_last_page_shows_the_last(db_engine, add_announcement):
    _seed(add_announcement)
    view = store.company_view(db_engine, "03888", page=9, per_page=2)
    assert view.page == 2 and [f.news_id for f in view.filings] == ["k1"]
    assert len(view.published) == 3
