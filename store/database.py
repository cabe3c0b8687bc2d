"""Open the configured database for a command, or say in one line what is wrong and the fix.

Why: a user's first contact with a wrong setting was a 467-line traceback (database down), an
Alembic "Can't locate revision" (a database a newer filingwatch migrated), or worse, nothing:
a mistyped SQLite path silently became a new empty database answering "0 filings". Commands
open the database here; `DatabaseError.args[0]` is the line to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine, make_url

from store import settings
from store.engine import database_url, make_engine, url_of
from store.migrate import SchemaTooNew, current_revision, ensure_schema


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line that ends with the fix."""


#: A statement the database (its driver) refused or failed: what callers outside store/
#: catch, so they need not import sqlalchemy (`.orig` is the driver's own exception).
DriverError = sa_exc.DBAPIError


def open_database(url: str | None = None, *, create: bool = False) -> Engine:
    """The engine for `url` (default FILINGWATCH_DATABASE_URL), its schema brought up to date.

    A SQLite file that does not exist is created only inside the data directory (./data), or
    when asked (`create`, FILINGWATCH_CREATE_DB=1)."""
    url = url or database_url()
    check_sqlite_path(url, create=create or settings.get_bool("FILINGWATCH_CREATE_DB"))
    engine = make_engine(url)
    try:
        ensure_schema(engine)
    except SchemaTooNew as error:
        engine.dispose()
        raise DatabaseError(str(error)) from None
    except sa_exc.DBAPIError as error:
        engine.dispose()
        raise DatabaseError(unreachable_message(url, error)) from None
    return engine


@dataclass(frozen=True)
class Upgraded:
    """What `upgrade_database` did: the database (password hidden) and its revision before
    (None: empty) and after."""

    url: str
    before: str | None
    after: str | None


def upgrade_database(url: str | None = None, *, create: bool = False) -> Upgraded:
    """Bring the database at `url` (default FILINGWATCH_DATABASE_URL) to the newest schema;
    `create` makes a missing SQLite file anywhere. A database that cannot be used raises
    `DatabaseError` (one line with the fix)."""
    url = url or database_url()
    try:
        check_sqlite_path(url, create=create or settings.get_bool("FILINGWATCH_CREATE_DB"))
        probe = make_engine(url)
        before = current_revision(probe)
        probe.dispose()
    except sa_exc.DBAPIError as error:
        raise DatabaseError(unreachable_message(url, error)) from None
    engine = open_database(url, create=True)
    try:
        return Upgraded(url_of(engine), before, current_revision(engine))
    finally:
        engine.dispose()


def shown_url(url: str) -> str:
    """A database URL fit to print: its password hidden; anything else as it is."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a database URL: show it as it is
        return url


def check_sqlite_path(url: str, *, create: bool) -> None:
    """Refuse a SQLite file that does not exist outside the data directory, unless `create`."""
    if not url.startswith("sqlite"):
        return
    path = url.split("///", 1)[-1] if "///" in url else ""
    if not path or path == ":memory:" or create or Path(path).exists():
        return
    data_dir = Path(settings.DATA_DIR).resolve()
    if Path(path).resolve().is_relative_to(data_dir):
        return
    raise DatabaseError(
        f"no database at {path} (FILINGWATCH_DATABASE_URL={url}): fix the path, or create a "
        "new database there with `filingwatch db upgrade --create` (or FILINGWATCH_CREATE_DB=1)"
    )


def unreachable_message(url: str, error: sa_exc.DBAPIError) -> str:
    """`cannot reach the database <url without password>: <the driver's first line> — fix`."""
    shown = shown_url(url)
    reason = str(error.orig or error).strip().splitlines()[0] if str(error.orig or error) else ""
    reason = reason.removeprefix("connection failed: ").strip() or type(error.orig).__name__
    fix = (
        "start the database server, or fix FILINGWATCH_DATABASE_URL"
        if not url.startswith("sqlite")
        else "check the file and its directory, or fix FILINGWATCH_DATABASE_URL"
    )
    return f"cannot reach the database {shown}: {reason} — {fix}"
