"""`search()`: one function over both backends — full text, filters, ranking, snippets, facets.

Filters (stock, dates, category, transaction type, party, person, caps, currency, language)
narrow the match set in SQL before any limit. A query matching at most WINDOW (1,000)
filings after filtering is ranked, sorted, paged and faceted over all of its matches and its
total is exact. Only a broad query that matches more is bounded: results and facets come from
its WINDOW most recently stored matches (`complete` is False), and its total is counted up to
`count_limit` (20,000) matches (beyond that `total_exact` is False and `total` a lower bound).
A filtered query with at most RANK_ALL (5,000) matches also has its best-ranked matches of all
lead a relevance-sorted page (scoring every match costs ~4 us each, and more on PostgreSQL).

One result per filing: the English and Chinese editions of one filing (paired through
`paired_news_id`) are one hit when both match — the edition in the query's script (Chinese
for a CJK query, English otherwise), linked to the other — and counts and facets count
filings (exactly when every match is in the window; beyond it the total still counts
editions). A filter on the language keeps that edition only. Each hit carries its key facts
(store.result_facts), read for the page's hits only, in one query.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from store import fts, labels, page_snippets, snippets, time_limit
from store.facts import parse_amount
from store.labels import LabelMatch
from store.models import HK, AnnualCap, ConnectedPerson, Party, Person, PersonMention
from store.names import search_keys
from store.query import Cjk, Node, QueryError, parse, positive_terms
from store.result_facts import KeyFacts, facts_of
from store.script import script_variants

A = fts.A
LABEL = sa.table(
    "announcement_label", sa.column("announcement_id"), sa.column("kind"), sa.column("value")
)
CAP = AnnualCap.__table__
PARTY = Party.__table__
PERSON = Person.__table__
MENTION = PersonMention.__table__
CONNECTED = ConnectedPerson.__table__
SORTS = ("relevance", "date")
MAX_PER_PAGE = 200
FACET_SIZE = 10
#: Matches ranked, sorted and faceted per search: the most recently stored ones.
WINDOW = 1_000
FACETS = ("stock", "year", "transaction_type", "currency", "party", "person")
COUNT_LIMIT = 20_000
#: Party names that mean the filer itself ("the Company" signs): left out of the party facet.
ISSUER_NAMES = ("Company", "the Company", "The Company", "COMPANY", "company", "本公司")
#: A filtered query with at most this many matches is ranked over all of them.
RANK_ALL = 5_000
#: PostgreSQL, every search with words or labels: a sequential scan tests @@ on every row's
#: TOASTed tsvector, while the GIN bitmap scan needs no recheck for plain words; a bitmap that
#: outgrew work_mem would go lossy and recheck (detoast) every row of its lossy pages.
PG_INDEX_SETTINGS = {"enable_seqscan": "off", "work_mem": "64MB"}


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing beside the text query; every field is optional and they all must hold."""

    stock_codes: Sequence[str] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | None = None
    transaction_type: str | None = None
    party: str | None = None
    person: str | None = None
    cap_min: Decimal | int | str | None = None
    cap_max: Decimal | int | str | None = None
    currency: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Hit:
    id: int
    news_id: str
    stock_code: str
    stock_name: str
    title: str
    published_at: dt.datetime
    headline: str
    language: str
    score: float
    snippet: str
    document_url: str = ""
    transaction_types: list[str] = field(default_factory=list)
    paired_news_id: str | None = None  # the filing's other edition (other language)
    facts: KeyFacts = field(default_factory=KeyFacts)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int = 1
    per_page: int = 20
    total_exact: bool = True
    complete: bool = True  # False: hits and facets come from the newest WINDOW matches only
    stock_names: dict[str, str] = field(default_factory=dict)  # the stock facet's names

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search(
    engine: Engine,
    query: str,
    filters: SearchFilters | None = None,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    *,
    facets: bool = True,
    count_limit: int = COUNT_LIMIT,
    window: int = WINDOW,
    seconds: float | None = None,
    with_snippets: bool = True,
) -> SearchResult:
    """Find announcements matching `query` (syntax in store.query) and `filters`.

    Raises QueryError (one line) for a malformed query, a bad sort or page, or a bad filter,
    and its SearchTimeout when the search takes longer than `seconds` (default
    FILINGWATCH_SEARCH_SECONDS, 10; 0: no limit). An empty query lists the filtered
    announcements, newest first. `with_snippets=False` skips the snippets (exports).
    """
    filters = filters or SearchFilters()
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"page must be >= 1 and per-page between 1 and {MAX_PER_PAGE}")
    node = parse(query or "")
    dialect = engine.dialect.name
    subqueries = _filter_subqueries(filters)
    limit = time_limit.default_seconds() if seconds is None else seconds
    try:
        with engine.connect() as conn, time_limit.limited(conn, limit):
            typed = node
            if dialect == "sqlite" and node is not None:
                node = fts.expand_prefixes(node, lambda prefix: fts.vocabulary(conn, prefix))
            elif node is not None:
                node = fts.expand_prefixes(
                    node, lambda prefix: fts.pg_vocabulary(conn, prefix), letters=False
                )
            plan = _Plan(node, dialect, typed)
            words_only = dialect == "postgresql" and (
                plan.words or (node is None and any(s.labels for s in subqueries))
            )  # words, or only filters of which the labels hold some
            if dialect == "postgresql" and node is not None and not words_only:
                _set_local(conn, **PG_INDEX_SETTINGS)  # the word search sets them itself
            if words_only:
                candidates, total, exact, complete = _pg_word_search(
                    conn, plan, subqueries, count_limit, window, page * per_page, sort
                )
            elif dialect == "postgresql" and subqueries:
                # Filtered, with CJK terms: one query lists the matching ids up to the count
                # limit (newest first); the window is ranked from it and the count read off it.
                matching = _matching_ids(plan, subqueries)
                ids = _newest_ids(conn, plan, matching, count_limit + 1, ranged=False)
                total, exact = min(len(ids), count_limit), len(ids) <= count_limit
                candidates = _ranked(conn, plan, ids[: window + 1])
                complete = len(candidates) <= window
                candidates = candidates[:window]
                ranks_all = not complete and total <= RANK_ALL and sort == "relevance"
                if ranks_all and plan.tsquery is not None:
                    best = _ranked(conn, plan, ids, best=page * per_page)
                    candidates = _merge(candidates, best)
            elif dialect == "sqlite" and isinstance(node, Cjk):
                candidates, total, exact, complete = _substring_search(
                    conn, node.text, subqueries, count_limit, window
                )
            elif plan.fts5 is not None or (
                dialect == "sqlite" and node is None and any(s.labels for s in subqueries)
            ):  # words, or only filters of which the word index holds some
                candidates, total, exact, complete = _word_search(
                    conn, plan, subqueries, count_limit, window, page * per_page, sort
                )
            else:
                candidates = _candidates(conn, plan, subqueries, window)
                complete = len(candidates) <= window
                candidates = candidates[:window]
                total, exact = (
                    (len(candidates), True)
                    if complete
                    else _count(conn, plan, subqueries, count_limit)
                )
            if not filters.language:  # one language: no two editions of a filing can match
                prefer = _preferred(typed)
                candidates, merged = _one_per_filing(conn, candidates, prefer, dialect)
                total -= merged
            page_rows = _page(conn, plan, candidates, page, per_page, sort)
            hits = _hits(conn, plan, page_rows, with_snippets)
            ids = [c[0] for c in candidates[:window]]  # facets: the window, not the extra best
            facet_counts = _facets(conn, ids, dialect) if facets else {}
            names = _stock_names(conn, [v for v, _ in facet_counts.get("stock", [])], ids)
    except DBAPIError as error:  # a query the index rejects must not surface as SQL text
        if time_limit.is_timeout(error):
            raise time_limit.timeout_error(limit) from None
        if "fts5" in str(error).lower() or "tsquery" in str(error).lower():
            raise QueryError("the search index cannot run this query; simplify it") from None
        raise
    return SearchResult(
        hits, total, facet_counts, page, per_page, total_exact=exact, complete=complete,
        stock_names=names,
    )  # fmt: skip


