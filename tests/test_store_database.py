"""store.open_database: a database that cannot be used is one line naming the fix."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

import store
from store.migrate import head_revision


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_store_database_schema_too_new_both_backends(db_url: str) -> None:
    engine = store.make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(store.DatabaseError) as caught:
            store.open_database(db_url)
        message = str(caught.value)
        assert "migrated by a newer filingwatch (schema revision 9999" in message
        assert "upgrade filingwatch" in message and "\n" not in message
    finally:  # the PostgreSQL database is the session's: put its revision back
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()}
            )
        engine.dispose()
    store.open_database(db_url).dispose()  # at head again: opens


def test_store_database_unreachable_postgresql_is_one_line_without_password() -> None:
    url = f"postgresql+psycopg://fw:secret@127.0.0.1:{_closed_port()}/nothing"
    with pytest.raises(store.DatabaseError) as caught:
        store.open_database(url)
    message = str(caught.value)
    assert message.startswith("cannot reach the database postgresql+psycopg://fw:***@127.0.0.1")
    assert "Connection refused" in message and "secret" not in message and "\n" not in message
    assert message.endswith("start the database server, or fix FILINGWATCH_DATABASE_URL")


def test_store_database_missing_sqlite_file_outside_data_is_refused(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("FILINGWATCH_CREATE_DB", raising=False)
    path = tmp_path / "typo" / "filingwatc.db"
    with pytest.raises(store.DatabaseError, match="no database at .*filingwatc.db"):
        store.open_database(f"sqlite:///{path}")
    assert not path.exists() and not path.parent.exists()  # nothing made, not even the folder
    store.open_database(f"sqlite:///{path}", create=True).dispose()
    assert path.exists()
    store.open_database(f"sqlite:///{path}").dispose()  # now it exists: opens


def test_store_database_create_db_setting_and_the_data_directory(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("FILINGWATCH_CREATE_DB", "1")
    store.open_database(f"sqlite:///{tmp_path / 'asked.db'}").dispose()
    assert (tmp_path / "asked.db").exists()
    monkeypatch.delenv("FILINGWATCH_CREATE_DB")
    monkeypatch.chdir(tmp_path)  # ./data is the data directory: the default database is made
    store.open_database("sqlite:///data/filingwatch.db").dispose()
    assert (tmp_path / "data" / "filingwatch.db").exists()
