"""What the benchmarks (bench/) need of the database: bulk loading that bypasses the ORM, and
the ids and names to request.

Why here: loading 1M filings row by row through the ORM takes hours, so the loaders write the
tables directly (executemany on SQLite, COPY on PostgreSQL) with the insert triggers and
secondary indexes dropped, then rebuild them; that needs the schema's insides (trigger names,
the full-text tables, `store.labels.LABELS_SQL`), which only the store knows. The benchmarks
generate the rows and time the work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from store.engine import make_engine
from store.labels import LABELS_SQL
from store.migrate import upgrade
from store.models import (
    Agreement,
    Announcement,
    AnnualCap,
    ConnectedPerson,
    Party,
    Person,
    PersonMention,
)
from store.names import name_key

# --- the search benchmark's loaders (bench/search.py) -----------------------------------------

#: The columns of an announcement row, in the order the loaders' rows give them.
ANNOUNCEMENT_COLUMNS = (
    "id news_id stock_code stock_codes stock_name title headline headline_t1 headline_t2 "
    "revised published_at document_url file_type language status attempts extractor_version "
    "text facts_text cjk_text cjk_bigrams transaction_types needs_review discovered_at"
).split()


INSERTS = {
    "announcement": f"INSERT INTO announcement ({', '.join(ANNOUNCEMENT_COLUMNS)}) VALUES "
    f"({', '.join('?' * len(ANNOUNCEMENT_COLUMNS))})",
    "party": "INSERT INTO party (announcement_id, name, full_name, chinese_name, name_key)"
    " VALUES (?, ?, ?, ?, ?)",
    "annualcap": "INSERT INTO annualcap (announcement_id, amount, currency) VALUES (?, ?, ?)",
    "pm": "INSERT OR IGNORE INTO personmention (person_id, announcement_id, name_as_written, role)"
    " VALUES (?, ?, ?, ?)",
    "cp": "INSERT INTO connectedperson (announcement_id, person_id, name, connected_entity)"
    " VALUES (?, ?, ?, ?)",
    "label": "INSERT OR IGNORE INTO announcement_label (announcement_id, kind, value)"
    " VALUES (?, ?, ?)",
}
#: SQLite: the insert triggers are dropped while loading, so each announcement gets its filter
#: labels (store.labels) as it is inserted, computed from the row and its caps (inserted just
#: before it; this connection does not enforce foreign keys).
SQLITE_ANNOUNCEMENT = (
    f"INSERT INTO announcement ({', '.join(ANNOUNCEMENT_COLUMNS)}, search_labels)"
    f" SELECT v.*, {LABELS_SQL.format(r='v')} FROM (SELECT "
    + ", ".join(f"? AS {c}" for c in ANNOUNCEMENT_COLUMNS)
    + ") AS v"
)
COPY_COLUMNS = {
    "announcement": ANNOUNCEMENT_COLUMNS,
    "party": ["announcement_id", "name", "full_name", "chinese_name", "name_key"],
    "annualcap": ["announcement_id", "amount", "currency"],
    "personmention": ["person_id", "announcement_id", "name_as_written", "role"],
    "connectedperson": ["announcement_id", "person_id", "name", "connected_entity"],
    "announcement_label": ["announcement_id", "kind", "value"],
}
COPY_KEY = {"pm": "personmention", "cp": "connectedperson", "label": "announcement_label"}
LOADED_TABLES = (
    "announcement",
    "announcement_search",
    "party",
    "annualcap",
    "personmention",
    "connectedperson",
    "announcement_label",
)


#: PostgreSQL: what migration 0012's triggers would have written for the loaded rows.
PG_SEARCH_FILL = (
    "INSERT INTO announcement_search (id, words, labels)"
    " SELECT a.id, announcement_words(a), announcement_labels(a) FROM announcement a",
    # ts_stat gathers the distinct lexemes in one pass (a DISTINCT over every row's unnested
    # lexemes sorts ~150 million rows at 1M filings)
    "INSERT INTO search_term (term) SELECT word FROM"
    " ts_stat('SELECT words FROM announcement_search') ON CONFLICT DO NOTHING",
)

# --- loaders: each times only its own work ---


class SqliteBulkLoader:
    """executemany into a fresh SQLite file with insert triggers and indexes dropped, then
    FTS5 'rebuild' + 'optimize', indexes and triggers restored."""

    dialect = "sqlite"

    def __init__(self, path: Path, people: list[str], log: Callable[[str], None] = print) -> None:
        import sqlite3

        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.path = path
        self.log = log
        self.url = f"sqlite:///{path}"
        engine = make_engine(self.url)
        upgrade(engine)
        engine.dispose()
        self.conn = sqlite3.connect(path, isolation_level=None)
        started = time.perf_counter()
        for pragma in ("synchronous=OFF", "cache_size=-1000000", "temp_store=MEMORY"):
            self.conn.execute(f"PRAGMA {pragma}")
        tables = ", ".join(repr(t) for t in LOADED_TABLES)
        self.saved = self.conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
            "(type = 'trigger' AND name LIKE '%\\_ai' ESCAPE '\\')"
            f" OR (type = 'index' AND tbl_name IN ({tables})"
            # kept: each announcement's labels read its caps by announcement id
            " AND name <> 'ix_annualcap_announcement_id'))"
        ).fetchall()
        for kind, name, _sql in self.saved:
            self.conn.execute(f'DROP {kind.upper()} "{name}"')
        self.conn.execute("BEGIN")
        self.person_ids = {}
        for i, name in enumerate(people, start=1):
            self.person_ids[name_key(name)] = i
            self.conn.execute(
                "INSERT INTO person (id, name_key, display_name) VALUES (?, ?, ?)",
                (i, name_key(name), name),
            )
        self.conn.execute("COMMIT")
        self.seconds = time.perf_counter() - started

    def write(self, rows: dict[str, list]) -> None:
        started = time.perf_counter()
        self.conn.execute("BEGIN")
        self.conn.executemany(INSERTS["annualcap"], rows["annualcap"])  # before: see below
        self.conn.executemany(SQLITE_ANNOUNCEMENT, rows["announcement"])
        for table, sql in INSERTS.items():
            if table not in ("annualcap", "announcement"):
                self.conn.executemany(sql, rows[table])
        self.conn.execute("COMMIT")
        self.seconds += time.perf_counter() - started

    def finish(self) -> None:
        started = time.perf_counter()
        self.log("sqlite: rebuilding indexes and full-text tables")
        for kind, _name, sql in self.saved:
            if kind == "index":
                self.conn.execute(sql)
        for table in ("announcement_fts", "announcement_cjk", "announcement_cjk_bigram"):
            self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        for kind, _name, sql in self.saved:
            if kind == "trigger":
                self.conn.execute(sql)
        self.conn.execute("ANALYZE")
        self.conn.close()
        self.seconds += time.perf_counter() - started
        self.log(f"sqlite: {self.path.stat().st_size / 2**30:.2f} GiB")

    def drop(self) -> None:
        pass


def admin_execute(admin_url: str, statement: str) -> None:
    """One statement outside a transaction on the server of `admin_url` (CREATE/DROP DATABASE)."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(statement))
    admin.dispose()