def _preferred(node: Node | None) -> str:
    """The edition a filing is shown in: Chinese for a query with CJK terms, else English."""
    return "zh" if any(isinstance(t, Cjk) for t in positive_terms(node)) else "en"


def _any_paired(conn) -> bool:  # noqa: ANN001
    """Whether any editions are paired at all (an English-only store has none): one probe
    of the paired_news_id index."""
    query = sa.select(A.c.id).where(A.c.paired_news_id.is_not(None)).limit(1)
    return conn.execute(query).first() is not None


def _one_per_filing(
    conn,  # noqa: ANN001
    candidates: list[tuple],
    prefer: str,
    dialect: str,
) -> tuple[list[tuple], int]:
    """The candidates with one edition per paired filing, and how many editions were merged.

    One statement: each candidate's news id (an early column of its row) probes the
    `paired_news_id` index for its partner (a covering index: SQLite never reads
    `paired_news_id` off a wide row with the text before it); pairs whose partner is also a
    candidate come back twice, once from each side, with that side's language. The kept
    edition takes the better score of the two; the candidates keep their order.
    """
    if len(candidates) < 2 or not _any_paired(conn):
        return candidates, 0
    ids = [c[0] for c in candidates]
    other = A.alias("other")
    partner = (
        sa.select(other.c.id)
        .where(other.c.paired_news_id == A.c.news_id)
        .limit(1)
        .scalar_subquery()
    )
    wanted = set(ids)
    rows = [
        r
        for r in conn.execute(
            sa.select(A.c.id, A.c.language, partner).where(_in_ids(A.c.id, ids, dialect))
        )
        if r[2] in wanted
    ]
    language = {r[0]: r[1] for r in rows}
    scores = dict(candidates)
    dropped: set[int] = set()
    for one, _language, two in rows:
        if one > two or two not in language:
            continue  # seen from the other side, or a one-sided pair
        keep, drop = (one, two) if (language[one] == prefer) >= (language[two] == prefer) else (
            two, one)  # fmt: skip
        dropped.add(drop)
        scores[keep] = max(scores[keep] or 0.0, scores[drop] or 0.0)
    if not dropped:
        return candidates, 0
    return [(i, scores[i]) for i in ids if i not in dropped], len(dropped)


class _Plan:
    """How one parsed query runs on one backend: match condition, score, snippet source."""

    def __init__(self, node: Node | None, dialect: str, typed: Node | None = None) -> None:
        self.node = node
        self.typed = typed or node  # before prefixes were expanded: what snippets highlight
        self.dialect = dialect
        self.fts5: str | None = None
        self.tsquery: ColumnElement | None = None
        self.condition: ColumnElement[bool] | None = None
        self.words = False  # PostgreSQL: words only, answered by announcement_search alone
        # PostgreSQL, words only: what `words` and `pairs` must match (fts.split_pairs)
        self.match: Node | None = None
        self.pairs: tuple[str, ...] = ()
        if node is None:
            return
        if dialect == "sqlite" and fts.is_pure(node):
            self.fts5 = fts.fts5_query(node)
            return
        self.condition = fts.condition(node, dialect)
        if dialect == "postgresql":
            self.tsquery = fts.positive_tsquery(node)
            self.words = fts.is_pure(node)
            if self.words:
                self.match, self.pairs = fts.split_pairs(node)


