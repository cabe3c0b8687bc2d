"""The HKEXnews crawler (Scrapy). Public API: `run_crawl`, which runs one crawl in a child
process and returns its CrawlRun summary as a dict."""

from crawler.runner import run_crawl

__all__ = ["run_crawl"]
