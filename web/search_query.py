"""Turn request parameters into a `store.search` call, and its result into the API shape.

Parameters are parsed by hand, not by FastAPI's validation, so that every bad value gets a
400 with a sentence a researcher can act on (the same sentence on the HTML page and in JSON),
and so that no hostile input (NUL bytes, 10 kB queries, SQL fragments) can reach the database
in a form it chokes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from starlette.datastructures import QueryParams

import store
from web import data, schemas
from web.formatting import money, to_decimal

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 1000
MAX_PAGE = 500
MAX_PER_PAGE = 200  # the store's
EXPORT_LIMIT = 5000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CURRENCIES = ("HKD", "RMB", "USD", "SGD", "EUR", "GBP", "JPY", "MOP", "TWD")
TRANSACTION_TYPES = (
    "connected transaction",
    "continuing connected transaction",
    "discloseable transaction",
    "major transaction",
    "very substantial acquisition",
    "very substantial disposal",
    "share transaction",
    "reverse takeover",
)


class ResultCache:
    """A small thread-safe TTL cache of search pages and of facets.

    Filings arrive in nightly batches, so a result a minute old is as good as a fresh one,
    and researchers page through one query: facets and totals do not depend on the page or
    the sort, so later pages skip the (costly) facet counting. `ttl=0` disables caching.
    """

    def __init__(self, ttl: float, size: int = 1024) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> object | None:
        if self.ttl <= 0:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] < time.monotonic():
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: tuple, value: object) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic() + self.ttl, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


NO_CACHE = ResultCache(0)


class BadQuery(ValueError):
    """A search request we refuse, with the one-line reason shown to the user (HTTP 400)."""


class TooSlow(BadQuery):
    """The search ran out of its time budget (also a 400: the user should narrow it)."""


#: The search parameters, named as the CLI's options (`--cap-min` -> `cap_min`); `year` is the
#: web's shorthand for from/to (the CLI has `--year` too). SearchParams field -> parameter.
PARAMS = {
    "q": "q", "stock_codes": "stock", "year": "year", "date_from": "from", "date_to": "to",
    "category": "category", "transaction_type": "type", "party": "party", "person": "person",
    "cap_min": "cap_min", "cap_max": "cap_max", "currency": "currency", "language": "lang",
    "sort": "sort", "page": "page", "per_page": "per_page",
}  # fmt: skip
#: Older names still understood (links made before the names followed the CLI's).
ALIASES = {"transaction_type": "type", "language": "lang", "date_from": "from", "date_to": "to"}
FILTER_PARAMS = [v for k, v in PARAMS.items() if k not in ("q", "sort", "page", "per_page")]


@dataclass
class SearchParams:
    q: str = ""
    stock_codes: list[str] = field(default_factory=list)
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | None = None
    transaction_type: str | None = None
    currency: str | None = None
    cap_min: Decimal | None = None
    cap_max: Decimal | None = None
    person: str | None = None
    party: str | None = None
    language: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def has_filters(self) -> bool:
        return bool(self.filters_dict())

    def filters_dict(self) -> dict[str, str | list[str]]:
        """The active filters by parameter name (the API's `filters`, cache keys, chips)."""
        out: dict[str, str | list[str]] = {}
        if self.stock_codes:
            out["stock"] = self.stock_codes
        for key, name in PARAMS.items():
            if key in ("q", "stock_codes", "sort", "page", "per_page"):
                continue
            value = getattr(self, key)
            if value is not None and value != "":
                out[name] = str(value)
        return out

    def __getitem__(self, name: str) -> object:
        """`p["from"]` in templates: a value by its parameter name."""
        field_name = next((k for k, v in PARAMS.items() if v == name), name)
        return getattr(self, field_name)


def clean_text(value: str | None, what: str, limit: int = 300) -> str:
    """Strip control characters (NUL breaks PostgreSQL) and refuse absurd lengths."""
    value = _CONTROL.sub(" ", value or "").strip()
    if len(value) > limit:
        raise BadQuery(f"The {what} is too long ({len(value)} characters; at most {limit}).")
    return value


def parse_int(raw: str | None, what: str, lo: int, hi: int, default: int | None) -> int | None:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadQuery(f"The {what} must be a whole number, not {raw[:40]!r}.") from None
    if not lo <= value <= hi:
        raise BadQuery(f"The {what} must be between {lo} and {hi}.")
    return value


def _amount(raw: str | None, what: str) -> Decimal | None:
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip().replace(",", "").replace("_", "")
    scale = Decimal(1)
    for suffix, factor in (("b", 10**9), ("bn", 10**9), ("m", 10**6), ("k", 10**3)):
        if text.lower().endswith(suffix) and text[: -len(suffix)].strip():
            text, scale = text[: -len(suffix)].strip(), Decimal(factor)
            break
    value = to_decimal(text) if re.fullmatch(r"\d+(\.\d+)?", text) else None
    if value is None or len(text) > 20:
        raise BadQuery(f"The {what} must be an amount like 8000000 or 8m, not {raw[:40]!r}.")
    return value * scale


def canonical(params: QueryParams) -> list[tuple[str, str]] | None:
    """The parameters under their current names, or None when none uses an older name."""
    if not any(k in ALIASES for k in params):
        return None
    return [(ALIASES.get(k, k), v) for k, v in params.multi_items()]


def parse(params: QueryParams) -> SearchParams:
    """Validate the search parameters (shared by /search, /api/search, exports, feeds, CLI).

    An unknown parameter, one given twice (but `stock`) or a malformed value is a BadQuery
    with a one-line reason; nothing is silently ignored.
    """
    known = set(PARAMS.values()) | set(ALIASES)
    for name in params:
        if name not in known:
            shown = sorted(set(PARAMS.values()))
            raise BadQuery(f"Unknown parameter {name[:40]!r}; use {', '.join(shown)}.")

    def names(name: str) -> list[str]:
        return [name, *(k for k, v in ALIASES.items() if v == name)]

    for name in set(PARAMS.values()) - {"stock"}:
        if sum(len(params.getlist(k)) for k in names(name)) > 1:
            raise BadQuery(f"The parameter {name!r} is given more than once.")

    def get(name: str) -> str | None:
        return next((params.get(k) for k in names(name) if k in params), None)

    p = SearchParams()
    p.q = clean_text(get("q"), "query", MAX_QUERY_CHARS)
    for raw in params.getlist("stock"):
        for part in re.split(r"[\s,]+", clean_text(raw, "stock code", 200)):
            if not part:
                continue
            code = data.normalise_stock_code(part)
            if code is None:
                raise BadQuery(f"{part[:20]!r} is not a stock code (1 to 5 digits, e.g. 03888).")
            if code not in p.stock_codes:
                p.stock_codes.append(code)
    if len(p.stock_codes) > 50:
        raise BadQuery("At most 50 stock codes can be searched at once.")
    p.year = parse_int(get("year"), "year", 1990, 2100, None)
    p.date_from = parse_day(get("from"), "from")
    p.date_to = parse_day(get("to"), "to")
    if p.date_from and p.date_to and p.date_from > p.date_to:
        raise BadQuery("The first day (from) is after the last day (to).")
    if p.year and (p.date_from or p.date_to):
        raise BadQuery("Give a year or a from/to range, not both.")
    p.category = clean_text(get("category"), "category", 200) or None
    tt = clean_text(get("type"), "transaction type").lower() or None
    if tt and tt not in TRANSACTION_TYPES:
        types = ", ".join(TRANSACTION_TYPES)
        raise BadQuery(f"Unknown transaction type {tt[:60]!r}; use one of {types}.")
    p.transaction_type = tt
    cur = clean_text(get("currency"), "currency").upper() or None
    if cur and cur not in CURRENCIES:
        raise BadQuery(f"Unknown currency {cur[:10]!r}; use one of {', '.join(CURRENCIES)}.")
    p.currency = cur
    p.cap_min = _amount(get("cap_min"), "minimum cap")
    p.cap_max = _amount(get("cap_max"), "maximum cap")
    if p.cap_min is not None and p.cap_max is not None and p.cap_min > p.cap_max:
        raise BadQuery("The minimum cap is larger than the maximum cap.")
    p.person = clean_text(get("person"), "person") or None
    p.party = clean_text(get("party"), "party") or None
    lang = clean_text(get("lang"), "language").lower() or None
    if lang and lang not in ("en", "zh"):
        raise BadQuery("The language (lang) must be en or zh.")
    p.language = lang
    sort = clean_text(get("sort"), "sort").lower() or "relevance"
    if sort not in ("relevance", "date"):
        raise BadQuery("Sort by relevance or date.")
    p.sort = sort
    p.page = parse_int(get("page"), "page", 1, MAX_PAGE, 1) or 1
    p.per_page = parse_int(get("per_page"), "page size (per_page)", 1, MAX_PER_PAGE, 20) or 20
    return p


def parse_day(raw: str | None, name: str) -> dt.date | None:
    """A Hong Kong day, YYYY-MM-DD."""
    if raw is None or raw.strip() == "":
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise BadQuery(
            f"The day ({name}) must be a date like 2012-05-24, not {raw[:40]!r}."
        ) from None


def filters(p: SearchParams) -> store.SearchFilters:
    """The store's filters for validated parameters."""
    return store.SearchFilters(
        stock_codes=tuple(p.stock_codes),
        date_from=dt.date(p.year, 1, 1) if p.year else p.date_from,
        date_to=dt.date(p.year, 12, 31) if p.year else p.date_to,
        category=p.category,
        transaction_type=p.transaction_type,
        party=p.party,
        person=p.person,
        cap_min=p.cap_min,
        cap_max=p.cap_max,
        currency=p.currency,
        language=p.language,
    )


def _call_store(
    engine: store.Engine, p: SearchParams, page: int, per_page: int, facets: bool,
    seconds: float | None, *, with_snippets: bool = True,
):  # fmt: skip
    try:
        return store.search(
            engine,
            p.q,
            filters=filters(p),
            page=page,
            per_page=per_page,
            sort=p.sort,
            facets=facets,
            seconds=seconds,
            with_snippets=with_snippets,
        )
    except store.SearchTimeout as exc:
        if seconds is None:  # the store's default budget (the CLI): its own sentence
            raise TooSlow(str(exc)) from None
        log.warning("search over its %g s budget: %r %s", seconds, p.q[:200], p.filters_dict())
        raise TooSlow(
            f"This search took too long (over {seconds:g} s); add words or filters to narrow it."
        ) from None
    except store.QueryError as exc:
        raise BadQuery(str(exc) or "The query could not be understood.") from None
    except store.DriverError as exc:
        # The store should have rejected this query; answer 400 rather than crash, and log it.
        log.warning("search query %r failed in the database: %s", p.q[:200], exc.orig)
        raise BadQuery("The query could not be run; check its quotes and operators.") from None


def _hit(hit) -> schemas.SearchHit:
    facts = getattr(hit, "facts", None)
    cap = facts.largest_cap if facts is not None else None
    paired = getattr(hit, "paired_news_id", None)
    language = getattr(hit, "language", "") or ""
    return schemas.SearchHit(
        id=getattr(hit, "id", None),
        news_id=hit.news_id,
        stock_code=hit.stock_code,
        stock_codes=list(getattr(hit, "stock_codes", None) or [hit.stock_code]),
        stock_name=hit.stock_name or "",
        title=hit.title or "",
        headline=getattr(hit, "headline", "") or "",
        published_at=hit.published_at,
        language=language,
        url=f"/filings/{hit.news_id}",
        document_url=getattr(hit, "document_url", "") or "",
        score=getattr(hit, "score", None),
        snippet=getattr(hit, "snippet", "") or "",
        other_edition=schemas.EditionLink(
            news_id=paired, language="en" if language == "zh" else "zh", url=f"/filings/{paired}"
        )
        if paired
        else None,
        parties=list(facts.parties) if facts is not None else [],
        largest_cap=schemas.HitCap(
            amount=cap.amount, currency=cap.currency, period_end=cap.period_end,
            period_label=cap.period_label,
        )
        if cap is not None
        else None,
        connected_persons=list(facts.connected_persons) if facts is not None else [],
    )  # fmt: skip


def _facets(raw: dict, names: dict[str, str]) -> dict[str, list[schemas.FacetValue]]:
    out: dict[str, list[schemas.FacetValue]] = {}
    for key, values in (raw or {}).items():
        items = []
        for value, count in values:
            label = str(value)
            if key == "stock":
                label = f"{value} {names.get(str(value), '')}".strip()
            items.append(schemas.FacetValue(value=str(value), label=label, count=int(count)))
        out[key] = items
    return out


def run(
    engine: store.Engine, p: SearchParams, cache: ResultCache = NO_CACHE, seconds: float | None = 0
) -> schemas.SearchResponse:
    """One page of results with facets. Raises BadQuery for anything the user must fix."""
    what = (p.q, tuple(sorted((k, str(v)) for k, v in p.filters_dict().items())))
    page_key = (*what, p.sort, p.page, p.per_page)
    cached = cache.get(page_key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    known = cache.get(what)  # (total, total_exact, facets) of this query, from another page
    too_slow = cache.get(("too slow", *what))
    if too_slow is not None:  # it ran out of time moments ago: do not spend a thread again
        raise TooSlow(str(too_slow))
    try:
        result = _call_store(engine, p, p.page, p.per_page, known is None, seconds)
    except TooSlow as exc:
        cache.put(("too slow", *what), str(exc))
        raise
    if known is None:
        known = (
            int(result.total),
            bool(getattr(result, "total_exact", True)),
            _facets(getattr(result, "facets", {}) or {}, getattr(result, "stock_names", {})),
            bool(getattr(result, "complete", True)),
        )
        cache.put(what, known)
    total, exact, facets, complete = known
    response = schemas.SearchResponse(
        query=p.q,
        filters=p.filters_dict(),
        sort=p.sort,
        paging=data.paging(p.page, p.per_page, total),
        total_exact=exact,
        complete=complete,
        hits=[_hit(h) for h in result.hits],
        facets=facets,
    )
    cache.put(page_key, response)
    return response


def export_facts(
    engine: store.Engine, p: SearchParams, limit: int = EXPORT_LIMIT, seconds: float | None = 0
) -> tuple[int, list[store.FactRow]]:
    """(filings, rows): every cap, party and person of the matching filings (up to `limit`)."""
    ids = [h.id for h in export_hits(engine, p, limit, seconds) if h.id is not None]
    return len(ids), store.fact_rows(engine, ids)


def export_hits(
    engine: store.Engine, p: SearchParams, limit: int = EXPORT_LIMIT, seconds: float | None = 0
):
    """Every hit (up to `limit`) for the CSV export, fetched page by page."""
    page, per_page, seen = 1, 200, 0
    while seen < limit:
        result = _call_store(engine, p, page, per_page, False, seconds, with_snippets=False)
        for hit in result.hits:
            yield _hit(hit)
            seen += 1
            if seen >= limit:
                return
        if len(result.hits) < per_page or page * per_page >= int(result.total):
            return
        page += 1


def describe_filters(p: SearchParams) -> list[tuple[str, str, str]]:
    """(label, value, parameter) for each active filter: the removable chips above results."""
    chips = [("Stock", code, "stock") for code in p.stock_codes]
    for label, key in (("Year", "year"), ("From", "date_from"), ("To", "date_to"),
                       ("Category", "category"), ("Type", "transaction_type"),
                       ("Currency", "currency")):  # fmt: skip
        value = getattr(p, key)
        if value:
            chips.append((label, str(value), PARAMS[key]))
    if p.cap_min is not None:
        chips.append(("Cap ≥", money(p.cap_min, p.currency), "cap_min"))
    if p.cap_max is not None:
        chips.append(("Cap ≤", money(p.cap_max, p.currency), "cap_max"))
    for label, key in (("Person", "person"), ("Party", "party"), ("Language", "language")):
        value = getattr(p, key)
        if value:
            chips.append((label, value, PARAMS[key]))
    return chips
