"""Named locks across processes and machines, held in the database (the scheduler's cycle lock).

On PostgreSQL a session advisory lock (`pg_try_advisory_lock`) held on a dedicated connection
for as long as the lock is held (the server releases it if the process dies); on SQLite a
`SchedulerLock` row with an expiry that a heartbeat thread keeps pushing forward, taken over by
another process only once it has expired. `try_lock` never waits: it yields False at once when
another holder has the lock, so a caller can skip its work rather than queue behind it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from store.models import SchedulerLock, now_hk

log = logging.getLogger("filingwatch.scheduler")

#: SQLite lock rows expire this long after the last heartbeat (a dead holder blocks no longer).
LOCK_TTL_SECONDS = 300.0


@contextmanager
def try_lock(engine: Engine, name: str, ttl: float = LOCK_TTL_SECONDS) -> Iterator[bool]:
    """Yield True while this process holds the lock `name`, False (at once) if another does.

    `ttl` is the SQLite row's life without a heartbeat; PostgreSQL's lock needs none."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, name) as acquired:
            yield acquired
    else:
        with _row_lock(engine, name, ttl) as acquired:
            yield acquired


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock from the lock's name."""
    digest = hashlib.sha256(f"filingwatch:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def _advisory_lock(engine: Engine, name: str) -> Iterator[bool]:
    key = advisory_key(name)
    conn = engine.connect()  # dedicated: the lock lives and dies with this session
    try:
        acquired = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        if not acquired:
            yield False
            return
        try:
            yield True
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            except SQLAlchemyError:
                conn.invalidate()  # never hand a connection that may hold the lock to the pool
    finally:
        conn.close()


@contextmanager
def _row_lock(engine: Engine, name: str, ttl: float) -> Iterator[bool]:
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not acquire_row_lock(engine, name, holder, ttl):
        yield False
        return
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(engine, name, holder, ttl, stop), daemon=True)
    beat.start()
    try:
        yield True
    finally:
        stop.set()
        beat.join()
        with engine.begin() as conn:
            table = SchedulerLock.__table__
            conn.execute(delete(table).where(table.c.name == name, table.c.holder == holder))


def acquire_row_lock(engine: Engine, name: str, holder: str, ttl: float) -> bool:
    """Insert the lock row; on conflict take it over only if it has expired."""
    table = SchedulerLock.__table__
    now = now_hk()
    expires = now + timedelta(seconds=ttl)
    stmt = (
        sqlite_insert(table)
        .values(name=name, holder=holder, expires_at=expires)
        .on_conflict_do_update(
            index_elements=["name"],
            set_={"holder": holder, "expires_at": expires},
            where=table.c.expires_at < now,
        )
    )
    with engine.begin() as conn:
        conn.execute(stmt)
        current = conn.execute(select(table.c.holder).where(table.c.name == name)).scalar()
    return current == holder


def _heartbeat(engine: Engine, name: str, holder: str, ttl: float, stop: threading.Event) -> None:
    table = SchedulerLock.__table__
    while not stop.wait(ttl / 3):
        try:
            with engine.begin() as conn:
                conn.execute(
                    update(table)
                    .where(table.c.name == name, table.c.holder == holder)
                    .values(expires_at=now_hk() + timedelta(seconds=ttl))
                )
        except SQLAlchemyError:
            log.warning("could not renew the lock %s; will retry", name, exc_info=True)
