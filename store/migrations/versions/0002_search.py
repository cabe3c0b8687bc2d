"""Search: full-text indexes, CJK substring index, and the label table for filters and facets.

SQLite: `announcement_fts` (FTS5, unicode61, external content over announcement) and
`announcement_cjk` (FTS5 trigram over announcement.cjk_text), kept in step by triggers.
PostgreSQL: a generated `search_vector` tsvector with a GIN index, and pg_trgm's GIN index on
cjk_text. Both: `announcement_label` (kind 'stock' / 'transaction_type', value), filled by
triggers from announcement.stock_code(s) and transaction_types, for indexed filters and facets.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copy of store.cjk at this revision (migrations must not change when app code does).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_RUN = re.compile(rf"[^\W_]*[{_CJK}][^\W_]*")

FTS_COLUMNS = "title, stock_name, stock_codes, text, facts_text"

SQLITE_DDL = [
    f"""CREATE VIRTUAL TABLE announcement_fts USING fts5({FTS_COLUMNS},
        content='announcement', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE VIRTUAL TABLE announcement_cjk USING fts5(cjk_text,
        content='announcement', content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER announcement_fts_ai AFTER INSERT ON announcement BEGIN
        INSERT INTO announcement_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.stock_name, new.stock_codes, new.text, new.facts_text);
        INSERT INTO announcement_cjk(rowid, cjk_text) VALUES (new.id, new.cjk_text);
    END""",
    f"""CREATE TRIGGER announcement_fts_ad AFTER DELETE ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text);
        INSERT INTO announcement_cjk(announcement_cjk, rowid, cjk_text)
        VALUES ('delete', old.id, old.cjk_text);
    END""",
    f"""CREATE TRIGGER announcement_fts_au AFTER UPDATE OF {FTS_COLUMNS} ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text);
        INSERT INTO announcement_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.stock_name, new.stock_codes, new.text, new.facts_text);
    END""",
    """CREATE TRIGGER announcement_cjk_au AFTER UPDATE OF cjk_text ON announcement BEGIN
        INSERT INTO announcement_cjk(announcement_cjk, rowid, cjk_text)
        VALUES ('delete', old.id, old.cjk_text);
        INSERT INTO announcement_cjk(rowid, cjk_text) VALUES (new.id, new.cjk_text);
    END""",
    """CREATE TRIGGER announcement_label_ai AFTER INSERT ON announcement BEGIN
        INSERT OR IGNORE INTO announcement_label(announcement_id, kind, value)
        SELECT new.id, 'stock', new.stock_code WHERE new.stock_code <> ''
        UNION SELECT new.id, 'stock', value FROM json_each(
            CASE WHEN json_valid(new.stock_codes) THEN new.stock_codes ELSE '[]' END)
        UNION SELECT new.id, 'transaction_type', lower(value) FROM json_each(
            CASE WHEN json_valid(new.transaction_types) THEN new.transaction_types ELSE '[]' END);
    END""",
    """CREATE TRIGGER announcement_label_au
    AFTER UPDATE OF stock_code, stock_codes, transaction_types ON announcement BEGIN
        DELETE FROM announcement_label WHERE announcement_id = new.id;
        INSERT OR IGNORE INTO announcement_label(announcement_id, kind, value)
        SELECT new.id, 'stock', new.stock_code WHERE new.stock_code <> ''
        UNION SELECT new.id, 'stock', value FROM json_each(
            CASE WHEN json_valid(new.stock_codes) THEN new.stock_codes ELSE '[]' END)
        UNION SELECT new.id, 'transaction_type', lower(value) FROM json_each(
            CASE WHEN json_valid(new.transaction_types) THEN new.transaction_types ELSE '[]' END);
    END""",
]

SQLITE_BACKFILL = [
    "INSERT OR IGNORE INTO announcement_label(announcement_id, kind, value)"
    " SELECT id, 'stock', stock_code FROM announcement WHERE stock_code <> ''"
    " UNION SELECT a.id, 'stock', j.value FROM announcement a, json_each("
    "CASE WHEN json_valid(a.stock_codes) THEN a.stock_codes ELSE '[]' END) j"
    " UNION SELECT a.id, 'transaction_type', lower(j.value) FROM announcement a, json_each("
    "CASE WHEN json_valid(a.transaction_types) THEN a.transaction_types ELSE '[]' END) j",
    "INSERT INTO announcement_fts(announcement_fts) VALUES ('rebuild')",
    "INSERT INTO announcement_cjk(announcement_cjk) VALUES ('rebuild')",
]

PG_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE announcement ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig,
                  coalesce(stock_name, '') || ' ' || coalesce(stock_codes::text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(facts_text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(text, ''), 300000)), 'D')
    ) STORED""",
    "CREATE INDEX ix_announcement_search_vector ON announcement USING gin (search_vector)",
    "CREATE INDEX ix_announcement_cjk_trgm ON announcement USING gin (cjk_text gin_trgm_ops)",
    """CREATE FUNCTION announcement_label_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM announcement_label WHERE announcement_id = NEW.id;
        INSERT INTO announcement_label(announcement_id, kind, value)
        SELECT NEW.id, 'stock', NEW.stock_code WHERE NEW.stock_code <> ''
        UNION SELECT NEW.id, 'stock', v FROM json_array_elements_text(
            CASE WHEN json_typeof(NEW.stock_codes) = 'array' THEN NEW.stock_codes
                 ELSE '[]'::json END) AS v
        UNION SELECT NEW.id, 'transaction_type', lower(v) FROM json_array_elements_text(
            CASE WHEN json_typeof(NEW.transaction_types) = 'array' THEN NEW.transaction_types
                 ELSE '[]'::json END) AS v;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER announcement_label_sync
    AFTER INSERT OR UPDATE OF stock_code, stock_codes, transaction_types ON announcement
    FOR EACH ROW EXECUTE FUNCTION announcement_label_sync()""",
]