def _word_search(  # noqa: PLR0913
    conn,  # noqa: ANN001
    plan: _Plan,
    subqueries: list[_Filter],
    count_limit: int,
    window: int,
    best: int,
    sort: str,
) -> tuple[list[tuple], int, bool, bool]:
    """A SQLite word query: (candidates, total, exact, complete).

    The newest matches are walked first (FTS5 goes through its doclists newest rowid
    first and stops at the window), then counted in SQL up to the count limit if there are
    more. Filters that have labels (store.labels) are intersected inside FTS5, which skips
    through a common word's doclist to the rows carrying the label; the others are tested
    per row. bm25 scans the whole doclist of every phrase in its MATCH once per statement,
    so it is computed in one statement: over the window, or over every match when a
    filtered query has at most RANK_ALL and its best must lead a relevance page.
    """
    rowid = fts.FTS.c.rowid
    text = fts.fts5_match("announcement_fts", plan.fts5 or "")
    if not subqueries:
        return _newest(conn, sa.select(rowid, _bm25()).where(text), count_limit, window)
    match = fts.fts5_match("announcement_fts", _with_labels(plan.fts5, subqueries))
    where = [match] + [s.on(rowid, probe=True, fts_rowid=True) for s in subqueries
                       if s.labels is None or not s.labels.exact]  # fmt: skip
    matching = sa.select(rowid).where(*where)
    rows, total, exact, complete = _newest(conn, matching, count_limit, window)
    ids = [r[0] for r in rows]
    if plan.fts5 is None:  # filters only: nothing to score
        return [(i, 0.0) for i in ids], total, exact, complete
    if not complete and total <= RANK_ALL and sort == "relevance":
        scored = sa.select(rowid, _bm25()).where(*where).order_by(rowid.desc())
        rows = [tuple(r) for r in conn.execute(scored)]
        top = sorted(rows, key=lambda r: (-r[1], -r[0]))[:best]
        return _merge(rows[:window], top), total, exact, complete
    # A window dense in rowids is scored through the text alone, walking its range; a
    # sparse one through the labelled match, which skips to it (but bm25 then also scans
    # the labels' doclists).
    return _scored(conn, text if ids and _dense(ids) else match, ids), total, exact, complete


def _set_local(conn, **settings: str) -> None:  # noqa: ANN001
    """PostgreSQL settings for the rest of the transaction, in one round trip."""
    conn.execute(sa.select(*_set_configs(settings)))


def _set_configs(settings: dict[str, str]) -> list[ColumnElement]:
    """`set_config(name, value, is_local)` of each setting, to select (SET LOCAL)."""
    return [sa.func.set_config(name, value, True) for name, value in settings.items()]


def _pg_word_search(  # noqa: PLR0913
    conn,  # noqa: ANN001
    plan: _Plan,
    subqueries: list[_Filter],
    count_limit: int,
    window: int,
    best: int,
    sort: str,
) -> tuple[list[tuple], int, bool, bool]:
    """A PostgreSQL word query: (candidates, total, exact, complete), as `_word_search`.

    Everything runs on the narrow announcement_search rows (migration 0012; ~220 bytes,
    ~48 to a page, the tsvector in TOAST): the words, the filters' labels and "newer than
    id N" are one scan of the GIN index over (words, labels, id), which intersects them
    inside the index; filters without exact labels are probed per match. The newest window
    comes from the newest ids first (`_pg_newest`), the count up to count_limit + 1 from a
    range or all matches (`_pg_count`). Only ranking reads the tsvectors: the window's, or
    every match's when a filtered query has at most RANK_ALL. Its first statement also sets
    PG_INDEX_SETTINGS (SET LOCAL), sparing a round trip.
    """
    search_rows = fts.SEARCH
    where: list[ColumnElement[bool]] = []
    if plan.match is not None:
        where.append(fts.matches(search_rows.c.words, fts.tsquery(plan.match)))
    if plan.pairs:
        where.append(fts.matches(search_rows.c.pairs, fts.pairs_tsquery(plan.pairs)))
    label_matches = [s.labels for s in subqueries if s.labels is not None]
    if label_matches:
        text = sa.bindparam(None, labels.pg_tsquery_text(label_matches), sa.String)
        where.append(fts.matches(search_rows.c.labels, sa.cast(text, TSQUERY)))
    where += [s.on(search_rows.c.id, probe=True) for s in subqueries
              if s.labels is None or not s.labels.exact]  # fmt: skip
    # With an id range the planner may walk the primary key testing @@ per row (detoasting
    # each tsvector); bitmaps AND the GIN matches with the range instead.
    newest = sa.select(sa.func.max(search_rows.c.id)).scalar_subquery()
    values = _set_configs({**PG_INDEX_SETTINGS, "enable_indexscan": "off"})
    top = conn.execute(sa.select(newest, *values)).first()[0] or 0
    try:
        cost = NEWEST_RANGE_COST / 4 if fts.has_phrase(plan.match) else NEWEST_RANGE_COST
        ids, density = _pg_newest(conn, where, window + 1, top, cost)
        if len(ids) <= window:
            total, exact, complete = len(ids), True, True
        else:
            n = _pg_count(conn, where, count_limit + 1, density, top)
            total, exact, complete = min(n, count_limit), n <= count_limit, False
    finally:  # index-only scans serve the facets
        _set_local(conn, enable_indexscan="on")
    candidates = _ranked(conn, plan, ids[:window])
    ranks_all = subqueries and plan.tsquery is not None and not complete
    if ranks_all and total <= RANK_ALL and sort == "relevance":
        candidates = _merge(candidates, _ranked_matches(conn, plan, where, best))
    return candidates, total, exact, complete


