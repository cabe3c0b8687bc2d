"""CJK bigram index: 1- and 2-character Chinese terms found through an index, not a scan.

Trigram indexes (0002) cannot answer substrings shorter than three characters, and scanning
cjk_text at a million filings is too slow. `announcement.cjk_bigrams` holds each CJK run
as overlapping character pairs plus its last character ("雷軍先生" -> "雷軍 軍先 先生 生");
a 2-character term is then one token, a 1-character term a prefix. SQLite: FTS5 table
`announcement_cjk_bigram` with triggers; PostgreSQL: GIN over to_tsvector('simple', ...).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE announcement_cjk_bigram USING fts5(cjk_bigrams,
        content='announcement', content_rowid='id', tokenize='unicode61', prefix='1')""",
    """CREATE TRIGGER announcement_cjk_bigram_ai AFTER INSERT ON announcement BEGIN
        INSERT INTO announcement_cjk_bigram(rowid, cjk_bigrams) VALUES (new.id, new.cjk_bigrams);
    END""",
    """CREATE TRIGGER announcement_cjk_bigram_ad AFTER DELETE ON announcement BEGIN
        INSERT INTO announcement_cjk_bigram(announcement_cjk_bigram, rowid, cjk_bigrams)
        VALUES ('delete', old.id, old.cjk_bigrams);
    END""",
    """CREATE TRIGGER announcement_cjk_bigram_au AFTER UPDATE OF cjk_bigrams ON announcement
    BEGIN
        INSERT INTO announcement_cjk_bigram(announcement_cjk_bigram, rowid, cjk_bigrams)
        VALUES ('delete', old.id, old.cjk_bigrams);
        INSERT INTO announcement_cjk_bigram(rowid, cjk_bigrams) VALUES (new.id, new.cjk_bigrams);
    END""",
    "INSERT INTO announcement_cjk_bigram(announcement_cjk_bigram) VALUES ('rebuild')",
]
PG_DDL = [
    "CREATE INDEX ix_announcement_cjk_bigrams ON announcement"
    " USING gin (to_tsvector('simple'::regconfig, cjk_bigrams))"
]


def _bigrams(runs: str) -> str:
    """Frozen copy of store.cjk.cjk_bigrams at this revision."""
    tokens: list[str] = []
    for run in runs.split():
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def upgrade() -> None:
    op.add_column(
        "announcement", sa.Column("cjk_bigrams", sa.Text(), nullable=False, server_default="")
    )
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, cjk_text FROM announcement WHERE id > :last AND cjk_text <> ''"
        " ORDER BY id LIMIT 1000"
    )
    last = 0
    while rows := bind.execute(select, {"last": last}).fetchall():
        last = rows[-1][0]
        bind.execute(
            sa.text("UPDATE announcement SET cjk_bigrams = :b WHERE id = :i"),
            [{"b": _bigrams(text), "i": id_} for id_, text in rows],
        )
    for statement in SQLITE_DDL if bind.dialect.name == "sqlite" else PG_DDL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS announcement_cjk_bigram_{trigger}")
        op.execute("DROP TABLE IF EXISTS announcement_cjk_bigram")
    else:
        op.execute("DROP INDEX IF EXISTS ix_announcement_cjk_bigrams")
    op.drop_column("announcement", "cjk_bigrams")
