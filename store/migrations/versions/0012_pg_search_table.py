"""PostgreSQL search: a narrow `announcement_search` table with filter labels, and a term table.

Why: at a million filings every PostgreSQL search visited the heap of the wide announcement
row (2-3 KB of text and tsvector each) once per match to list, count and filter them, and
filters were joins tested per match. Now each announcement has a row of
`announcement_search` (id, words, labels): `words` is the old generated `search_vector`
(stored out of line, toast_tuple_target 128: with ~170 bytes of labels a row is ~220
bytes, ~48 to a page, against ~3 of the wide rows), `labels` the filter tokens of
store.labels (stock codes, Hong Kong day/month/year, language, transaction types, cap
currency and size buckets; the same tokens as the SQLite word index's search_labels column,
without the private-use mark). One GIN index over (words, labels, id) (btree_gin for the id)
answers text AND filters AND "newer than" inside the index. `search_term` lists every lexeme
ever indexed (never pruned: a stale term only adds an empty OR branch), so a prefix
(`logist*`) becomes an OR of its terms instead of a partial-match scan.

Kept by triggers: on announcement (insert, and updates of the indexed columns), on annualcap
(its announcement's labels), and on announcement_search (new lexemes into search_term).
SQLite: nothing (its FTS5 tables hold all of this since 0007).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: The lexemes of one announcement row, as migration 0002's generated column had them.
WORDS_SQL = """
CREATE FUNCTION announcement_words(a announcement) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, coalesce(a.title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig,
                  coalesce(a.stock_name, '') || ' ' || coalesce(a.stock_codes::text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(a.facts_text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(a.text, ''), 300000)), 'D')
$$"""

#: The filter labels of one announcement row: store.labels.LABELS_SQL's tokens without the
#: mark (they live in a column of their own, where no typed word can reach them).
LABELS_SQL = r"""
CREATE FUNCTION announcement_labels(a announcement) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(coalesce(array_agg(DISTINCT l), '{}'::text[]))
    FROM (
        SELECT 's' || lower(a.stock_code) AS l WHERE a.stock_code <> ''
        UNION ALL SELECT 's' || lower(v) FROM json_array_elements_text(
            CASE WHEN json_typeof(a.stock_codes::json) = 'array' THEN a.stock_codes::json
                 ELSE '[]'::json END) AS v WHERE v <> ''
        UNION ALL SELECT 'd' || to_char(h, f) FROM
            (SELECT (a.published_at AT TIME ZONE 'UTC') + interval '8 hours' AS h) AS hk,
            unnest(ARRAY['YYYY', 'YYYYMM', 'YYYYMMDD']) AS f
            WHERE h IS NOT NULL
        UNION ALL SELECT 'l' || lower(a.language) WHERE lower(a.language) ~ '^[a-z]+$'
        UNION ALL SELECT 't' || replace(v, ' ', '0') FROM (
            SELECT lower(t) AS v FROM json_array_elements_text(
                CASE WHEN json_typeof(a.transaction_types::json) = 'array'
                     THEN a.transaction_types::json ELSE '[]'::json END) AS t) AS types
            WHERE v ~ '^[a-z][a-z ]*$'
        UNION ALL SELECT unnest(
            ARRAY['cape' || e, 'cape' || e || 'd' || d] || CASE WHEN cur ~ '^[a-z]{3}$'
            THEN ARRAY['c' || cur, 'c' || cur || 'e' || e, 'c' || cur || 'e' || e || 'd' || d]
            ELSE '{}'::text[] END)
        FROM (SELECT lower(currency) AS cur, length(n) - 1 AS e, left(n, 1) AS d
              FROM (SELECT currency, least(greatest(trunc(amount), 0),
                                           9223372036854775807)::bigint::text AS n
                    FROM annualcap WHERE announcement_id = a.id AND amount IS NOT NULL) AS c
             ) AS caps
    ) AS labels
