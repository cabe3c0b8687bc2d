"""The store: tables, engine, migrations, upserts and search. Depends on none of our packages."""

from store.engine import database_url, make_engine, session
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

__all__ = [
    "HK",
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
    "now_hk",
    "session",
    "upgrade",
]
