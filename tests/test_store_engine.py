"""store.engine: write transactions on SQLite take the write lock up front."""

from __future__ import annotations

import threading
import time
from datetime import date

import store


def test_write_sessions_on_sqlite_are_serialised_read_then_write(sqlite_engine) -> None:
    """Two writers each read a counter, wait, then write it + 1: with BEGIN IMMEDIATE the
    second waits (busy timeout) for the first to commit, so neither update is lost and
    neither fails with "database is locked"."""
    with store.session(sqlite_engine) as session:
        run = store.CrawlRun(window_from=date(2026, 1, 1), window_to=date(2026, 1, 1))
        session.add(run)
        session.commit()
        run_id = run.id
    errors: list[BaseException] = []

    def increment() -> None:
        try:
            with store.write_session(sqlite_engine) as session:
                row = session.get(store.CrawlRun, run_id)
                seen = row.seen
                time.sleep(0.3)  # the other writer arrives meanwhile
                row.seen = seen + 1
                session.add(row)
                session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    writers = [threading.Thread(target=increment) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(30)
    assert errors == []
    with store.session(sqlite_engine) as session:
        assert session.get(store.CrawlRun, run_id).seen == 2


def test_write_session_commits_and_rolls_back_like_a_session(db_engine) -> None:
    window = {"window_from": date(2026, 1, 1), "window_to": date(2026, 1, 2)}
    with store.write_session(db_engine) as session:
        session.add(store.CrawlRun(**window, status="kept"))
        session.commit()
    with store.write_session(db_engine) as session:
        session.add(store.CrawlRun(**window, status="dropped"))
        session.rollback()
    with store.session(db_engine) as session:
        rows = session.exec(store.CrawlRun.__table__.select()).all()
    assert [row.status for row in rows] == ["kept"]
