"""Subscription pages: the admin list/create/delete, and the signed one-click unsubscribe.

Admin pages take the token once (a form), then trust an HttpOnly, SameSite=Strict cookie
derived from it; each POST also carries a CSRF field derived from that cookie, or the token
itself. The unsubscribe link needs no login: its HMAC signature is the credential, and a GET
only shows a confirmation (mail scanners follow links; only the POST changes anything).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from web import schemas, security, subscription_actions
from web.deps import base_url, check_admin_post, engine_of, is_admin, settings_of, signed_in
from web.people import parse_id
from web.render import page

router = APIRouter(include_in_schema=False)


def _list_page(request: Request, status_code: int = 200, **extra):
    settings = settings_of(request)
    base = base_url(request)
    rows = [
        subscription_actions.to_schema(s, settings, base)
        for s in subscription_actions.all_subscriptions(engine_of(request))
    ]
    ctx = {
        "subs": rows,
        "csrf": security.csrf_token(settings),
        "form": {},
        "error": None,
        "created": None,
    }
    ctx.update(extra)
    return page(request, "subscriptions.html", ctx, status_code=status_code)


def _login_page(request: Request, status_code: int, error: str | None = None):
    enabled = bool(settings_of(request).admin_token)
    return page(
        request, "login.html", {"error": error, "enabled": enabled}, status_code=status_code
    )


@router.get("/subscriptions", name="subscriptions")
def subscriptions_page(request: Request):
    if not settings_of(request).admin_token:
        return _login_page(request, 403)
    if not is_admin(request):
        return _login_page(request, 401)
    created = request.query_params.get("created")
    return _list_page(request, created=created if created and created.isdigit() else None)


@router.post("/subscriptions/login")
def login(request: Request, token: str = Form(""), follow: str = Form(""), zh: str = Form("")):
    settings = settings_of(request)
    if not settings.admin_token:
        return _login_page(request, 403)
    if not security.token_matches(settings, token):
        return _login_page(request, 403, "That token is not right.")
    target = "/subscriptions"
    if follow.strip():
        target += "?" + urlencode({"follow": follow.strip()[:300], "zh": zh.strip()[:100]})
    return signed_in(request, target)


@router.post("/subscriptions/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/subscriptions", status_code=303)
    response.delete_cookie(security.ADMIN_COOKIE)
    return response


@router.post("/subscriptions")
def create_subscription(
    request: Request,
    name: str = Form(""),
    aliases: str = Form(""),
    chinese_name: str = Form(""),
    stock_codes: str = Form(""),
    channel: str = Form("feed"),
    target: str = Form(""),
    roles: list[str] = Form([]),
    token: str | None = Form(None),
    csrf: str | None = Form(None),
):
    check_admin_post(request, token, csrf)
    form = dict(name=name, aliases=aliases, chinese_name=chinese_name, stock_codes=stock_codes,
                channel=channel, target=target, roles=roles)  # fmt: skip
    try:
        data = schemas.SubscriptionIn(
            name=name.strip()[:300] or " ",
            aliases=[a.strip()[:300] for a in aliases.replace("\n", ",").split(",") if a.strip()],
            chinese_name=chinese_name.strip()[:100] or None,
            stock_codes=[c for c in stock_codes.replace(",", " ").split() if c],
            channel=channel if channel in ("email", "webhook", "feed") else "feed",
            target=target.strip()[:1000] or None,
            roles=[r for r in roles if r in ("director", "connected", "abstained")],
        )
        sub = subscription_actions.create(engine_of(request), data)
    except (subscription_actions.InvalidSubscription, ValueError) as exc:
        message = str(exc)
        if hasattr(exc, "errors"):
            message = "; ".join(e["msg"] for e in exc.errors())  # pydantic's own sentences
        if is_admin(request):
            return _list_page(request, 400, form=form, error=message)
        raise HTTPException(400, message) from None
    return RedirectResponse(f"/subscriptions?created={sub.id}", status_code=303)


@router.post("/subscriptions/{sub_id}/delete")
def delete_subscription(
    request: Request,
    sub_id: str,
    token: str | None = Form(None),
    csrf: str | None = Form(None),
):
    check_admin_post(request, token, csrf)
    if not subscription_actions.delete(engine_of(request), parse_id(sub_id, "subscription")):
        raise HTTPException(404, "No such subscription.")
    return RedirectResponse("/subscriptions", status_code=303)


def _signed_or_403(request: Request, raw_id: str, sig: str | None) -> int:
    sub_id = parse_id(raw_id, "subscription")
    if not security.verify(settings_of(request), "unsubscribe", sub_id, sig):
        raise HTTPException(403, "This unsubscribe link is not valid (it may have been altered).")
    return sub_id


@router.get("/unsubscribe/{sub_id}", name="unsubscribe")
def unsubscribe_confirm(request: Request, sub_id: str, sig: str | None = None):
    number = _signed_or_403(request, sub_id, sig)
    sub = subscription_actions.get(engine_of(request), number)
    if sub is None:
        raise HTTPException(404, "This subscription no longer exists.")
    return page(request, "unsubscribe.html", {"sub": sub, "sig": sig, "done": False})


@router.post("/unsubscribe/{sub_id}")
def unsubscribe(request: Request, sub_id: str, sig: str | None = Form(None)):
    sig = sig or request.query_params.get("sig")  # RFC 8058 one-click: the signed link itself
    number = _signed_or_403(request, sub_id, sig)
    sub = subscription_actions.get(engine_of(request), number)
    if sub is None or not subscription_actions.deactivate(engine_of(request), number):
        raise HTTPException(404, "This subscription no longer exists.")
    return page(request, "unsubscribe.html", {"sub": sub, "sig": sig, "done": True})
