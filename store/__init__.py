"""The store: tables, engine, migrations, upserts and search. Depends on none of our packages."""

from store.announcements import mark_failed, upsert_announcement
from store.engine import database_url, make_engine, session
from store.facts import save_extraction
from store.migrate import ensure_schema, upgrade
from store.models import (
    HK,
    Agreement,
    Alert,
    Announcement,
    AnnualCap,
    ConnectedPerson,
    CrawlRun,
    Party,
    Person,
    PersonMention,
    Role,
    SchedulerLock,
    Status,
    Subscription,
    now_hk,
)
from store.names import name_key
from store.query import QueryError
from store.search import Hit, SearchFilters, SearchResult, search

__all__ = [
    "HK",
    "Hit",
    "QueryError",
    "SearchFilters",
    "SearchResult",
    "Agreement",
    "Alert",
    "Announcement",
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
]
