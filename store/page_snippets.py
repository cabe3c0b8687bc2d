"""Snippets for one page of hits, with the work per hit and per page bounded.

FTS5's snippet() scores a window at each match of a row against every other match of that
row: its cost grows with the square of the row's matches, inside one SQLite call that no
progress handler can interrupt (`a* c* t* f*` over one 900,000-character text: 15 s; `t*`
fifty times over six filings of up to 120,000 characters: 177 s). So snippet() only gets
the rows whose matches are known to be few:

- a row's matches are at most its indexed tokens (FTS5's docsize: a few bytes per row)
  times the query's overlap (how many of its phrases can start at one token: `t* th*` 2);
- a row this bound does not admit has at most TEXT_BYTES of its text read (a blob read,
  never the whole value) and its matches are counted there;
- the admitted rows' squared bounds must fit PAGE_BUDGET, so snippet() costs a page at most
  about half a second (measured: ~3.7 ns per squared match).

Every other row gets our own window (store.snippets.window) around the first match in the
text read. An ordinary query over ordinary filings has few matches per row, so its rows all
keep FTS5's snippet. PostgreSQL's ts_headline reads at most TEXT_CHARS of the text.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from store import fts, snippets
from store.query import Node, Not, Phrase, positive_terms

A = fts.A
#: One row's matches beyond this never go to snippet() (~0.4 s for that row alone).
ROW_MATCHES = 10_000
#: Sum of the squared match bounds of the rows one page gives to snippet().
PAGE_BUDGET = 150_000_000
#: Text read per hit for our own window (bytes on SQLite, characters on PostgreSQL) and, on
#: PostgreSQL, given to ts_headline.
TEXT_BYTES = 100_000
TEXT_CHARS = 100_000
#: Text one page reads and scans with our own pattern (counting matches, finding the first)
#: or gives ts_headline: TEXT_BYTES for the first rows, SHORT_BYTES for the rest.
PAGE_SCAN_CHARS = 2_000_000
SHORT_BYTES = 2_000
#: FTS5 snippet(): tokens per snippet.
SNIPPET_TOKENS = 24
TEXT_COLUMN = 3  # title, stock_name, stock_codes, text, facts_text, search_labels


@dataclass
class _Row:
    title: str
    facts_text: str
    text: str
    whole: bool  # the text was read in full


def sqlite_snippets(
    conn: sa.Connection, node: Node, typed: Node, fts5_query: str, ids: list[int]
) -> dict:
    """{id: snippet with sentinel marks} for a page of SQLite word-query hits. `node` is the
    query FTS5 runs (`fts5_query`, prefixes expanded), `typed` the query as parsed."""
    if not ids:
        return {}
    sizes = token_counts(conn, ids)
    times = overlap(node)
    pattern = snippets.terms_pattern(positive_terms(typed))
    admitted: list[int] = []
    budget = PAGE_BUDGET
    others: list[int] = []
    for i in ids:
        bound = sizes.get(i, ROW_MATCHES + 1) * times
        if bound <= ROW_MATCHES and bound * bound <= budget:
            admitted.append(i)
            budget -= bound * bound
        else:
            others.append(i)
    out: dict[int, str] = {}
    for i, row in read_rows(conn, others).items():
        if row.whole and pattern is not None:
            limit = min(ROW_MATCHES, math.isqrt(budget)) // times
            found = _count(pattern, (row.title, row.facts_text, row.text), limit + 1)
            if found <= limit:
                admitted.append(i)
                budget -= (found * times) ** 2
                continue
        out[i] = first_window(row, pattern)
    out.update(_fts5_snippets(conn, node, fts5_query, admitted))
    return out


def fallback_snippets(conn: sa.Connection, node: Node | None, ids: list[int]) -> dict:
    """{id: our own window} for hits the index could not highlight (CJK and mixed queries)."""
    pattern = snippets.terms_pattern(positive_terms(node))
    return {i: first_window(row, pattern) for i, row in read_rows(conn, ids).items()}


def first_window(row: _Row, pattern: re.Pattern[str] | None) -> str:
    """About 200 characters around the first match: in the text, else the title or names."""
    for text in (row.text, row.title, row.facts_text):
        if text and pattern is not None and pattern.search(text):
            return snippets.window(text, pattern)
    return snippets.window(row.text or row.title or "", pattern)


def postgresql_document(hits: int) -> sa.ColumnElement:
    """What ts_headline highlights: title, names and the start of the text, at most
    TEXT_CHARS of it and PAGE_SCAN_CHARS over the page (ts_headline parses all it is given;
    `substr` detoasts only the slice it needs, where `left` of the concatenation read the
    whole text)."""
    chars = min(TEXT_CHARS, max(SHORT_BYTES, PAGE_SCAN_CHARS // max(1, hits)))
    return A.c.title + "\n" + A.c.facts_text + "\n" + sa.func.substr(A.c.text, 1, chars)


def token_counts(conn: sa.Connection, ids: list[int]) -> dict[int, int]:
    """Indexed tokens per row (all columns), from FTS5's docsize table: varints, one per
    column. Rows missing there are left out (the caller treats them as too long)."""
    docsize = sa.table("announcement_fts_docsize", sa.column("id"), sa.column("sz"))
    rows = conn.execute(sa.select(docsize.c.id, docsize.c.sz).where(docsize.c.id.in_(ids)))
    return {r[0]: sum(_varints(bytes(r[1] or b""))[: TEXT_COLUMN + 2]) for r in rows}


def _varints(data: bytes) -> list[int]:
    """SQLite varints (big-endian 7-bit groups; a ninth byte holds 8 bits)."""
    values, value, n = [], 0, 0
    for byte in data:
        n += 1
        if n == 9:
            values.append((value << 8) | byte)
            value, n = 0, 0
            continue
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value, n = 0, 0
    return values


def overlap(node: Node | None) -> int:
    """How many of the query's phrases can start at one token (1 for `a* c* t* f*`, 3 for
    `t* th* the*`): FTS5 reports an instance per phrase, so a row's matches are at most its
    tokens times this. Excluded phrases count too (an OR branch may hold them)."""
    firsts = [_first(p) for p in _phrases(node)]
    if not firsts:
        return 1
    return max(sum(_compatible(a, b) for b in firsts) for a in firsts)


def _phrases(node: Node | None) -> Iterable[Phrase]:
    if isinstance(node, Phrase):
        yield node
    elif isinstance(node, Not):
        yield from _phrases(node.child)
    elif node is not None and hasattr(node, "children"):
        for child in node.children:
            yield from _phrases(child)


def _first(phrase: Phrase) -> tuple[str, bool]:
    """The phrase's first token as the index folds it, and whether it is a prefix."""
    folded = unicodedata.normalize("NFKD", phrase.tokens[0].lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded, phrase.prefix and len(phrase.tokens) == 1


def _compatible(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    (ta, prefix_a), (tb, prefix_b) = a, b
    return (
        (prefix_a and tb.startswith(ta))
        or (prefix_b and ta.startswith(tb))
        or (ta == tb)
    )  # fmt: skip


def _count(pattern: re.Pattern[str], texts: Iterable[str], limit: int) -> int:
    """Matches of `pattern` in `texts`, counting stops at `limit`."""
    found = 0
    for text in texts:
        for _ in pattern.finditer(text or ""):
            found += 1
            if found >= limit:
                return found
    return found


def read_rows(conn: sa.Connection, ids: list[int]) -> dict[int, _Row]:
    """{id: _Row}: title, names and the start of the text, read boundedly: at most
    TEXT_BYTES of a text and about PAGE_SCAN_CHARS in all, then SHORT_BYTES a row."""
    if not ids:
        return {}
    if conn.dialect.name == "postgresql":
        full = max(1, PAGE_SCAN_CHARS // TEXT_CHARS)
        return _read_postgresql(conn, ids[:full], TEXT_CHARS) | _read_postgresql(
            conn, ids[full:], SHORT_BYTES
        )
    raw = conn.connection.dbapi_connection
    query = sa.select(A.c.id, A.c.title, A.c.facts_text).where(A.c.id.in_(ids))
    names = {r.id: (r.title or "", r.facts_text or "") for r in conn.execute(query)}
    rows, allowance = {}, PAGE_SCAN_CHARS
    for i in ids:  # page order: the first hits get the allowance
        if i in names:
            text, whole = _text_head(raw, i, min(TEXT_BYTES, max(SHORT_BYTES, allowance)))
            allowance -= len(text)
            rows[i] = _Row(*names[i], text, whole)
    return rows


def _read_postgresql(conn: sa.Connection, ids: list[int], limit: int) -> dict[int, _Row]:
    """Characters; `substr` detoasts only the slice it needs."""
    if not ids:
        return {}
    head = sa.func.substr(A.c.text, 1, limit + 1).label("head")
    query = sa.select(A.c.id, A.c.title, A.c.facts_text, head).where(A.c.id.in_(ids))
    return {
        r.id: _Row(
            r.title or "", r.facts_text or "", (r.head or "")[:limit], len(r.head or "") <= limit
        )  # fmt: skip
        for r in conn.execute(query)
    }


def _text_head(raw: sqlite3.Connection, rowid: int, limit: int) -> tuple[str, bool]:
    """The first `limit` bytes of a row's text (as whole characters) and whether that is all
    of it. A blob handle reads only the pages it needs; `substr` would load the whole value."""
    try:
        with raw.blobopen("announcement", "text", rowid, readonly=True) as blob:
            size = len(blob)
            data = blob.read(min(size, limit))
    except sqlite3.Error:  # an empty or NULL value has no blob to open
        return "", True
    return data.decode("utf-8", errors="ignore"), size <= limit


def _fts5_snippets(conn: sa.Connection, node: Node, query: str, ids: list[int]) -> dict:
    """FTS5 snippet() for admitted rows (sentinel marks), in one statement where possible."""
    if not ids:
        return {}
    snippet = sa.func.snippet(
        sa.literal_column("announcement_fts"),
        -1,
        snippets.START,
        snippets.STOP,
        snippets.ELLIPSIS,
        SNIPPET_TOKENS,
    )
    rowid = fts.FTS.c.rowid
    text = fts.fts5_match("announcement_fts", query)
    if max(ids) - min(ids) < DENSE_SPAN or fts.has_prefix(node):
        # A rowid range plus `rowid + 0 IN`: FTS5 walks the matches in the range once; a
        # bare `rowid IN` would evaluate the MATCH again for every id, which for a prefix
        # merges all its terms' doclists each time.
        query_ = sa.select(rowid, snippet).where(
            text, rowid.between(min(ids), max(ids)), (rowid + 0).in_(ids)
        )
        return {r[0]: r[1] or "" for r in conn.execute(query_)}
    # Ids scattered over the table (a date filter's best matches): one lookup each.
    one = sa.select(rowid, snippet).where(text, rowid == sa.bindparam("id"))
    return {r[0]: r[1] or "" for i in ids for r in conn.execute(one, {"id": i})}


#: Page ids spanning fewer rowids than this are walked as one range (search.DENSE * WINDOW).
DENSE_SPAN = 50 * 1_000
