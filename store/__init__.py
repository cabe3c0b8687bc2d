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
- the batch runner's reads and writes (store/extraction_queue.py): pending_extraction(engine,
  limit), outdated_extraction(engine, extractor_version), extraction_input(engine, id) ->
  [ToExtract]; record_extraction(engine, id, extraction, *, text, extractor_version,
  review_reason=None, claim=None) -> saved, record_failure(engine, id, reason, claim=None),
  flagged_for_review(engine)
- extraction claims (store/extraction_claims.py): claim_extraction(engine, ids, holder, lease,
  older_than=None) -> claimed ids, renew_claims, release_claims, claim_lapses_in(engine, id),
  claim_takeovers(engine, id);
  extraction_states(engine, ids), extraction_activity(engine) -> ExtractionActivity (status)
- pairing(engine) -> Pairing: one edition-pairing run's transaction (store/editions.py)
The session-taking write functions flush but do not commit: the caller owns the transaction.
The engine-taking ones (record_*, pairing) commit their own.

The crawler's, scheduler's, CLI's and benchmarks' reads and writes (each its own transaction
unless it takes a session):
- Engine (the type), url_of(engine, hide_password=True)
- crawl runs (store/crawl_runs.py): start_crawl_run, finish_crawl_run, interrupt_crawl_run,
  crawl_run, running_crawl_runs, ended_crawl_runs, set_crawl_run_counts(session, ...),
  oldest_retryable_failure; insert_new_announcements(session, rows) and
  announcement_by_news_id(session, news_id) (store/announcements.py)
