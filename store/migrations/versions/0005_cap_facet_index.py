"""Covering index for the currency facet and cap filters: (announcement_id, currency, amount).

The currency facet counts caps of a few thousand announcements at a time; with this index it
reads only the index, not the annualcap rows.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_annualcap_announcement_currency_amount",
        "annualcap",
        ["announcement_id", "currency", "amount"],
    )
    op.execute("ANALYZE annualcap")  # so the planners know the new index is the better one


def downgrade() -> None:
    op.drop_index("ix_annualcap_announcement_currency_amount", "annualcap")
