"""Extraction on Celery workers, from the caller's side: queue one task per filing, then wait
until the workers have done them (or the wait runs out) and count the outcome from the store.

Why wait: `extract --pending` reports what it extracted, and the nightly cycle pairs editions
and matches alerts on the facts; both need the workers' results, not only the sending.
Queueing a filing twice (two callers at once) is harmless: its claim lets one task read it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import store
from jobs.batch import BatchSummary, Progress
from jobs.worker import Outcome
from store import settings as env

if TYPE_CHECKING:
    from store.engine import Engine

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0
WINDOW = 500


class BrokerError(RuntimeError):
    """The broker cannot take the tasks; the message is one line with the fix."""


def broker_configured() -> bool:
    return bool(env.get("FILINGWATCH_BROKER_URL"))


def wait_seconds() -> float:
    return env.get_float("FILINGWATCH_QUEUE_WAIT_SECONDS")


def batch_size(filings: int) -> int:
    """Filings per task: one while a run is small (the nightly cycle: spread over every
    worker), up to 25 for a full-archive reprocess (fewer, smaller broker messages)."""
    return max(1, min(25, filings // 2000))


def enqueue(ids: list[int], older_than: int | None = None, per_task: int | None = None) -> int:
    """Send the filings to the queue, `per_task` (default `batch_size`) to a task; returns
    how many tasks were sent."""
    from jobs.celery_app import TASK_NAME, current_app, queue_name

    per_task = per_task or batch_size(len(ids))
    batches = [ids[i : i + per_task] for i in range(0, len(ids), per_task)]
    app = current_app()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=2, interval_start=0.2)
            with app.producer_or_acquire() as producer:
                for batch in batches:
                    app.send_task(
                        TASK_NAME, args=[batch, older_than], queue=queue_name(),
                        producer=producer,
                    )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - kombu's and redis' errors vary by transport
        from store import shown_url

        raise BrokerError(
            f"cannot queue tasks on the broker {shown_url(app.conf.broker_url or '')}: "
            f"{type(exc).__name__}: {exc}; start it, or unset FILINGWATCH_BROKER_URL to "
            "extract on this machine"
        ) from exc
    return len(batches)


def run_on_workers(
    engine: Engine,
    rows: list[store.ToExtract],
    older_than: int | None,
    progress: Progress | None = None,
    wait: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> BatchSummary:
    """Queue `rows` for the workers; wait up to `wait` seconds (FILINGWATCH_QUEUE_WAIT_SECONDS
    by default) for them; the summary's `queued` counts those not done when it ended."""
    started = time.perf_counter()
    ids = [r.id for r in rows]
    enqueue(ids, older_than)
    wait = wait_seconds() if wait is None else wait
    if ids and wait > 0 and not _workers_answer():
        log.warning(
            "no worker answers on the queue yet: start `filingwatch worker` on a machine that "
            "reaches the database, the broker and the files; waiting up to %g s",
            wait,
        )
    summary = BatchSummary(total=len(ids), on_workers=True)
    open_ids = list(ids)  # in queue order: the workers take them roughly in this order
    deadline = time.monotonic() + wait
    advanced = False  # the whole window was done: look at the next one at once
    while open_ids and wait > 0 and time.monotonic() < deadline:
        if not advanced:
            sleep(POLL_SECONDS)
        # Look at the oldest open filings only: one small query a poll, whatever the run's size.
        window = open_ids[:WINDOW]
        states = store.extraction_states(engine, window)
        finished = set()
        for announcement_id in window:
            status, version = states.get(announcement_id, ("deleted", None))
            if status != "deleted" and not _done(status, version, older_than):
                continue
            finished.add(announcement_id)
            if status == "deleted":  # deleted meanwhile: nothing to wait for
                continue
            _count(summary, announcement_id, status, version, older_than)
            if progress is not None:
                reason = None if status == store.Status.extracted.value else "failed"
                done = len(ids) - len(open_ids) + len(finished)
                progress(done, len(ids), Outcome(announcement_id, reason=reason))
        advanced = len(finished) == len(window)
        open_ids = [i for i in open_ids if i not in finished]
    summary.queued = len(open_ids)
    summary.seconds = time.perf_counter() - started
    return summary


def _workers_answer() -> bool:
    from jobs.extraction_status import queue_workers

    try:
        return bool(queue_workers())
    except Exception:  # noqa: BLE001 - only a hint: the wait goes on either way
        return False


def _done(status: str, version: int | None, older_than: int | None) -> bool:
    if status == store.Status.failed.value:
        return True
    if older_than is None:
        return status != store.Status.fetched.value
    return version is not None and version >= older_than


def _count(
    summary: BatchSummary, announcement_id: int, status: str, version: int | None, _: int | None
) -> None:
    if status == store.Status.failed.value:
        summary.failed += 1
        summary.failures.append((announcement_id, "failed on a worker (see filingwatch status)"))
    else:
        summary.extracted += 1
