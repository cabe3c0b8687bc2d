"""Scrapy settings for the filingwatch crawler: every default in one place.

Politeness first (DESIGN.md): an honest User-Agent naming the project and a contact, about one
request per second (`FILINGWATCH_CRAWL_RATE`), at most two concurrent requests to the exchange,
AutoThrottle, retries with back-off on 429/5xx honouring Retry-After, gzip. `crawl_settings()`
layers the per-crawl values (rate, files dir, database, overrides for tests) on top.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from scrapy.settings import Settings

from store import settings as env

try:
    VERSION = metadata.version("filingwatch")
except metadata.PackageNotFoundError:  # running from a checkout without install
    VERSION = "0.1.0"

DEFAULT_RATE = 1.0
"""Requests per second to the exchange, all requests (searches and files) together."""
DEFAULT_FILES_DIR = env.SETTINGS["FILINGWATCH_FILES_DIR"].default


def user_agent(contact: str | None = None) -> str:
    """`filingwatch/0.1.0 (+mailto:ops@example.org)`: who we are and how to reach us."""
    contact = contact or env.get("FILINGWATCH_CONTACT") or "contact not configured"
    return f"filingwatch/{VERSION} (+{contact})"


def crawl_rate(rate: float | None = None) -> float:
    """The argument, else `FILINGWATCH_CRAWL_RATE`, else 1 request/s; 0 turns politeness off
    (only for our own replica and benchmarks)."""
    if rate is None:
        rate = env.get_float("FILINGWATCH_CRAWL_RATE")
    if rate < 0:
        raise ValueError(f"crawl rate must be >= 0 requests/s, got {rate}")
    return rate


#: A crawl still running after this many seconds is stopped (a hung crawl would otherwise
#: hold the scheduler's cycle lock for ever); a nightly window takes minutes.
DEFAULT_CRAWL_TIMEOUT = 6 * 3600


def crawl_timeout(seconds: float | None = None) -> float | None:
    """The argument, else `FILINGWATCH_CRAWL_TIMEOUT`, else 6 hours; 0 means no limit."""
    if seconds is None:
        seconds = env.get_float("FILINGWATCH_CRAWL_TIMEOUT")
    if seconds < 0:
        raise ValueError(f"crawl timeout must be >= 0 seconds, got {seconds}")
    return seconds or None


BOT_NAME = "filingwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = user_agent()
ROBOTSTXT_OBEY = False  # both hosts answer /robots.txt with 404 (hkexnews.md §5)
DEFAULT_REQUEST_HEADERS = {"Accept-Language": "en"}
COMPRESSION_ENABLED = True  # Accept-Encoding: gzip; soft throttling is worse without it

# One site only, so the global cap is the per-site cap too. Scrapy 2.19's downloader lets a
# slot start more than CONCURRENT_REQUESTS_PER_DOMAIN requests at once when there is no delay
# (see crawler/downloader.py, which fixes it); FilesPipeline downloads skip the engine's cap.
DOWNLOADER = "crawler.downloader.BoundedDownloader"
CONCURRENT_REQUESTS = 2
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0 / DEFAULT_RATE
DOWNLOAD_DELAY_JITTER = 0.5  # each delay 0.5x-1.5x DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 120
DOWNLOAD_MAXSIZE = 200 * 1024 * 1024  # annual reports reach 40 MB
DOWNLOAD_WARNSIZE = 64 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# A request that gives up is the spider's errback's business (it records the failure and the
# window it leaves unread, and the run's summary says so in one line), not a log error.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
FILINGWATCH_BACKOFF_BASE = 2.0
FILINGWATCH_BACKOFF_MAX = 120.0
FILINGWATCH_RETRY_AFTER_MAX = 600.0
FILINGWATCH_RETRY_EMPTY_BODY = True
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Not used by a JSON servlet and PDFs; each costs a call per request (thousands a crawl).
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
}
# No link following here: no depth or URL-length bookkeeping. RefererMiddleware stays, because
# Scrapy's RedirectMiddleware warns on every crawl without it (documents may redirect).
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}

ITEM_PIPELINES = {
    "crawler.pipelines.DocumentFilesPipeline": 300,
    "crawler.pipelines.StorePipeline": 800,
}
EXTENSIONS = {"crawler.progress.ProgressReporter": 500}
FILES_STORE = DEFAULT_FILES_DIR
MEDIA_ALLOW_REDIRECTS = True

FILINGWATCH_FIRST_ROW_RANGE = 1000
FILINGWATCH_ROW_MARGIN = 100
FILINGWATCH_SILENT_ZERO_DAYS = 5
FILINGWATCH_STORE_BATCH = 200
FILINGWATCH_STORE_FLUSH_SECONDS = 1.0
FILINGWATCH_PROGRESS_SECONDS = 0.5
FILINGWATCH_PROGRESS = False  # JSON progress lines on stdout, for crawler.crawl_launcher
FILINGWATCH_RUN_ID = None  # the CrawlRun row, set per crawl by crawler/crawl_process.py

TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy's job-control HTTP server: not wanted on a crawl host
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

FAST_TEST_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 2,
    "FILINGWATCH_BACKOFF_BASE": 0.01,
    "FILINGWATCH_BACKOFF_MAX": 0.05,
    "FILINGWATCH_RETRY_AFTER_MAX": 1.0,
    "DOWNLOAD_TIMEOUT": 20,
}
"""No delay, no AutoThrottle, two quick retries: what tests against the replica use."""


def crawl_settings(
    *,
    rate: float | None = None,
    files_dir: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """This module's settings with the per-crawl values layered on top.

    rate > 0: DOWNLOAD_DELAY = 1/rate with AutoThrottle and 2 requests in flight at most.
    rate == 0: no delay, no AutoThrottle, 16 in flight (replica and benchmarks only).
    """
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    rate = crawl_rate(rate)
    if rate > 0:
        delay = 1.0 / rate
        settings.set("DOWNLOAD_DELAY", delay, priority="cmdline")
        settings.set("AUTOTHROTTLE_START_DELAY", delay, priority="cmdline")
    else:
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("DOWNLOAD_DELAY_JITTER", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS", 16, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 16, priority="cmdline")
    settings.set(
        "FILES_STORE",
        files_dir or env.get("FILINGWATCH_FILES_DIR") or DEFAULT_FILES_DIR,
        priority="cmdline",
    )
    settings.set("USER_AGENT", user_agent(), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings
