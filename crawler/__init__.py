"""The HKEXnews crawler (Scrapy). Public API: `run_crawl`, which runs one crawl in a child
process and returns its CrawlRun summary (a `CrawlSummary` dict)."""

from crawler.runner import CrawlSummary, run_crawl

__all__ = ["CrawlSummary", "run_crawl"]
