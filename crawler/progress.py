"""Progress lines for the parent process: one JSON object per line on stdout.

`crawler.crawl_launcher.run_crawl` reads them to drive a progress bar or log lines; the crawl itself
logs to stderr as usual. Enabled by the FILINGWATCH_PROGRESS setting.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

PROGRESS_KEYS = {
    "seen": "filingwatch/seen",
    "files": "filingwatch/files_fetched",
    "files_failed": "filingwatch/files_failed",
    "bytes": "filingwatch/file_bytes",
    "new": "filingwatch/stored_new",
    "changed": "filingwatch/stored_changed",
    "unchanged": "filingwatch/stored_unchanged",
    "failed": "filingwatch/stored_failed",
    "pages": "filingwatch/search_pages",
}


def emit(event: str, **fields: Any) -> None:
    """Write one progress event; flushed at once so the parent sees it live."""
    sys.stdout.write(json.dumps({"event": event, **fields}, default=str) + "\n")
    sys.stdout.flush()


class ProgressReporter:
    def __init__(self, crawler: Any, every: float) -> None:
        self.crawler = crawler
        self.every = every
        self.loop: task.LoopingCall | None = None
        self.last: dict[str, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressReporter:
        if not crawler.settings.getbool("FILINGWATCH_PROGRESS"):
            raise NotConfigured
        reporter = cls(crawler, crawler.settings.getfloat("FILINGWATCH_PROGRESS_SECONDS", 0.5))
        crawler.signals.connect(reporter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(reporter.spider_closed, signal=signals.spider_closed)
        return reporter

    def snapshot(self) -> dict[str, int]:
        stats = self.crawler.stats
        return {key: int(stats.get_value(name, 0) or 0) for key, name in PROGRESS_KEYS.items()}

    def tick(self) -> None:
        now = self.snapshot()
        if now != self.last:
            self.last = now
            emit("progress", **now)

    def spider_opened(self, spider: Any = None) -> None:
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.every, now=True)

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.tick()
