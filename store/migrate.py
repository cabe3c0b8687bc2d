"""Schema migrations, run from code: no alembic.ini, the scripts live in store/migrations/.

To change the schema (any package's engineer):
1. change the table in `store/models.py`;
2. add a revision next to the others, numbered in sequence, e.g.
   `.venv/bin/python -m store.revision "add announcement.foo"` (autogenerates the diff
   against a scratch database at head; review it, it is a draft), or write
   `store/migrations/versions/000N_<what>.py` by hand with `down_revision` = the previous id;
3. never edit a revision that has been committed: users' databases have already run it.
`ensure_schema(engine)` (called by every command) then upgrades old databases on first use.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The revision equal to the provisional `create_all` schema that came before migrations.
BASELINE = "0001"


def alembic_config(engine: Engine | None = None) -> Config:
    """A Config built in code, so migrations run from any working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@functools.cache
def head_revision() -> str:
    """The newest revision id (cached: ensure_schema runs on every command)."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"store migrations have {len(heads)} heads; merge them: {heads}")
    return heads[0]


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision this version of filingwatch ships."""
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer filingwatch; this one must not touch it."""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _current(conn)


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


#: pg_advisory_xact_lock key that serialises schema upgrades on PostgreSQL
UPGRADE_LOCK = 7_262_600


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` (default the newest), keeping its data.

    Several processes may start on a new database at once (three crawls, a scheduler and a
    web server): each takes the database's write lock first (SQLite `BEGIN IMMEDIATE`, a
    PostgreSQL transaction-scoped advisory lock), so one migrates and the others then find
    the schema already there instead of racing on the same revisions."""
    config = alembic_config(engine)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        config.attributes["connection"] = conn
        if _current(conn) is None and inspect(conn).has_table("announcement"):
            command.stamp(config, BASELINE)  # made by the pre-migration create_all
        command.upgrade(config, revision)


def ensure_schema(engine: Engine) -> None:
    """Upgrade when the database is older than this code; cheap when it is up to date.

    A revision this code does not know means a newer filingwatch migrated the database:
    SchemaTooNew, rather than Alembic's "Can't locate revision" traceback."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and current not in known_revisions():
        where = engine.url.render_as_string(hide_password=True)
        raise SchemaTooNew(
            f"the database {where} was migrated by a newer filingwatch (schema revision "
            f"{current}; this version knows up to {head_revision()}): upgrade filingwatch, "
            "or point FILINGWATCH_DATABASE_URL at another database"
        )
    upgrade(engine)