#: A GIN range scan of btree_gin ids reads one index entry per id in the range, costlier
#: than one item of a compressed posting list: a count is taken over a range only when the
#: range is this many times smaller than the matches it saves decoding.
RANGE_COST = 4
#: Listing every match newest first decodes every posting of each of its words (an AND of
#: common words decodes many more than it matches) and reads each match's row: measured at
#: ~8 times a range entry per match (100k filings), a phrase's four times more (it reads the
#: match's tsvector to check positions).
NEWEST_RANGE_COST = 1 / 8


def _pg_newest(
    conn,  # noqa: ANN001
    where: list[ColumnElement[bool]],
    n: int,
    top: int,
    range_cost: float,
) -> tuple[list[int], float]:
    """The n newest announcement_search ids matching `where`, and the matches per id among
    the newest SPAN ids (an estimate of how common the query is).

    `id > floor` is a key of the same GIN index (btree_gin), so the newest range is scanned
    inside the index without reading a common word's whole posting tree. A range holding
    fewer than n is widened to where n should be when that is cheaper than reading every
    match (`range_cost`: one range entry against one match read off the table), else every
    match is read (a rare query reads few).
    """
    span = max(SPAN, 4 * n)
    ids = _pg_ids(conn, where, top - span)  # every match in the newest span
    density = len(ids) / max(1, min(span, top))
    if len(ids) >= n or span >= top:
        return ids[:n], density
    if ids:
        wanted = span * n * 3 // (2 * len(ids))
        if wanted < top and range_cost * wanted < density * top:
            more = _pg_ids(conn, where, top - wanted, n)
            if len(more) >= n:
                return more, density
    return _pg_ids(conn, where, 0, n), density


def _pg_ids(conn, where: list[ColumnElement[bool]], floor: int, n: int | None = None) -> list[int]:  # noqa: ANN001, E501
    """Ids matching `where` above `floor` (0: all), newest first, at most n."""
    search_id = fts.SEARCH.c.id
    ranged = [*where, search_id > floor] if floor > 0 else where
    query = sa.select(search_id).where(*ranged).order_by((search_id + 0).desc())
    return [r[0] for r in conn.execute(query if n is None else query.limit(n))]


def _pg_count(
    conn,  # noqa: ANN001
    where: list[ColumnElement[bool]],
    limit: int,
    density: float,
    top: int,
) -> int:
    """Matches of `where`, counted up to `limit`: in the newest range that should hold
    `limit` of them when the query is common enough that the range is cheaper than all of
    its matches (a word in most filings), else over all matches."""
    search_id = fts.SEARCH.c.id
    span = int(limit / density * 1.3) if density else top
    if span < top and RANGE_COST * span < density * top:
        n = _counted(conn, [*where, search_id > top - span], limit)
        if n >= limit:
            return n
    return _counted(conn, where, limit)


def _counted(conn, where: list[ColumnElement[bool]], limit: int) -> int:  # noqa: ANN001
    limited = sa.select(sa.literal(1)).where(*where).limit(limit).subquery("t")
    return conn.execute(sa.select(sa.func.count()).select_from(limited)).scalar_one()


def _ranked_matches(conn, plan: _Plan, where: list[ColumnElement[bool]], best: int) -> list[tuple]:  # noqa: ANN001, E501
    """(id, score) of the `best` best-ranked announcement_search rows matching `where`."""
    search_rows = fts.SEARCH
    rank = sa.func.ts_rank_cd(search_rows.c.words, plan.tsquery, 32)
    query = (
        sa.select(search_rows.c.id, rank)
        .where(*where)
        .order_by(rank.desc(), search_rows.c.id.desc())
        .limit(best)
    )
    return [(r[0], float(r[1])) for r in conn.execute(query)]


def _substring_search(
    conn,  # noqa: ANN001
    text: str,
    subqueries: list[_Filter],
    count_limit: int,
    window: int,
) -> tuple[list[tuple], int, bool, bool]:
    """A SQLite query of one CJK term: (candidates, total, exact, complete).

    Its trigram (or bigram) index is walked newest rowid first like a word query, so the
    walk stops at the window instead of listing and sorting every match (46 ms for a
    common four-character term at 100k filings, now a few). CJK terms have no score.
    """
    table, query = fts.cjk_match(text)
    rowid = sa.table(table, sa.column("rowid")).c.rowid
    where = [fts.fts5_match(table, query)]
    where += [s.on(rowid, probe=True, fts_rowid=True) for s in subqueries]
    matching = sa.select(rowid).where(*where)
    rows, total, exact, complete = _newest(conn, matching, count_limit, window)
    return [(r[0], 0.0) for r in rows], total, exact, complete


def _newest(
    conn,  # noqa: ANN001
    query: sa.Select,
    count_limit: int,
    window: int,
) -> tuple[list[tuple], int, bool, bool]:
    """(rows, total, exact, complete) of an FTS5 `query` whose first column is the rowid.

    The newest `window` rows, walked newest rowid first (FTS5 stops at the limit); when
    there are more, the matches are counted in SQL up to `count_limit`.
    """
    rowid = query.selected_columns[0]
    rows = [tuple(r) for r in conn.execute(query.order_by(rowid.desc()).limit(window + 1))]
    if len(rows) <= window:
        return rows, len(rows), True, True
    ids = query.with_only_columns(rowid).limit(count_limit + 1).subquery("t")
    n = conn.execute(sa.select(sa.func.count()).select_from(ids)).scalar_one()
    return rows[:window], min(n, count_limit), n <= count_limit, False


#: Ids spanning at most this many rowids per id are "dense": walking their range is cheap.
DENSE = 50


def _dense(ids: list[int]) -> bool:
    return max(ids) - min(ids) < DENSE * len(ids)


