"""jobs/queueing.py on a real Redis broker: with a broker configured, run_pending (what
`extract --pending` and the nightly cycle call) queues the filings instead of reading them
here, waits for a worker and counts what it did; with no worker it reports what is still
queued when the wait runs out."""

from __future__ import annotations

import os
import signal
import uuid
from pathlib import Path

import pytest
import redis
from support.filings import corpus_pdfs, store_fetched
from support.workers import start_worker

import store
from jobs import run_pending
from jobs.extraction_status import queue_depth
from jobs.queueing import batch_size, enqueue

REDIS_DB = 13


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch):
    queue = f"fw-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("FILINGWATCH_BROKER_URL", f"redis://127.0.0.1:6379/{REDIS_DB}")
    monkeypatch.setenv("FILINGWATCH_QUEUE", queue)
    monkeypatch.setenv("FILINGWATCH_QUEUE_WAIT_SECONDS", "1.5")
    yield queue
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    client.delete(queue)
    client.close()


def test_jobs_queueing_pending_filings_go_to_the_queue(broker, db_engine, add_announcement, caplog):
    ids = [add_announcement(status="fetched", file_path=f"/f/{n}.pdf") for n in range(3)]
    summary = run_pending(db_engine)
    assert "no worker answers on the queue yet" in caplog.text
    assert (summary.total, summary.extracted, summary.queued) == (3, 0, 3)
    assert "3 still queued" in summary.line()
    assert queue_depth() == 3
    assert [r.id for r in store.pending_extraction(db_engine)] == ids  # nothing read here


def test_jobs_queueing_small_runs_one_filing_a_task_the_archive_in_batches(broker) -> None:
    assert [batch_size(n) for n in (1, 300, 5000, 3_500_000)] == [1, 1, 2, 25]
    assert enqueue([1, 2, 3, 4, 5], per_task=2) == 3
    assert queue_depth() == 3


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_jobs_queueing_waits_for_a_worker_and_counts_its_work(
    broker, db_url: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("FILINGWATCH_QUEUE_WAIT_SECONDS", "120")
    engine = store.make_engine(db_url)
    pdfs = corpus_pdfs(tmp_path, 3)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 nothing")
    ids = store_fetched(engine, [*pdfs, tmp_path / "bad.pdf"])
    env = {k: v for k, v in os.environ.items() if k.startswith("FILINGWATCH_")}
    worker = start_worker(env, db_url, "waits", tmp_path / "worker.log")
    try:
        summary = run_pending(engine)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    assert (summary.total, summary.extracted, summary.failed, summary.queued) == (4, 3, 1, 0)
    assert summary.failures[0][0] == ids[-1]
    assert store.pending_extraction(engine) == []
    engine.dispose()
