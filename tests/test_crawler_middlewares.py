"""crawler.middlewares: back-off that honours Retry-After and retries the soft throttle."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from scrapy import Spider
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import BackoffRetryMiddleware, parse_retry_after
from crawler.settings import FAST_TEST_SETTINGS


def make_middleware(**settings):
    crawler = get_crawler(Spider, {**FAST_TEST_SETTINGS, **settings})
    crawler.spider = crawler._create_spider("test")
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_middlewares_parse_retry_after_seconds_and_dates() -> None:
    now = datetime(2026, 1, 1, 0, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Thu, 01 Jan 2026 00:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 31 Dec 2025 00:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after("") is None


def test_middlewares_retry_after_is_honoured_and_capped() -> None:
    mw = make_middleware(FILINGWATCH_RETRY_AFTER_MAX=5.0)
    retry = Request("http://x/a", meta={"retry_times": 1})
    soon = Response("http://x/a", status=429, headers={"Retry-After": "2"})
    late = Response("http://x/a", status=429, headers={"Retry-After": "99"})
    assert mw.delay_for(retry, soon) == 2 and mw.delay_for(retry, late) == 5


def test_middlewares_exponential_backoff_without_header() -> None:
    mw = make_middleware(FILINGWATCH_BACKOFF_BASE=1.0, FILINGWATCH_BACKOFF_MAX=3.0)
    first = mw.delay_for(Request("http://x", meta={"retry_times": 1}), None)
    third = mw.delay_for(Request("http://x", meta={"retry_times": 3}), None)
    assert 0.75 <= first <= 1.25 and 2.25 <= third <= 3.75


def test_middlewares_empty_200_and_503_are_retried_then_given_up() -> None:
    mw = make_middleware(RETRY_TIMES=1)
    request = Request("http://x/search")
    empty = Response(request.url, status=200, body=b"", request=request)
    retried = asyncio.run(mw.process_response(request, empty))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
    again = asyncio.run(mw.process_response(retried, empty))
    assert again is empty  # retries exhausted: the spider sees the empty page and reports it
    ok = Response(request.url, status=200, body=b"{}", request=request)
    assert asyncio.run(mw.process_response(request, ok)) is ok
    busy = Response(request.url, status=503, request=request)
    assert isinstance(asyncio.run(mw.process_response(request, busy)), Request)


def test_middlewares_retry_after_holds_the_whole_site_when_polite() -> None:
    from types import SimpleNamespace

    mw = make_middleware(FILINGWATCH_RETRY_AFTER_MAX=60.0)
    polite, eager = SimpleNamespace(delay=1.0, lastseen=0.0), SimpleNamespace(delay=0, lastseen=0.0)
    mw.crawler.engine = SimpleNamespace(downloader=SimpleNamespace(slots={"a": polite, "b": eager}))
    mw._hold_slot(Request("http://a/x", meta={"download_slot": "a"}), 30.0)
    mw._hold_slot(Request("http://b/x", meta={"download_slot": "b"}), 30.0)
    assert polite.lastseen >= time.monotonic() + 29 and eager.lastseen == 0.0
