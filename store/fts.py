"""Compile a parsed query (store.query) into SQL for one backend.

Everything the user typed reaches the database as a bound parameter built from checked tokens
(letters and digits only), never as SQL or raw FTS5/tsquery syntax. Subtrees without CJK terms
compile to one FTS5 MATCH string or one tsquery; CJK terms become substring tests on
announcement.cjk_text (trigram index for 3+ characters, a bigram word index for 1-2
characters, which trigrams cannot index); the two are joined with plain SQL AND/OR/NOT.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.elements import ColumnElement

from store.models import Announcement
from store.pair_words import pair_term
from store.query import And, Cjk, Node, Not, Or, Phrase

A = Announcement.__table__
FTS = sa.table("announcement_fts", sa.column("rowid"))
#: PostgreSQL: one narrow row per announcement, its lexemes and filter labels (migration 0012).
#: `pairs`: adjacent pairs of common words, one lexeme each (migration 0015, store.pair_words).
SEARCH = sa.table(
    "announcement_search",
    sa.column("id"),
    sa.column("words"),
    sa.column("labels"),
    sa.column("pairs"),
)
#: PostgreSQL: every lexeme ever indexed (migration 0012), for prefix expansion.
TERMS = sa.table("search_term", sa.column("term"))
#: bm25 weights for title, stock_name, stock_codes, text, facts_text, search_labels (filter
#: tokens, store.labels: no weight).
BM25_WEIGHTS = (10.0, 5.0, 5.0, 1.0, 3.0, 0.0)

TRIGRAM = 3
#: SQLite: the word index's vocabulary (fts5vocab, one row per term; migration 0007).
VOCAB = "announcement_fts_vocab"
#: A prefix this long or longer (the index has prefix indexes for 2 and 3 characters) is
#: replaced by its terms when they are at most MAX_EXPANSION.
EXPAND_FROM = 4
MAX_EXPANSION = 32
#: A one-character prefix (no prefix index) becomes the word itself OR its two-character
#: prefixes over these (prefix-indexed): FTS5 then streams a few doclists instead of
#: merging every matching term's doclist in one uninterruptible step.
SECOND_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def is_pure(node: Node) -> bool:
    """True when the subtree holds no CJK term, so the word index alone can answer it."""
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Cjk):
        return False
    if isinstance(node, Not):
        return is_pure(node.child)
    return all(is_pure(c) for c in node.children)


def expand_prefixes(
    node: Node, terms_of: Callable[[str], list[str] | None], *, letters: bool = True
) -> Node:
    """`node` with each one-word prefix (`logist*`) replaced by an OR of its indexed terms.

    Without a prefix index FTS5 merges every matching term's doclist in full each time the
    MATCH runs (a search runs it three times: ids, scores, snippets); an OR of a few terms
    streams them. `terms_of(prefix)` gives the terms, or None to keep the prefix as it is.
    A one-letter prefix becomes an OR of two-letter (prefix-indexed) ones when `letters`
    (SQLite); PostgreSQL has no prefix index to stream, and its term table (migration 0012)
    gives each term as the lexeme it is indexed under (`Phrase((t,), t)`: tsquery() makes it
    that lexeme, unparsed).
    """
    if isinstance(node, Phrase):
        if not (node.prefix and len(node.tokens) == 1):
            return node
        if letters and len(node.tokens[0]) == 1 and node.tokens[0].isascii():
            return _by_second_character(node.tokens[0])
        terms = terms_of(node.tokens[0])
        if not terms:
            return node
        phrases = tuple(Phrase((t,), t) for t in terms)
        return phrases[0] if len(phrases) == 1 else Or(phrases)
    if isinstance(node, Cjk):
        return node
    if isinstance(node, Not):
        return Not(expand_prefixes(node.child, terms_of, letters=letters))
    return type(node)(tuple(expand_prefixes(c, terms_of, letters=letters) for c in node.children))


def _by_second_character(letter: str) -> Or:
    """`a*` as `a OR aa* OR ab* ... OR a9*` (terms whose second character, once the index
    has folded it, is not an ASCII letter or digit are not found: rare in filings)."""
    longer = (Phrase((letter + c,), letter + c, prefix=True) for c in SECOND_CHARACTERS)
    return Or((Phrase((letter,), letter), *longer))


def vocabulary(conn: sa.Connection, prefix: str) -> list[str] | None:
    """The indexed terms starting with `prefix`, or None when there are too many to list or
    the prefix is short (a prefix index answers it) or not ASCII (the tokenizer folds it)."""
    prefix = prefix.lower()
    if len(prefix) < EXPAND_FROM or not prefix.isascii():
        return None
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = conn.execute(
        sa.text(f"SELECT term FROM {VOCAB} WHERE term >= :p AND term < :u LIMIT :n"),
        {"p": prefix, "u": upper, "n": MAX_EXPANSION + 1},
    )
    terms = [r[0] for r in rows]
    return terms if len(terms) <= MAX_EXPANSION else None


def pg_vocabulary(conn: sa.Connection, prefix: str) -> list[str] | None:
    """PostgreSQL: the indexed lexemes starting with `prefix` (search_term, "C" collation),
    or None when there are more than MAX_EXPANSION or the prefix is not ASCII (PostgreSQL's
    lower() of other letters may not be Python's)."""
    prefix = prefix.lower()
    if not prefix or not prefix.isascii():
        return None
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    term = TERMS.c.term
    query = sa.select(term).where(term >= prefix, term < upper).limit(MAX_EXPANSION + 1)
    terms = [r[0] for r in conn.execute(query)]
    return terms if len(terms) <= MAX_EXPANSION else None


def has_phrase(node: Node | None) -> bool:
    """True when a phrase of two or more words is in the query: PostgreSQL's GIN index then
    finds rows holding the words, and each must be rechecked (its tsvector read) for their
    positions."""
    if isinstance(node, Phrase):
        return len(node.tokens) > 1
    if isinstance(node, Not):
        return has_phrase(node.child)
    return isinstance(node, And | Or) and any(has_phrase(c) for c in node.children)


def has_prefix(node: Node | None) -> bool:
    """True when a term ends in `*` (FTS5 then merges every matching term's doclist)."""
    if isinstance(node, Phrase):
        return node.prefix
    if isinstance(node, Not):
        return has_prefix(node.child)
    return isinstance(node, And | Or) and any(has_prefix(c) for c in node.children)


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
        if not node.prefix and node.tokens == (node.raw,):
            # One lower-case token: the lexeme itself (what the parser makes of it, and a
            # term table's lexeme exactly, even one the parser would split, like "1.2").
            lexeme = "'" + node.raw.replace("\\", "\\\\").replace("'", "''") + "'"
            return sa.cast(sa.bindparam(None, lexeme, sa.String), TSQUERY)
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
            matching = sa.select(SEARCH.c.id).where(matches(SEARCH.c.words, tsquery(node)))
            return A.c.id.in_(matching)
        return A.c.id.in_(
            sa.select(FTS.c.rowid).where(fts5_match("announcement_fts", fts5_query(node)))
        )
    if isinstance(node, Cjk):
        return _cjk_condition(node.text, dialect)
    if isinstance(node, Not):
        return sa.not_(condition(node.child, dialect))
    if isinstance(node, And):
        return sa.and_(*(condition(c, dialect) for c in node.children))
    assert isinstance(node, Or)
    return sa.or_(*(condition(c, dialect) for c in node.children))


def split_pairs(node: Node) -> tuple[Node | None, tuple[str, ...]]:
    """PostgreSQL: a pure query as (what `words` must match, the pair terms `pairs` must hold).

    A positive phrase of the query's top-level AND made of plain words (ASCII letters and
    digits, so PostgreSQL's parser makes the same lexemes) contributes the pairs of its
    adjacent words that are indexed (store.pair_words). A two-word phrase whose pair is
    indexed is then answered by the pair alone: `words` no longer needs it, and the GIN index
    needs no recheck of positions. Longer phrases stay in `words` (their positions are
    rechecked), their pairs narrowing the rows to recheck. When nothing positive would be left
    for `words` (`"annual cap" -tencent`), the phrase's words stay as plain words: a `words`
    query of negations alone would scan the whole index.
    """
    children = node.children if isinstance(node, And) else (node,)
    rest: list[Node] = []
    pairs: list[str] = []
    replaced: list[Node] = []
    for child in children:
        terms = _pair_terms(child) if isinstance(child, Phrase) else []
        pairs += [t for t in terms if t not in pairs]
        if terms and len(child.tokens) == 2:  # type: ignore[union-attr]
            replaced += [Phrase((t,), t) for t in child.tokens if Phrase((t,), t) not in replaced]  # type: ignore[union-attr]
        else:
            rest.append(child)
    if rest and all(isinstance(c, Not) for c in rest):
        rest = replaced + rest
    if not rest:
        return None, tuple(pairs)
    return (rest[0] if len(rest) == 1 else And(tuple(rest))), tuple(pairs)


def _pair_terms(phrase: Phrase) -> list[str]:
    """The indexed pair terms of a phrase of plain words, in order (none for a prefix)."""
    tokens = phrase.tokens
    plain = all(t.isascii() and t.isalnum() for t in tokens)
    if phrase.prefix or len(tokens) < 2 or not plain or phrase.raw.lower().split() != list(tokens):
        return []
    terms = (pair_term(a, b) for a, b in zip(tokens, tokens[1:], strict=False))
    return [t for t in terms if t is not None]


def pairs_tsquery(terms: tuple[str, ...]) -> ColumnElement:
    """The tsquery that `pairs` holds every one of `terms` (lexemes with a space: quoted)."""
    text = " & ".join("'" + t + "'" for t in terms)  # letters, digits and one space
    return sa.cast(sa.bindparam(None, text, sa.String), TSQUERY)


def matches(vector: ColumnElement, query: ColumnElement) -> ColumnElement[bool]:
    """`vector @@ query`."""
    return vector.op("@@", is_comparison=True)(query)


def positive_tsquery(node: Node) -> ColumnElement | None:
    """The tsquery to rank and highlight with: the whole query if pure, else its words."""
    if is_pure(node):
        return tsquery(node)
    phrases = [leaf for leaf in _positive_leaves(node) if isinstance(leaf, Phrase)]
    return _fold(sa.func.tsquery_or, [tsquery(p) for p in phrases]) if phrases else None


def cjk_match(text: str) -> tuple[str, str]:
    """SQLite: (FTS5 table, MATCH string) that finds the CJK substring `text`."""
    if len(text) >= TRIGRAM:
        return "announcement_cjk", f'"{text}"'
    return "announcement_cjk_bigram", f'"{text}"' + ("*" if len(text) == 1 else "")


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
    table, query = cjk_match(text)
    rowid = sa.table(table, sa.column("rowid")).c.rowid
    return A.c.id.in_(sa.select(rowid).where(fts5_match(table, query)))


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
