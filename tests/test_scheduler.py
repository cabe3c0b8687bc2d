"""The scheduler: cron in Hong Kong time, the database cycle lock, real concurrent processes."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

import scheduler
import store
from store import HK, SchedulerLock

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")

# A stand-in for crawl/extract/match/deliver that takes long enough for the runs to overlap.
_SLOW_STAGES = """
import json, os, sys, time
import scheduler, store

def slow_stages(engine, base_url, options):
    started = time.time()
    time.sleep(float(os.environ.get("FW_STAGE_SECONDS", "2")))
    return {"ran_in": os.getpid(), "started": started, "ended": time.time()}

scheduler.run_stages = slow_stages
"""

_RUN_ONCE_TOGETHER = (
    _SLOW_STAGES
    + """
import pathlib
engine = store.make_engine(sys.argv[1])
store.ensure_schema(engine)
ready = pathlib.Path(sys.argv[2])
(ready / str(os.getpid())).touch()  # imported and connected: ready
while len(list(ready.iterdir())) < 2:  # start together, once both are ready
    time.sleep(0.01)
print(json.dumps(scheduler.run_cycle(engine=engine)), flush=True)
"""
)

_SCHEDULE = (
    _SLOW_STAGES
    + """
scheduler.run_schedule(sys.argv[1], schedule=sys.argv[2])
"""
)


def test_scheduler_default_schedule_is_2330_hong_kong():
    trigger = scheduler.parse_schedule(scheduler.DEFAULT_SCHEDULE)
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=HK)
    fire = trigger.get_next_fire_time(None, now)
    assert fire == dt.datetime(2026, 11, 26, 23, 30, tzinfo=HK)
    assert fire.utcoffset() == dt.timedelta(hours=8)


def test_scheduler_schedule_from_env_uses_cron_weekdays(monkeypatch):
    monkeypatch.setenv("FILINGWATCH_SCHEDULE", "0 9 * * 0")  # cron: 0 = Sunday
    trigger = scheduler.parse_schedule()
    fire = trigger.get_next_fire_time(None, dt.datetime(2026, 11, 26, 12, 0, tzinfo=HK))
    assert fire == dt.datetime(2026, 11, 29, 9, 0, tzinfo=HK)  # a Sunday
    assert fire.strftime("%A") == "Sunday"
    six = scheduler.parse_schedule("15 30 23 * * *")  # seconds first
    fire = six.get_next_fire_time(None, dt.datetime(2026, 11, 26, 12, 0, tzinfo=HK))
    assert fire == dt.datetime(2026, 11, 26, 23, 30, 15, tzinfo=HK)
    with pytest.raises(ValueError):
        scheduler.parse_schedule("30 23 *")


def test_scheduler_cycle_lock_is_exclusive_and_released(db_engine):
    with scheduler.cycle_lock(db_engine) as first:
        assert first is True
        with scheduler.cycle_lock(db_engine) as second:
            assert second is False
        assert scheduler.run_cycle(engine=db_engine) == {"status": scheduler.SKIPPED}
    with scheduler.cycle_lock(db_engine) as again:
        assert again is True
    if db_engine.dialect.name == "sqlite":
        with store.session(db_engine) as s:
            assert s.exec(select(SchedulerLock)).all() == []


def test_scheduler_a_failing_stage_does_not_stop_the_cycle(sqlite_engine, monkeypatch):
    def broken_crawl(engine, base_url, options):
        raise ConnectionError("exchange unreachable")

    calls: list[str] = []
    monkeypatch.setattr(scheduler, "_crawl", broken_crawl)
    monkeypatch.setattr(scheduler, "_extract", lambda engine: calls.append("extract") or 0)
    result = scheduler.run_cycle(engine=sqlite_engine)
    assert result["status"] == "failed"  # the crawl is the stage that failed
    assert result["errors"] == ["crawl: ConnectionError: exchange unreachable"]
    assert calls == ["extract"]
    assert result["matched"] == 0 and result["delivered"] == 0


def test_scheduler_two_processes_run_the_cycle_once(sqlite_engine, tmp_path):
    """Two real processes start a cycle at the same instant; one runs it, one is turned away.

    (SQLite's lock row here; PostgreSQL's advisory lock is exercised by the scheduler test.)
    """
    db_url = sqlite_engine.url.render_as_string(hide_password=False)
    ready = tmp_path / "ready"
    ready.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RUN_ONCE_TOGETHER, db_url, str(ready)],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(ENV, FW_STAGE_SECONDS="1"),
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0
        results.append(json.loads(out.strip().splitlines()[-1]))
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["ok", scheduler.SKIPPED], results


def test_scheduler_two_schedulers_at_once_on_postgresql_run_once(pg_url):
    """Two `filingwatch schedule` processes, one job store, firing every 2 s: each firing runs
    one cycle, and no two cycles ever overlap."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SCHEDULE, pg_url, "*/2 * * * * *"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(ENV, FW_STAGE_SECONDS="1"),
        )
        for _ in range(2)
    ]
    lines: list[str] = []
    readers = [
        threading.Thread(target=lambda p=p: lines.extend(p.stdout), daemon=True) for p in procs
    ]
    for r in readers:
        r.start()
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if sum("'status': 'ok'" in line for line in lines) >= 2:
                break
            time.sleep(0.1)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=20)
        for r in readers:
            r.join(5)
    text = "".join(lines)
    assert all(p.returncode == 0 for p in procs), text
    assert text.count("scheduler started; next cycle at") == 2, text
    assert text.count("scheduler stopped") == 2, text
    runs = [
        ast.literal_eval(line.split("cycle: ", 1)[1])
        for line in lines
        if line.startswith("cycle: ") and "'status': 'ok'" in line
    ]
    assert len(runs) >= 2, text
    slots = [round(r["started"] / 2) for r in runs]
    assert len(slots) == len(set(slots)), text  # one cycle per firing
    spans = sorted((r["started"], r["ended"]) for r in runs)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), text  # no overlap


