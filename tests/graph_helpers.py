"""Builders shared by the people-graph tests (jobs/people, jobs/connections, jobs/ftm, the
CLI's graph and export, the graph pages): filings as the crawler and extractor store them."""

from __future__ import annotations

import datetime as dt
import itertools

from page_view_helpers import at, extraction

import store

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
           company: str | None = None, **fields) -> int:  # fmt: skip
    """Store one extracted edition of a filing."""
    x = extraction(directors, parties=parties)
    x["connected_persons"] = list(persons)
    x["agreements"] = list(agreements)
    x["annual_caps"] = list(caps)
    x["language"] = language
    x["company"] = company
    heads = ZH_HEADLINE if language == "zh" else EN_HEADLINE
    return add(news_id=news_id, stock_code=code, stock_name=stock_name, published_at=when,
               language=language, extraction=x, **{**heads, **fields})  # fmt: skip


def store_adder(engine: store.Engine):
    """What conftest's `add_announcement` fixture is, for a module-scoped database."""
    counter = itertools.count(1)

    def add(title: str = "CONNECTED TRANSACTION", text: str = "", *, extraction=None,
            published_at=None, **fields) -> int:  # fmt: skip
        n = next(counter)
        values = {"stock_code": "00001", "stock_name": "CKH HOLDINGS", "title": title,
                  "published_at": published_at or at(2024, 1, 1), "text": text,
                  "sha256": f"sha{n}", **fields}  # fmt: skip
        with store.session(engine) as s:
            row, _ = store.upsert_announcement(s, values)
            if extraction is not None:
                store.save_extraction(s, row.id, extraction, text=text, extractor_version=1)
            s.commit()
            return row.id

    return add


RESIGNATION = (
    "The board (the Board) of directors of CKH Holdings announces that Mr. Wong Hon-Kit has"
    " resigned as an executive Director with effect from 15 March 2024 to devote more time to"
    " his other business. Mr. WONG confirmed he has no disagreement with the Board. The Board"
    " welcomes Ms. CHOW Woo Mo Fong, who has been appointed with effect from 15 March 2024."
)


def seed_ckh(add_announcement) -> None:
    """CKH: two board paragraphs, a shareholder with his son, an agreement with a cap, then an
    announcement that one director resigns and another is appointed."""
    li = connected("LI Ka Shing", kind="substantial_shareholder", via="the Company",
                   entity="Hutchison Whampoa Limited")  # fmt: skip
    son = connected("LI Tzar Kai", kind="family_member", via="LI Ka Shing", entity=None,
                    relationship="the son of Mr. LI Ka Shing")  # fmt: skip
    services = {"name": "Services Agreement", "date": "2024-01-05",
                "term_start": "2024-01-01", "term_end": "2026-12-31",
                "parties": ["the Company", "Hutchison Whampoa"]}  # fmt: skip
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["WONG Hon Kit", "LI Ka Shing"]}, persons=[li, son],
           agreements=[services],
           caps=[{"amount": 8000000, "currency": "HKD", "period_end": "2024-12-31",
                  "agreement": "Services Agreement"}])  # fmt: skip
    filing(add_announcement, "a2", "00001", "CKH HOLDINGS", at(2024, 2, 20),
           directors={"executive": ["WONG Hon Kit", "LI Ka Shing"]})  # fmt: skip
    filing(add_announcement, "c1", "00001", "CKH HOLDINGS", at(2024, 3, 1),
           title="RESIGNATION OF EXECUTIVE DIRECTOR AND APPOINTMENT OF EXECUTIVE DIRECTOR",
           text=RESIGNATION, directors={"executive": ["LI Ka Shing", "CHOW Woo Mo Fong"]},
           **CHANGE_HEADLINE)  # fmt: skip


__all__ = [
    "CHANGE_HEADLINE", "RESIGNATION", "at", "connected", "filing", "seed_ckh", "store_adder",
]  # fmt: skip
