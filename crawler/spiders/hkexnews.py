"""The HKEXnews title-search spider: plans queries, paginates, yields items. No parsing here.

How it tells a quiet day from a silent zero (hkexnews.md §5 pitfall 3) — the rule:

1. Windows are built so the server has no known reason to refuse them (`crawler.windows`):
   one month unfiltered, 12 months with a stock or category, categories from 2007-06-25.
2. A "null" result for a *one-day* window, or for any stock/category-filtered window, is a
   quiet period: nothing matched.
3. A "null" result for a *multi-day unfiltered* window is not believed (the whole market is
   never silent for days): the window is halved until it is one day long, and rule 2 applies.
4. A market-wide crawl of at least FILINGWATCH_SILENT_ZERO_DAYS days, all in the past, that
   finds no row at all fails the run ("silent zero"): the exchange refused us or changed.
5. A refused or broken answer — an empty body after the retries (soft throttling), a page that
   is not JSON, rows that cannot be read, a page that promises rows and holds none — is an
   error: the rest of the crawl goes on and the CrawlRun ends `failed` with the reason.
6. Every request has an outcome. A search or stock lookup that gets no usable answer once the
   retries give up (HTTP 4xx/5xx, 429, connection refused, timeout: the errback) fails too.
   Each failure names the window it leaves unread (`failed_windows`; the whole crawl window
   for a stock lookup, whose searches never ran), and the run keeps its high-water mark
   before the first of them (crawler.run_records).

Paging: `rowRange` counts from the first row and the server clamps it at 10,000, so the spider
asks again with a larger `rowRange` (deduplicating by NEWS_ID: same-minute ties may reorder) and
halves a window whose `recordCnt` exceeds the cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import Any

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import AnnouncementItem, StockRef
from crawler.parsing import (
    ROW_RANGE_CAP,
    EmptyPayload,
    PayloadError,
    normalise_stock_code,
    parse_search_page,
    parse_stock_lookup,
)
from crawler.query import Query, parse_category, plan_queries
from crawler.urls import build_stock_lookup_url, resolve_base_url
from crawler.windows import Window, today_hk

JSON_HEADERS = {"Accept": "application/json, text/javascript, */*; q=0.01"}


class HkexnewsSpider(scrapy.Spider):
    name = "hkexnews"

    def __init__(
        self,
        date_from: date | str,
        date_to: date | str,
        stock_codes: Iterable[str] = (),
        categories: Iterable[str] = (),
        lang: str = "en",
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.window = Window(_as_date(date_from), _as_date(date_to))
        self.stock_codes = [normalise_stock_code(code) for code in stock_codes]
        self.categories = [parse_category(spec) for spec in categories]
        self.lang = lang
        self.base_url = resolve_base_url(base_url)
        self.seen_ids: set[str] = set()
        self.errors: list[str] = []
        self.failed_windows: list[Window] = []  # left unread; one per error of this spider
        self.rows_seen = 0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> HkexnewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.first_row_range = settings.getint("FILINGWATCH_FIRST_ROW_RANGE", 1000)
        spider.row_margin = settings.getint("FILINGWATCH_ROW_MARGIN", 100)
        spider.silent_zero_days = settings.getint("FILINGWATCH_SILENT_ZERO_DAYS", 5)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.stock_codes:
            for code in self.stock_codes:
                yield self._lookup_request(code, delisted=False)
            return
        for query in plan_queries(self.window, lang=self.lang, categories=self.categories):
            yield self._search_request(query, self.first_row_range)

    # --- stock codes -> HKEXnews stock ids ---------------------------------------------

    def _lookup_request(self, code: str, *, delisted: bool) -> scrapy.Request:
        return scrapy.Request(
            build_stock_lookup_url(self.base_url, code, delisted=delisted),
            callback=self.parse_stock_lookup,
            errback=self.lookup_failed,
            cb_kwargs={"code": code, "delisted": delisted},
            headers=JSON_HEADERS,
            dont_filter=True,
        )

    def parse_stock_lookup(
        self, response: Response, code: str, delisted: bool
    ) -> Iterator[scrapy.Request]:
        try:
            ref = parse_stock_lookup(response.body, code)
        except PayloadError as exc:
            self._error(f"stock lookup for {code} failed: {exc}")
            ref = None
        else:
            if ref is None and not delisted:
                yield self._lookup_request(code, delisted=True)  # maybe a delisted security
                return
            if ref is None:
                self._error(f"stock code {code} is not known to HKEXnews (listed or delisted)")
        if ref is not None:
            ref = StockRef(ref.code, ref.stock_id, ref.name, category=1 if delisted else 0)
            self.logger.info("stock %s is HKEXnews stockId %s (%s)", code, ref.stock_id, ref.name)
            for query in plan_queries(
                self.window, lang=self.lang, stocks=[ref], categories=self.categories
            ):
                yield self._search_request(query, self.first_row_range)

    def lookup_failed(self, failure: Failure) -> None:
        """No answer from prefix.do once the retries gave up: the stock's searches never ran."""
        code = failure.request.cb_kwargs.get("code", "?")
        self._error(f"stock lookup for {code} failed: {failure_reason(failure)}")

    # --- title search ---------------------------------------------------------------------

    def _search_request(self, query: Query, row_range: int) -> scrapy.Request:
        return scrapy.Request(
            query.url(self.base_url, row_range),
            callback=self.parse_search,
            errback=self.search_failed,
            cb_kwargs={"query": query, "row_range": row_range},
            headers=JSON_HEADERS,
            dont_filter=True,
        )

    def parse_search(
        self, response: Response, query: Query, row_range: int = 0
    ) -> Iterator[AnnouncementItem | scrapy.Request]:
        try:
            page = parse_search_page(response.body, base_url=self.base_url, language=query.language)
        except EmptyPayload as exc:
            self._error(f"results for {query}: {exc} — gave up after retries", query.window)
            return
        except PayloadError as exc:
            self._error(f"malformed results page for {query}: {exc}", query.window)
            return
        self.crawler.stats.inc_value("filingwatch/search_pages")
        for problem in page.row_errors:
            self._error(f"results for {query}: {problem}", query.window)

        if page.null_result or not (page.items or page.row_errors):
            if page.record_count > 0:  # promises rows, holds none: a broken page
                retry = get_retry_request(
                    response.request, spider=self, reason="empty page of results"
                )
                if retry is not None:
                    yield retry
                else:
                    self._error(
                        f"results for {query}: recordCnt {page.record_count} but no rows",
                        query.window,
                    )
                return
            if page.null_result and not query.filtered and query.window.days > 1:
                self.logger.info("no rows for market-wide %s: halving to rule out a refusal", query)
                for half in query.window.halves():
                    yield self._search_request(query.with_window(half), self.first_row_range)
                return
            self.crawler.stats.inc_value("filingwatch/quiet_windows")
            return

        if page.record_count > ROW_RANGE_CAP and query.window.days > 1:
            self.logger.info(
                "%s has %d rows (> %d): halving", query, page.record_count, ROW_RANGE_CAP
            )
            for half in query.window.halves():
                yield self._search_request(query.with_window(half), self.first_row_range)
            return

        for item in page.items:
            if item.news_id in self.seen_ids:
                continue
            self.seen_ids.add(item.news_id)
            self.rows_seen += 1
            self.crawler.stats.inc_value("filingwatch/seen")
            yield item

        if page.has_next_row:
            served = page.row_range
            capped = served >= ROW_RANGE_CAP or (row_range and served < row_range)
            if capped and query.window.days > 1:  # the server gives no more rows: split
                for half in query.window.halves():
                    yield self._search_request(query.with_window(half), self.first_row_range)
                return
            if capped:
                missing = max(page.record_count - served, 0)
                self._error(
                    f"{query}: the server stops at {served} rows in one day; "
                    f"{missing} not reachable through the title search",
                    query.window,
                )
                return
            grown = max(page.record_count, served * 2) + self.row_margin
            yield self._search_request(query, min(ROW_RANGE_CAP, grown))

    def search_failed(self, failure: Failure) -> None:
        """No answer to a title search once the retries gave up: its window stays unread."""
        query: Query = failure.request.cb_kwargs["query"]
        self._error(f"search {query} failed: {failure_reason(failure)}", query.window)

    def closed(self, reason: str) -> None:
        """Rule 4 of the module docstring: a long, past, market-wide window with no row at all."""
        days = self.window.days
        if (
            self.silent_zero_days
            and not self.stock_codes
            and not self.categories
            and days >= self.silent_zero_days
            and self.window.end < today_hk()
            and self.rows_seen == 0
            and not self.errors
        ):
            self._error(
                f"silent zero: no announcement at all in the market-wide window {self.window} "
                f"({days} days); the exchange may have refused the query"
            )

    def _error(self, message: str, window: Window | None = None) -> None:
        """Record a failure and the window it leaves unread (default: the whole crawl).

        Logged at INFO: the run's summary carries every reason, and the terminal shows that
        one line rather than a line per request."""
        self.logger.info(message)
        self.errors.append(message)
        self.failed_windows.append(window or self.window)


def failure_reason(failure: Failure) -> str:
    """One line for a request that got no usable answer: `HTTP 500 after 2 retries`,
    `ConnectionRefusedError after 2 retries: Connection was refused by other side: 111`."""
    error = failure.value
    retries = failure.request.meta.get("retry_times", 0) if hasattr(failure, "request") else 0
    after = f" after {retries} retries" if retries else ""
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}{after}"
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}{after}" + (f": {text}" if text else "")


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
