"""jobs/tasks.py on a real Redis broker and a real PostgreSQL database: Celery workers in
subprocesses extract a set of fetched filings, two to a task, while one worker is SIGKILLed
mid-task; every filing ends extracted once (saved by one worker), with the facts a
single-process run stores, and no failures."""

from __future__ import annotations

import os
import re
import signal
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis
from support.filings import corpus_pdfs, facts_by_filing, store_fetched
from support.workers import start_worker

import store
from jobs import run_pending
from jobs.queueing import enqueue

ROOT = Path(__file__).resolve().parent.parent
REDIS_DB = 13  # a db of its own; the queue name is unique per test run
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return corpus_pdfs(tmp_path_factory.mktemp("celery"), 12)


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The settings a worker and the enqueuing side share; the queue is deleted afterwards."""
    queue = f"fw-test-{uuid.uuid4().hex[:8]}"
    env = {
        "FILINGWATCH_BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "FILINGWATCH_QUEUE": queue,
        "FILINGWATCH_VISIBILITY_TIMEOUT": "4",
        "FILINGWATCH_CLAIM_LEASE_SECONDS": "3",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    yield env
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    client.delete(queue)
    client.close()


def _wait(condition, seconds: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _saved_per_filing(*logs: Path) -> Counter:
    saved = Counter()
    for log in logs:
        saved.update(re.findall(r"filing (\d+): saved", log.read_text()))
    return saved


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_jobs_tasks_sigkilled_worker_loses_and_duplicates_nothing(
    pdfs, broker, db_url: str, tmp_path: Path
) -> None:
    engine = store.make_engine(db_url)
    ids = store_fetched(engine, pdfs)
    enqueue(ids, per_task=2)  # a killed task's first filing may be saved, its second not
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start_worker(broker, db_url, "first", first_log)
    try:
        # mid-task: the first worker saved a filing and holds a claim on one it has not saved
        def mid_task() -> bool:
            some_saved = len(store.pending_extraction(engine)) < len(ids)
            return some_saved and bool(store.extraction_activity(engine).holders)

        _wait(mid_task, 120, "the first worker's claim after a save")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        pending = {r.id for r in store.pending_extraction(engine)}
        assert pending, "the kill came after the last filing"
        second = start_worker(broker, db_url, "second", second_log)
        try:
            _wait(lambda: not store.pending_extraction(engine), 180, "every filing extracted")
            _wait(lambda: not store.extraction_activity(engine).holders, 30, "claims ended")
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    saved = _saved_per_filing(first_log, second_log)
    # the killed worker may have committed a save and died before logging it: what the
    # database held at the kill counts as saved by it
    before_kill = {str(i) for i in ids if i not in pending}
    assert set(saved) | before_kill == {str(i) for i in ids}, "a filing saved by no worker"
    assert set(saved.values()) == {1}, f"a filing saved twice: {saved}"
    assert 0 < len(pending) < len(ids)
    assert all(re.search(rf"filing {i}: saved", second_log.read_text()) for i in pending)
    facts = facts_by_filing(engine)
    engine.dispose()

    single = store.make_engine(f"sqlite:///{tmp_path / 'single.db'}")
    store.upgrade(single)
    store_fetched(single, pdfs)
    run_pending(single, workers=1, use_broker=False)
    expected = facts_by_filing(single)
    single.dispose()
    assert facts == expected
    assert {status for status, attempts, _, _ in facts.values()} == {"extracted"}


def test_jobs_tasks_a_filing_that_kills_its_readers_is_failed_not_passed_on(db_engine, pdfs):
    """Two workers died holding the filing (their claims lapsed and were taken over): the
    third does not read it again but records why, as the local pool does after one retry."""
    from jobs.tasks import MAX_TAKEOVERS, extract_one

    (filing,) = store_fetched(db_engine, pdfs[:1])
    for holder in ("dead-1", "dead-2")[:MAX_TAKEOVERS]:
        assert store.claim_extraction(db_engine, [filing], holder, 0.05) == [filing]
        time.sleep(0.1)
    assert extract_one(db_engine, filing) == "saved"
    assert store.extraction_states(db_engine, [filing]) == {filing: ("failed", None)}
    [(news_id, reason)] = store.extraction_activity(db_engine).recent_failures
    assert reason == "worker process died while reading this document (2 times)"
    assert extract_one(db_engine, filing) == "done"  # a late duplicate delivery
