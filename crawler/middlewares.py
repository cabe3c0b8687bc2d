"""Retries with back-off that honour Retry-After, and that treat an empty 200 as a throttle.

Scrapy's RetryMiddleware re-queues a failed request at once. The exchange publishes no limit,
answers soft throttling with HTTP 200 and an empty body, and may answer 429/5xx: hammering it
again immediately is the wrong answer. This subclass waits before handing back the retry:
`Retry-After` seconds when the server says so (capped), otherwise exponential back-off with jitter.
"""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.response import response_status_message


class BackoffRetryMiddleware(RetryMiddleware):
    """Drop-in replacement for `scrapy.downloadermiddlewares.retry.RetryMiddleware`.

    Settings: RETRY_TIMES, RETRY_HTTP_CODES (as Scrapy's), FILINGWATCH_BACKOFF_BASE (seconds,
    first back-off), FILINGWATCH_BACKOFF_MAX (cap of the exponential back-off),
    FILINGWATCH_RETRY_AFTER_MAX (cap on an honoured Retry-After), FILINGWATCH_RETRY_EMPTY_BODY.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("FILINGWATCH_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("FILINGWATCH_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("FILINGWATCH_RETRY_AFTER_MAX", 300.0)
        self.retry_empty_body = settings.getbool("FILINGWATCH_RETRY_EMPTY_BODY", True)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False):
            return response
        if response.status in self.retry_http_codes:
            reason = response_status_message(response.status)
        elif self.retry_empty_body and response.status == 200 and not response.body:
            reason = "empty body (soft throttling)"
        else:
            return response
        retry = self._retry(request, reason)
        if retry is None:
            return response
        wait = self.delay_for(retry, response)
        if response.headers.get(b"Retry-After"):
            self._hold_slot(request, wait)
        await asyncio.sleep(wait)
        return retry

    def _hold_slot(self, request: Request, wait: float) -> None:
        """Retry-After speaks for the whole site: keep the download slot (every request to that
        host) idle for `wait` seconds, not just this request. Only a slot with a download delay
        waits between requests, so with politeness off only the retried request waits."""
        engine = getattr(self.crawler, "engine", None)
        slots = getattr(getattr(engine, "downloader", None), "slots", {})
        slot = slots.get(request.meta.get("download_slot"))
        if slot is not None and slot.delay:
            slot.lastseen = max(slot.lastseen, time.monotonic() + wait)

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await asyncio.sleep(self.delay_for(retry, None))
        return retry

    def delay_for(self, retry: Request, response: Response | None) -> float:
        """Seconds to wait before `retry` goes back to the scheduler."""
        if response is not None:
            header = response.headers.get(b"Retry-After")
            if header:
                seconds = parse_retry_after(header.decode("latin-1"))
                if seconds is not None:
                    return min(seconds, self.retry_after_max)
        attempt = max(int(retry.meta.get("retry_times", 1)), 1)
        backoff = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
        return backoff * random.uniform(0.75, 1.25)


def parse_retry_after(value: str, *, now: datetime | None = None) -> float | None:
    """`Retry-After: 120` or an HTTP date -> seconds from now (never negative); junk -> None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)
