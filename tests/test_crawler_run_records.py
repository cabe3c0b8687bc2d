"""crawler.run_records: the default window from the high-water mark, and dead runs marked
interrupted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date

import store
from crawler.run_records import (
    complete_through,
    default_window,
    finish_run,
    high_water_mark,
    merge_windows,
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


def test_runs_complete_through_stops_before_the_first_unread_day() -> None:
    window = Window(date(2026, 11, 20), date(2026, 11, 26))
    assert complete_through(window, []) == date(2026, 11, 26)
    later = [
        Window(date(2026, 11, 24), date(2026, 11, 24)),
        Window(date(2026, 11, 22), date(2026, 11, 23)),
    ]
    assert complete_through(window, later) == date(2026, 11, 21)
    assert complete_through(window, [window]) == date(2026, 11, 19)
    assert merge_windows(later) == [Window(date(2026, 11, 22), date(2026, 11, 24))]


def test_runs_failed_run_keeps_the_mark_before_its_unread_window(db_engine) -> None:
    """Night 1 reads 20..22; night 2 (21..25) cannot read 23..25; night 3 starts from 21 again
    and fills the gap; a run that starts beyond the mark (a gap before it) never moves it."""

    def run(start: int, end: int, status: str, unfinished: list[tuple[int, int]]) -> int:
        window = Window(date(2026, 11, start), date(2026, 11, end))
        run_id = start_run(db_engine, window, {"scope": SCOPE}, 1)
        parts = [Window(date(2026, 11, a), date(2026, 11, b)) for a, b in unfinished]
        finish_run(db_engine, run_id, status, "boom" if parts else None, unfinished=parts)
        return run_id

    run(20, 22, "succeeded", [])
    night2 = run(21, 25, "failed", [(23, 25)])
    assert run_summary(db_engine, night2)["unfinished"] == ["2026-11-23..2026-11-25"]
    assert high_water_mark(db_engine, SCOPE) == date(2026, 11, 22)
    assert default_window(db_engine, SCOPE, today=TODAY).start == date(2026, 11, 21)
    run(21, 26, "failed", [(21, 26)])  # the whole window: the mark stays where it was
    run(25, 26, "succeeded", [])  # leaves 23..24 unread before it: no move
    assert high_water_mark(db_engine, SCOPE) == date(2026, 11, 22)
    run(21, 26, "succeeded", [])
    assert high_water_mark(db_engine, SCOPE) == date(2026, 11, 26)
