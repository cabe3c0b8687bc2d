"""store.locks: the SQLite lock row (expiry, take-over, heartbeat) behind the cycle lock.

The cycle lock on both databases, and real processes racing for it, are tested with the
scheduler (tests/test_scheduler.py)."""

from __future__ import annotations

import datetime as dt
import time

import store
from store import SchedulerLock
from store.locks import acquire_row_lock


def test_locks_row_lock_expires_and_is_taken_over(sqlite_engine):
    assert acquire_row_lock(sqlite_engine, "cycle", "a", ttl=60)
    assert not acquire_row_lock(sqlite_engine, "cycle", "b", ttl=60)
    assert acquire_row_lock(sqlite_engine, "other", "b", ttl=60)
    with store.session(sqlite_engine) as s:
        row = s.get(SchedulerLock, "cycle")
        row.expires_at = store.now_hk() - dt.timedelta(seconds=1)  # its holder died
        s.add(row)
        s.commit()
    assert acquire_row_lock(sqlite_engine, "cycle", "b", ttl=60)


def test_locks_sqlite_lock_heartbeat_keeps_it(sqlite_engine):
    with store.try_lock(sqlite_engine, "cycle", ttl=0.6) as held:
        assert held
        time.sleep(1.0)  # longer than the ttl: only the heartbeat keeps it ours
        assert not acquire_row_lock(sqlite_engine, "cycle", "intruder", ttl=60)
