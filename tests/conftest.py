"""Shared fixtures: a fresh, migrated database on SQLite and on the real PostgreSQL.

`db_engine` is parametrised over both backends, so every store-touching test runs twice.
PostgreSQL is never skipped: if it cannot be reached the test errors (CI must see it).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

import store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PG_ADMIN_URL = os.environ.get(
    "FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session, migrated once."""
    name = f"fw_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _truncate_pg(engine: Engine) -> None:
    with engine.begin() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename NOT IN ('alembic_version')"
                )
            )
        ]
        # DELETE with FK triggers off is much faster than TRUNCATE for a few rows per test.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file made once per session; each test gets a copy (faster than
    migrating every time)."""
    path = tmp_path_factory.mktemp("sqlite_template") / "fw.db"
    engine = store.make_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty, migrated database: a fresh SQLite file, or the session's PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "fw.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    engine = store.make_engine(url)
    _truncate_pg(engine)
    engine.dispose()
    return url


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = store.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite only, for tests of SQLite-specific behaviour."""
    engine = store.make_engine(f"sqlite:///{tmp_path / 'fw.db'}")
    store.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def add_announcement(db_engine: Engine):
    """Store one announcement (and optionally its extraction) through the store's own API."""
    from datetime import datetime

    counter = iter(range(1, 1_000_000))

    def add(
        title: str = "CONNECTED TRANSACTION",
        text: str = "",
        *,
        extraction: dict | None = None,
        published_at: datetime | None = None,
        **fields,
    ) -> int:
        n = next(counter)
        values = {
            "news_id": fields.pop("news_id", f"n{n}"),
            "stock_code": "00001",
            "stock_name": "CKH HOLDINGS",
            "title": title,
            "published_at": published_at or datetime(2024, 1, 1, 12, 0, tzinfo=store.HK),
            "text": text,
            "sha256": f"sha{n}",
            **fields,
        }
        with store.session(db_engine) as s:
            row, _ = store.upsert_announcement(s, values)
            if extraction is not None:
                store.save_extraction(s, row.id, extraction, text=text, extractor_version=1)
            s.commit()
            return row.id

    return add


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a database with no schema at all (for migration tests): SQLite or PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"fw_empty_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


# --- crawler replica: one offline HKEXnews per session (crawler/replica/testing.py) ---------


@pytest.fixture(scope="session")
def replica():
    """A running replica (last 7 days in Hong Kong, seed 1, the real corpus plus generated
    filings); `replica.url`, `.manifest()`, `.add_fault(...)`, `.clear_faults()`."""
    from crawler.replica.testing import run_replica

    with run_replica(days=7, seed=1) as running:
        yield running


@pytest.fixture(scope="session")
def replica_url(replica) -> str:
    """Base URL of the session's replica, e.g. http://127.0.0.1:40121."""
    return replica.url


@pytest.fixture
def replica_faults(replica):
    """The session replica, with every fault cleared after the test."""
    replica.clear_faults()
    yield replica
    replica.clear_faults()


@pytest.fixture(scope="module")
def manifest(replica) -> dict:
    """What the session's replica serves (news ids, file URLs and sha256s, attachments)."""
    return replica.manifest()
