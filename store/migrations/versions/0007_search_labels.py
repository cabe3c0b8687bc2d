"""SQLite: filter labels inside the word index, so FTS5 itself intersects text and filters.

A filtered search at a million filings walked a common word's whole doclist testing each row
against the filter's id set (0.3 s for "agreement" in one busy stock). Now each announcement
carries tokens for its stock codes, its Hong Kong publication day/month/year and each annual
cap's currency and size bucket in `announcement.search_labels`, indexed as a sixth FTS5
column. A filter becomes `search_labels : (tokens)` ANDed into the MATCH, and FTS5 skips
through the word's doclist to the few rows that carry the label (store/labels.py builds the
queries). Tokens, each prefixed by U+E000 (a private-use character FTS5 keeps in the token
and the query parser never lets into a user's term, so typed words never match a label):

- `s<code>` per stock code (stock_code and each of stock_codes);
- `d<yyyy>`, `d<yyyymm>`, `d<yyyymmdd>` for the publication date in Hong Kong time;
- `l<language>` (letters only) and `t<transaction type>` for each type of letters and
  spaces, lower case, each space written `0`;
- per cap, with n its whole part as text (negative -> 0, capped at 2**63-1), e = len(n)-1 and
  d = n's first digit: `cape<e>`, `cape<e>d<d>` (any currency) and, for a three-letter
  currency `xyz`, `cxyz`, `cxyze<e>`, `cxyze<e>d<d>`.

The triggers keep the column and the index in step in one place each, so the FTS row is
always deleted with the values it was inserted with: insert (index, then set the labels),
update of an indexed or labelled column, and insert/delete of a cap. PostgreSQL: nothing
(its planner intersects the GIN and B-tree indexes itself).

Also `announcement_fts_vocab` (fts5vocab, row), to expand a long prefix into its terms.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = "title, stock_name, stock_codes, text, facts_text, search_labels"

# Frozen copy of store.labels.LABELS_SQL at this revision; {r} is the announcement row.
LABELS = """(SELECT CASE WHEN x = '' THEN ''
    ELSE char(57344) || replace(x, ' ', ' ' || char(57344)) END FROM (SELECT trim(
    coalesce((SELECT group_concat('s' || code, ' ') FROM (
        SELECT {r}.stock_code AS code WHERE {r}.stock_code <> ''
        UNION SELECT value FROM json_each(
            CASE WHEN json_valid({r}.stock_codes) THEN {r}.stock_codes ELSE '[]' END))), '')
    || coalesce(' d' || strftime('%Y', {r}.published_at, '+8 hours')
        || ' d' || strftime('%Y%m', {r}.published_at, '+8 hours')
        || ' d' || strftime('%Y%m%d', {r}.published_at, '+8 hours'), '')
    || CASE WHEN lower({r}.language) GLOB '[a-z]*' AND lower({r}.language) NOT GLOB '*[^a-z]*'
        THEN ' l' || lower({r}.language) ELSE '' END
    || coalesce((SELECT ' ' || group_concat('t' || replace(v, ' ', '0'), ' ') FROM (
        SELECT DISTINCT lower(value) AS v FROM json_each(CASE WHEN json_valid(
            {r}.transaction_types) THEN {r}.transaction_types ELSE '[]' END))
        WHERE v GLOB '[a-z]*' AND v NOT GLOB '*[^a-z ]*'), '')
    || coalesce((SELECT ' ' || group_concat(
            'cape' || e || ' cape' || e || 'd' || d || CASE
            WHEN length(cur) = 3 AND cur GLOB '[a-z][a-z][a-z]'
            THEN ' c' || cur || ' c' || cur || 'e' || e || ' c' || cur || 'e' || e || 'd' || d
            ELSE '' END, ' ')
        FROM (SELECT lower(currency) AS cur, length(n) - 1 AS e, substr(n, 1, 1) AS d
              FROM (SELECT currency, CAST(max(CAST(amount AS INTEGER), 0) AS TEXT) AS n
                    FROM annualcap WHERE announcement_id = {r}.id))), '')) AS x))"""


def _refresh(row: str, where: str) -> list[str]:
    """Statements that re-index announcement `where` with freshly computed labels.

    The FTS row is deleted with the values it holds (the row as stored now), the labels are
    recomputed (an UPDATE of search_labels alone, which no trigger watches), and the row is
    indexed again as stored.
    """
    return [
        f"""INSERT INTO announcement_fts(announcement_fts, rowid, {COLUMNS})
        SELECT 'delete', id, {COLUMNS} FROM announcement WHERE id = {where};""",
        f"UPDATE announcement SET search_labels = {LABELS.format(r=row)} WHERE id = {where};",
        f"""INSERT INTO announcement_fts(rowid, {COLUMNS})
        SELECT id, {COLUMNS} FROM announcement WHERE id = {where};""",
    ]


SQLITE_UP = [
    "DROP TRIGGER announcement_fts_ai",
    "DROP TRIGGER announcement_fts_ad",
    "DROP TRIGGER announcement_fts_au",
    "DROP TABLE announcement_fts",
    "ALTER TABLE announcement ADD COLUMN search_labels TEXT NOT NULL DEFAULT ''",
    f"UPDATE announcement SET search_labels = {LABELS.format(r='announcement')}",
    f"""CREATE VIRTUAL TABLE announcement_fts USING fts5({COLUMNS},
        content='announcement', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    "INSERT INTO announcement_fts(announcement_fts) VALUES ('rebuild')",
    # The vocabulary, to expand a long prefix into its few terms (store.fts.vocabulary).
    "CREATE VIRTUAL TABLE announcement_fts_vocab USING fts5vocab(announcement_fts, 'row')",
    # Insert: set the labels (an UPDATE of search_labels alone, which no trigger watches),
    # then index the row as stored.
    f"""CREATE TRIGGER announcement_fts_ai AFTER INSERT ON announcement BEGIN
        UPDATE announcement SET search_labels = {LABELS.format(r="new")} WHERE id = new.id;
        INSERT INTO announcement_fts(rowid, {COLUMNS})
        SELECT id, {COLUMNS} FROM announcement WHERE id = new.id;
        INSERT INTO announcement_cjk(rowid, cjk_text) VALUES (new.id, new.cjk_text);
    END""",
    f"""CREATE TRIGGER announcement_fts_ad AFTER DELETE ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text, old.search_labels);
        INSERT INTO announcement_cjk(announcement_cjk, rowid, cjk_text)
        VALUES ('delete', old.id, old.cjk_text);
    END""",
    # One trigger for every indexed or labelled column: two triggers each re-indexing the
    # same UPDATE would delete the FTS row with values it no longer holds.
    f"""CREATE TRIGGER announcement_fts_au AFTER UPDATE OF title, stock_name, stock_codes,
        text, facts_text, stock_code, published_at, language, transaction_types
        ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text, old.search_labels);
        UPDATE announcement SET search_labels = {LABELS.format(r="new")} WHERE id = new.id;
        INSERT INTO announcement_fts(rowid, {COLUMNS})
        SELECT id, {COLUMNS} FROM announcement WHERE id = new.id;
    END""",
    *(
        f"""CREATE TRIGGER annualcap_labels_{name} AFTER {event} ON annualcap
        WHEN EXISTS (SELECT 1 FROM announcement WHERE id = {cap}.announcement_id) BEGIN
        {" ".join(_refresh("announcement", f"{cap}.announcement_id"))}
    END"""
        for name, event, cap in (
            ("ai", "INSERT", "new"),
            ("ad", "DELETE", "old"),
            ("au", "UPDATE OF amount, currency", "new"),
        )
    ),
]

