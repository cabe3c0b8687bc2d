"""The Celery task: extract a few filings, each exactly once in effect, on any worker.

A task claims its filing (store/extraction_claims.py), reads it in the worker process under
the batch's time and memory limits (jobs/worker.py), and saves the facts only while the claim
holds, ending the claim in the same transaction. A duplicate delivery (a redelivered task, or
the same filing queued twice) finds the filing done and returns; one that finds a live claim
of another worker retries once that claim could lapse, so a task whose worker died is never
dropped. Nothing here writes outside the store's functions.
"""

from __future__ import annotations

import logging
import threading

from celery.signals import worker_process_init

import store
from extract import max_pages_for
from jobs.batch import BatchSummary, Listing, save_outcome
from jobs.celery_app import TASK_NAME, app
from jobs.claims import heartbeat, holder_name, lease_seconds
from jobs.filesets import Gatherer, announcement_files
from jobs.worker import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, Job, Outcome, init_worker, run_job

log = logging.getLogger(__name__)

#: set by `run_worker` before the worker forks its processes (jobs/celery_worker.py)
LIMITS = {"time_limit": DEFAULT_TIME_LIMIT, "memory_mb": DEFAULT_MEMORY_MB}
_ENGINE: dict[str, store.Engine] = {}
_ENGINE_LOCK = threading.Lock()

#: what `extract_one` tells its caller
DONE, SAVED, LOST, BUSY = "done", "saved", "lost", "busy"
#: a filing whose claim was taken over this often from dead workers is failed, not read again
MAX_TAKEOVERS = 2


@worker_process_init.connect
def _init_worker_process(**_: object) -> None:
    """Each worker process: die with its worker, cap its memory, build the pipeline once."""
    init_worker(LIMITS["memory_mb"] or None, None)


def engine() -> store.Engine:
    """This process's engine (made after the fork: no connection is shared across processes)."""
    with _ENGINE_LOCK:
        if "engine" not in _ENGINE:
            _ENGINE["engine"] = store.make_engine()
        return _ENGINE["engine"]


@app.task(name=TASK_NAME, bind=True, max_retries=None)
def extract_filings(self, ids: list[int], older_than: int | None = None) -> dict:  # noqa: ANN001
    """Extract the filings `ids` one after another (reprocess: only those read by a version
    < `older_than`). Each is claimed, read and saved on its own, so a task killed half-way
    and delivered again finds the first half done. Filings another live worker holds are
    retried, alone, once that claim could lapse."""
    results: dict[str, int] = {}
    busy: dict[int, float] = {}
    for announcement_id in ids:
        result = extract_one(engine(), announcement_id, older_than, LIMITS["time_limit"])
        if isinstance(result, float):  # another worker's live claim
            busy[announcement_id] = result
            result = BUSY
        results[result] = results.get(result, 0) + 1
    if busy:
        raise self.retry(args=[sorted(busy), older_than], countdown=max(busy.values()) + 1.0)
    return results


def extract_one(
    db: store.Engine,
    announcement_id: int,
    older_than: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> str | float:
    """Claim, read and save one filing. Returns "saved", "done" (nothing left to do), "lost"
    (our claim lapsed before the save; the taker saves), or the seconds until another worker's
    live claim could lapse."""
    holder = holder_name("worker")
    lease = lease_seconds()
    with heartbeat(db, holder, lease):
        if not store.claim_extraction(db, [announcement_id], holder, lease, older_than=older_than):
            wait = store.claim_lapses_in(db, announcement_id)
            log.info("filing %s: %s", announcement_id, DONE if wait is None else BUSY)
            return DONE if wait is None else wait
        row = store.extraction_input(db, announcement_id)
        summary = BatchSummary()
        meta = Listing(row.headline, row.title)
        lost = store.claim_takeovers(db, announcement_id)
        if not row.file_path:
            outcome = Outcome(row.id, reason="no stored file for this announcement")
        elif lost >= MAX_TAKEOVERS:  # it kills its readers: fail it, as the local pool does
            outcome = Outcome(
                row.id, reason=f"worker process died while reading this document ({lost} times)"
            )
        else:
            outcome = read_filing(row, time_limit)
        save_outcome(db, outcome, meta, summary, holder)
    result = LOST if summary.skipped else SAVED
    # one line per filing: which worker saved it, and where the time went (bench/scale.py)
    log.info(
        "filing %s: %s (%d pages, read %.3f s, extract %.3f s)",
        announcement_id, result, outcome.pages, outcome.read_seconds, outcome.nlp_seconds,
    )  # fmt: skip
    return result


def read_filing(row: store.ToExtract, time_limit: float = DEFAULT_TIME_LIMIT) -> Outcome:
    """Read every file of one filing in this process; one Outcome (jobs/filesets.py)."""
    gather = Gatherer()
    max_pages = max_pages_for(row.headline, row.title)
    outcome: Outcome | None = None
    for part in gather.expect(row.id, announcement_files(row)):
        outcome = gather.add(run_job(Job(row.id, part.path, max_pages, part=part.part), time_limit))
    assert outcome is not None  # the last file completes the set
    return outcome
