"""The search page (`/search`) and its CSV exports: filings (`/search.csv`) and their facts,
one row per cap, party and person (`/search/facts.csv`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse

import store
from web import data, search_query
from web.deps import base_url, engine_of
from web.formatting import datetime_hk
from web.render import page, safe_snippet

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


@router.get("/search", name="search")
def search_page(request: Request):
    """Results with facets when there is a query or a filter; the newest filings otherwise."""
    engine = engine_of(request)
    ctx: dict = {
        "p": search_query.SearchParams(),
        "result": None,
        "recent": [],
        "error": None,
        "chips": [],
        "transaction_types": search_query.TRANSACTION_TYPES,
        "currencies": search_query.CURRENCIES,
        "snippet": safe_snippet,
        "clear_filters": dict.fromkeys(search_query.FILTER_PARAMS),
    }
    renamed = search_query.canonical(request.query_params)
    if renamed is not None:  # an older link: the same search under the current names
        return RedirectResponse(f"/search?{urlencode(renamed)}", status_code=307)
    try:
        p = search_query.parse(request.query_params)
        ctx["p"] = p
        ctx["chips"] = search_query.describe_filters(p)
        if p.q or p.has_filters:
            state = request.app.state
            ctx["result"] = search_query.run(
                engine, p, state.search_cache, state.settings.search_seconds
            )
        else:
            ctx["recent"] = data.recent_filings(engine)
    except search_query.BadQuery as exc:
        ctx["error"] = str(exc)
        ctx["p"].q = search_query.clean_text(request.query_params.get("q", ""), "query", 10**9)[
            :1000
        ]
        return page(request, "search.html", ctx, status_code=400)
    return page(request, "search.html", ctx)


CSV_FIELDS = ["news_id", "published_at", "stock_code", "stock_name", "title", "headline",
              "language", "url", "document_url", "other_edition", "parties", "largest_cap",
              "largest_cap_currency", "largest_cap_period", "connected_persons",
              "score"]  # fmt: skip


@router.get("/search.csv")
def search_csv(request: Request):
    """Every matching filing (up to 5,000) as CSV; the text is plain, not the HTML snippet."""
    try:
        p = search_query.parse(request.query_params)
        if not (p.q or p.has_filters):
            raise search_query.BadQuery("Give a query or a filter to export.")
        hits = search_query.export_hits(
            engine_of(request), p, seconds=request.app.state.settings.search_seconds
        )
        first = next(hits, None)  # run the query now, so a bad query is a 400, not a cut stream
    except search_query.BadQuery as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=400)
    base = base_url(request)

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_FIELDS)
        for hit in itertools.chain([first] if first else [], hits):
            score = "" if hit.score is None else f"{hit.score:.4f}"  # a number, ours
            cap = hit.largest_cap
            period = (cap.period_label or str(cap.period_end or "")) if cap else ""
            cells = [hit.news_id, datetime_hk(hit.published_at), hit.stock_code,
                     hit.stock_name, hit.title, hit.headline, hit.language, base + hit.url,
                     hit.document_url, hit.other_edition.news_id if hit.other_edition else "",
                     "; ".join(hit.parties)]  # fmt: skip
            texts = [cap.currency if cap else "", period, "; ".join(hit.connected_persons)]
            amount = [cap.amount if cap else ""]  # a number, as stored
            writer.writerow([spreadsheet_safe(c or "") for c in cells] + amount
                            + [spreadsheet_safe(t) for t in texts] + [score])  # fmt: skip
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="filingwatch-search.csv"'},
    )


@router.get("/search/facts.csv")
def search_facts_csv(request: Request):
    """The matching filings' facts, one row per cap, party and person (up to 5,000 filings),
    each with its filing's id, news id, date, stock and evidence page."""
    try:
        p = search_query.parse(request.query_params)
        if not (p.q or p.has_filters):
            raise search_query.BadQuery("Give a query or a filter to export.")
        seconds = request.app.state.settings.search_seconds
        _filings, rows = search_query.export_facts(engine_of(request), p, seconds=seconds)
    except search_query.BadQuery as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=400)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(store.FACT_COLUMNS)
    for row in rows:
        writer.writerow([fact_cell(getattr(row, c)) for c in store.FACT_COLUMNS])
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="filingwatch-facts.csv"'},
    )


def fact_cell(value: object) -> object:
    """A facts-table cell: numbers as numbers, dates ISO, text defused (spreadsheet_safe)."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(store.HK).strftime("%Y-%m-%d %H:%M")  # HK time, sortable
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_safe(str(value))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Defuse spreadsheet formulas in every text cell: one starting with = + - @, a tab or a
    carriage return gets a leading ' (stock names, headlines and document URLs come from
    the exchange's pages, so any of them may hold one)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