# 0002's word index and triggers, restored by downgrade.
_OLD_COLUMNS = "title, stock_name, stock_codes, text, facts_text"
SQLITE_DOWN = [
    "DROP TRIGGER annualcap_labels_ai",
    "DROP TRIGGER annualcap_labels_ad",
    "DROP TRIGGER annualcap_labels_au",
    "DROP TRIGGER announcement_fts_ai",
    "DROP TRIGGER announcement_fts_ad",
    "DROP TRIGGER announcement_fts_au",
    "DROP TABLE announcement_fts_vocab",
    "DROP TABLE announcement_fts",
    "ALTER TABLE announcement DROP COLUMN search_labels",
    f"""CREATE VIRTUAL TABLE announcement_fts USING fts5({_OLD_COLUMNS},
        content='announcement', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    f"""CREATE TRIGGER announcement_fts_ai AFTER INSERT ON announcement BEGIN
        INSERT INTO announcement_fts(rowid, {_OLD_COLUMNS})
        VALUES (new.id, new.title, new.stock_name, new.stock_codes, new.text, new.facts_text);
        INSERT INTO announcement_cjk(rowid, cjk_text) VALUES (new.id, new.cjk_text);
    END""",
    f"""CREATE TRIGGER announcement_fts_ad AFTER DELETE ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {_OLD_COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text);
        INSERT INTO announcement_cjk(announcement_cjk, rowid, cjk_text)
        VALUES ('delete', old.id, old.cjk_text);
    END""",
    f"""CREATE TRIGGER announcement_fts_au AFTER UPDATE OF {_OLD_COLUMNS} ON announcement BEGIN
        INSERT INTO announcement_fts(announcement_fts, rowid, {_OLD_COLUMNS})
        VALUES ('delete', old.id, old.title, old.stock_name, old.stock_codes, old.text,
                old.facts_text);
        INSERT INTO announcement_fts(rowid, {_OLD_COLUMNS})
        VALUES (new.id, new.title, new.stock_name, new.stock_codes, new.text, new.facts_text);
    END""",
    "INSERT INTO announcement_fts(announcement_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
