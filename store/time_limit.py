"""A time limit for one search on both backends, so no query holds its caller for long.

No statement starts once the deadline has passed. SQLite: a progress handler on the search's
connection also stops a running statement then (it runs between virtual-machine steps;
FTS5's snippet() is a single step, which is why store.page_snippets bounds the work given
to it). PostgreSQL: `statement_timeout` is set to the time left, for this transaction only, before a
statement that the timeout in force would let run more than SLACK past the deadline (or stop
more than SLACK before it). Each setting is a round trip of its own, which a loaded machine
makes expensive: a search runs ~10 statements in well under SLACK, so it sets it once, or
never on a web server's connections, which start with the search budget as their timeout
(store.statement_budget).
A search over its limit raises SearchTimeout, a QueryError: a one-line "narrow it".
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event

from store import settings
from store.query import QueryError
from store.statement_budget import statement_budget

#: Default limit of one search in seconds (FILINGWATCH_SEARCH_SECONDS; 0 = none).
SEARCH_SECONDS = 10.0
_STEPS = 10_000  # SQLite virtual-machine steps between checks of the clock
#: PostgreSQL: seconds a statement may overrun the deadline, at most (see above).
SLACK = 0.25


class SearchTimeout(QueryError):
    """The search ran out of time; the message asks for a narrower query."""


def default_seconds() -> float:
    try:
        return max(0.0, settings.get_float("FILINGWATCH_SEARCH_SECONDS"))
    except settings.SettingError:
        return SEARCH_SECONDS


def timeout_error(seconds: float) -> SearchTimeout:
    return SearchTimeout(
        f"the search took longer than {seconds:g} s; add words or filters to narrow it"
    )


def is_timeout(error: BaseException) -> bool:
    """Whether a database error is the limit running out (SQLite interrupt, PG cancel)."""
    text = str(getattr(error, "orig", error)).lower()
    return "interrupted" in text or "statement timeout" in text


@contextmanager
def limited(conn: sa.Connection, seconds: float) -> Iterator[None]:
    """Statements run on `conn` inside the block stop once `seconds` have passed."""
    if seconds <= 0:
        yield
        return
    deadline = time.monotonic() + seconds
    sqlite = conn.dialect.name == "sqlite"
    # The statement_timeout in force (seconds; None: none known). A connection's own budget
    # is in force until a transaction sets another: only known when none has begun yet.
    fresh = not sqlite and not conn.in_transaction()
    in_force = [statement_budget(conn.engine) if fresh else None]

    def before(_conn, cursor, *_args) -> None:  # noqa: ANN001
        now = time.monotonic()
        left = deadline - now
        if left <= 0:
            raise timeout_error(seconds)
        timeout = in_force[0]
        if not sqlite and (timeout is None or abs(now + timeout - deadline) > SLACK):
            _set_statement_timeout(cursor, max(1, int(left * 1000)))
            in_force[0] = left

    event.listen(conn, "before_cursor_execute", before)
    raw = conn.connection.dbapi_connection if sqlite else None
    if raw is not None:
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), _STEPS)
    try:
        yield
    finally:
        event.remove(conn, "before_cursor_execute", before)
        if raw is not None:
            raw.set_progress_handler(None, 0)


def _set_statement_timeout(cursor, milliseconds: int) -> None:  # noqa: ANN001
    """PostgreSQL: `statement_timeout` for the rest of the transaction (one round trip)."""
    cursor.execute("SELECT set_config('statement_timeout', %s, true)", (str(milliseconds),))