def _with_labels(text_query: str | None, subqueries: list[_Filter]) -> str:
    """The text query ANDed with the filters' label expressions, one FTS5 MATCH string."""
    parts = [text_query, *(s.labels.expression for s in subqueries if s.labels is not None)]
    return " AND ".join(f"({p})" for p in parts if p)


def _bm25() -> ColumnElement:
    return -sa.func.bm25(sa.literal_column("announcement_fts"), *fts.BM25_WEIGHTS)


def _scored(conn, match: ColumnElement[bool], ids: list[int]) -> list[tuple]:  # noqa: ANN001
    """(id, bm25) for `ids` (newest first, all matching `match`), in that order.

    A rowid range plus `rowid + 0 IN`: FTS5 walks the matches in the range once; a bare
    `rowid IN` would evaluate the MATCH again for every id.
    """
    if not ids:
        return []
    rowid = fts.FTS.c.rowid
    wanted = _in_ids(rowid + 0, ids, "sqlite")
    query = sa.select(rowid, _bm25()).where(match, rowid.between(min(ids), max(ids)), wanted)
    scores = {r[0]: float(r[1]) for r in conn.execute(query)}
    return [(i, scores.get(i, 0.0)) for i in ids]


def _candidates(conn, plan: _Plan, subqueries: list[_Filter], limit: int) -> list[tuple]:  # noqa: ANN001
    """Up to limit+1 (id, score) rows matching the text AND every filter, newest stored first.

    Filters narrow the match set in SQL before the limit, so a filtered query whose matches
    fit in the window is ranked, paged, faceted and counted over all of them. Only a broad
    query (more than `limit` matches after filtering) is cut to its newest matches.
    (SQLite word queries go through `_word_search`.)
    """
    matching = _matching_ids(plan, subqueries)
    ids = _newest_ids(conn, plan, matching, limit + 1, ranged=not subqueries)
    return _ranked(conn, plan, ids)


def _ranked(conn, plan: _Plan, ids: list[int], *, best: int = 0) -> list[tuple]:  # noqa: ANN001
    """(id, score) for PostgreSQL candidate ids (newest first): ts_rank_cd, or 0 without text.

    `best`: only the `best` highest-ranked of `ids` (a filtered query's top matches beyond
    its window).
    """
    if plan.tsquery is None or not ids:
        return [(i, 0.0) for i in ids]
    search_rows = fts.SEARCH
    rank = sa.func.ts_rank_cd(search_rows.c.words, plan.tsquery, 32)
    query = sa.select(search_rows.c.id, rank).where(_in_ids(search_rows.c.id, ids, plan.dialect))
    if best:
        query = query.order_by(rank.desc(), search_rows.c.id.desc()).limit(best)
    rows = conn.execute(query)
    return sorted(((r[0], float(r[1])) for r in rows), key=lambda r: -r[0])


def _merge(candidates: list[tuple], best: list[tuple]) -> list[tuple]:
    """The window's candidates plus the query's best matches (so relevance shows them first)."""
    seen = {c[0] for c in candidates}
    return candidates + [b for b in best if b[0] not in seen]


#: PostgreSQL: the newest matches are looked for among the newest SPAN ids first.
SPAN = 4_000


def _newest_ids(conn, plan: _Plan, matching: sa.Select, n: int, *, ranged: bool) -> list[int]:  # noqa: ANN001, E501
    """The n newest ids of `matching`.

    PostgreSQL with text: the GIN bitmap finds every match and the heap is visited for each
    (75,000 rows for a common word at 100k filings) before the top-N sort. Looking in a
    growing range of the newest ids first (`id > max - span`, a bitmap AND with the primary
    key) visits only the rows of that range; a rare word widens the range to the whole table.
    Not `ranged` (filters given): the filters' indexes and the planner narrow the rows.
    """
    order = (A.c.id + 0).desc()
    if plan.dialect != "postgresql" or plan.node is None or not ranged:
        return [r[0] for r in conn.execute(matching.order_by(order).limit(n))]
    top = conn.execute(sa.select(sa.func.max(A.c.id))).scalar() or 0
    span = max(SPAN, 4 * n)
    # The planner prices @@ on a TOASTed tsvector as cheap and would walk the primary key
    # range testing every row (0.3 s for 32,000 ids); bitmaps make it AND the GIN matches
    # with the id range first.
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
    try:
        while True:
            floor = top - span
            query = matching.where(A.c.id > floor) if floor > 0 else matching
            ids = [r[0] for r in conn.execute(query.order_by(order).limit(n))]
            if len(ids) >= n or floor <= 0:
                return ids
            span *= 8
    finally:
        conn.exec_driver_sql("SET LOCAL enable_indexscan = on")


def _matching_ids(plan: _Plan, subqueries: list[_Filter]) -> sa.Select:
    """SELECT of the ids matching the text and the filters (no order, no limit)."""
    # Without text the filters' indexes drive the query (sets); with text on PostgreSQL the
    # planner chooses; on SQLite (CJK terms) sets are cheaper than a probe per text match.
    probe = plan.node is not None and plan.dialect == "postgresql"
    where = [sub.on(A.c.id, probe=probe) for sub in subqueries]
    if plan.condition is not None:
        where.insert(0, plan.condition)
    # `id + 0` (in callers' ORDER BY): PostgreSQL would otherwise walk the primary key
    # backwards testing every row's tsvector (slow for rare words); this way the GIN index
    # finds the rows, then a top-N sort.
    return sa.select(A.c.id).where(*where)


