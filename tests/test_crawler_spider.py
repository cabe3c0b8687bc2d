"""The spider on saved answers (no network): paging, splitting, quiet days vs silent zeros."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.items import AnnouncementItem
from crawler.query import Query
from crawler.settings import FAST_TEST_SETTINGS
from crawler.spiders.hkexnews import HkexnewsSpider
from crawler.windows import Window

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hkexnews"
BASE = "http://127.0.0.1:9"


def make_spider(**kwargs) -> HkexnewsSpider:
    crawler = get_crawler(HkexnewsSpider, dict(FAST_TEST_SETTINGS))
    kwargs.setdefault("date_from", "2026-08-01")
    kwargs.setdefault("date_to", "2026-08-31")
    spider = crawler._create_spider(base_url=BASE, **kwargs)
    crawler.spider = spider
    return spider


def answer(spider, query: Query, body: bytes | str, row_range: int = 0) -> list:
    request = Request(query.url(BASE, row_range or 1000), cb_kwargs={"query": query})
    response = TextResponse(request.url, body=body, encoding="utf-8", request=request)
    return list(spider.parse_search(response, query, row_range))


def envelope(rows: list[dict], *, record_count: int | None = None, has_next: bool = False,
             row_range: int = 1000) -> str:  # fmt: skip
    return json.dumps({
        "result": json.dumps(rows) if rows else "null", "hasNextRow": has_next,
        "rowRange": row_range, "lang": "E", "loadedRecord": len(rows),
        "recordCnt": len(rows) if record_count is None else record_count,
    })  # fmt: skip


def rows(count: int, start: int = 1) -> list[dict]:
    return [
        {"NEWS_ID": str(12000000 + i), "DATE_TIME": "05/08/2026 17:00", "STOCK_CODE": "03888",
         "STOCK_NAME": "KINGSOFT", "TITLE": f"T{i}", "FILE_TYPE": "PDF", "FILE_INFO": "1KB",
         "LONG_TEXT": "Announcements and Notices - [Other]",
         "FILE_LINK": f"/listedco/listconews/sehk/2026/0805/2026080500{i:03d}.pdf"}
        for i in range(start, start + count)
    ]  # fmt: skip


def params(request: Request) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))


MONTH = Query(Window(date(2026, 8, 1), date(2026, 8, 31)), "en")
DAY = Query(Window(date(2026, 8, 2), date(2026, 8, 2)), "en")


def test_spider_yields_items_from_saved_page() -> None:
    spider = make_spider()
    out = answer(spider, MONTH, (FIXTURES / "search_en.json").read_bytes())
    assert len(out) == 6 and all(isinstance(x, AnnouncementItem) for x in out)
    assert spider.errors == []


def test_spider_grows_row_range_and_dedupes_by_news_id() -> None:
    spider = make_spider()
    first = answer(spider, MONTH, envelope(rows(3), record_count=5, has_next=True, row_range=3))
    items = [x for x in first if isinstance(x, AnnouncementItem)]
    (follow,) = [x for x in first if isinstance(x, Request)]
    assert len(items) == 3 and int(params(follow)["rowRange"]) >= 5
    # the bigger answer starts from the first row again (cumulative): only 2 are new
    second = answer(spider, MONTH, envelope(rows(5), row_range=105))
    assert [x.news_id for x in second] == ["12000004", "12000005"]


def test_spider_halves_window_over_row_cap() -> None:
    spider = make_spider()
    out = answer(spider, MONTH, envelope(rows(2), record_count=11_353, has_next=True))
    assert [(params(r)["fromDate"], params(r)["toDate"]) for r in out] == [
        ("20260801", "20260815"), ("20260816", "20260831"),
    ]  # fmt: skip


def test_spider_one_day_over_cap_is_an_error() -> None:
    spider = make_spider()
    out = answer(spider, DAY, envelope(rows(2), record_count=12_000, has_next=True,
                                       row_range=10_000))  # fmt: skip
    assert len(out) == 2 and "stops at 10000 rows in one day" in spider.errors[0]


def test_spider_server_clamping_below_what_was_asked_splits_instead_of_looping() -> None:
    spider = make_spider()
    body = envelope(rows(3), record_count=50, has_next=True, row_range=3)
    out = answer(spider, MONTH, body, row_range=500)  # asked 500, served 3: a lower clamp
    requests = [x for x in out if isinstance(x, Request)]
    assert [params(r)["toDate"] for r in requests] == ["20260815", "20260831"]
    day = answer(make_spider(), DAY, body, row_range=500)
    assert not [x for x in day if isinstance(x, Request)]


def test_spider_null_one_day_is_a_quiet_day() -> None:
    spider = make_spider()
    assert answer(spider, DAY, (FIXTURES / "search_null.json").read_bytes()) == []
    assert spider.errors == []
    assert spider.crawler.stats.get_value("filingwatch/quiet_windows") == 1


def test_spider_null_multi_day_market_wide_is_halved_not_believed() -> None:
    spider = make_spider()
    out = answer(spider, MONTH, (FIXTURES / "search_null.json").read_bytes())
    assert len(out) == 2 and all(isinstance(r, Request) for r in out)


def test_spider_null_for_a_filtered_window_is_quiet() -> None:
    spider = make_spider()
    query = Query(MONTH.window, "en", t1code="10000", t2code="11300")
    assert answer(spider, query, (FIXTURES / "search_null.json").read_bytes()) == []
    assert spider.errors == []


@pytest.mark.parametrize(
    ("name", "words"),
    [("search_malformed.txt", "malformed results page"), ("search_truncated.txt", "malformed")],
)
def test_spider_malformed_page_is_an_error_for_the_run(name, words) -> None:
    spider = make_spider()
    assert answer(spider, MONTH, (FIXTURES / name).read_bytes()) == []
    assert words in spider.errors[0] and "2026-08-01..2026-08-31" in spider.errors[0]


def test_spider_empty_body_after_retries_is_an_error() -> None:
    spider = make_spider()
    assert answer(spider, DAY, b"") == []
    assert "soft throttling" in spider.errors[0]


def test_spider_page_promising_rows_but_empty_is_retried() -> None:
    spider = make_spider()
    (retry,) = answer(spider, DAY, envelope([], record_count=4))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1


def test_spider_unreadable_rows_fail_the_run() -> None:
    spider = make_spider()
    answer(spider, MONTH, (FIXTURES / "search_bad_rows.json").read_bytes())
    assert len(spider.errors) == 2


def test_spider_silent_zero_for_a_past_market_wide_week() -> None:
    spider = make_spider(date_from="2026-08-01", date_to="2026-08-07")
    spider.closed("finished")
    assert "silent zero" in spider.errors[0]
    filtered = make_spider(date_from="2026-08-01", date_to="2026-08-07", stock_codes=["700"])
    filtered.closed("finished")
    assert filtered.errors == []


def failed(request: Request, error: Exception) -> Failure:
    """What Scrapy hands an errback: the failure, with the request attached."""
    failure = Failure(error)
    failure.request = request
    return failure


def test_spider_every_request_has_an_errback() -> None:
    import asyncio

    async def first_requests(spider: HkexnewsSpider) -> list[Request]:
        return [request async for request in spider.start()]

    spider, filtered = make_spider(lang="both"), make_spider(stock_codes=["700"])
    market = asyncio.run(first_requests(spider))
    stocks = asyncio.run(first_requests(filtered))
    assert market and all(r.errback == spider.search_failed for r in market)
    assert stocks and all(r.errback == filtered.lookup_failed for r in stocks)
    follow = answer(spider, MONTH, (FIXTURES / "search_null.json").read_bytes())
    assert follow and all(r.errback == spider.search_failed for r in follow)


def test_spider_search_that_gave_up_fails_its_window() -> None:
    spider = make_spider()
    request = spider._search_request(DAY, 1000)
    request.meta["retry_times"] = 2
    response = TextResponse(request.url, status=500, body=b"", request=request)
    spider.search_failed(failed(request, HttpError(response, "Ignoring non-200 response")))
    assert spider.errors == [f"search {DAY} failed: HTTP 500 after 2 retries"]
    assert spider.failed_windows == [DAY.window]


def test_spider_refused_connection_fails_its_window_in_one_line() -> None:
    spider = make_spider()
    request = spider._search_request(MONTH, 1000)
    spider.search_failed(failed(request, ConnectionRefusedError("Connection refused\nmore")))
    assert spider.errors == [f"search {MONTH} failed: ConnectionRefusedError: Connection refused"]
    assert spider.failed_windows == [MONTH.window]


def test_spider_failed_stock_lookup_fails_the_whole_window() -> None:
    spider = make_spider(stock_codes=["700"])
    request = spider._lookup_request("00700", delisted=False)
    response = TextResponse(request.url, status=429, body=b"", request=request)
    spider.lookup_failed(failed(request, HttpError(response, "Ignoring non-200 response")))
    assert spider.errors == ["stock lookup for 00700 failed: HTTP 429"]
    assert spider.failed_windows == [spider.window]


def test_spider_malformed_page_fails_its_window_only() -> None:
    spider = make_spider()
    answer(spider, DAY, (FIXTURES / "search_malformed.txt").read_bytes())
    assert spider.failed_windows == [DAY.window]
