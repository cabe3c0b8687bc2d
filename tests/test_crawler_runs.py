"""crawler.runs: the default window from the high-water mark, and dead runs marked interrupted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date

import store
from crawler.runs import (
    default_window,
    finish_run,
    recover_interrupted,
    run_summary,
    scope_of,
    start_run,
)
from crawler.windows import Window

TODAY = date(2026, 11, 26)
SCOPE = scope_of([], [], "en")


def test_runs_first_run_defaults_to_last_seven_days(db_engine) -> None:
    assert default_window(db_engine, SCOPE, today=TODAY) == Window(date(2026, 11, 19), TODAY)
    assert default_window(db_engine, SCOPE, date(2026, 1, 1), today=TODAY).start == date(2026, 1, 1)


def test_runs_high_water_mark_minus_one_day_from_succeeded_runs_of_same_scope(db_engine) -> None:
    ok = start_run(db_engine, Window(date(2026, 11, 1), date(2026, 11, 20)), {"scope": SCOPE}, 1)
    finish_run(db_engine, ok, "succeeded")
    failed = start_run(db_engine, Window(date(2026, 11, 20), date(2026, 11, 24)),
                       {"scope": SCOPE}, 1)  # fmt: skip
    finish_run(db_engine, failed, "failed", "boom")
    other = start_run(db_engine, Window(date(2026, 11, 20), date(2026, 11, 25)),
                      {"scope": scope_of(["00700"], [], "en")}, 1)  # fmt: skip
    finish_run(db_engine, other, "succeeded")
    assert default_window(db_engine, SCOPE, today=TODAY) == Window(date(2026, 11, 19), TODAY)
    assert run_summary(db_engine, failed)["error"] == "boom"


def test_runs_dead_running_run_is_marked_interrupted(db_engine) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    window = Window(date(2026, 11, 19), TODAY)
    killed = start_run(db_engine, window, {"scope": SCOPE}, int(dead.stdout))
    alive = start_run(db_engine, window, {"scope": SCOPE}, os.getpid())
    assert recover_interrupted(db_engine) == [killed]
    assert run_summary(db_engine, killed)["status"] == "interrupted"
    assert "died" in run_summary(db_engine, killed)["error"]
    assert run_summary(db_engine, alive)["status"] == "running"
    with store.session(db_engine) as session:
        assert session.get(store.CrawlRun, killed).params["host"] == socket.gethostname()


def test_runs_market_wide_window_reaches_back_to_failed_files(db_engine) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    with store.session(db_engine) as session:
        row, _ = store.upsert_announcement(session, {
            "news_id": "1", "stock_codes": ["00001"], "language": "en",
            "published_at": datetime(2026, 11, 2, 23, 30, tzinfo=ZoneInfo("Asia/Hong_Kong")),
        })  # fmt: skip
        store.mark_failed(session, row.id, "truncated PDF")
        session.commit()
    assert default_window(db_engine, SCOPE, today=TODAY).start == date(2026, 11, 2)
    stock_scope = scope_of(["00700"], [], "en")
    assert default_window(db_engine, stock_scope, today=TODAY).start == date(2026, 11, 19)
