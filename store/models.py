"""SQLModel tables: one row type per thing the data flow in DESIGN.md keeps.

Dates of the exchange are Hong Kong time; datetimes are stored as UTC and come back as aware
Asia/Hong_Kong values (see `HKDateTime`). Money is an exact `Decimal`, never a float.
"""

from __future__ import annotations

import datetime as dt
import enum
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy import false as sa_false
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from store.cjk import cjk_bigrams, cjk_runs

HK = ZoneInfo("Asia/Hong_Kong")
UTC = ZoneInfo("UTC")


class HKDateTime(TypeDecorator):
    """Aware datetimes in, aware Hong Kong datetimes out; UTC on disk (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(HK)


def now_hk() -> datetime:
    return datetime.now(HK)


class Status(enum.StrEnum):
    discovered = "discovered"
    fetched = "fetched"
    extracted = "extracted"
    failed = "failed"


class Role(enum.StrEnum):
    executive = "executive"
    non_executive = "non_executive"
    independent_non_executive = "independent_non_executive"
    connected_person = "connected_person"
    abstained = "abstained"


class Announcement(SQLModel, table=True):
    """One HKEXnews document (one edition: English and Chinese have separate news ids)."""

    id: int | None = Field(default=None, primary_key=True)
    news_id: str = Field(index=True, unique=True, max_length=32)
    stock_code: str = Field(index=True, max_length=5, description="first code, 5 digits")
    stock_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    stock_name: str = Field(default="", max_length=400)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    headline: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    headline_t1: str | None = Field(default=None, max_length=200, index=True)
    headline_t2: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    revised: bool = Field(default=False, description="(Headlines Revised) re-filing")
    published_at: datetime = Field(sa_column=Column(HKDateTime, nullable=False, index=True))
    document_url: str = Field(default="", max_length=1000)
    file_type: str = Field(default="PDF", max_length=16)
    language: str = Field(default="en", max_length=2, index=True)
    file_path: str | None = Field(default=None, max_length=1000)
    sha256: str | None = Field(default=None, max_length=64, index=True)
    size: int | None = None
    status: Status = Field(default=Status.discovered, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    extractor_version: int | None = Field(default=None, index=True)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    facts_text: str = Field(
        default="",
        sa_column=Column(Text, nullable=False, default=""),
        description="names of parties and persons, indexed for search beside the text",
    )
    cjk_text: str = Field(
        default="",
        sa_column=Column(Text, nullable=False, default="", server_default=""),
        description="CJK runs of title, stock name, facts and text, for substring search;"
        " kept in step by the ORM event below (set it yourself on Core bulk inserts)",
    )
    cjk_bigrams: str = Field(
        default="",
        sa_column=Column(Text, nullable=False, default="", server_default=""),
        description="cjk_text as overlapping character pairs, for 1-2 character CJK search",
    )
    extraction: dict | None = Field(default=None, sa_column=Column(JSON))
    transaction_types: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    needs_review: bool = Field(default=False, index=True)
    review_reason: str | None = Field(default=None, sa_column=Column(Text))
    warnings: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, server_default="[]"),
        description="the extraction's cross-check warnings, for the review queue",
    )
    warning_count: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, index=True, server_default="0")
    )
    paired_news_id: str | None = Field(default=None, max_length=32, index=True)
    discovered_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )
    fetched_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))
    extracted_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))


@event.listens_for(Announcement, "before_insert")
@event.listens_for(Announcement, "before_update")
def _fill_cjk_text(_mapper: Any, _connection: Any, row: Announcement) -> None:
    """Keep `cjk_text` in step with the texts it is drawn from, whoever writes the row."""
    row.cjk_text = cjk_runs(row.title, row.stock_name, row.facts_text, row.text)
    row.cjk_bigrams = cjk_bigrams(row.cjk_text)


class AnnouncementFile(SQLModel, table=True):
    """An attached document of a Multi-Files announcement (its landing page lists them).

    The landing page itself is the announcement's own file; these are the documents it links
    to, in page order (`position` from 1). `status` is "fetched" (the file is on disk under
    `file_path`, named by its sha256) or "failed" (`error` says why; the announcement is then
    incomplete and a later crawl tries again).
    """

    __table_args__ = (UniqueConstraint("announcement_id", "url"),)

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    position: int
    url: str = Field(max_length=1000)
    label: str = Field(default="", max_length=500)
    file_type: str = Field(default="", max_length=16, description="extension: pdf, htm, ...")
    status: str = Field(default="fetched", max_length=16, description="fetched / failed")
    sha256: str | None = Field(default=None, max_length=64, index=True)
    file_path: str | None = Field(default=None, max_length=1000)
    size: int | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    fetched_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))


class Party(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=500)
    full_name: str | None = Field(default=None, max_length=1000)
    chinese_name: str | None = Field(default=None, max_length=500)
    name_key: str = Field(default="", max_length=500, index=True)
    human_corrected: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default=sa_false()),
        description="a reviewer corrected this fact (store/corrections.py)",
    )


class Agreement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=500)
    date: dt.date | None = None
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    parties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    human_corrected: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default=sa_false()),
        description="a reviewer corrected this fact (store/corrections.py)",
    )


class AnnualCap(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    amount: Decimal = Field(sa_column=Column(Numeric(24, 2), nullable=False, index=True))
    currency: str = Field(max_length=3, index=True)
    period_end: dt.date | None = None
    period_label: str | None = Field(default=None, max_length=500)
    agreement: str | None = Field(default=None, max_length=500)
    category: str | None = Field(default=None, max_length=500)
    human_corrected: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default=sa_false()),
        description="a reviewer corrected this fact (store/corrections.py)",
    )


class Person(SQLModel, table=True):
    """One real person across filings, keyed by a normalised name."""

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=300, unique=True, index=True)
    display_name: str = Field(max_length=300)
    chinese_name: str | None = Field(default=None, max_length=100, index=True)


class ConnectedPerson(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    name: str = Field(max_length=500)
    connected_entity: str | None = Field(default=None, max_length=500)
    relationship: str | None = Field(default=None, sa_column=Column(Text))
    human_corrected: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default=sa_false()),
        description="a reviewer corrected this fact (store/corrections.py)",
    )


class PersonMention(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("person_id", "announcement_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    name_as_written: str = Field(max_length=300)
    role: Role = Field(index=True)
    evidence_text: str | None = Field(default=None, sa_column=Column(Text))
    evidence_page: int | None = None
    human_corrected: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default=sa_false()),
        description="a reviewer corrected this fact (store/corrections.py)",
    )


class CrawlRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )
    finished_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))
    window_from: dt.date
    window_to: dt.date
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(
        default="running",
        max_length=16,
        index=True,
        description="running / succeeded / failed / interrupted",
    )
    pid: int | None = None
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))


class Subscription(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    chinese_name: str | None = Field(default=None, max_length=100)
    stock_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    transaction_types: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    min_cap_amount: Decimal | None = Field(default=None, sa_column=Column(Numeric(24, 2)))
    channel: str = Field(default="email", max_length=16, description="email / webhook / feed")
    target: str | None = Field(default=None, max_length=1000)
    secret: str = Field(default="", max_length=128)
    active: bool = True
    created_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )


class Alert(SQLModel, table=True):
    """The outbox: one row per (subscription, announcement), ever."""

    __table_args__ = (UniqueConstraint("subscription_id", "announcement_id"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", index=True, ondelete="CASCADE")
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    person_name: str = Field(max_length=300)
    role: str = Field(max_length=40)
    evidence_text: str | None = Field(default=None, sa_column=Column(Text))
    matched_alias: str = Field(max_length=300)
    score: float = 100.0
    status: str = Field(
        default="pending", max_length=16, index=True, description="pending / delivered / failed"
    )
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )
    delivered_at: datetime | None = Field(default=None, sa_column=Column(HKDateTime))


class ReviewDecision(SQLModel, table=True):
    """A reviewer accepted a filing as it stands: the reasons it was queued for, with a note.

    The filing leaves the review queue while its current reasons are all among `reasons`; a
    new reason (say, a warning of a newer extractor) brings it back."""

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reviewer: str = Field(default="", max_length=200)
    decided_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )


class FactCorrection(SQLModel, table=True):
    """A human correction of one extracted fact, re-applied after every extraction.

    `kind` is cap, party, agreement, person (a connected person) or director; `match` holds
    the fact's fields as the extractor wrote them (how a re-extraction finds it again);
    `fields` the corrected values. See store/review.py."""

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    match: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    fields: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reviewer: str = Field(default="", max_length=200)
    created_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )


class SchedulerLock(SQLModel, table=True):
    """A lock row for SQLite, where there are no advisory locks."""

    name: str = Field(primary_key=True, max_length=100)
    holder: str = Field(max_length=200)
    expires_at: datetime = Field(sa_column=Column(HKDateTime, nullable=False))


class ExtractionClaim(SQLModel, table=True):
    """A worker reading one filing until `expires_at` (migration 0013; store/extraction_claims.py).

    Why a row: workers on several machines, and concurrent batches, must not read the same
    filing twice; a dead worker's claim expires and another takes it over."""

    announcement_id: int = Field(
        primary_key=True, foreign_key="announcement.id", ondelete="CASCADE"
    )
    holder: str = Field(max_length=200, index=True)
    claimed_at: datetime = Field(
        default_factory=now_hk, sa_column=Column(HKDateTime, nullable=False)
    )
    expires_at: datetime = Field(sa_column=Column(HKDateTime, nullable=False))
    takeovers: int = Field(default=0, description="times a lapsed claim was taken over")