- try_lock(engine, name, ttl) -> bool while held (store/locks.py, the cycle lock);
  job_store(engine), stored_job_state(engine, job_id) (APScheduler's table, store/scheduled_jobs.py)
- upgrade_database(url=None, *, create=False) -> Upgraded; shown_url(url) (store/database.py)
- the CLI's: save_filing(engine, fields, extraction, ...) (store/announcements.py);
  alert_log(engine, limit=, pending_only=) -> [AlertLogRow] (store/alert_log.py)
- store.bench_data: bulk loading and sampling for bench/ (imported by name, not re-exported)
- page views (engine in, frozen rows out; the web's only door to the database):
  recent_filings(engine) -> [FilingSummaryRow]; filing_view(engine, news_id) -> FilingView,
  stored_copy(engine, news_id) -> StoredCopy; person_mentions(engine, person_id),
  person_page(engine, person_id, announcement_ids), edition_pairs(engine, ids),
  person_id_by_name(engine, name); company_view(engine, stock_code, page, per_page);
  deactivate_subscription(engine, id); limit_statement_time(engine, seconds);
  review_list / review_sheet / accept_review / correct_review / review_counts
  (store/review_desk.py): the review queue one transaction per call (the web's and the CLI's)
- the people graph's sources (store/graph_sources.py): graph_sources(engine) -> GraphSources
  (FilingSource, MentionSource), texts_of(engine, ids), graph_version(engine) (a cache key)
- Engine (the type to hint with), DriverError (a statement the database refused)
The write functions that take a session flush but do not commit: the caller owns the
transaction. Those that take an engine (review_desk, deactivate_subscription) commit.
"""

from store import settings
from store.alert_log import AlertLogRow, alert_log
from store.announcements import (
    announcement_by_news_id,
    insert_new_announcements,
    mark_failed,
    save_filing,
    upsert_announcement,
)
from store.company_view import (
    CompanyCapRow,
    CompanyConnectedMention,
    CompanyParty,
    CompanyView,
    company_view,
)
from store.corrections import KINDS, corrected_paths, facts_of
from store.crawl_runs import (
    crawl_run,
    ended_crawl_runs,
    finish_crawl_run,
    interrupt_crawl_run,
    oldest_retryable_failure,
    running_crawl_runs,
    set_crawl_run_counts,
    start_crawl_run,
)
from store.database import (
    DatabaseError,
    DriverError,
    Upgraded,
    open_database,
    shown_url,
    upgrade_database,
)
from store.deal_tables import deal_tables
from store.deal_view import (
    ActualEntry,
    AgreementYear,
    CapEntry,
    DealFilingRow,
    DealSummary,
    FilingDeal,
    all_deals,
    company_deals,
    deal_view,
    filing_deals,
)
from store.deals import relink_deals
from store.editions import Pairing, pairing
from store.engine import Engine, database_url, make_engine, session, url_of, write_session
from store.extraction_claims import (
    ClaimHolder,
    ExtractionActivity,
    claim_extraction,
    claim_lapses_in,
    claim_takeovers,
    extraction_activity,
    extraction_states,
    release_claims,
    renew_claims,
)
from store.extraction_queue import (
    StoredAttachment,
    ToExtract,
    extraction_input,
    flagged_for_review,
    outdated_extraction,
    pending_extraction,
    record_extraction,
    record_failure,
)
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
from store.graph_sources import (
    FilingSource,
    GraphSources,
    MentionSource,
    graph_sources,
    graph_version,
    texts_of,
)
from store.locks import LOCK_TTL_SECONDS, try_lock
from store.mentions import ExtractedMention, cap_amounts, extracted_mentions, extraction_of
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
    Deal,
    DealFiling,
    ExtractionClaim,
    FactCorrection,
    HistoricalAmount,
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
    review_counts,
    review_list,
    review_sheet,
)
from store.scheduled_jobs import job_store, stored_job_state
from store.script import fold
from store.search import Hit, SearchFilters, SearchResult, search
from store.statement_budget import limit_statement_time
from store.subscriptions import (
    AlertedFiling,
    add_subscription,
    alerted_filings,
    deactivate_subscription,
    remove_subscription,
    subscription_by_id,
    subscriptions,
)
from store.time_limit import SearchTimeout

__all__ = [
    "FilingSource",
    "GraphSources",
    "MentionSource",
    "graph_sources",
    "graph_version",
    "texts_of",
    # deals: agreements across filings (store/deals.py, store/deal_view.py)
    "ActualEntry",
    "AgreementYear",
    "CapEntry",
    "DealFilingRow",
    "DealSummary",
    "FilingDeal",
    "all_deals",
    "company_deals",
    "deal_tables",
    "deal_view",
    "filing_deals",
    "relink_deals",
    "Pairing",
    "StoredAttachment",
    "ToExtract",
    "extraction_input",
    "flagged_for_review",
    "outdated_extraction",
    "pairing",
    "pending_extraction",
    "record_extraction",
    "record_failure",
    "ClaimHolder",
    "ExtractionActivity",
    "claim_extraction",
    "claim_lapses_in",
    "claim_takeovers",
    "extraction_activity",
    "extraction_states",
    "release_claims",
    "renew_claims",
    # the crawler's, scheduler's, CLI's (see the docstring's last part)
    "AlertLogRow",
    "Engine",
    "LOCK_TTL_SECONDS",
    "Upgraded",
    "alert_log",
    "announcement_by_news_id",
    "crawl_run",
    "ended_crawl_runs",
    "finish_crawl_run",
    "insert_new_announcements",
    "interrupt_crawl_run",
    "job_store",
    "oldest_retryable_failure",
    "review_counts",
    "review_list",
    "running_crawl_runs",
    "save_filing",
    "set_crawl_run_counts",
    "shown_url",
    "start_crawl_run",
    "stored_job_state",
    "try_lock",
    "upgrade_database",
    "url_of",
    # the rest
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
    "DriverError",
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
    "ExtractedMention",
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
    "Deal",
    "DealFiling",
    "HistoricalAmount",
    "Party",
    "Person",
    "PersonMention",
    "Role",
    "SchedulerLock",
    "ExtractionClaim",
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
