"""The review queue: accepted filings and human corrections of facts (issue 16).

`reviewdecision` records a reviewer accepting a filing as it stands (its reasons, a note);
`factcorrection` a correction of one fact, re-applied after every extraction so it survives
`reprocess` and a new extractor version. `announcement.warnings` / `warning_count` keep the
extraction's cross-check warnings beside the flag, so the queue is one indexed query; they are
filled here from each stored extraction. Each fact table gets `human_corrected`, so exports
made from the rows can mark corrected facts.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None
FACT_TABLES = ("party", "agreement", "annualcap", "connectedperson", "personmention")


def upgrade() -> None:
    op.add_column(
        "announcement", sa.Column("warnings", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column(
        "announcement",
        sa.Column("warning_count", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index(op.f("ix_announcement_warning_count"), "announcement", ["warning_count"])
    _fill_warnings()
    for table in FACT_TABLES:
        op.add_column(
            table,
            sa.Column("human_corrected", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    for table, extra in (
        (
            "reviewdecision",
            [
                sa.Column("reasons", sa.JSON(), nullable=False),
                sa.Column("note", sa.Text(), nullable=False),
                sa.Column("reviewer", sa.String(length=200), nullable=False),
                sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
            ],
        ),
        (
            "factcorrection",
            [
                sa.Column("kind", sa.String(length=16), nullable=False),
                sa.Column("match", sa.JSON(), nullable=False),
                sa.Column("fields", sa.JSON(), nullable=False),
                sa.Column("note", sa.Text(), nullable=False),
                sa.Column("reviewer", sa.String(length=200), nullable=False),
                sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
                sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            ],
        ),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("announcement_id", sa.Integer(), nullable=False),
            *extra,
            sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(op.f(f"ix_{table}_announcement_id"), table, ["announcement_id"])


def _fill_warnings() -> None:
    """Copy each stored extraction's warnings into the new columns, 500 rows at a time."""
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, extraction FROM announcement WHERE id > :last AND extraction IS NOT NULL"
        " ORDER BY id LIMIT 500"
    )
    update = sa.text("UPDATE announcement SET warnings = :w, warning_count = :n WHERE id = :i")
    last = 0
    while rows := bind.execute(select, {"last": last}).fetchall():
        last = rows[-1][0]
        updates = []
        for id_, extraction in rows:
            data = json.loads(extraction) if isinstance(extraction, str) else extraction
            warnings = data.get("warnings") if isinstance(data, dict) else None
            if isinstance(warnings, list) and warnings:
                texts = [str(w) for w in warnings]
                updates.append({"w": json.dumps(texts), "n": len(texts), "i": id_})
        if updates:
            bind.execute(update, updates)


def downgrade() -> None:
    for table in FACT_TABLES:  # plain DROP COLUMN (SQLite >= 3.35): a batch copy would
        op.drop_column(table, "human_corrected")  # break the FTS triggers naming the table
    for table in ("factcorrection", "reviewdecision"):
        op.drop_index(op.f(f"ix_{table}_announcement_id"), table_name=table)
        op.drop_table(table)
    op.drop_index(op.f("ix_announcement_warning_count"), table_name="announcement")
    op.drop_column("announcement", "warning_count")
    op.drop_column("announcement", "warnings")
