"""The review queue pages (`/review`) and their JSON twins (`/api/review`), admin only.

The queue and every decision live in the store (store/review.py); these routes only check
the admin credential and render. Pages trust the admin cookie (signed in once with the
token, as on /subscriptions) and each POST carries the CSRF field or the token itself; the
API takes `Authorization: Bearer <FILINGWATCH_ADMIN_TOKEN>`. Every answer is no-store.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import store
from web import security
from web.deps import check_admin_post, engine_of, is_admin, require_token, settings_of, signed_in
from web.render import page

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["review"])
bearer = HTTPBearer(auto_error=False, description="FILINGWATCH_ADMIN_TOKEN")
FILTERS = ("state", "kind", "stock", "text")
MAX_NEWS_ID = 32


def _login_page(request: Request, status_code: int, error: str | None = None):
    enabled = bool(settings_of(request).admin_token)
    ctx = {"error": error, "enabled": enabled, "next": request.url.path}
    return page(request, "review_login.html", ctx, status_code=status_code)


def _signed_in_or_login(request: Request):
    """None when the admin cookie is there, else the sign-in page to answer with."""
    if not settings_of(request).admin_token:
        return _login_page(request, 403)
    if not is_admin(request):
        return _login_page(request, 401)
    return None


def _filters(params) -> dict[str, str | None]:  # noqa: ANN001 - the request's query params
    unknown = sorted(set(params) - set(FILTERS) - {"done"})  # done: the notice after accept
    if unknown:
        raise HTTPException(400, f"Unknown parameter {unknown[0]!r}; use {', '.join(FILTERS)}.")
    values = {name: (params.get(name) or "").strip()[:200] or None for name in FILTERS}
    values["state"] = values["state"] or "open"
    return values


def _queue(request: Request) -> tuple[dict, list[store.ReviewItem]]:
    filters = _filters(request.query_params)
    try:
        return filters, store.review_list(engine_of(request), **filters)
    except store.ReviewError as exc:
        raise HTTPException(400, str(exc)[:1].upper() + str(exc)[1:] + ".") from None


@router.get("/review", name="review")
def review_page(request: Request):
    login = _signed_in_or_login(request)
    if login is not None:
        return login
    filters, items = _queue(request)
    ctx = {"items": items, "filters": filters, "done": request.query_params.get("done")}
    return page(request, "review.html", ctx)


@router.post("/review/login")
def login(request: Request, token: str = Form(""), next: str = Form("/review")):
    settings = settings_of(request)
    if not settings.admin_token:
        return _login_page(request, 403)
    if not security.token_matches(settings, token):
        return _login_page(request, 403, "That token is not right.")
    target = next if next.startswith("/review") and "//" not in next else "/review"
    return signed_in(request, target)


def _item_page(request: Request, news_id: str, status_code: int = 200, **extra):
    try:
        sheet = store.review_sheet(engine_of(request), news_id[:MAX_NEWS_ID])
    except store.ReviewError:
        raise HTTPException(404, f"No filing with news id {news_id[:40]!r}.") from None
    extraction = sheet.extraction
    ctx = {
        "item": sheet.item,
        "facts": store.facts_of(extraction),
        "marks": store.corrected_paths(extraction),
        "csrf": security.csrf_token(settings_of(request)),
        "error": None,
        "saved": request.query_params.get("saved"),
        "fields": {kind: fields for kind, (_key, fields) in store.KINDS.items()},
    }
    ctx.update(extra)
    return page(request, "review_item.html", ctx, status_code=status_code)


@router.get("/review/{news_id}", name="review_item")
def review_item_page(request: Request, news_id: str):
    login = _signed_in_or_login(request)
    if login is not None:
        return login
    return _item_page(request, news_id)


@router.post("/review/{news_id}/accept")
def accept(
    request: Request,
    news_id: str,
    note: str = Form(""),
    reviewer: str = Form(""),
    token: str | None = Form(None),
    csrf: str | None = Form(None),
):
    check_admin_post(request, token, csrf)
    try:
        store.accept_review(
            engine_of(request), news_id[:MAX_NEWS_ID], note, reviewer or "web reviewer"
        )
    except store.ReviewError as exc:
        return _error(request, news_id, exc)
    return RedirectResponse(f"/review?{urlencode({'done': news_id})}", status_code=303)


@router.post("/review/{news_id}/correct")
async def correct(request: Request, news_id: str):
    """One fact's form: `fact` (cap:1 ...), its fields by name, `note`, `csrf` or `token`."""
    form = await request.form()  # the fields depend on the fact's kind
    fields = {name: _text(value) for name, value in form.items()}
    return await run_in_threadpool(_correct, request, news_id, fields)


