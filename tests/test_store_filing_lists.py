"""store/filing_lists.py: the newest filings as list rows (never their text or extraction)."""

from __future__ import annotations

import dataclasses

import pytest
from page_view_helpers import at

import store


def test_recent_filings_newest_first_with_the_limit(db_engine, add_announcement):
    assert store.recent_filings(db_engine) == []
    add_announcement(news_id="old", published_at=at(2020, 1, 1), text="long text " * 50)
    add_announcement(news_id="new", published_at=at(2022, 1, 1), stock_codes=["00001", "80001"])
    add_announcement(news_id="same-a", published_at=at(2021, 1, 1))
    add_announcement(news_id="same-b", published_at=at(2021, 1, 1))  # same time: later row first
    rows = store.recent_filings(db_engine)
    assert [r.news_id for r in rows] == ["new", "same-b", "same-a", "old"]
    assert [r.news_id for r in store.recent_filings(db_engine, limit=2)] == ["new", "same-b"]
    new = rows[0]
    assert isinstance(new, store.FilingSummaryRow)
    assert (new.stock_code, new.stock_codes, new.stock_name) == ("00001", ["00001", "80001"],
                                                                 "CKH HOLDINGS")  # fmt: skip
    assert new.published_at == at(2022, 1, 1) and new.published_at.tzinfo is not None
    assert not hasattr(new, "text") and not hasattr(new, "extraction")
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.title = "changed"  # type: ignore[misc]
