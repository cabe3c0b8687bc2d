"""Extract stored announcements in a process pool; only this (parent) process writes the db.

`run_pending` takes every Announcement with status `fetched`; `reprocess` takes those extracted
by an older EXTRACTOR_VERSION, from their stored files (no crawling). Each document runs in a
worker with a time and memory limit (jobs/worker.py); a failure is stored with its one-line
reason via `store.record_failure` and the batch goes on. A worker that dies outright (a hard
crash) breaks the pool: the pool is rebuilt and its unfinished documents retried once, then
failed. Every read and write is a store function (store/extraction_queue.py).

A batch claims its filings first (store/extraction_claims.py, kept alive by jobs/claims.py):
two batches started at once, or a batch beside Celery workers (jobs/tasks.py), each read a
filing the other has not taken, and a result is saved only while its claim is held.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import store
from extract import EXTRACTOR_VERSION, Extraction, max_pages_for, review_reason
from jobs.claims import heartbeat, holder_name, lease_seconds
from jobs.filesets import Gatherer, announcement_files
from jobs.worker import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIME_LIMIT,
    Job,
    Outcome,
    init_worker,
    run_job,
)
from store.wording import plural

if TYPE_CHECKING:
    from store.engine import Engine

log = logging.getLogger(__name__)
Progress = Callable[[int, int, "Outcome"], None]


@dataclass
class BatchSummary:
    total: int = 0
    extracted: int = 0
    failed: int = 0
    flagged: int = 0
    skipped: int = 0  # taken by another batch or worker
    queued: int = 0  # sent to Celery workers, not yet done when the wait ended
    on_workers: bool = False  # extracted by Celery workers (jobs/queueing.py)
    pages: int = 0
    seconds: float = 0.0
    failures: list[tuple[int, str]] = field(default_factory=list)

    def line(self) -> str:
        rate = self.total / self.seconds if self.seconds else 0.0
        # on workers the pages and flags are counted by them, not here
        flagged = "" if self.on_workers else f" ({self.flagged} flagged for review)"
        pages = "" if self.on_workers else f"{plural(self.pages, 'page')} "
        where = " on workers" if self.on_workers else ""
        return (
            f"{plural(self.total, 'document')}: {self.extracted} extracted{flagged}, "
            f"{self.failed} failed; {pages}in {self.seconds:.1f} s{where} ({rate:.1f} docs/s)"
            + (f"; {self.skipped} taken by another worker" if self.skipped else "")
            + (f"; {self.queued} still queued" if self.queued else "")
        )


@dataclass
class Listing:
    headline: str
    title: str


def run_pending(
    engine: Engine,
    workers: int = 2,
    progress: Progress | None = None,
    *,
    limit: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    use_broker: bool | None = None,
) -> BatchSummary:
    """Extract every announcement whose file is fetched; returns the batch's counts.

    With a broker (FILINGWATCH_BROKER_URL, or `use_broker`) the filings are queued for Celery
    workers (jobs/queueing.py) and this waits for them; else a local process pool reads them."""
    rows = store.pending_extraction(engine, limit)
    if _on_workers(use_broker):
        from jobs.queueing import run_on_workers

        return run_on_workers(engine, rows, None, progress)
    return _run(engine, rows, None, workers, progress, time_limit, memory_mb)


def reprocess(
    engine: Engine,
    workers: int = 2,
    progress: Progress | None = None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    use_broker: bool | None = None,
) -> BatchSummary:
    """Re-extract announcements extracted by an older extractor, from their stored files
    (on Celery workers when a broker is configured, as `run_pending`)."""
    rows = store.outdated_extraction(engine, EXTRACTOR_VERSION)
    if _on_workers(use_broker):
        from jobs.queueing import run_on_workers

        return run_on_workers(engine, rows, EXTRACTOR_VERSION, progress)
    return _run(engine, rows, EXTRACTOR_VERSION, workers, progress, time_limit, memory_mb)


def _on_workers(use_broker: bool | None) -> bool:
    if use_broker is not None:
        return use_broker
    from jobs.queueing import broker_configured

    return broker_configured()


def _run(
    engine: Engine,
    rows: list[store.ToExtract],
    older_than: int | None,
    workers: int,
    progress: Progress | None,
    time_limit: float,
    memory_mb: int | None,
) -> BatchSummary:
    started = time.perf_counter()
    holder = holder_name("batch")
    lease = lease_seconds()
    with heartbeat(engine, holder, lease):
        claimed = set(
            store.claim_extraction(
                engine, [r.id for r in rows], holder, lease, older_than=older_than
            )
        )
        summary = BatchSummary(skipped=len(rows) - len(claimed))
        _extract_claimed(
            engine, [r for r in rows if r.id in claimed], holder, summary, workers, progress,
            time_limit, memory_mb,
        )  # fmt: skip
    summary.seconds = time.perf_counter() - started
    return summary


def _extract_claimed(
    engine: Engine,
    rows: list[store.ToExtract],
    holder: str,
    summary: BatchSummary,
    workers: int,
    progress: Progress | None,
    time_limit: float,
    memory_mb: int | None,
) -> None:
    jobs: list[Job] = []
    meta: dict[int, Listing] = {}
    gather = Gatherer()
    for row in rows:
        if not row.file_path:
            _fail(engine, row.id, "no stored file for this announcement", summary, holder)
            continue
        meta[row.id] = Listing(row.headline, row.title)
        max_pages = max_pages_for(row.headline, row.title)
        files = gather.expect(row.id, announcement_files(row))
        jobs += [Job(row.id, f.path, max_pages, part=f.part) for f in files]
    summary.total = len(meta) + summary.failed
    done = summary.failed
    for part_outcome in _outcomes(jobs, workers, time_limit, memory_mb):
        outcome = gather.add(part_outcome)  # a Multi-Files filing's files, combined
        if outcome is None:
            continue
        save_outcome(engine, outcome, meta[outcome.announcement_id], summary, holder)
        done += 1
        if progress is not None:
            progress(done, summary.total, outcome)


def _outcomes(jobs: list[Job], workers: int, time_limit: float, memory_mb: int | None):  # noqa: ANN202
    """Yield an Outcome per job, in completion order, surviving dead workers."""
    tries: dict[tuple[int, int], int] = {}
    pending = list(jobs)
    ctx = _context()
    while pending:
        with ProcessPoolExecutor(
            max_workers=max(1, workers),
            mp_context=ctx,
            initializer=init_worker,
            initargs=(memory_mb, os.getpid()),
        ) as pool:
            futures: dict[Future, Job] = {pool.submit(run_job, j, time_limit): j for j in pending}
            pending = []
            broken = False
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for fut in finished:
                    job = futures[fut]
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        key = (job.announcement_id, job.part)
                        tries[key] = tries.get(key, 0) + 1
                        if tries[key] >= 2:
                            yield Outcome(
                                job.announcement_id,
                                reason="worker process died while reading this document",
                                part=job.part,
                            )
                        else:
                            pending.append(job)
                    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                        reason = f"worker error: {exc!r}"[:300]
                        yield Outcome(job.announcement_id, reason=reason, part=job.part)
            if broken:
                log.warning("a worker died; retrying %d documents in a new pool", len(pending))


def run_files(
    paths: list[str],
    workers: int = 2,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    max_pages: int | None = None,
):  # noqa: ANN201 - an iterator of Outcome
    """Extract files without a database (bench/extract.py); Outcomes in completion order,
    `announcement_id` being the path's index."""
    jobs = [Job(i, str(p), max_pages) for i, p in enumerate(paths)]
    return _outcomes(jobs, workers, time_limit, memory_mb)


