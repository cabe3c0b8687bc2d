"""The database engine: SQLite file by default, PostgreSQL when the URL says so."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from store import settings

__all__ = ["Engine", "database_url", "make_engine", "session", "url_of", "write_session"]

DEFAULT_URL = settings.SETTINGS["FILINGWATCH_DATABASE_URL"].default


def database_url() -> str:
    """`FILINGWATCH_DATABASE_URL`, or a SQLite file under ./data/."""
    return settings.get("FILINGWATCH_DATABASE_URL") or DEFAULT_URL


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    url = url or database_url()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def url_of(engine: Engine, *, hide_password: bool = True) -> str:
    """The engine's URL as text: for a child process that opens the same database
    (`hide_password=False`) or for a message (the password shown as ***)."""
    return engine.url.render_as_string(hide_password=hide_password)


def _wal(cursor, seconds: float = 30.0) -> None:  # noqa: ANN001
    """Switch a new database file to WAL. The switch needs an exclusive lock, and SQLite
    answers "database is locked" at once (no busy wait) when another connection opening the
    same new file holds one, so processes starting together retry for a while."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    _wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Search visits index pages at random: a larger cache and memory-mapped reads pay off.
    cursor.execute("PRAGMA cache_size=-131072")  # 128 MiB
    cursor.execute("PRAGMA mmap_size=4294967296")  # up to 4 GiB mapped, shared with the OS cache
    cursor.close()


@contextmanager
def session(engine: Engine) -> Iterator[Session]:
    """A sqlmodel Session whose objects stay readable after commit (expire_on_commit=False)."""
    with Session(engine, expire_on_commit=False) as s:
        yield s


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session for one read-then-write transaction that takes SQLite's write lock first.

    Why: pysqlite starts a transaction as DEFERRED, so a transaction that reads, then writes,
    must upgrade its read lock to a write lock; when another connection wrote meanwhile,
    SQLite answers "database is locked" at once instead of waiting on the busy timeout (the
    busy handler cannot help a stale snapshot). `BEGIN IMMEDIATE` takes the write lock up
    front, where the busy timeout does wait. Only writers use this: reads stay deferred and
    concurrent. One transaction per session: commit once, at the end. On PostgreSQL this is
    `session()`.
    """
    with Session(engine, expire_on_commit=False) as s:
        if engine.dialect.name == "sqlite":
            # pysqlite sees the open transaction and adds no BEGIN of its own; the session's
            # commit() or rollback() ends it.
            s.connection().exec_driver_sql("BEGIN IMMEDIATE")
        yield s