class HistoricalAmount(SQLModel, table=True):
    """An actual amount a filing reports for a past period of an agreement (not a cap): what
    renewals and revisions say was used of the old caps (extraction's `historical_amounts`)."""

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    amount: Decimal = Field(sa_column=Column(Numeric(24, 2), nullable=False))
    currency: str = Field(max_length=3)
    period_end: dt.date | None = None
    period_label: str | None = Field(default=None, max_length=500)
    agreement: str | None = Field(default=None, max_length=500)
    category: str | None = Field(default=None, max_length=500)
    kind: str = Field(default="actual", max_length=16)


class Deal(SQLModel, table=True):
    """One agreement across filings: its original announcement, supplements, revised caps,
    renewals and termination (store/deals.py links each English filing to it).

    Identified by the issuer's stock code and `deal_key` (the agreement's name with "new",
    "renewed", "supplemental", years ... dropped, plus a counterparty discriminator when one
    issuer has two agreements of one name with different parties)."""

    __table_args__ = (UniqueConstraint("stock_code", "deal_key"),)

    id: int | None = Field(default=None, primary_key=True)
    stock_code: str = Field(max_length=5, index=True)
    deal_key: str = Field(max_length=500)
    name: str = Field(max_length=500)
    parties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    date: dt.date | None = None


class DealFiling(SQLModel, table=True):
    """A filing's part in a deal: original, supplement, revision, renewal, termination or
    mention (a later filing that names the agreement without changing it)."""

    __table_args__ = (UniqueConstraint("deal_id", "announcement_id"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True, ondelete="CASCADE")
    announcement_id: int = Field(foreign_key="announcement.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=16)
    agreement_name: str = Field(max_length=500)
    agreement_date: dt.date | None = None
