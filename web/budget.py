"""A backstop time budget for every statement the web app runs on PostgreSQL.

Searches carry their own limit (store.search's `seconds`, the web's
FILINGWATCH_WEB_SEARCH_SECONDS), on both backends. On PostgreSQL the same number is also the
`statement_timeout` of the web's connections, so no page query can hold a connection for
long either. (SQLite page queries are bounded by their indexes; the search limit is a
progress handler the store sets for the search alone.)
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

_INSTALLED = "_filingwatch_web_budget"


def install(engine: Engine, seconds: float) -> None:
    """Hook new PostgreSQL connections of `engine` (idempotent per engine)."""
    if seconds <= 0 or engine.dialect.name != "postgresql" or getattr(engine, _INSTALLED, 0):
        return
    setattr(engine, _INSTALLED, True)
    millis = int(seconds * 1000)

    def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {millis}")
        dbapi_connection.commit()

    event.listen(engine, "connect", on_connect)
    engine.dispose()  # pooled connections opened before this would lack the hook
