"""Deals: agreements as entities across filings, and the actual amounts filings report.

`deal` is one agreement of one issuer across its filings (original, supplements, revised caps,
renewals); `dealfiling` each filing's part in it; `historicalamount` the actual amounts of past
periods a filing reports (extraction's `historical_amounts`), set against the caps.
Stored filings are linked by `filingwatch deals --backfill` (or `reprocess`).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "historicalamount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(24, 2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("period_label", sa.String(length=500), nullable=True),
        sa.Column("agreement", sa.String(length=500), nullable=True),
        sa.Column("category", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_historicalamount_announcement_id"), "historicalamount", ["announcement_id"]
    )
    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stock_code", sa.String(length=5), nullable=False),
        sa.Column("deal_key", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stock_code", "deal_key"),
    )
    op.create_index(op.f("ix_deal_stock_code"), "deal", ["stock_code"])
    op.create_table(
        "dealfiling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("agreement_name", sa.String(length=500), nullable=False),
        sa.Column("agreement_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("deal_id", "announcement_id"),
    )
    op.create_index(op.f("ix_dealfiling_deal_id"), "dealfiling", ["deal_id"])
    op.create_index(op.f("ix_dealfiling_announcement_id"), "dealfiling", ["announcement_id"])


def downgrade() -> None:
    op.drop_table("dealfiling")
    op.drop_table("deal")
    op.drop_table("historicalamount")
