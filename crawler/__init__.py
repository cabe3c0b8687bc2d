"""The HKEXnews crawler (Scrapy). Public API: `run_crawl`, which runs one crawl in a child
process and returns its CrawlRun summary (a `CrawlSummary` dict).

Imported lazily: `python -m crawler.replica` and the scheduler import this package, and neither
should pay for Scrapy and the store at import time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CrawlSummary", "run_crawl"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from crawler import crawl_launcher

        return getattr(crawl_launcher, name)
    raise AttributeError(name)
