"""A time budget for searches, so one pathological query cannot hold a worker for long.

The shop window is public: a query that would scan millions of rows should get a clear
"narrow it" answer after a few seconds, not tie up a worker thread (and the CPU) for half a
minute while other visitors wait. SQLite: a progress handler on each connection aborts the
running statement once the calling thread's deadline has passed (the deadline is only set
around `store.search`, so page queries are never interrupted). PostgreSQL: the same budget
as `statement_timeout` on the web app's connections.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

_local = threading.local()
_INSTALLED = "_filingwatch_web_budget"


def install(engine: Engine, seconds: float) -> None:
    """Hook new connections of `engine` (idempotent per engine)."""
    if seconds <= 0 or getattr(engine, _INSTALLED, False):
        return
    setattr(engine, _INSTALLED, True)
    if engine.dialect.name == "sqlite":

        def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.set_progress_handler(_over_budget, 20_000)

    elif engine.dialect.name == "postgresql":
        millis = int(seconds * 1000)

        def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {millis}")
            dbapi_connection.commit()

    else:  # pragma: no cover - only the two backends exist
        return
    event.listen(engine, "connect", on_connect)
    engine.dispose()  # pooled connections opened before this would lack the hook


def _over_budget() -> int:
    deadline = getattr(_local, "deadline", None)
    return 1 if deadline is not None and time.monotonic() > deadline else 0


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Statements run by this thread inside the block are aborted after `seconds`."""
    if seconds <= 0:
        yield
        return
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = None


def is_timeout(error: BaseException) -> bool:
    """Whether a database error is the budget running out (SQLite interrupt, PG cancel)."""
    text = str(getattr(error, "orig", error)).lower()
    return "interrupted" in text or "statement timeout" in text or "canceling statement" in text
