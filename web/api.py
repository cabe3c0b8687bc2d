"""The JSON API: `/api/...` twins of the pages, and subscription management by bearer token.

Responses are the pydantic models in web/schemas.py, so /openapi.json documents them. Errors
are `{"detail": "<one line>"}` with 400 (bad query), 401/403 (token), 404 (unknown id).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from web import schemas, search_query, subscription_actions
from web.companies import company_or_404
from web.deps import base_url, engine_of, require_token, settings_of
from web.filings import filing_or_404
from web.people import parse_id, person_or_404

router = APIRouter(prefix="/api", tags=["api"])
bearer = HTTPBearer(auto_error=False, description="FILINGWATCH_ADMIN_TOKEN")
ERRORS = {
    400: {"model": schemas.ErrorOut, "description": "Bad query or parameter"},
    404: {"model": schemas.ErrorOut, "description": "Unknown id"},
}
AUTH_ERRORS = {
    401: {"model": schemas.ErrorOut, "description": "No token given"},
    403: {"model": schemas.ErrorOut, "description": "Wrong token, or management disabled"},
}


def admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """Bearer-token guard for subscription management (constant-time comparison)."""
    require_token(settings_of(request), credentials.credentials if credentials else None)


# The search parameters: the CLI's option names (`--cap-min` -> `cap_min`), validated by
# web.search_query.parse (an unknown or malformed one is a 400); declared here for /docs only.
def search_params(
    q: str = Query("", description='Store syntax: words, "phrases", prefix*, -exclusions'),
    stock: list[str] = Query([], description="Stock codes (repeat or comma-separate)"),
    date_from: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD (HK)"),
    date_to: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD (HK)"),
    year: str | None = Query(None, description="Year published (instead of from/to)"),
    category: str | None = Query(None, description="Headline category text or code"),
    type: str | None = Query(None, description="e.g. continuing connected transaction"),  # noqa: A002
    party: str | None = Query(None, description="A party to the transaction"),
    person: str | None = Query(None, description="A person named in the filing"),
    cap_min: str | None = Query(None, description="Smallest annual cap, e.g. 8000000 or 8m"),
    cap_max: str | None = Query(None, description="Largest annual cap"),
    currency: str | None = Query(None, description="Annual cap currency: HKD, RMB, USD…"),
    lang: str | None = Query(None, description="en or zh: that edition only"),
    sort: str = Query("relevance", description="relevance or date"),
    page: str = Query("1"),
    per_page: str = Query("20", description="1 to 200"),
) -> None:
    """Documentation only: the parameters are read and checked by web.search_query.parse."""


def _parse_search(request: Request) -> search_query.SearchParams:
    params = search_query.parse(request.query_params)
    if not (params.q or params.has_filters):
        raise search_query.BadQuery("Give a query (q) or at least one filter.")
    return params


@router.get(
    "/search",
    response_model=schemas.SearchResponse,
    responses=ERRORS,
    dependencies=[Depends(search_params)],
)
def api_search(request: Request):
    """Full-text search over filings and their extracted facts, with facet counts.

    One hit per filing (the other edition in `other_edition`), with its key facts."""
    try:
        return search_query.run(
            engine_of(request),
            _parse_search(request),
            request.app.state.search_cache,
            request.app.state.settings.search_seconds,
        )
    except search_query.BadQuery as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)


@router.get(
    "/search/facts",
    response_model=schemas.FactsResponse,
    responses=ERRORS,
    dependencies=[Depends(search_params)],
)
def api_search_facts(request: Request):
    """The matching filings' facts as a flat table: one row per cap, party and person (the
    JSON twin of /search/facts.csv; up to 5,000 filings)."""
    try:
        p = _parse_search(request)
        seconds = request.app.state.settings.search_seconds
        filings, rows = search_query.export_facts(engine_of(request), p, seconds=seconds)
    except search_query.BadQuery as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return schemas.FactsResponse(
        query=p.q,
        filters=p.filters_dict(),
        filings=filings,
        rows=[schemas.FactRow(**vars(r)) for r in rows],
    )


@router.get("/filings/{news_id}", response_model=schemas.Filing, responses=ERRORS)
def api_filing(request: Request, news_id: str):
    """A filing's metadata and extracted facts, each with its evidence sentence and page."""
    return filing_or_404(request, news_id)


@router.get("/people/{person_id}", response_model=schemas.Person, responses=ERRORS)
def api_person(request: Request, person_id: str, page: str = Query("1")):
    """Every filing naming the person, their roles, companies and a yearly timeline."""
    return person_or_404(request, person_id)


@router.get("/companies/{stock_code}", response_model=schemas.Company, responses=ERRORS)
def api_company(request: Request, stock_code: str, page: str = Query("1")):
    """A company's filings, connected parties and persons, and annual caps over time."""
    return company_or_404(request, stock_code)


@router.get(
    "/subscriptions",
    response_model=list[schemas.Subscription],
    dependencies=[Depends(admin)],
    responses=AUTH_ERRORS,
)
def api_list_subscriptions(request: Request):
    settings, base = settings_of(request), base_url(request)
    return [
        subscription_actions.to_schema(s, settings, base)
        for s in subscription_actions.all_subscriptions(engine_of(request))
    ]


@router.post(
    "/subscriptions",
    response_model=schemas.Subscription,
    status_code=201,
    dependencies=[Depends(admin)],
    responses={**AUTH_ERRORS, 400: ERRORS[400]},
)
def api_create_subscription(request: Request, body: schemas.SubscriptionIn):
    """Follow a director: alerts go by e-mail, webhook or the signed Atom feed."""
    try:
        sub = subscription_actions.create(engine_of(request), body)
    except subscription_actions.InvalidSubscription as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return subscription_actions.to_schema(sub, settings_of(request), base_url(request))


@router.delete(
    "/subscriptions/{sub_id}",
    status_code=204,
    dependencies=[Depends(admin)],
    responses={**AUTH_ERRORS, 404: ERRORS[404]},
)
def api_delete_subscription(request: Request, sub_id: str) -> Response:
    if not subscription_actions.delete(engine_of(request), parse_id(sub_id, "subscription")):
        raise HTTPException(404, "No such subscription.")
    return Response(status_code=204)
