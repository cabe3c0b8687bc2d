"""Who the extracted filings name, in what role: what the alert matcher reads.

One row per person mention, with its filing's edition fields, so the matcher (alerts/matching.py)
reads every candidate in one query and scores names without going back to the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from store.engine import session
from store.models import Announcement, AnnualCap, Person, PersonMention, Status


@dataclass(frozen=True)
class ExtractedMention:
    """One person mention of an extracted filing, with the filing's fields."""

    announcement_id: int
    news_id: str
    paired_news_id: str | None
    language: str
    discovered_at: dt.datetime
    published_at: dt.datetime
    stock_code: str
    stock_codes: list[str]
    transaction_types: list[str]
    name_as_written: str
    role: str
    evidence_text: str | None
    chinese_name: str | None  # the linked Person's
    display_name: str | None  # the linked Person's (store links spellings)


def extracted_mentions(engine: Engine, since: dt.datetime | None = None) -> list[ExtractedMention]:
    """Mentions of extracted filings discovered at or after `since` (all when None), in
    filing then mention order."""
    query = (
        select(
            Announcement.id,
            Announcement.news_id,
            Announcement.paired_news_id,
            Announcement.language,
            Announcement.discovered_at,
            Announcement.published_at,
            Announcement.stock_code,
            Announcement.stock_codes,
            Announcement.transaction_types,
            PersonMention.name_as_written,
            PersonMention.role,
            PersonMention.evidence_text,
            Person.chinese_name,
            Person.display_name,
        )
        .join(PersonMention, PersonMention.announcement_id == Announcement.id)
        .join(Person, Person.id == PersonMention.person_id)
        .where(Announcement.status == Status.extracted)
        .order_by(Announcement.id, PersonMention.id)
    )
    if since is not None:
        query = query.where(Announcement.discovered_at >= since)
    with session(engine) as s:
        return [
            ExtractedMention(*row[:10], str(row[10]), *row[11:])  # type: ignore[arg-type]
            for row in s.exec(query)
        ]


def cap_amounts(engine: Engine, announcement_id: int) -> list[Decimal]:
    """Annual cap amounts of a filing, each in its own currency (no FX conversion)."""
    with session(engine) as s:
        return [
            Decimal(a)
            for a in s.exec(
                select(AnnualCap.amount).where(AnnualCap.announcement_id == announcement_id)
            )
        ]


def extraction_of(engine: Engine, announcement_id: int) -> dict[str, Any] | None:
    """The stored extraction (contract JSON) of a filing, or None."""
    with session(engine) as s:
        return s.exec(
            select(Announcement.extraction).where(Announcement.id == announcement_id)
        ).one_or_none()