def run_file(
    path: str,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Outcome:
    """Extract one file in a worker process under the batch's time and memory limits
    (`filingwatch extract PATH`): a runaway document costs a one-line reason, not the caller."""
    return next(run_files([path], 1, time_limit=time_limit, memory_mb=memory_mb))


def _context() -> mp.context.BaseContext:
    """Workers fork from a forkserver that has built the pipeline (jobs/warm.py): a clean
    process (no inherited db connections) that starts in milliseconds. Spawn where there is
    no forkserver."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["jobs.warm"])
        return ctx
    return mp.get_context("spawn")


def save_outcome(
    engine: Engine,
    outcome: Outcome,
    meta: Listing,
    summary: BatchSummary,
    claim: str | None = None,
) -> None:
    """Save one filing's outcome (while `claim` holds, when given) and count it."""
    summary.pages += outcome.pages
    if not outcome.ok:
        _fail(engine, outcome.announcement_id, outcome.reason or "unknown failure", summary, claim)
        return
    extraction = outcome.extraction or Extraction.empty()
    reason = review_reason(extraction, meta.headline, meta.title)
    if outcome.notes:
        extraction = extraction.present(warnings=extraction.warnings + tuple(outcome.notes))
    try:
        saved = store.record_extraction(
            engine,
            outcome.announcement_id,
            extraction.to_json(),  # the store takes the contract's JSON
            text=outcome.text,
            extractor_version=EXTRACTOR_VERSION,
            review_reason=reason,
            claim=claim,
        )
    except Exception as exc:  # noqa: BLE001 - record it and go on with the batch
        log.exception("saving announcement %s failed", outcome.announcement_id)
        reason = f"could not save extraction: {exc}"[:300]
        _fail(engine, outcome.announcement_id, reason, summary, claim)
        return
    if not saved:
        summary.skipped += 1  # our claim lapsed and another worker took the filing over
        return
    summary.extracted += 1
    summary.flagged += reason is not None


def _fail(
    engine: Engine,
    announcement_id: int,
    reason: str,
    summary: BatchSummary,
    claim: str | None = None,
) -> None:
    if not store.record_failure(engine, announcement_id, reason, claim=claim):
        summary.skipped += 1
        return
    summary.failed += 1
    summary.failures.append((announcement_id, reason))
