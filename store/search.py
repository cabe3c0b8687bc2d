"""`search()`: one function over both backends — full text, filters, ranking, snippets, facets.

Counting and facets are bounded: the total is exact up to `count_limit` matches (then
`total_exact` is False and `total` is the limit), and facets are counted over those same first
`count_limit` matches, so a query matching half a million filings still answers quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from store import fts, snippets
from store.facts import parse_amount
from store.models import HK, AnnualCap, Party, Person, PersonMention
from store.names import name_key
from store.query import Cjk, Node, QueryError, parse, positive_terms

A = fts.A
LABEL = sa.table(
    "announcement_label", sa.column("announcement_id"), sa.column("kind"), sa.column("value")
)
CAP = AnnualCap.__table__
PARTY = Party.__table__
PERSON = Person.__table__
MENTION = PersonMention.__table__
SORTS = ("relevance", "date")
MAX_PER_PAGE = 200
FACET_SIZE = 10
COUNT_LIMIT = 10_000


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


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int = 1
    per_page: int = 20
    total_exact: bool = True

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
) -> SearchResult:
    """Find announcements matching `query` (syntax in store.query) and `filters`.

    Raises QueryError (one line) for a malformed query, a bad sort or page, or a bad filter.
    An empty query lists the filtered announcements, newest first.
    """
    filters = filters or SearchFilters()
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"page must be >= 1 and per-page between 1 and {MAX_PER_PAGE}")
    node = parse(query or "")
    dialect = engine.dialect.name
    plan = _Plan(node, dialect)
    where = plan.where + _filter_conditions(filters, dialect)
    try:
        with engine.connect() as conn:
            return _run(conn, plan, where, page, per_page, sort, facets, count_limit)
    except DBAPIError as error:  # a query the index rejects must not surface as SQL text
        if "fts5" in str(error).lower() or "tsquery" in str(error).lower():
            raise QueryError("the search index cannot run this query; simplify it") from None
        raise


class _Plan:
    """FROM, WHERE, score and snippet strategy for one parsed query on one backend."""

    def __init__(self, node: Node | None, dialect: str) -> None:
        self.node = node
        self.dialect = dialect
        self.source: sa.FromClause = A
        self.where: list[ColumnElement[bool]] = []
        self.score: ColumnElement = sa.literal(0.0)
        self.fts5: str | None = None
        self.tsquery: ColumnElement | None = None
        if node is None:
            return
        if dialect == "sqlite" and fts.is_pure(node):
            self.fts5 = fts.fts5_query(node)
            self.source = fts.FTS.join(A, A.c.id == fts.FTS.c.rowid)
            self.where = [fts.fts5_match("announcement_fts", self.fts5)]
            self.score = -sa.func.bm25(sa.literal_column("announcement_fts"), *fts.BM25_WEIGHTS)
            return
        self.where = [fts.condition(node, dialect)]
        if dialect == "postgresql":
            self.tsquery = fts.positive_tsquery(node)
            if self.tsquery is not None:
                self.score = sa.func.ts_rank_cd(fts.SEARCH_VECTOR, self.tsquery, 32)


def _run(conn, plan, where, page, per_page, sort, want_facets, count_limit) -> SearchResult:  # noqa: ANN001
    score = plan.score.label("score")
    if sort == "relevance" and plan.node is not None:
        order = [sa.desc("score"), A.c.published_at.desc(), A.c.id.desc()]
    else:
        order = [A.c.published_at.desc(), A.c.id.desc()]
    page_rows = conn.execute(
        sa.select(A.c.id, score)
        .select_from(plan.source)
        .where(*where)
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    matched = sa.select(A.c.id).select_from(plan.source).where(*where).limit(count_limit + 1)
    counted = conn.execute(sa.select(sa.func.count()).select_from(matched.subquery())).scalar_one()
    exact = counted <= count_limit
    total = counted if exact else count_limit
    if not page_rows and page == 1:
        total, exact = 0, True
    hits = _hits(conn, plan, page_rows)
    facet_counts = (
        _facets(conn, matched.limit(count_limit).subquery("m"), plan) if want_facets else {}
    )
    return SearchResult(hits, total, facet_counts, page, per_page, exact)


def _hits(conn, plan: _Plan, page_rows) -> list[Hit]:  # noqa: ANN001
    if not page_rows:
        return []
    ids = [r.id for r in page_rows]
    scores = {r.id: float(r.score or 0.0) for r in page_rows}
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
            ).where(A.c.id.in_(ids))
        )
    }
    marked = _db_snippets(conn, plan, ids)
    pattern = snippets.terms_pattern(positive_terms(plan.node))
    cjk_pattern = snippets.terms_pattern(
        [t for t in positive_terms(plan.node) if isinstance(t, Cjk)]
    )
    missing = [i for i in ids if snippets.START not in marked.get(i, "")]
    if missing:
        for r in conn.execute(
            sa.select(
                A.c.id,
                A.c.title,
                A.c.facts_text,
                sa.func.substr(A.c.text, 1, 200_000).label("text"),
            ).where(A.c.id.in_(missing))
        ):
            marked[r.id] = _fallback_snippet(r, pattern)
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
            )
        )
    return hits


def _fallback_snippet(row, pattern) -> str:  # noqa: ANN001
    for text in (row.text, row.title, row.facts_text):
        if text and pattern is not None and pattern.search(text):
            return snippets.window(text, pattern)
    return snippets.window(row.text or row.title or "", pattern)


def _db_snippets(conn, plan: _Plan, ids: list[int]) -> dict[int, str]:  # noqa: ANN001
    """Snippets with sentinel marks from FTS5 snippet() or ts_headline(), for one page only."""
    if plan.fts5 is not None:
        snippet = sa.func.snippet(
            sa.literal_column("announcement_fts"),
            -1,
            snippets.START,
            snippets.STOP,
            snippets.ELLIPSIS,
            24,
        )
        rows = conn.execute(
            sa.select(fts.FTS.c.rowid, snippet).where(
                fts.fts5_match("announcement_fts", plan.fts5), fts.FTS.c.rowid.in_(ids)
            )
        )
        return {r[0]: r[1] or "" for r in rows}
    if plan.tsquery is not None:
        options = (
            f"StartSel={snippets.START}, StopSel={snippets.STOP}, MaxWords=30, MinWords=12, "
            f'MaxFragments=2, FragmentDelimiter=" {snippets.ELLIPSIS} "'
        )
        doc = sa.func.left(A.c.title + "\n" + A.c.facts_text + "\n" + A.c.text, 200_000)
        headline = sa.func.ts_headline(fts._simple(), doc, plan.tsquery, options)
        rows = conn.execute(sa.select(A.c.id, headline).where(A.c.id.in_(ids)))
        return {r[0]: r[1] or "" for r in rows}
    return {}


def _facets(conn, matched: sa.Subquery, plan: _Plan) -> dict[str, list[tuple[str, int]]]:  # noqa: ANN001
    def labels(kind: str) -> list[tuple[str, int]]:
        n = sa.func.count().label("n")
        rows = conn.execute(
            sa.select(LABEL.c.value, n)
            .select_from(LABEL.join(matched, matched.c.id == LABEL.c.announcement_id))
            .where(LABEL.c.kind == kind)
            .group_by(LABEL.c.value)
            .order_by(sa.desc("n"), LABEL.c.value)
            .limit(FACET_SIZE)
        )
        return [(r[0], r[1]) for r in rows]

    year = _year(plan.dialect).label("year")
    years = conn.execute(
        sa.select(year, sa.func.count())
        .select_from(A.join(matched, matched.c.id == A.c.id))
        .group_by(year)
        .order_by(sa.desc("year"))
    )
    n = sa.func.count(sa.distinct(CAP.c.announcement_id)).label("n")
    currencies = conn.execute(
        sa.select(CAP.c.currency, n)
        .select_from(CAP.join(matched, matched.c.id == CAP.c.announcement_id))
        .group_by(CAP.c.currency)
        .order_by(sa.desc("n"), CAP.c.currency)
    )
    return {
        "stock": labels("stock"),
        "year": [(str(r[0]), r[1]) for r in years if r[0] is not None],
        "transaction_type": labels("transaction_type"),
        "currency": [(r[0], r[1]) for r in currencies],
    }


def _year(dialect: str) -> ColumnElement:
    if dialect == "postgresql":
        local = sa.func.timezone("Asia/Hong_Kong", A.c.published_at)
        return sa.cast(sa.extract("year", local), sa.Integer)
    return sa.func.strftime("%Y", A.c.published_at, "+8 hours")


def _filter_conditions(f: SearchFilters, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    codes = [_stock_code(c) for c in f.stock_codes if c and c.strip()]
    if codes:
        where.append(
            A.c.id.in_(
                sa.select(LABEL.c.announcement_id).where(
                    LABEL.c.kind == "stock", LABEL.c.value.in_(codes)
                )
            )
        )
    if f.date_from:
        where.append(A.c.published_at >= _hk_midnight(f.date_from))
    if f.date_to:
        where.append(A.c.published_at < _hk_midnight(f.date_to + dt.timedelta(days=1)))
    if f.category:
        where.append(
            sa.or_(
                A.c.headline.icontains(f.category, autoescape=True),
                A.c.headline_t1 == f.category,
                sa.cast(A.c.headline_t2, sa.Text).contains(f'"{f.category}"', autoescape=True),
            )
        )
    if f.transaction_type:
        where.append(
            A.c.id.in_(
                sa.select(LABEL.c.announcement_id).where(
                    LABEL.c.kind == "transaction_type",
                    LABEL.c.value == f.transaction_type.strip().lower(),
                )
            )
        )
    if f.party:
        text = f.party.strip()
        where.append(
            A.c.id.in_(
                sa.select(PARTY.c.announcement_id).where(
                    sa.or_(
                        PARTY.c.name.icontains(text, autoescape=True),
                        PARTY.c.full_name.icontains(text, autoescape=True),
                        PARTY.c.chinese_name.contains(text, autoescape=True),
                    )
                )
            )
        )
    if f.person:
        text = f.person.strip()
        where.append(
            A.c.id.in_(
                sa.select(MENTION.c.announcement_id)
                .select_from(MENTION.join(PERSON, PERSON.c.id == MENTION.c.person_id))
                .where(
                    sa.or_(
                        PERSON.c.name_key == name_key(text),
                        PERSON.c.chinese_name == text,
                        MENTION.c.name_as_written.icontains(text, autoescape=True),
                    )
                )
            )
        )
    cap = _cap_conditions(f)
    if cap:
        where.append(A.c.id.in_(sa.select(CAP.c.announcement_id).where(*cap)))
    if f.language:
        where.append(A.c.language == f.language.strip().lower())
    return where


def _cap_conditions(f: SearchFilters) -> list[ColumnElement[bool]]:
    """Range and currency apply to the same cap row: "an RMB cap of at least 5 million"."""
    cap: list[ColumnElement[bool]] = []
    for value, name, op in ((f.cap_min, "cap-min", "__ge__"), (f.cap_max, "cap-max", "__le__")):
        if value is None or value == "":
            continue
        amount = parse_amount(value)
        if amount is None:
            raise QueryError(f"{name} must be a number, not {str(value)[:40]!r}")
        cap.append(getattr(CAP.c.amount, op)(amount))
    if f.currency:
        cap.append(CAP.c.currency == f.currency.strip().upper())
    return cap


def _stock_code(code: str) -> str:
    code = code.strip()
    return code.zfill(5) if code.isdigit() else code


def _hk_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=HK)