def _correct(request: Request, news_id: str, form: dict[str, str]):
    check_admin_post(request, form.get("token") or None, form.get("csrf") or None)
    fact = form.get("fact", "")
    names = store.KINDS.get(fact.split(":", 1)[0], ("", ()))[1]
    values = {name: form[name] for name in names if name in form}
    try:
        note, reviewer = form.get("note", ""), form.get("reviewer") or "web reviewer"
        store.correct_review(
            engine_of(request), news_id[:MAX_NEWS_ID], fact, values, note, reviewer
        )
    except store.ReviewError as exc:
        return _error(request, news_id, exc)
    target = f"/review/{news_id}?{urlencode({'saved': fact})}"
    return RedirectResponse(target, status_code=303)


def _text(value: object) -> str:
    return value.strip()[:2000] if isinstance(value, str) else ""


def _error(request: Request, news_id: str, exc: store.ReviewError):
    """The item page again with the reason (a page POST), or 400 (a token POST)."""
    if is_admin(request):
        return _item_page(request, news_id, 400, error=str(exc))
    raise HTTPException(400, str(exc))


# --- JSON --------------------------------------------------------------------------------------


class ReviewReasonOut(BaseModel):
    kind: str = Field(description="flagged (by the extractor) or warning (a cross-check)")
    text: str


class ReviewItemOut(BaseModel):
    news_id: str
    stock_code: str
    stock_name: str
    title: str
    published_at: str
    state: str = Field(description="open, reviewed or corrected")
    reasons: list[ReviewReasonOut]
    corrections: int
    accepted_note: str | None = None
    url: str


class AcceptIn(BaseModel):
    note: str
    reviewer: str = ""


class CorrectIn(BaseModel):
    fact: str = Field(description="cap:N, party:N, agreement:N, person:N or director:N")
    values: dict[str, str] = Field(description="field -> corrected value, e.g. amount: 9.5m")
    note: str
    reviewer: str = ""


def admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    require_token(settings_of(request), credentials.credentials if credentials else None)


def _out(item: store.ReviewItem) -> ReviewItemOut:
    return ReviewItemOut(
        news_id=item.news_id, stock_code=item.stock_code, stock_name=item.stock_name,
        title=item.title, published_at=item.published_at.isoformat(), state=item.state,
        reasons=[ReviewReasonOut(kind=r.kind, text=r.text) for r in item.reasons],
        corrections=item.corrections,
        accepted_note=item.decision.note if item.decision else None,
        url=f"/review/{item.news_id}",
    )  # fmt: skip


@api_router.get("/review", response_model=list[ReviewItemOut], dependencies=[Depends(admin)])
def api_queue(request: Request):
    """The review queue: state (open, reviewed, corrected, all), kind (flagged, warning),
    stock, text. Unknown or malformed parameters are a 400."""
    try:
        _filters_, items = _queue(request)
    except HTTPException as exc:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    return [_out(i) for i in items]


@api_router.post(
    "/review/{news_id}/accept", response_model=ReviewItemOut, dependencies=[Depends(admin)]
)
def api_accept(request: Request, news_id: str, body: AcceptIn):
    return _api_write(
        lambda: store.accept_review(engine_of(request), news_id, body.note, body.reviewer or "api"),
    )


@api_router.post(
    "/review/{news_id}/correct", response_model=ReviewItemOut, dependencies=[Depends(admin)]
)
def api_correct(request: Request, news_id: str, body: CorrectIn):
    return _api_write(
        lambda: store.correct_review(engine_of(request), news_id, body.fact, body.values,
                                     body.note, body.reviewer or "api"),
    )  # fmt: skip


def _api_write(write):  # noqa: ANN001, ANN202
    """Run one review write (it commits and gives the entry as it now stands) as JSON."""
    try:
        item = write()
    except store.ReviewError as exc:
        status = 404 if str(exc).startswith("no filing") else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)
    return _out(item)
