"""What the people graph is built from: every extracted filing's fields and person mentions.

Why plain rows: the graph (jobs/people.py, jobs/connections.py) reads extractions through
extract's contract type, which the store may not import; here they are the stored JSON. Text
is heavy, so it is read only for the filings that need it (`texts_of`: appointment and
resignation announcements, read for who came and went).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.engine import Engine

from store.engine import session
from store.models import Announcement, FactCorrection, Person, PersonMention, Status

_A, _M, _P = Announcement, PersonMention, Person
FILINGS = (
    select(_A.id, _A.news_id, _A.paired_news_id, _A.stock_code, _A.stock_name, _A.language,
           _A.published_at, _A.title, _A.headline, _A.headline_t1, _A.headline_t2, _A.extraction)
    .where(_A.status == Status.extracted)
    .order_by(_A.published_at, _A.id)
)  # fmt: skip
MENTIONS = (
    select(_M.announcement_id, _M.person_id, _M.name_as_written, _M.role, _P.display_name,
           _P.name_key, _P.chinese_name)
    .join(_P, _P.id == _M.person_id)
    .join(_A, _A.id == _M.announcement_id)
    .where(_A.status == Status.extracted)
    .order_by(_M.announcement_id, _M.id)
)  # fmt: skip
TEXTS = select(_A.id, _A.text).where(_A.id.in_(bindparam("ids", expanding=True)))
VERSION = select(func.count(_A.id), func.max(_A.extracted_at), func.count(_A.paired_news_id)).where(
    _A.status == Status.extracted
)
PERSON_COUNT = select(func.count(_P.id), func.max(_P.id))
CORRECTIONS = select(func.count(FactCorrection.id), func.max(FactCorrection.updated_at))
#: The time the whole-database read may take on PostgreSQL, where a server sets a page query's
#: short `statement_timeout` on its connections (store/statement_budget.py).
WHOLE_READ_SECONDS = 300


@dataclass(frozen=True)
class FilingSource:
    """One extracted edition: who filed it, when, under which headline, and its facts."""

    announcement_id: int
    news_id: str
    paired_news_id: str | None
    stock_code: str
    stock_name: str
    language: str
    published_at: dt.datetime
    title: str
    headline: str
    headline_t1: str | None
    headline_t2: list[str]
    extraction: dict[str, Any] | None

    @property
    def filing_key(self) -> str:
        """One key for both editions of a filing (the smaller news id of the pair)."""
        return min(self.news_id, self.paired_news_id) if self.paired_news_id else self.news_id


@dataclass(frozen=True)
class MentionSource:
    """One person mention, with the name-key Person it was filed under."""

    announcement_id: int
    person_id: int
    name_as_written: str
    role: str
    display_name: str
    name_key: str
    chinese_name: str | None


@dataclass(frozen=True)
class GraphSources:
    filings: list[FilingSource]  # oldest first
    mentions: list[MentionSource]  # in filing, then mention order


def graph_sources(engine: Engine) -> GraphSources:
    """Every extracted filing (without its text) and every person mention of one; on
    PostgreSQL with `WHOLE_READ_SECONDS` to do it, whatever the server's page-query limit."""
    with session(engine) as s:
        conn = s.connection()
        if conn.dialect.name == "postgresql":  # a whole-database read: not a page query's budget
            conn.execute(text(f"SET LOCAL statement_timeout = {WHOLE_READ_SECONDS * 1000}"))
        filings = [
            FilingSource(*row[:10], list(row[10] or []), row[11]) for row in conn.execute(FILINGS)
        ]
        mentions = [
            MentionSource(ann, pid, written, str(role), display, key, chinese)
            for ann, pid, written, role, display, key, chinese in conn.execute(MENTIONS)
        ]
    return GraphSources(filings, mentions)


def texts_of(engine: Engine, announcement_ids: list[int]) -> dict[int, str]:
    """The text of these filings, by id."""
    if not announcement_ids:
        return {}
    with session(engine) as s:
        rows = s.connection().execute(TEXTS, {"ids": list(announcement_ids)}).all()
    return {ann_id: text or "" for ann_id, text in rows}


def graph_version(engine: Engine) -> tuple:
    """Changes whenever a filing is extracted or paired, a person merged or a fact corrected
    (a correction keeps the filing's extraction time): a cache of the graph built from
    `graph_sources` is good while this stays the same."""
    with session(engine) as s:
        conn = s.connection()
        return tuple(x for q in (VERSION, PERSON_COUNT, CORRECTIONS) for x in conn.execute(q).one())