def test_scheduler_failed_crawl_fails_the_cycle_and_notifies_the_operator(
    replica_faults, sqlite_engine, tmp_path, monkeypatch
):
    """The exchange answers 500 to every search: the cycle is `failed`, says which days were
    not read, the later stages still run, and the operator gets one e-mail (a real SMTP
    server) and one signed webhook (a real HTTP receiver) saying so."""
    from alerts_helpers import SmtpSink, WebhookReceiver, webhook_json

    from alerts.webhook import verify
    from crawler.settings import FAST_TEST_SETTINGS

    replica_faults.add_fault(r"titleSearchServlet\.do", "500")
    options = {"rate": 0, "settings": FAST_TEST_SETTINGS, "files_dir": str(tmp_path / "files"),
               "log_level": "WARNING"}  # fmt: skip
    with SmtpSink() as sink, WebhookReceiver() as hook:
        for key, value in sink.env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("FILINGWATCH_OPERATOR_EMAIL", "ops@filingwatch.test")
        monkeypatch.setenv("FILINGWATCH_OPERATOR_WEBHOOK", hook.url)
        monkeypatch.setenv("FILINGWATCH_OPERATOR_WEBHOOK_SECRET", "ops-secret")
        result = scheduler.run_cycle(replica_faults.url, sqlite_engine, crawl_options=options)
        messages, received = list(sink.messages), list(hook.received)

    crawl = result["crawl"]
    assert result["status"] == "failed"
    assert crawl["status"] == "failed" and "HTTP 500 after 2 retries" in crawl["error"]
    assert crawl["unfinished"] == [f"{crawl['window_from']}..{crawl['window_to']}"]
    assert result["errors"][0].startswith("crawl failed: not read: ")
    assert result["matched"] == 0 and result["delivered"] == 0  # later stages ran
    assert result["operator_notified"] == [
        "email ops@filingwatch.test: sent", f"webhook {hook.url}: sent"
    ]  # fmt: skip
    (mail,) = messages
    assert mail["To"] == "ops@filingwatch.test"
    assert mail["Subject"].startswith(f"filingwatch: crawl failed (crawl run {crawl['run_id']}")
    text = mail.get_content()
    assert f"Not read: {crawl['unfinished'][0]}" in text and "HTTP 500" in text
    ((headers, body),) = received
    stamp = headers.get("X-Filingwatch-Timestamp")
    assert verify("ops-secret", body, headers.get("X-Filingwatch-Signature"), stamp)
    payload = webhook_json(body)
    assert payload["event"] == "cycle_failed" and payload["status"] == "failed"
    assert payload["crawl"]["unfinished"] == crawl["unfinished"]
    assert payload["crawl"]["complete_through"] < crawl["window_from"]
