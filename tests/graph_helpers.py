"""Builders shared by the people-graph tests (jobs/people, jobs/connections, jobs/ftm, the
CLI's graph and export, the graph pages): filings as the crawler and extractor store them."""

from __future__ import annotations

import datetime as dt

from page_view_helpers import at, extraction

ZH_HEADLINE = {"headline_t1": "公告及通告", "headline_t2": ["關連交易"]}
EN_HEADLINE = {"headline_t1": "Announcements and Notices", "headline_t2": ["Connected Transaction"]}
CHANGE_HEADLINE = {
    "headline_t1": "Announcements and Notices",
    "headline_t2": ["Change in Directors or of Important Executive Functions or Responsibilities"],
}


def connected(name: str, *, kind: str | None = None, via: str | None = None,
              entity: str | None = "Xiaomi", relationship: str = "owner") -> dict:  # fmt: skip
    """A connected person as the English pipeline writes one."""
    return {"name": name, "connected_entity": entity, "relationship": relationship,
            "relationship_kind": kind, "counterpart": via}  # fmt: skip


def filing(add, news_id: str, code: str, stock_name: str, when: dt.datetime, *,
           directors: dict | None = None, persons: list[dict] = (), parties: list[str] = (),
           agreements: list[dict] = (), caps: list[dict] = (), language: str = "en",
           **fields) -> int:  # fmt: skip
    """Store one extracted edition of a filing."""
    x = extraction(directors, parties=parties)
    x["connected_persons"] = list(persons)
    x["agreements"] = list(agreements)
    x["annual_caps"] = list(caps)
    x["language"] = language
    heads = ZH_HEADLINE if language == "zh" else EN_HEADLINE
    return add(news_id=news_id, stock_code=code, stock_name=stock_name, published_at=when,
               language=language, extraction=x, **{**heads, **fields})  # fmt: skip


__all__ = ["at", "connected", "filing", "CHANGE_HEADLINE"]
