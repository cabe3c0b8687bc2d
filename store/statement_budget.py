"""A backstop time limit for every statement an engine runs on PostgreSQL.

Why: searches carry their own limit (store.search's `seconds`) on both backends, but a page
query has none; a server (the web app) sets the same number as the `statement_timeout` of
its connections, so no query can hold a connection for long. SQLite page queries are
bounded by their indexes (the search limit there is a progress handler set for the search
alone), so nothing is installed on SQLite.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

_INSTALLED = "_filingwatch_web_budget"


def limit_statement_time(engine: Engine, seconds: float) -> None:
    """Hook new PostgreSQL connections of `engine` (idempotent per engine; 0: no limit)."""
    if seconds <= 0 or engine.dialect.name != "postgresql" or getattr(engine, _INSTALLED, 0):
        return
    millis = int(seconds * 1000)
    setattr(engine, _INSTALLED, millis / 1000)

    def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {millis}")
        dbapi_connection.commit()

    event.listen(engine, "connect", on_connect)
    engine.dispose()  # pooled connections opened before this would lack the hook


def statement_budget(engine: Engine) -> float | None:
    """The `statement_timeout` (seconds) every connection of `engine` starts with, if one was
    installed (store.time_limit then need not set its own while this one is close enough)."""
    return getattr(engine, _INSTALLED, None)
