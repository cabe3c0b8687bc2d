"""A Scrapy Downloader whose per-site concurrency cap holds.

Measured on Scrapy 2.19: `Downloader._process_queue` hands every queued request of a slot to a
scheduled coroutine, and a request only counts as "transferring" once that coroutine runs, so
with no download delay one pass of the loop starts all of them. FilesPipeline downloads bypass
the engine's CONCURRENT_REQUESTS check, so 100 PDF requests went to one host at once. Marking a
request transferring when it is handed out makes CONCURRENT_REQUESTS_PER_DOMAIN a real cap
(politeness) and keeps connections reused (speed).
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from scrapy.core.downloader import Downloader
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro


class BoundedDownloader(Downloader):
    def _process_queue(self, slot: Any) -> None:
        """Scrapy's loop, with `slot.transferring.add(request)` before the hand-off."""
        if slot.latercall:
            return
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # the fix: count it before its coroutine runs
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break
