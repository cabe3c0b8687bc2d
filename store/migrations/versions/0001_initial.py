"""Initial schema: every table in store/models.py as it stood when migrations began.

Frozen DDL: later model changes go in new revisions, never here.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("news_id", sa.String(length=32), nullable=False),
        sa.Column("stock_code", sa.String(length=5), nullable=False),
        sa.Column("stock_codes", sa.JSON(), nullable=False),
        sa.Column("stock_name", sa.String(length=400), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("headline_t1", sa.String(length=200), nullable=True),
        sa.Column("headline_t2", sa.JSON(), nullable=False),
        sa.Column("revised", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_url", sa.String(length=1000), nullable=False),
        sa.Column("file_type", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("file_path", sa.String(length=1000), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("discovered", "fetched", "extracted", "failed", name="status"),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("extractor_version", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("facts_text", sa.Text(), nullable=False),
        sa.Column("extraction", sa.JSON(), nullable=True),
        sa.Column("transaction_types", sa.JSON(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_reason", sa.Text(), nullable=True),
        sa.Column("paired_news_id", sa.String(length=32), nullable=True),
        sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_announcement_extractor_version"),
        "announcement",
        ["extractor_version"],
        unique=False,
    )
    op.create_index(
        op.f("ix_announcement_headline_t1"), "announcement", ["headline_t1"], unique=False
    )
    op.create_index(op.f("ix_announcement_language"), "announcement", ["language"], unique=False)
    op.create_index(
        op.f("ix_announcement_needs_review"), "announcement", ["needs_review"], unique=False
    )
    op.create_index(op.f("ix_announcement_news_id"), "announcement", ["news_id"], unique=True)
    op.create_index(
        op.f("ix_announcement_paired_news_id"), "announcement", ["paired_news_id"], unique=False
    )
    op.create_index(
        op.f("ix_announcement_published_at"), "announcement", ["published_at"], unique=False
    )
    op.create_index(op.f("ix_announcement_sha256"), "announcement", ["sha256"], unique=False)
    op.create_index(op.f("ix_announcement_status"), "announcement", ["status"], unique=False)
    op.create_index(
        op.f("ix_announcement_stock_code"), "announcement", ["stock_code"], unique=False
    )
    op.create_table(
        "crawlrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_from", sa.Date(), nullable=False),
        sa.Column("window_to", sa.Date(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_crawlrun_status"), "crawlrun", ["status"], unique=False)
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("chinese_name", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_person_chinese_name"), "person", ["chinese_name"], unique=False)
    op.create_index(op.f("ix_person_name_key"), "person", ["name_key"], unique=True)
    op.create_table(
        "schedulerlock",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("chinese_name", sa.String(length=100), nullable=True),
        sa.Column("stock_codes", sa.JSON(), nullable=False),
        sa.Column("transaction_types", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("min_cap_amount", sa.Numeric(precision=24, scale=2), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=1000), nullable=True),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_agreement_announcement_id"), "agreement", ["announcement_id"], unique=False
    )
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("matched_alias", sa.String(length=300), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscription.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subscription_id", "announcement_id"),
    )
    op.create_index(op.f("ix_alert_announcement_id"), "alert", ["announcement_id"], unique=False)
    op.create_index(op.f("ix_alert_status"), "alert", ["status"], unique=False)
    op.create_index(op.f("ix_alert_subscription_id"), "alert", ["subscription_id"], unique=False)
    op.create_table(
        "annualcap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=24, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("period_label", sa.String(length=500), nullable=True),
        sa.Column("agreement", sa.String(length=500), nullable=True),
        sa.Column("category", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_annualcap_amount"), "annualcap", ["amount"], unique=False)
    op.create_index(
        op.f("ix_annualcap_announcement_id"), "annualcap", ["announcement_id"], unique=False
    )
    op.create_index(op.f("ix_annualcap_currency"), "annualcap", ["currency"], unique=False)
    op.create_table(
        "connectedperson",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("connected_entity", sa.String(length=500), nullable=True),
        sa.Column("relationship", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_connectedperson_announcement_id"),
        "connectedperson",
        ["announcement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_connectedperson_person_id"), "connectedperson", ["person_id"], unique=False
    )
    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("full_name", sa.String(length=1000), nullable=True),
        sa.Column("chinese_name", sa.String(length=500), nullable=True),
        sa.Column("name_key", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_party_announcement_id"), "party", ["announcement_id"], unique=False)
    op.create_index(op.f("ix_party_name_key"), "party", ["name_key"], unique=False)
    op.create_table(
        "personmention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("name_as_written", sa.String(length=300), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "executive",
                "non_executive",
                "independent_non_executive",
                "connected_person",
                "abstained",
                name="role",
            ),
            nullable=False,
        ),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("evidence_page", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["announcement_id"], ["announcement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "announcement_id", "role"),
    )
    op.create_index(
        op.f("ix_personmention_announcement_id"), "personmention", ["announcement_id"], unique=False
    )
    op.create_index(
        op.f("ix_personmention_person_id"), "personmention", ["person_id"], unique=False
    )
    op.create_index(op.f("ix_personmention_role"), "personmention", ["role"], unique=False)


def downgrade() -> None:
    for table in (
        "alert",
        "personmention",
        "connectedperson",
        "annualcap",
        "agreement",
        "party",
        "subscription",
        "schedulerlock",
        "person",
        "crawlrun",
        "announcement",
    ):
        op.drop_table(table)
    sa.Enum(name="role").drop(op.get_bind(), checkfirst=True)
    sa.Enum(name="status").drop(op.get_bind(), checkfirst=True)
