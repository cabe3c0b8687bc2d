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
- name_key(name) -> str; fold(text) -> str (one Chinese script for comparing, store/script.py)
- review queue (store/review.py, store/corrections.py): review_queue(session, state=, kind=,
  stock=, text=) -> [ReviewItem], review_item(session, news_id), accept(session, news_id, note,
  reviewer), correct(session, news_id, "cap:1", {"amount": "9m"}, note, reviewer),
  queue_counts(session) -> QueueCounts, facts_of(extraction), corrected_paths(extraction),
  ReviewError; corrections are re-applied by save_extraction after every extraction
- search(engine, query, filters=None, page=1, per_page=20, sort="relevance") -> SearchResult,
  SearchFilters, Hit, QueryError, SearchTimeout (a QueryError: the search ran out of time)
- fact_rows(engine, ids) -> list[FactRow] (FACT_COLUMNS): a flat table of the filings' caps,
  parties and persons with evidence pages; KeyFacts: what each Hit shows (store.result_facts)
- page views (engine in, frozen rows out; the web's only door to the database):
  recent_filings(engine) -> [FilingSummaryRow]; filing_view(engine, news_id) -> FilingView,
  stored_copy(engine, news_id) -> StoredCopy; person_mentions(engine, person_id),
  person_page(engine, person_id, announcement_ids), edition_pairs(engine, ids),
  person_id_by_name(engine, name); company_view(engine, stock_code, page, per_page);
  deactivate_subscription(engine, id); limit_statement_time(engine, seconds);
  review_list / review_sheet / accept_review / correct_review (store/review_desk.py): the
  review queue one transaction per call
- Engine (the type to hint with), DriverError (a statement the database refused)
The write functions that take a session flush but do not commit: the caller owns the
transaction. Those that take an engine (review_desk, deactivate_subscription) commit.
"""

from store import settings
from store.announcements import mark_failed, upsert_announcement
from store.company_view import (
    CompanyCapRow,
    CompanyConnectedMention,
    CompanyParty,
    CompanyView,
    company_view,
)
from store.corrections import KINDS, corrected_paths, facts_of
from store.database import DatabaseError, DriverError, open_database
from store.engine import Engine, database_url, make_engine, session, write_session
from store.facts import save_extraction
from store.files import (
    AttachmentsOutcome,
    attachments_of,
    mark_refetched,
    record_attachments,
)
from store.filing_lists import FilingSummaryRow, recent_filings
from store.filing_view import (
    FilingRow,
    FilingView,
    LatestDecision,
    NamedPerson,
    StoredCopy,
    filing_view,
    stored_copy,
)
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
from store.names import name_key
from store.person_view import (
    EditionPair,
    MentionRow,
    PageMention,
    PersonMentions,
    PersonRow,
    edition_pairs,
    person_id_by_name,
    person_mentions,
    person_page,
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
from store.review_desk import (
    ReviewSheet,
    accept_review,
    correct_review,
    review_list,
    review_sheet,
)
from store.script import fold
from store.search import Hit, SearchFilters, SearchResult, search
from store.statement_budget import limit_statement_time
from store.time_limit import SearchTimeout
from store.unsubscribe import deactivate_subscription

__all__ = [
    "DatabaseError",
    "DriverError",
    "Engine",
    "open_database",
    # page views (the web's door)
    "CompanyCapRow",
    "CompanyConnectedMention",
    "CompanyParty",
    "CompanyView",
    "EditionPair",
    "FilingRow",
    "FilingSummaryRow",
    "FilingView",
    "LatestDecision",
    "MentionRow",
    "NamedPerson",
    "PageMention",
    "PersonMentions",
    "PersonRow",
    "StoredCopy",
    "company_view",
    "deactivate_subscription",
    "edition_pairs",
    "filing_view",
    "limit_statement_time",
    "person_id_by_name",
    "person_mentions",
    "person_page",
    "recent_filings",
    "stored_copy",
    "ReviewSheet",
    "accept_review",
    "correct_review",
    "review_list",
    "review_sheet",
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
    "now_hk",
    "save_extraction",
    "search",
    "session",
    "upgrade",
    "upsert_announcement",
    "write_session",
]