PG_BACKFILL = ["UPDATE announcement SET stock_codes = stock_codes"]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column(
        "announcement", sa.Column("cjk_text", sa.Text(), nullable=False, server_default="")
    )
    op.create_table(
        "announcement_label",
        sa.Column(
            "announcement_id",
            sa.Integer(),
            sa.ForeignKey("announcement.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("kind", "value", "announcement_id"),
    )
    op.create_index(
        "ix_announcement_label_announcement_id", "announcement_label", ["announcement_id"]
    )
    _backfill_cjk_text()
    for statement in SQLITE_DDL + SQLITE_BACKFILL if dialect == "sqlite" else PG_DDL + PG_BACKFILL:
        op.execute(statement)


def _backfill_cjk_text() -> None:
    """cjk_text for rows stored before this revision (new rows get it from the ORM)."""
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, title, stock_name, facts_text, text FROM announcement"
        " WHERE id > :last ORDER BY id LIMIT 500"
    )
    last = 0
    while rows := bind.execute(select, {"last": last}).fetchall():
        last = rows[-1][0]
        updates = [
            {"c": runs, "i": row[0]}
            for row in rows
            if (runs := "\n".join(r for t in row[1:] if t for r in _CJK_RUN.findall(t)))
        ]
        if updates:
            bind.execute(sa.text("UPDATE announcement SET cjk_text = :c WHERE id = :i"), updates)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in (
            "announcement_fts_ai",
            "announcement_fts_ad",
            "announcement_fts_au",
            "announcement_cjk_au",
            "announcement_label_ai",
            "announcement_label_au",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS announcement_fts")
        op.execute("DROP TABLE IF EXISTS announcement_cjk")
    else:
        op.execute("DROP TRIGGER IF EXISTS announcement_label_sync ON announcement")
        op.execute("DROP FUNCTION IF EXISTS announcement_label_sync()")
        op.execute("DROP INDEX IF EXISTS ix_announcement_cjk_trgm")
        op.execute("ALTER TABLE announcement DROP COLUMN search_vector")
    op.drop_table("announcement_label")
    op.drop_column("announcement", "cjk_text")
