"""Year labels: the publication year (Hong Kong time) joins stock and transaction type in
announcement_label, so the year facet reads the narrow label table, not the wide announcement
rows (which hold the full text and are slow to visit by the thousand). The label index by
announcement becomes covering (announcement_id, kind, value): facets read only the index.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SQLITE_LABELS = """
        INSERT OR IGNORE INTO announcement_label(announcement_id, kind, value)
        SELECT new.id, 'stock', new.stock_code WHERE new.stock_code <> ''
        UNION SELECT new.id, 'stock', value FROM json_each(
            CASE WHEN json_valid(new.stock_codes) THEN new.stock_codes ELSE '[]' END)
        UNION SELECT new.id, 'transaction_type', lower(value) FROM json_each(
            CASE WHEN json_valid(new.transaction_types) THEN new.transaction_types ELSE '[]' END)
        UNION SELECT new.id, 'year', strftime('%Y', new.published_at, '+8 hours')
        WHERE new.published_at IS NOT NULL;"""

SQLITE_UP = [
    "DROP TRIGGER announcement_label_ai",
    "DROP TRIGGER announcement_label_au",
    f"CREATE TRIGGER announcement_label_ai AFTER INSERT ON announcement BEGIN{_SQLITE_LABELS}\n"
    "    END",
    "CREATE TRIGGER announcement_label_au AFTER UPDATE OF stock_code, stock_codes,"
    " transaction_types, published_at ON announcement BEGIN\n"
    "        DELETE FROM announcement_label WHERE announcement_id = new.id;"
    f"{_SQLITE_LABELS}\n    END",
    "INSERT OR IGNORE INTO announcement_label(announcement_id, kind, value)"
    " SELECT id, 'year', strftime('%Y', published_at, '+8 hours') FROM announcement",
]

PG_UP = [
    """CREATE OR REPLACE FUNCTION announcement_label_sync() RETURNS trigger LANGUAGE plpgsql
    AS $$
    BEGIN
        DELETE FROM announcement_label WHERE announcement_id = NEW.id;
        INSERT INTO announcement_label(announcement_id, kind, value)
        SELECT NEW.id, 'stock', NEW.stock_code WHERE NEW.stock_code <> ''
        UNION SELECT NEW.id, 'stock', v FROM json_array_elements_text(
            CASE WHEN json_typeof(NEW.stock_codes) = 'array' THEN NEW.stock_codes
                 ELSE '[]'::json END) AS v
        UNION SELECT NEW.id, 'transaction_type', lower(v) FROM json_array_elements_text(
            CASE WHEN json_typeof(NEW.transaction_types) = 'array' THEN NEW.transaction_types
                 ELSE '[]'::json END) AS v
        UNION SELECT NEW.id, 'year',
            extract(year FROM NEW.published_at AT TIME ZONE 'Asia/Hong_Kong')::int::text;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER announcement_label_sync ON announcement",
    """CREATE TRIGGER announcement_label_sync AFTER INSERT OR UPDATE OF stock_code, stock_codes,
    transaction_types, published_at ON announcement
    FOR EACH ROW EXECUTE FUNCTION announcement_label_sync()""",
    "INSERT INTO announcement_label(announcement_id, kind, value) SELECT id, 'year',"
    " extract(year FROM published_at AT TIME ZONE 'Asia/Hong_Kong')::int::text"
    " FROM announcement ON CONFLICT DO NOTHING",
]


def _without_year(statements: list[str]) -> list[str]:
    """0002's triggers: the same statements minus the year part (for downgrade)."""
    year_sqlite = _SQLITE_LABELS[_SQLITE_LABELS.index("\n        UNION SELECT new.id, 'year'") :]
    out = []
    for statement in (s for s in statements if not s.startswith("INSERT")):
        statement = statement.replace(year_sqlite, ";").replace(", published_at ON", " ON")
        statement = statement.replace(
            "\n        UNION SELECT NEW.id, 'year',\n            extract(year FROM NEW.published_at"
            " AT TIME ZONE 'Asia/Hong_Kong')::int::text;",
            ";",
        )
        statement = statement.replace("transaction_types, published_at ON", "transaction_types ON")
        out.append(statement)
    return out


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else PG_UP:
        op.execute(statement)
    op.drop_index("ix_announcement_label_announcement_id", "announcement_label")
    op.create_index(
        "ix_announcement_label_covering", "announcement_label", ["announcement_id", "kind", "value"]
    )


def downgrade() -> None:
    op.drop_index("ix_announcement_label_covering", "announcement_label")
    op.create_index(
        "ix_announcement_label_announcement_id", "announcement_label", ["announcement_id"]
    )
    for statement in _without_year(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else PG_UP):
        op.execute(statement)
    op.execute("DELETE FROM announcement_label WHERE kind = 'year'")
