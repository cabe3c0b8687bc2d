"""Every `FILINGWATCH_*` environment setting, declared once: name, default, help.

Why one registry: the settings were read in nine modules, with the default file directory
written in three places and the documentation in four README tables that drifted. Every
package reads its settings through `get`/`get_float`/`get_int`/`get_bool` here (store/ imports
nothing of ours, so any package may import this leaf module), `filingwatch settings` prints
the table, and tests/test_docs.py checks docs/settings.md lists exactly these names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str
    group: str


class SettingError(ValueError):
    """A setting's value cannot be used; the message is one line naming the variable."""


DATA_DIR = "data"
"""Where the default database, the files and the logs live, relative to the working directory."""

_SETTINGS = (
    # store
    Setting("FILINGWATCH_DATABASE_URL", f"sqlite:///{DATA_DIR}/filingwatch.db",
            "The database: a SQLite file, or postgresql+psycopg://user@host:5432/name.", "store"),
    Setting("FILINGWATCH_CREATE_DB", None,
            "1: create a SQLite database that does not exist yet outside the data directory "
            "(otherwise refused, so a mistyped path is not a new empty database).", "store"),
    Setting("FILINGWATCH_SEARCH_SECONDS", "10",
            "Time limit of one search in the CLI and store.search; 0 = none.", "store"),
    Setting("FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test",
            "Tests and benchmarks create throw-away databases on this PostgreSQL server.",
            "store"),
    # crawler
    Setting("FILINGWATCH_BASE_URL", "https://www1.hkexnews.hk",
            "Where HKEXnews (or the replica) is; crawl --base-url overrides.", "crawler"),
    Setting("FILINGWATCH_CONTACT", None,
            "An e-mail or URL put in the crawler's User-Agent so the exchange can reach you.",
            "crawler"),
    Setting("FILINGWATCH_CRAWL_RATE", "1",
            "Requests per second to the exchange; 0 = politeness off (the replica only).",
            "crawler"),
    Setting("FILINGWATCH_CRAWL_TIMEOUT", "21600",
            "Seconds a crawl may run before it is stopped and recorded as interrupted; 0 = none.",
            "crawler"),
    Setting("FILINGWATCH_FILES_DIR", f"{DATA_DIR}/files",
            "Where downloaded documents are stored, named by sha256; crawl --files-dir overrides.",
            "crawler"),
    Setting("FILINGWATCH_LOG_DIR", f"{DATA_DIR}/logs",
            "Where each crawl's Scrapy log goes (crawl-<run>.log) unless --verbose.", "crawler"),
    # extract
    Setting("FILINGWATCH_PDF_READER", "pdfium",
            "pdfium: read PDFs with pdfium, pdfminer.six where pdfium's text is not vouched for; "
            "pdfminer: read every PDF with pdfminer.six (the reference reader).", "extract"),
    # scheduler
    Setting("FILINGWATCH_SCHEDULE", "30 23 * * *",
            "Cron schedule of the nightly cycle, Hong Kong time (5 fields; 0 or 7 = Sunday).",
            "scheduler"),
    Setting("FILINGWATCH_MISFIRE_GRACE_SECONDS", "10800",
            "A cycle missed by up to this long still runs (once).", "scheduler"),
    Setting("FILINGWATCH_CRAWL_LANG", "both",
            "Editions the nightly crawl fetches: en, zh or both.", "scheduler"),
    Setting("FILINGWATCH_OPERATOR_EMAIL", None,
            "Who is told by e-mail when a cycle is not ok.", "scheduler"),
    Setting("FILINGWATCH_OPERATOR_WEBHOOK", None,
            "A URL that gets the same notice as a signed JSON POST.", "scheduler"),
    Setting("FILINGWATCH_OPERATOR_WEBHOOK_SECRET", "",
            "Signs the operator webhook like alert webhooks (X-Filingwatch-Signature).",
            "scheduler"),
    # jobs (extraction on Celery workers: README "Running on several machines")
    Setting("FILINGWATCH_BROKER_URL", None,
            "Celery broker (redis://host:6379/0): extract --pending, reprocess and the cycle "
            "queue one task per filing for `filingwatch worker`s. Unset: a local process pool.",
            "jobs"),
    Setting("FILINGWATCH_QUEUE", "filingwatch",
            "The Celery queue extraction tasks go to and workers read.", "jobs"),
    Setting("FILINGWATCH_VISIBILITY_TIMEOUT", "600",
            "Seconds before the broker hands a task a dead worker took to another worker.",
            "jobs"),
    Setting("FILINGWATCH_CLAIM_LEASE_SECONDS", "120",
            "A worker's claim on a filing lapses this long after its last heartbeat; then "
            "another worker may take the filing over.", "jobs"),
    Setting("FILINGWATCH_QUEUE_WAIT_SECONDS", "21600",
            "How long extract --pending, reprocess and the cycle wait for workers to finish "
            "the queued filings; 0 = do not wait.", "jobs"),
    # alerts
    Setting("FILINGWATCH_SMTP_HOST", "localhost", "SMTP server for alert e-mails.", "alerts"),
    Setting("FILINGWATCH_SMTP_PORT", "25", "Its port.", "alerts"),
    Setting("FILINGWATCH_SMTP_STARTTLS", None, "1/true/yes: upgrade with STARTTLS.", "alerts"),
    Setting("FILINGWATCH_SMTP_USER", None, "Log in as this user when set.", "alerts"),
    Setting("FILINGWATCH_SMTP_PASSWORD", None, "The SMTP password.", "alerts"),
    Setting("FILINGWATCH_SMTP_FROM", "filingwatch@localhost", "The sender address.", "alerts"),
    Setting("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", None,
            "1/true/yes: also deliver webhooks to loopback and private addresses.", "alerts"),
    # web
    Setting("FILINGWATCH_ADMIN_TOKEN", None,
            "Required to manage subscriptions (web sign-in or Authorization: Bearer).", "web"),
    Setting("FILINGWATCH_SECRET_KEY", None,
            "Signs unsubscribe and feed links and the sign-in cookie. Set it: without it "
            "links stop working when the server restarts.", "web"),
    Setting("FILINGWATCH_PUBLIC_URL", None,
            "The server's public address (https://fw.example.org): the base of links in "
            "feeds, exports, e-mails and `subscribe --feed`. Unset: web links are relative, "
            "printed and e-mailed ones use http://127.0.0.1:8000.", "web"),
    Setting("FILINGWATCH_WEB_CACHE_SECONDS", "60",
            "How long search pages and facet counts are reused from memory; 0 = off.", "web"),
    Setting("FILINGWATCH_WEB_THREADS", None,
            "Requests one worker runs at once (unset: 2 on SQLite, 40 on PostgreSQL).", "web"),
    Setting("FILINGWATCH_WEB_SEARCH_SECONDS", "5",
            "Time budget of one web search; a longer one is answered 400 \"narrow it\".", "web"),
    Setting("FILINGWATCH_SCREENSHOTS_DIR", "data/screenshots",
            "Where the browser tests save their screenshots (docs/screenshots refreshes them).",
            "web"),
)  # fmt: skip

SETTINGS: dict[str, Setting] = {s.name: s for s in _SETTINGS}

#: Set by the program itself, never by a user: `serve` marks a key it generated.
INTERNAL = frozenset({"FILINGWATCH_SECRET_KEY_EPHEMERAL"})

_TRUE = {"1", "true", "yes", "on"}


def _declared(name: str) -> Setting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(f"{name} is not declared in store/settings.py") from None


def get(name: str) -> str | None:
    """The variable's value, or its declared default when unset or empty."""
    setting = _declared(name)
    value = os.environ.get(name)
    return setting.default if value is None or value.strip() == "" else value


def get_float(name: str) -> float:
    """A number setting; a value that is not one raises SettingError (one line)."""
    raw = get(name)
    try:
        return float(raw if raw is not None else "nan")
    except ValueError:
        raise SettingError(f"{name} must be a number, not {raw!r}") from None


def get_int(name: str) -> int:
    raw = get(name)
    try:
        return int(raw if raw is not None else "")
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None


def get_bool(name: str) -> bool:
    """On for 1/true/yes/on (any case), off otherwise and when unset."""
    return (get(name) or "").strip().lower() in _TRUE


def is_set(name: str) -> bool:
    _declared(name)
    return bool((os.environ.get(name) or "").strip())
