"""The attached documents of Multi-Files announcements: one `announcementfile` row each.

A Multi-Files filing's FILE_LINK is an .htm landing page listing its documents; the crawler
now fetches each one and records it here (position, url, label, sha256, path, status, error)
against the announcement, so a missing attachment is visible and retried, never dropped.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "announcementfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("file_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("file_path", sa.String(length=1000), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("announcement_id", "url"),
    )
    op.create_index(
        op.f("ix_announcementfile_announcement_id"), "announcementfile", ["announcement_id"]
    )
    op.create_index(op.f("ix_announcementfile_sha256"), "announcementfile", ["sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_announcementfile_sha256"), table_name="announcementfile")
    op.drop_index(op.f("ix_announcementfile_announcement_id"), table_name="announcementfile")
    op.drop_table("announcementfile")
