"""Covering index for the cap filter: (currency, amount, announcement_id).

"An HKD cap of at least 100 million" becomes one index range scan that never reads the
annualcap rows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_annualcap_currency_amount_announcement",
        "annualcap",
        ["currency", "amount", "announcement_id"],
    )
    op.execute("ANALYZE annualcap")


def downgrade() -> None:
    op.drop_index("ix_annualcap_currency_amount_announcement", "annualcap")
