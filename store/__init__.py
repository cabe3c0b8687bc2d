"""The store: tables, engine, migrations, upserts and search. Depends on none of our packages.

Public surface (docs/architecture.md):
- make_engine(url=None), database_url(), session(engine), write_session(engine)
- upgrade(engine, revision="head"), ensure_schema(engine)  -- Alembic, store/migrations/
- open_database(url=None, *, create=False) -> Engine; DatabaseError (one line with the fix)
- settings: every FILINGWATCH_* variable, declared once (store/settings.py)
- upsert_announcement(session, fields) -> (Announcement, "new" | "changed" | "unchanged")
- save_extraction(session, announcement_id, extraction, *, text, extractor_version,
  needs_review=False, review_reason=None) -> Announcement
- mark_failed(session, announcement_id, reason) -> Announcement
- record_attachments(session, announcement_id, files) -> AttachmentsOutcome,
  attachments_of(session, announcement_id), mark_refetched(session, announcement_id)
- alerts' rows (the only SQL alerts/ needs): subscriptions (store/subscriptions.py)
  add_subscription, subscriptions, subscription_by_id, remove_subscription, alerted_filings;
  what the matcher reads (store/mentions.py) extracted_mentions, cap_amounts, extraction_of;
  the outbox (store/outbox.py) insert_alert(NewAlert), due_alert_ids, claim_alert,
  mark_alert_delivered, mark_alert_attempt_failed, mark_feed_alert_delivered, outbox_entry,
  feed_entries -> OutboxEntry (alert, subscription, announcement, also_roles)
- Engine: the engine type, for type hints outside store (no sqlalchemy import needed)
- name_key(name) -> str: the one person-name key (store/names.py; Person.name_key, extract's
  person_key, alerts' matching); parse_name(name) -> (ParsedName, ...) every reading of a
  romanised name, chinese_part(name) its Chinese characters folded, without 先生/女士;
  fold(text) -> str (one Chinese script for comparing, store/script.py)
- review queue (store/review.py, store/corrections.py): review_queue(session, state=, kind=,
  stock=, text=) -> [ReviewItem], review_item(session, news_id), accept(session, news_id, note,
  reviewer), correct(session, news_id, "cap:1", {"amount": "9m"}, note, reviewer),
  queue_counts(session) -> QueueCounts, facts_of(extraction), corrected_paths(extraction),
  ReviewError; corrections are re-applied by save_extraction after every extraction
- search(engine, query, filters=None, page=1, per_page=20, sort="relevance") -> SearchResult,
  SearchFilters, Hit, QueryError, SearchTimeout (a QueryError: the search ran out of time)
- fact_rows(engine, ids) -> list[FactRow] (FACT_COLUMNS): a flat table of the filings' caps,
  parties and persons with evidence pages; KeyFacts: what each Hit shows (store.result_facts)
The write functions flush but do not commit: the caller owns the transaction.
"""

from store import settings
from store.announcements import mark_failed, upsert_announcement
from store.corrections import KINDS, corrected_paths, facts_of
from store.database import DatabaseError, open_database
from store.engine import Engine, database_url, make_engine, session, write_session
from store.facts import save_extraction
from store.files import (
    AttachmentsOutcome,
    attachments_of,
    mark_refetched,
    record_attachments,
)
from store.mentions import MentionRow, cap_amounts, extracted_mentions, extraction_of
from store.migrate import ensure_schema, upgrade
from store.models import (
    HK,
    Agreement,
    Alert,
    Announcement,
    AnnouncementFile,
    AnnualCap,
    ConnectedPerson,
    CrawlRun,
    FactCorrection,
    Party,
    Person,
    PersonMention,
    ReviewDecision,
    Role,
    SchedulerLock,
    Status,
    Subscription,
    now_hk,
)
from store.names import ParsedName, chinese_part, name_key, parse_name
from store.outbox import (
    NewAlert,
    OutboxEntry,
    claim_alert,
    due_alert_ids,
    feed_entries,
    insert_alert,
    mark_alert_attempt_failed,
    mark_alert_delivered,
    mark_feed_alert_delivered,
    outbox_entry,
)
from store.query import QueryError
from store.result_facts import FACT_COLUMNS, FactRow, KeyFacts, fact_rows
from store.review import (
    QueueCounts,
    ReviewError,
    ReviewItem,
    accept,
    correct,
    queue_counts,
    review_item,
    review_queue,
)
from store.script import fold
from store.search import Hit, SearchFilters, SearchResult, search
from store.subscriptions import (
    AlertedFiling,
    add_subscription,
    alerted_filings,
    remove_subscription,
    subscription_by_id,
    subscriptions,
)
from store.time_limit import SearchTimeout

__all__ = [
    "Engine",
    "AlertedFiling",
    "MentionRow",
    "NewAlert",
    "OutboxEntry",
    "add_subscription",
    "alerted_filings",
    "cap_amounts",
    "claim_alert",
    "due_alert_ids",
    "extracted_mentions",
    "extraction_of",
    "feed_entries",
    "insert_alert",
    "mark_alert_attempt_failed",
    "mark_alert_delivered",
    "mark_feed_alert_delivered",
    "outbox_entry",
    "remove_subscription",
    "subscription_by_id",
    "subscriptions",
    "DatabaseError",
    "open_database",
    "settings",
    "KINDS",
    "FactCorrection",
    "QueueCounts",
    "ReviewDecision",
    "ReviewError",
    "ReviewItem",
    "accept",
    "correct",
    "corrected_paths",
    "facts_of",
    "queue_counts",
    "review_item",
    "review_queue",
    "FACT_COLUMNS",
    "FactRow",
    "KeyFacts",
    "fact_rows",
    "HK",
    "Hit",
    "QueryError",
    "SearchFilters",
    "SearchResult",
    "SearchTimeout",
    "Agreement",
    "Alert",
    "Announcement",
    "AnnouncementFile",
    "AttachmentsOutcome",
    "attachments_of",
    "mark_refetched",
    "record_attachments",
    "AnnualCap",
    "ConnectedPerson",
    "CrawlRun",
    "Party",
    "Person",
    "PersonMention",
    "Role",
    "SchedulerLock",
    "Status",
    "Subscription",
    "database_url",
    "fold",
    "ensure_schema",
    "make_engine",
    "mark_failed",
    "name_key",
    "ParsedName",
    "chinese_part",
    "parse_name",
    "now_hk",
    "save_extraction",
    "search",
    "session",
    "upgrade",
    "upsert_announcement",
    "write_session",
]