def _count(conn, plan: _Plan, subqueries: list[_Filter], limit: int) -> tuple[int, bool]:  # noqa: ANN001
    """(matches, exact): the text AND filter matches counted in SQL, up to limit+1.

    Filters apply before the limit, so a filtered query with fewer than `limit` matches is
    counted exactly however common its words are; beyond `limit`, total is a lower bound.
    """
    ids = _matching_ids(plan, subqueries).limit(limit + 1).subquery("t")
    n = conn.execute(sa.select(sa.func.count()).select_from(ids)).scalar_one()
    return min(n, limit), n <= limit


def _page(conn, plan: _Plan, candidates: list[tuple], page: int, per_page: int, sort: str):  # noqa: ANN001, ANN202
    """The (id, score) rows of the requested page, by relevance or newest publication first."""
    offset = (page - 1) * per_page
    if not candidates or offset >= len(candidates):
        return []
    if sort == "relevance" and plan.node is not None:
        ranked = sorted(candidates, key=lambda c: (-c[1], -c[0]))
        return ranked[offset : offset + per_page]
    scores = dict(candidates)
    rows = conn.execute(
        sa.select(A.c.id)
        .where(_in_ids(A.c.id, list(scores), plan.dialect))
        .order_by(A.c.published_at.desc(), A.c.id.desc())
        .limit(per_page)
        .offset(offset)
    )
    return [(r[0], scores[r[0]]) for r in rows]


def _in_ids(column: ColumnElement, ids: list[int], dialect: str) -> ColumnElement[bool]:
    """`column IN ids` as one bound parameter (a JSON array on SQLite, an array on PostgreSQL)."""
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam(None, ids, type_=ARRAY(sa.Integer)))
    values = sa.select(sa.literal_column("value")).select_from(
        sa.func.json_each(sa.bindparam(None, json.dumps(ids), type_=sa.String))
    )
    return column.in_(values)


def _in_ids_param(column: ColumnElement, dialect: str) -> ColumnElement[bool]:
    """`column IN :ids`, the ids bound at execution (`_ids_value`): for statements built once."""
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam("ids", type_=ARRAY(sa.Integer)))
    ids = sa.func.json_each(sa.bindparam("ids", type_=sa.String))
    return column.in_(sa.select(sa.literal_column("value")).select_from(ids))


def _ids_value(ids: list[int], dialect: str) -> object:
    return ids if dialect == "postgresql" else json.dumps(ids)


def _hits(conn, plan: _Plan, page_rows, with_snippets: bool = True) -> list[Hit]:  # noqa: ANN001
    if not page_rows:
        return []
    ids = [r[0] for r in page_rows]
    scores = {r[0]: float(r[1] or 0.0) for r in page_rows}
    rows = {
        r.id: r
        for r in conn.execute(
            sa.select(
                A.c.id,
                A.c.news_id,
                A.c.stock_code,
                A.c.stock_name,
                A.c.title,
                A.c.published_at,
                A.c.headline,
                A.c.language,
                A.c.document_url,
                A.c.transaction_types,
                A.c.paired_news_id,
                A.c.extraction,  # the key facts, read off the page's hits only
            ).where(A.c.id.in_(ids))
        )
    }
    marked = _snippets(conn, plan, ids) if with_snippets else {}
    cjk_pattern = snippets.terms_pattern(
        [t for t in positive_terms(plan.node) if isinstance(t, Cjk)]
    )
    hits = []
    for i in ids:
        r = rows[i]
        hits.append(
            Hit(
                id=r.id,
                news_id=r.news_id,
                stock_code=r.stock_code,
                stock_name=r.stock_name,
                title=r.title,
                published_at=r.published_at,
                headline=r.headline,
                language=r.language,
                score=scores[i],
                snippet=snippets.render(snippets.mark(marked.get(i, ""), cjk_pattern)),
                document_url=r.document_url,
                transaction_types=list(r.transaction_types or []),
                paired_news_id=r.paired_news_id,
                facts=facts_of(r.extraction),
            )
        )
    return hits


def _snippets(conn, plan: _Plan, ids: list[int]) -> dict[int, str]:  # noqa: ANN001
    """Snippets with sentinel marks for one page: FTS5 snippet() or ts_headline where the
    work is bounded (store.page_snippets), our own window over the start of the text for
    the rest and for what the index cannot highlight."""
    marked: dict[int, str] = {}
    if plan.fts5 is not None:
        marked = page_snippets.sqlite_snippets(conn, plan.node, plan.typed, plan.fts5, ids)
    elif plan.tsquery is not None:
        options = (
            f"StartSel={snippets.START}, StopSel={snippets.STOP}, MaxWords=30, MinWords=12, "
            f'MaxFragments=2, FragmentDelimiter=" {snippets.ELLIPSIS} "'
        )
        doc = page_snippets.postgresql_document(len(ids))
        headline = sa.func.ts_headline(fts._simple(), doc, plan.tsquery, options)
        rows = conn.execute(sa.select(A.c.id, headline).where(A.c.id.in_(ids)))
        marked = {r[0]: r[1] or "" for r in rows}
    missing = [i for i in ids if snippets.START not in marked.get(i, "")]
    if missing:
        marked.update(page_snippets.fallback_snippets(conn, plan.typed, missing))
    return marked