class PostgresBulkLoader:
    """COPY into a fresh database `fw_bench` with secondary indexes dropped and triggers and
    FK checks off (session_replication_role = replica), then indexes rebuilt and analysed."""

    dialect = "postgresql"

    def __init__(
        self, admin_url: str, database: str, people: list[str], log: Callable[[str], None] = print
    ) -> None:
        import psycopg

        self.admin_url, self.database, self.log = admin_url, database, log
        admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin_execute(admin_url, f'CREATE DATABASE "{database}"')
        self.url = database_on(admin_url, database)
        engine = make_engine(self.url)
        upgrade(engine)
        engine.dispose()
        self.conn = psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True)
        started = time.perf_counter()
        self.saved = self.conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
            " AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            (list(LOADED_TABLES),),
        ).fetchall()
        for name, _sql in self.saved:
            self.conn.execute(f'DROP INDEX "{name}"')
        self.conn.execute("SET session_replication_role = replica")
        self.person_ids = {}
        copy_sql = "COPY person (id, name_key, display_name) FROM STDIN"
        with self.conn.cursor().copy(copy_sql) as copy:
            for i, name in enumerate(people, start=1):
                self.person_ids[name_key(name)] = i
                copy.write_row((i, name_key(name), name))
        self.seconds = time.perf_counter() - started

    def write(self, rows: dict[str, list]) -> None:
        started = time.perf_counter()
        with self.conn.transaction():
            for key, table_rows in rows.items():
                table = COPY_KEY.get(key, key)
                columns = ", ".join(COPY_COLUMNS[table])
                with self.conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in table_rows:
                        copy.write_row(row)
        self.seconds += time.perf_counter() - started

    def finish(self) -> None:
        started = time.perf_counter()
        self.log("postgresql: building indexes")
        self.conn.execute("SET maintenance_work_mem = '2GB'")
        search_indexes = [sql for name, sql in self.saved if "announcement_search USING" in sql]
        for _name, sql in self.saved:
            if sql not in search_indexes:
                self.conn.execute(sql)
        self.log("postgresql: filling announcement_search and search_term")
        for sql in PG_SEARCH_FILL:  # the insert triggers were off (replica role)
            self.conn.execute(sql)
        for sql in search_indexes:
            self.conn.execute(sql)
        for table in (
            "announcement",
            "person",
            "personmention",
            "connectedperson",
            "party",
            "annualcap",
        ):
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        self.conn.execute("VACUUM ANALYZE")
        self.conn.close()
        self.seconds += time.perf_counter() - started

    def drop(self) -> None:
        admin_execute(self.admin_url, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


# --- the web benchmark's loading and sampling (bench/web.py) ----------------------------------

#: Tables `insert_rows` fills, by name, in an order that keeps foreign keys satisfied.
ROW_TABLES: dict[str, type[SQLModel]] = {
    "announcement": Announcement,
    "party": Party,
    "agreement": Agreement,
    "annualcap": AnnualCap,
    "connectedperson": ConnectedPerson,
    "personmention": PersonMention,
}


def insert_people(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert Person rows (name_key, display_name, chinese_name); their ids by name_key."""
    with engine.begin() as conn:
        conn.execute(sa.insert(Person), rows)
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(Person.name_key, Person.id)).all())  # type: ignore[arg-type]


def insert_rows(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert each table's rows (keys of ROW_TABLES) with executemany, in one transaction; the
    store's triggers keep the search index and labels."""
    with engine.begin() as conn:
        for name, model in ROW_TABLES.items():
            if rows.get(name):
                conn.execute(sa.insert(model.__table__), rows[name])  # type: ignore[attr-defined]


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a bulk load; on PostgreSQL also vacuum
    (the triggers' updates of announcement_search, as each cap adds labels, leave dead row
    versions in its GIN index and table until then)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def count_announcements(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(Announcement)).scalar_one()


@dataclass(frozen=True)
class BenchTargets:
    """What a load test can request: every news id, the people named in a filing (id, name),
    every stock code."""

    news_ids: list[str]
    people: list[tuple[int, str]]
    stock_codes: list[str]


def bench_targets(engine: Engine) -> BenchTargets:
    with engine.connect() as conn:
        news_ids = [r[0] for r in conn.execute(sa.text("SELECT news_id FROM announcement"))]
        people = conn.execute(
            sa.text(
                "SELECT id, display_name FROM person WHERE id IN "
                "(SELECT DISTINCT person_id FROM personmention)"
            )
        ).all()
        codes = [
            r[0] for r in conn.execute(sa.text("SELECT DISTINCT stock_code FROM announcement"))
        ]
    return BenchTargets(news_ids, [(int(i), str(n)) for i, n in people], codes)


def holds(url: str, n: int) -> bool:
    """Whether the database at `url` holds exactly n announcements (a kept benchmark database
    that can be reused instead of reloaded; the caller brings its schema up to date)."""
    engine = make_engine(url)
    try:
        return count_announcements(engine) == n
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


@contextmanager
def explained(engine: Engine) -> Iterator[list[str]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each SELECT run on `engine` (PostgreSQL) inside the
    block, collected as text: each runs once under EXPLAIN on the same cursor just before
    it runs itself, so it sees the transaction's settings (SET LOCAL) and a warm cache."""
    plans: list[str] = []

    def explain(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, ARG001, PLR0913
        if executemany or not statement.lstrip().upper().startswith("SELECT"):
            return
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        plan = "\n".join(_clipped(r[0]) for r in cursor.fetchall())
        plans.append(f"{statement}\n{_clipped(str(parameters))}\n{plan}")

    sa.event.listen(engine, "before_cursor_execute", explain)
    try:
        yield plans
    finally:
        sa.event.remove(engine, "before_cursor_execute", explain)


def _clipped(line: str, chars: int = 300) -> str:
    """A plan line cut short (a window's 1,000 ids make lines of 7,000 characters)."""
    return line if len(line) <= chars else line[:chars] + " ..."


def database_exists(admin_url: str, database: str) -> bool:
    """Whether the server of `admin_url` has a database named `database`."""
    admin = sa.create_engine(admin_url)
    try:
        with admin.connect() as conn:
            query = sa.text("SELECT 1 FROM pg_database WHERE datname = :name")
            return conn.execute(query, {"name": database}).first() is not None
    finally:
        admin.dispose()


def database_on(admin_url: str, database: str) -> str:
    """The URL of `database` on the server of `admin_url`."""
    return admin_url.rsplit("/", 1)[0] + f"/{database}"


def reset_extraction(engine: Engine) -> None:
    """bench/scale.py: every filing back to `fetched`, its facts and claims gone, so the next
    run reads them all again."""
    with engine.begin() as conn:
        for table in ("personmention", "connectedperson", "annualcap", "agreement", "party"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
        conn.execute(sa.text("DELETE FROM extractionclaim"))
        conn.execute(
            sa.text("UPDATE announcement SET status = 'fetched', extractor_version = NULL")
        )
