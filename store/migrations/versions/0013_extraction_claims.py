"""Extraction claims: which worker is reading which filing, until when (issue 14).

Workers on several machines (Celery, jobs/tasks.py) and concurrent local batches take a filing
by inserting its `extractionclaim` row; a row whose lease expired (its worker died) can be
taken over; `takeovers` counts how often, so a filing that kills every worker reading it is
failed instead of passed on for ever. The claim is deleted in the transaction that saves the
filing's facts.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extractionclaim",
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("takeovers", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("announcement_id"),
    )
    op.create_index("ix_extractionclaim_holder", "extractionclaim", ["holder"])


def downgrade() -> None:
    op.drop_index("ix_extractionclaim_holder", table_name="extractionclaim")
    op.drop_table("extractionclaim")