def _facets(conn, ids: list[int], dialect: str) -> dict[str, list[tuple[str, int]]]:  # noqa: ANN001
    """Counts over the candidate ids, read from the narrow label and cap tables."""
    facets: dict[str, list[tuple[str, int]]] = {k: [] for k in FACETS}
    if not ids:
        return facets
    n = sa.func.count().label("n")
    rows = conn.execute(
        sa.select(LABEL.c.kind, LABEL.c.value, n)
        .where(_in_ids(LABEL.c.announcement_id, ids, dialect))
        .group_by(LABEL.c.kind, LABEL.c.value)
    )
    for kind, value, count in rows:
        facets[kind].append((value, count))
    for kind in ("stock", "transaction_type"):
        facets[kind] = sorted(facets[kind], key=lambda v: (-v[1], v[0]))[:FACET_SIZE]
    facets["year"].sort(reverse=True)
    # Cap currencies, parties and connected persons: one statement of three counts.
    facts: dict[str, list[tuple[str, int]]] = {"currency": [], "party": [], "person": []}
    values = {"ids": _ids_value(ids, dialect), "issuer": list(ISSUER_NAMES)}
    for kind, value, count in conn.execute(_fact_facets(dialect), values):
        facts[kind].append((str(value), int(count)))
    for kind, values in facts.items():
        facets[kind] = sorted(values, key=lambda v: (-v[1], v[0]))
    return facets


@functools.cache
def _fact_facets(dialect: str) -> sa.CompoundSelect:
    """(kind, value, filings) rows: every cap currency, and the FACET_SIZE commonest parties
    (not the filer itself, "Company") and connected persons (whom the transaction is with;
    directors are on nearly every filing and cost five times the rows), each counted once
    per filing; persons counted by id, then named. Built once per dialect (building it took
    as long as running it): the ids are bound at execution."""

    def counted(
        key: ColumnElement, value: ColumnElement, *where: ColumnElement[bool], distinct: bool = True
    ):  # noqa: ANN202
        n = (sa.func.count(sa.distinct(key)) if distinct else sa.func.count()).label("n")
        return sa.select(value.label("value"), n).where(_in_ids_param(key, dialect), *where)

    currencies = counted(CAP.c.announcement_id, CAP.c.currency).group_by(CAP.c.currency)
    # count(*) spares the per-group distinct sort; a filing lists each party once (one that
    # listed a name twice would count twice).
    issuer = PARTY.c.name.in_(sa.bindparam("issuer", expanding=True))
    parties = counted(PARTY.c.announcement_id, PARTY.c.name, sa.not_(issuer), distinct=False)
    parties = parties.group_by(PARTY.c.name).order_by(sa.text("n DESC"), PARTY.c.name)
    person = CONNECTED.c.person_id
    persons = counted(CONNECTED.c.announcement_id, person, person.is_not(None))
    persons = persons.group_by(person).order_by(sa.text("n DESC"), person)
    top_parties = parties.limit(FACET_SIZE).subquery("top_parties")
    top_persons = persons.limit(FACET_SIZE).subquery("top_persons")
    currency_rows = currencies.subquery("currencies")
    return sa.union_all(
        sa.select(sa.literal_column("'currency'"), currency_rows.c.value, currency_rows.c.n),
        sa.select(sa.literal_column("'party'"), top_parties.c.value, top_parties.c.n),
        sa.select(sa.literal_column("'person'"), PERSON.c.display_name, top_persons.c.n)
        .join_from(top_persons, PERSON, PERSON.c.id == top_persons.c.value)
        .where(PERSON.c.display_name != ""),
    )


def _stock_names(conn, codes: list[str], ids: list[int]) -> dict[str, str]:  # noqa: ANN001
    """A name for each stock facet code, read off the matching filings (the window), so no
    facet is a bare number: the English editions' name where the code is the filing's first,
    else a Chinese edition's; a code only ever listed second takes the name of a filing that
    lists it. Only the window's rows are read (a common stock has thousands of filings)."""
    if not codes or not ids:
        return {}
    dialect = conn.engine.dialect.name
    values = {"ids": _ids_value(ids, dialect), "codes": codes}
    rows = conn.execute(_names_in_window(dialect), values).all()
    names: dict[str, str] = {}
    for code, _language, name in sorted(rows, key=lambda r: r[1] == "en"):  # English last: wins
        names[code] = name
    missing = [c for c in codes if c not in names]
    if missing:
        named = A.c.stock_name != ""
        rows = conn.execute(
            sa.select(LABEL.c.value, sa.func.max(A.c.stock_name))
            .select_from(LABEL.join(A, A.c.id == LABEL.c.announcement_id))
            .where(
                LABEL.c.kind == "stock",
                LABEL.c.value.in_(missing),
                named,
                _in_ids(LABEL.c.announcement_id, ids, dialect),
            )  # fmt: skip
            .group_by(LABEL.c.value)
        )
        names.update({r[0]: r[1] for r in rows})
    return names


@functools.cache
def _names_in_window(dialect: str) -> sa.Select:
    """(code, language, name) of the :codes among the :ids' filings (built once per dialect)."""
    return (
        sa.select(A.c.stock_code, A.c.language, sa.func.max(A.c.stock_name))
        .where(
            _in_ids_param(A.c.id, dialect),
            A.c.stock_name != "",
            A.c.stock_code.in_(sa.bindparam("codes", expanding=True)),
        )  # fmt: skip
        .group_by(A.c.stock_code, A.c.language)
    )


@dataclass(frozen=True)
class _Filter:
    """One filter: rows of `key`'s table (announcement ids) that satisfy `where`.

    `on(id, probe=True)` tests each candidate with an indexed EXISTS, which costs a bounded
    number of index probes while a text query is scanned; `probe=False` (and filters that
    are cheap as a set, like a date range) gives `id IN (SELECT ...)`, which lets the filter's
    own index drive a query without text.
    """

    key: ColumnElement
    where: tuple[ColumnElement[bool], ...]
    source: sa.FromClause | None = None
    probe_ok: bool = True
    labels: LabelMatch | None = None  # the same filter in the SQLite word index's labels

    def on(
        self, id_col: ColumnElement, *, probe: bool, fts_rowid: bool = False
    ) -> ColumnElement[bool]:
        if probe and self.probe_ok:
            inner = sa.select(sa.literal(1))
            if self.source is not None:
                inner = inner.select_from(self.source)
            return sa.exists(inner.where(self.key == id_col, *self.where))
        ids = sa.select(self.key)
        if self.source is not None:
            ids = ids.select_from(self.source)
        # `+ 0`: on an FTS5 rowid a bare `rowid IN (...)` would re-run MATCH once per id.
        return (id_col + 0 if fts_rowid else id_col).in_(ids.where(*self.where))


