"""jobs/extraction_status.py: `filingwatch status`'s extraction lines on a real Redis broker
and on no broker: queue depth, workers (none answering), who reads what, the rate, failures."""

from __future__ import annotations

import os
import signal
import socket
import time
import uuid
from pathlib import Path

import pytest
import redis
from support.workers import start_worker

import store
from extract import Extraction
from jobs import status_lines
from jobs.extraction_status import queue_workers
from jobs.queueing import enqueue

REDIS_DB = 13


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch):
    queue = f"fw-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("FILINGWATCH_BROKER_URL", f"redis://127.0.0.1:6379/{REDIS_DB}")
    monkeypatch.setenv("FILINGWATCH_QUEUE", queue)
    yield queue
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    client.delete(queue)
    client.close()


def _filings(db_engine, add_announcement) -> list[int]:
    ids = [add_announcement(status="fetched", file_path=f"/f/{n}.pdf") for n in range(4)]
    store.record_extraction(db_engine, ids[0], Extraction.empty().to_json(), text="t",
                            extractor_version=1)  # fmt: skip
    store.record_failure(db_engine, ids[1], "corrupt PDF")
    store.claim_extraction(db_engine, ids[2:], "hostA:12:worker:abc", 60)
    return ids


def test_jobs_extraction_status_with_a_broker(broker, db_engine, add_announcement):
    ids = _filings(db_engine, add_announcement)
    enqueue(ids[2:])
    lines = status_lines(db_engine)
    assert f"queue: 2 tasks waiting in '{broker}' on redis://127.0.0.1:6379/{REDIS_DB}" in lines
    assert "workers: none answering (start one: filingwatch worker)" in lines
    assert "reading now: hostA:12:worker:abc (2)" in lines
    assert "rate: 1 extracted in the last minute, 1 in the last hour" in lines
    assert "failures: 1 failed" in lines and "  n2: corrupt PDF" in lines


def test_jobs_extraction_status_without_a_broker(monkeypatch, db_engine, add_announcement):
    monkeypatch.delenv("FILINGWATCH_BROKER_URL", raising=False)
    _filings(db_engine, add_announcement)
    lines = status_lines(db_engine)
    assert lines[0] == "extraction: a local process pool (no FILINGWATCH_BROKER_URL)"
    assert "reading now: hostA:12:worker:abc (2)" in lines


def test_jobs_extraction_status_broker_down_is_one_line(monkeypatch, db_engine):
    monkeypatch.setenv("FILINGWATCH_BROKER_URL", "redis://127.0.0.1:1/0")
    lines = status_lines(db_engine)
    assert lines[0].startswith("queue: broker redis://127.0.0.1:1/0 does not answer: ")


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_jobs_extraction_status_lists_the_workers_of_our_queue(broker, db_url, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k.startswith("FILINGWATCH_")}
    worker = start_worker(env, db_url, "status", tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 60
        while not queue_workers():
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
            time.sleep(0.5)
        engine = store.make_engine(db_url)
        lines = status_lines(engine)
        engine.dispose()
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    assert f"worker status@{socket.gethostname()}: 0 running" in lines
    assert not any(line.startswith("workers: none") for line in lines)
