"""Compile a parsed query (store.query) into SQL for one backend.

Everything the user typed reaches the database as a bound parameter built from checked tokens
(letters and digits only), never as SQL or raw FTS5/tsquery syntax. Subtrees without CJK terms
compile to one FTS5 MATCH string or one tsquery; CJK terms become substring tests on
announcement.cjk_text (trigram index for 3+ characters, a bigram word index for 1-2
characters, which trigrams cannot index); the two are joined with plain SQL AND/OR/NOT.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from store.models import Announcement
from store.query import And, Cjk, Node, Not, Or, Phrase

A = Announcement.__table__
FTS = sa.table("announcement_fts", sa.column("rowid"))
CJK = sa.table("announcement_cjk", sa.column("rowid"))
BIGRAM = sa.table("announcement_cjk_bigram", sa.column("rowid"))
SEARCH_VECTOR = sa.literal_column("announcement.search_vector")
#: bm25 weights for title, stock_name, stock_codes, text, facts_text, search_labels (filter
#: tokens, store.labels: no weight).
BM25_WEIGHTS = (10.0, 5.0, 5.0, 1.0, 3.0, 0.0)
#: The columns a user's words are looked for in (not the filter labels).
TEXT_COLUMNS = "{title stock_name stock_codes text facts_text}"
TRIGRAM = 3


def is_pure(node: Node) -> bool:
    """True when the subtree holds no CJK term, so the word index alone can answer it."""
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Cjk):
        return False
    if isinstance(node, Not):
        return is_pure(node.child)
    return all(is_pure(c) for c in node.children)


def fts5_text_query(node: Node) -> str:
    """An FTS5 MATCH string for a pure query, looking in the text columns only."""
    return f"{TEXT_COLUMNS} : ({fts5_query(node)})"


def fts5_query(node: Node) -> str:
    """An FTS5 MATCH string for a pure subtree: quoted tokens, AND/OR/NOT, parentheses."""
    if isinstance(node, Phrase):
        return '"' + " ".join(node.tokens) + '"' + ("*" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(fts5_query(c) for c in node.children) + ")"
    if isinstance(node, And):
        positives = [fts5_query(c) for c in node.children if not isinstance(c, Not)]
        negatives = [fts5_query(c.child) for c in node.children if isinstance(c, Not)]
        text = "(" + " AND ".join(positives) + ")"
        if negatives:
            text = f"({text} NOT ({' OR '.join(negatives)}))"
        return text
    raise TypeError(f"not an FTS5 subtree: {node!r}")


def fts5_match(table: str, query: str) -> ColumnElement[bool]:
    return sa.literal_column(table).op("MATCH")(sa.bindparam(None, query, type_=sa.String))


def tsquery(node: Node) -> ColumnElement:
    """A PostgreSQL tsquery expression for a pure subtree, parsed by PostgreSQL's own parser."""
    if isinstance(node, Phrase):
        if not node.prefix:
            return sa.func.phraseto_tsquery(_simple(), sa.bindparam(None, node.raw, sa.String))
        last = sa.func.to_tsquery(
            _simple(), sa.bindparam(None, f"'{node.tokens[-1]}':*", sa.String)
        )
        if len(node.tokens) == 1:
            return last
        rest = " ".join(node.tokens[:-1])
        head = sa.func.phraseto_tsquery(_simple(), sa.bindparam(None, rest, sa.String))
        return sa.func.tsquery_phrase(head, last)
    if isinstance(node, Or):
        return _fold(sa.func.tsquery_or, [tsquery(c) for c in node.children])
    if isinstance(node, And):
        parts = [
            sa.func.tsquery_not(tsquery(c.child)) if isinstance(c, Not) else tsquery(c)
            for c in node.children
        ]
        return _fold(sa.func.tsquery_and, parts)
    raise TypeError(f"not a tsquery subtree: {node!r}")


def condition(node: Node, dialect: str) -> ColumnElement[bool]:
    """A WHERE condition on `announcement` that is true for the rows matching `node`."""
    if is_pure(node):
        if dialect == "postgresql":
            return SEARCH_VECTOR.op("@@", is_comparison=True)(tsquery(node))
        return A.c.id.in_(
            sa.select(FTS.c.rowid).where(fts5_match("announcement_fts", fts5_text_query(node)))
        )
    if isinstance(node, Cjk):
        return _cjk_condition(node.text, dialect)
    if isinstance(node, Not):
        return sa.not_(condition(node.child, dialect))
    if isinstance(node, And):
        return sa.and_(*(condition(c, dialect) for c in node.children))
    assert isinstance(node, Or)
    return sa.or_(*(condition(c, dialect) for c in node.children))


def positive_tsquery(node: Node) -> ColumnElement | None:
    """The tsquery to rank and highlight with: the whole query if pure, else its words."""
    if is_pure(node):
        return tsquery(node)
    phrases = [leaf for leaf in _positive_leaves(node) if isinstance(leaf, Phrase)]
    return _fold(sa.func.tsquery_or, [tsquery(p) for p in phrases]) if phrases else None


def _cjk_condition(text: str, dialect: str) -> ColumnElement[bool]:
    """Substring tests; `text` holds letters and digits only, so it has no quotes or wildcards.

    3+ characters: trigram index. 1-2 characters: the bigram index (store.cjk.cjk_bigrams) —
    a pair is one token, a single character a prefix.
    """
    short = len(text) < TRIGRAM
    if dialect == "postgresql":
        if not short:
            return A.c.cjk_text.ilike(f"%{text}%")  # pg_trgm indexes ILIKE too
        pairs = sa.func.to_tsvector(_simple(), A.c.cjk_bigrams)
        query = f"'{text}'" + (":*" if len(text) == 1 else "")
        return pairs.op("@@", is_comparison=True)(
            sa.func.to_tsquery(_simple(), sa.bindparam(None, query, sa.String))
        )
    if not short:
        return A.c.id.in_(sa.select(CJK.c.rowid).where(fts5_match("announcement_cjk", f'"{text}"')))
    query = f'"{text}"' + ("*" if len(text) == 1 else "")
    return A.c.id.in_(sa.select(BIGRAM.c.rowid).where(fts5_match("announcement_cjk_bigram", query)))


def _positive_leaves(node: Node) -> list[Node]:
    if isinstance(node, Phrase | Cjk):
        return [node]
    if isinstance(node, Not):
        return []
    return [leaf for c in node.children for leaf in _positive_leaves(c)]


def _simple() -> ColumnElement:
    return sa.literal_column("'simple'::regconfig")


def _fold(func: sa.sql.functions._FunctionGenerator, parts: list[ColumnElement]) -> ColumnElement:
    result = parts[0]
    for part in parts[1:]:
        result = func(result, part)
    return result
