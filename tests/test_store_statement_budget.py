"""store.limit_statement_time: the backstop the web app sets on its PostgreSQL connections."""

from __future__ import annotations

import time

import pytest

import store


def test_statement_budget_bounds_every_postgresql_statement(db_engine):
    """The web's PostgreSQL connections time out any statement after the search budget (a
    backstop for page queries; searches carry their own limit, tests/test_store_search_bounds)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    store.limit_statement_time(db_engine, 0.3)
    if db_engine.dialect.name == "sqlite":  # nothing to install: searches limit themselves
        with db_engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        return
    started = time.monotonic()
    with pytest.raises(DBAPIError) as caught, db_engine.connect() as conn:
        conn.execute(text("SELECT pg_sleep(5)"))
    assert "statement timeout" in str(caught.value.orig)
    assert time.monotonic() - started < 3
    with db_engine.connect() as conn:  # the connection pool still works afterwards
        assert conn.execute(text("SELECT 1")).scalar() == 1
