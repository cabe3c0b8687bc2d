"""What the person page reads: the person, every mention of them, one page of filings in
detail, and the paired editions that name them in the other language.

Why in two passes (`person_mentions`, then `person_page`): a long history costs little when
the first pass reads only what the companies table, the timeline and the order need (no
JSON to decode, no evidence text) and the second reads one page's filings with their
summaries and evidence. Statements are built once: building one costs more than running it
from the compiled cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine

from store.engine import session
from store.filing_lists import SUMMARY_COLUMNS, FilingSummaryRow, summary_row
from store.models import Announcement, Person, PersonMention
from store.names import name_key

_A, _M, _P = Announcement, PersonMention, Person
_PERSON_ID = bindparam("person_id")
PERSON_ROW = select(_P.id, _P.display_name, _P.chinese_name).where(_P.id == _PERSON_ID)
PERSON_MENTIONS = (
    select(_M.announcement_id, _M.role, _M.name_as_written, _A.published_at, _A.stock_code,
           _A.stock_name, _A.paired_news_id, _A.news_id, _A.language)
    .join(_A, _A.id == _M.announcement_id)
    .where(_M.person_id == _PERSON_ID)
    .order_by(_A.published_at.desc(), _A.id.desc())
)  # fmt: skip
PERSON_PAGE = (
    select(_M.announcement_id, _M.role, _M.name_as_written, _M.evidence_text,
           _M.evidence_page, *SUMMARY_COLUMNS)
    .join(_A, _A.id == _M.announcement_id)
    .where(_M.person_id == _PERSON_ID,
           _M.announcement_id.in_(bindparam("ids", expanding=True)))
)  # fmt: skip
OWN_EDITIONS = select(_A.id, _A.extraction, _A.paired_news_id).where(
    _A.id.in_(bindparam("ids", expanding=True))
)
OTHER_EDITIONS = select(_A.news_id, _A.extraction).where(
    _A.news_id.in_(bindparam("news_ids", expanding=True))
)
PERSON_BY_KEY = select(_P.id).where(_P.name_key == bindparam("key"))


@dataclass(frozen=True)
class PersonRow:
    id: int
    display_name: str
    chinese_name: str | None


@dataclass(frozen=True)
class MentionRow:
    """One mention, newest filing first: only what the companies, timeline and order need."""

    announcement_id: int
    role: str
    name_as_written: str
    published_at: dt.datetime
    stock_code: str
    stock_name: str | None
    paired_news_id: str | None
    news_id: str = ""
    language: str = "en"

    @property
    def filing_key(self) -> str:
        """One key for both editions of a filing (the smaller news id of the pair)."""
        return min(self.news_id, self.paired_news_id) if self.paired_news_id else self.news_id


@dataclass(frozen=True)
class PersonMentions:
    person: PersonRow
    mentions: list[MentionRow]


@dataclass(frozen=True)
class PageMention:
    """A mention on the page being shown, with its evidence and its filing's summary."""

    announcement_id: int
    role: str
    name_as_written: str
    evidence_text: str | None
    evidence_page: int | None
    filing: FilingSummaryRow


@dataclass(frozen=True)
class EditionPair:
    """A filing's extraction and its paired edition's (None when that is not stored)."""

    announcement_id: int
    extraction: Any
    paired_extraction: Any


def person_mentions(engine: Engine, person_id: int) -> PersonMentions | None:
    """The person and every mention of them, newest filing first; None for no such person."""
    with session(engine) as s:
        conn = s.connection()  # Core rows: the ORM's per-row machinery is not needed here
        person = conn.execute(PERSON_ROW, {"person_id": person_id}).first()
        if person is None:
            return None
        rows = conn.execute(PERSON_MENTIONS, {"person_id": person_id}).all()
    return PersonMentions(
        person=PersonRow(person.id, person.display_name, person.chinese_name),
        mentions=[
            MentionRow(ann_id, str(role), written, published, code, name, paired, news, lang)
            for ann_id, role, written, published, code, name, paired, news, lang in rows
        ],
    )


def person_page(engine: Engine, person_id: int, announcement_ids: list[int]) -> list[PageMention]:
    """The person's mentions in these filings (one page of them), with evidence."""
    if not announcement_ids:
        return []
    with session(engine) as s:
        rows = (
            s.connection()
            .execute(PERSON_PAGE, {"person_id": person_id, "ids": list(announcement_ids)})
            .all()
        )
    return [
        PageMention(
            announcement_id=r.announcement_id,
            role=str(r.role),
            name_as_written=r.name_as_written,
            evidence_text=r.evidence_text,
            evidence_page=r.evidence_page,
            filing=summary_row(r),
        )
        for r in rows
    ]


def edition_pairs(engine: Engine, announcement_ids: list[int]) -> list[EditionPair]:
    """These filings' extractions beside their paired editions' (to read a name off the
    other language's edition)."""
    if not announcement_ids:
        return []
    with session(engine) as s:
        conn = s.connection()
        own = conn.execute(OWN_EDITIONS, {"ids": list(announcement_ids)}).all()
        if not own:
            return []
        other = conn.execute(OTHER_EDITIONS, {"news_ids": [r[2] for r in own]}).all()
    paired = {news_id: extraction for news_id, extraction in other}
    return [
        EditionPair(ann_id, extraction, paired.get(paired_id))
        for ann_id, extraction, paired_id in own
    ]


def person_id_by_name(engine: Engine, name: str) -> int | None:
    """The person filed under `name`'s key (store.name_key), if any."""
    with session(engine) as s:
        return s.connection().execute(PERSON_BY_KEY, {"key": name_key(name)}).scalar()