$$"""

PG_UP = [
    """CREATE TABLE announcement_search (
        id integer PRIMARY KEY REFERENCES announcement(id) ON DELETE CASCADE,
        words tsvector NOT NULL,
        labels tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    'CREATE TABLE search_term (term text COLLATE "C" PRIMARY KEY)',
    WORDS_SQL,
    LABELS_SQL,
    """CREATE FUNCTION announcement_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO announcement_search (id, words, labels)
        VALUES (NEW.id, announcement_words(NEW), announcement_labels(NEW))
        ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words, labels = EXCLUDED.labels;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER announcement_search_sync
    AFTER INSERT OR UPDATE OF title, stock_name, stock_code, stock_codes, facts_text, text,
        published_at, language, transaction_types ON announcement
    FOR EACH ROW EXECUTE FUNCTION announcement_search_sync()""",
    """CREATE FUNCTION annualcap_labels_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- only when they change: each new row version is also new GIN entries
        IF TG_OP <> 'INSERT' THEN
            UPDATE announcement_search s SET labels = announcement_labels(a)
            FROM announcement a WHERE a.id = OLD.announcement_id AND s.id = a.id
            AND s.labels IS DISTINCT FROM announcement_labels(a);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            UPDATE announcement_search s SET labels = announcement_labels(a)
            FROM announcement a WHERE a.id = NEW.announcement_id AND s.id = a.id
            AND s.labels IS DISTINCT FROM announcement_labels(a);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER annualcap_labels_sync AFTER INSERT OR UPDATE OR DELETE ON annualcap
    FOR EACH ROW EXECUTE FUNCTION annualcap_labels_sync()""",
    """CREATE FUNCTION search_term_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_term (term) SELECT unnest(tsvector_to_array(NEW.words))
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_term_sync AFTER INSERT OR UPDATE OF words ON announcement_search
    FOR EACH ROW EXECUTE FUNCTION search_term_sync()""",
    # Backfill (one statement each; the term table from the distinct lexemes).
    """INSERT INTO announcement_search (id, words, labels)
    SELECT a.id, announcement_words(a), announcement_labels(a) FROM announcement a""",
    """INSERT INTO search_term (term) SELECT word
    FROM ts_stat('SELECT words FROM announcement_search') ON CONFLICT DO NOTHING""",
    # btree_gin (contrib) puts the id in the same GIN index: "the newest matches" is then
    # `id > floor` inside the index scan, which skips through a common word's posting tree
    # instead of building a bitmap of all its rows (250 ms for a word in most of 1M filings).
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE INDEX ix_announcement_search_words_labels_id ON announcement_search"
    " USING gin (words, labels, id)",
    "DROP INDEX IF EXISTS ix_announcement_search_vector",
    "ALTER TABLE announcement DROP COLUMN IF EXISTS search_vector",
    "ANALYZE announcement_search",
]

PG_DOWN = [
    """ALTER TABLE announcement ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig,
                  coalesce(stock_name, '') || ' ' || coalesce(stock_codes::text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(facts_text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(text, ''), 300000)), 'D')
    ) STORED""",
    "CREATE INDEX ix_announcement_search_vector ON announcement USING gin (search_vector)",
    "DROP TRIGGER IF EXISTS annualcap_labels_sync ON annualcap",
    "DROP TRIGGER IF EXISTS announcement_search_sync ON announcement",
    "DROP TABLE IF EXISTS announcement_search",
    "DROP TABLE IF EXISTS search_term",
    "DROP FUNCTION IF EXISTS annualcap_labels_sync()",
    "DROP FUNCTION IF EXISTS announcement_search_sync()",
    "DROP FUNCTION IF EXISTS search_term_sync()",
    "DROP FUNCTION IF EXISTS announcement_labels(announcement)",
    "DROP FUNCTION IF EXISTS announcement_words(announcement)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_DOWN:
            op.execute(statement)