def _filter_subqueries(f: SearchFilters) -> list[_Filter]:
    """Each filter, answered from an index on its own table."""
    filters: list[_Filter] = []
    key = LABEL.c.announcement_id
    given = [f.stock_codes] if isinstance(f.stock_codes, str) else f.stock_codes  # "03888" too
    codes = [_stock_code(c) for c in given if c and c.strip()]
    if codes:
        # A stock's filings are few: as a set it is small, and probing a set is cheapest.
        stock = (LABEL.c.kind == "stock", LABEL.c.value.in_(codes))
        filters.append(_Filter(key, stock, probe_ok=False, labels=labels.stock_match(codes)))
    if f.transaction_type:
        kind = f.transaction_type.strip().lower()
        typed = (LABEL.c.kind == "transaction_type", LABEL.c.value == kind)
        filters.append(_Filter(key, typed, labels=labels.type_match(kind)))
    dates = []
    if f.date_from:
        dates.append(A.c.published_at >= _hk_midnight(f.date_from))
    if f.date_to:
        dates.append(A.c.published_at < _hk_midnight(f.date_to + dt.timedelta(days=1)))
    if dates:
        by_day = labels.date_match(f.date_from, f.date_to)
        filters.append(_Filter(A.c.id, tuple(dates), probe_ok=False, labels=by_day))
    if f.category:
        category = f.category.strip()
        condition = sa.or_(
            A.c.headline.icontains(category, autoescape=True),
            A.c.headline_t1 == category,
            sa.cast(A.c.headline_t2, sa.Text).contains(f'"{category}"', autoescape=True),
        )
        filters.append(_Filter(A.c.id, (condition,), probe_ok=False))
    if f.party:
        text = f.party.strip()
        condition = sa.or_(
            PARTY.c.name.icontains(text, autoescape=True),
            PARTY.c.full_name.icontains(text, autoescape=True),
            # a Chinese name as printed, in whichever script the user typed (store.script)
            *(PARTY.c.chinese_name.contains(v, autoescape=True) for v in script_variants(text)),
        )
        filters.append(_Filter(PARTY.c.announcement_id, (condition,)))
    if f.person:
        people = _person_ids(f.person.strip())
        if people is None:
            filters.append(_Filter(A.c.id, (sa.false(),), probe_ok=False))
        else:
            # A set: a per-candidate EXISTS would probe (person_id, announcement_id) once per
            # matching person, and a common surname names thousands of persons.
            mentions = (MENTION.c.person_id.in_(people),)
            filters.append(_Filter(MENTION.c.announcement_id, mentions, probe_ok=False))
    cap, cap_min, cap_max = _cap_conditions(f)
    if cap:
        by_size = labels.cap_match(cap_min, cap_max, f.currency)
        filters.append(_Filter(CAP.c.announcement_id, tuple(cap), labels=by_size))
    if f.language:
        language = f.language.strip().lower()
        by_language = labels.language_match(language)
        same = (A.c.language == language,)
        filters.append(_Filter(A.c.id, same, probe_ok=False, labels=by_language))
    return filters


def _person_ids(text: str) -> sa.Select | None:
    """Ids of the persons a person filter names, from the narrow person table.

    By name key, exact ("Mr. LEI Jun" -> "jun lei", indexed) or token subset ("LEI" and
    "Jun" each find "jun lei"; "Kar Wai" finds "karwai wong"), or by Chinese name (exact,
    indexed). Mentions are then found through the indexed personmention.person_id. None:
    nothing to match on.
    """
    conditions: list[ColumnElement[bool]] = [PERSON.c.chinese_name.in_(script_variants(text))]
    padded = " " + sa.func.replace(PERSON.c.name_key, " ", "  ") + " "
    for key in search_keys(text):
        conditions.append(PERSON.c.name_key == key)
        # Both keys hold sorted tokens, so "the query's tokens are a sub-multiset of the
        # person's" is one ordered LIKE ("% fung % sze % sze %") over the key with doubled
        # spaces (a space ends one token and starts the next). Tokens are letters, or Chinese
        # characters (store.names): no LIKE wildcards.
        conditions.append(padded.like("%" + "".join(f" {t} %" for t in key.split())))
    if not text:
        return None
    return sa.select(PERSON.c.id).where(sa.or_(*conditions))


def _cap_conditions(
    f: SearchFilters,
) -> tuple[list[ColumnElement[bool]], Decimal | None, Decimal | None]:
    """Range and currency apply to the same cap row: "an RMB cap of at least 5 million".

    Returns the conditions and the parsed minimum and maximum.
    """
    cap: list[ColumnElement[bool]] = []
    bounds: list[Decimal | None] = []
    for value, name, op in ((f.cap_min, "cap-min", "__ge__"), (f.cap_max, "cap-max", "__le__")):
        amount = None if value is None or value == "" else parse_amount(value)
        if amount is None and not (value is None or value == ""):
            raise QueryError(f"{name} must be a number, not {str(value)[:40]!r}")
        if amount is not None:
            cap.append(getattr(CAP.c.amount, op)(amount))
        bounds.append(amount)
    if f.currency:
        cap.append(CAP.c.currency == f.currency.strip().upper())
    return cap, bounds[0], bounds[1]


def _stock_code(code: str) -> str:
    code = code.strip()
    return code.zfill(5) if code.isdigit() else code


def _hk_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=HK)
