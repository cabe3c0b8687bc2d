"""Request-scoped helpers shared by the routers: the engine, the settings, admin checks."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

import store
from web import security
from web.config import Settings


def engine_of(request: Request) -> store.Engine:
    return request.app.state.engine


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def base_url(request: Request) -> str:
    """The base of links that leave the page (feeds, exports, e-mailed unsubscribes): the
    configured FILINGWATCH_PUBLIC_URL, or "" (relative links). Never the request's Host
    header: whoever sends the request chooses it, and a forged one would put the attacker's
    host into signed feed and unsubscribe links."""
    return settings_of(request).public_url


def require_token(settings: Settings, token: str | None) -> None:
    """401 when no credential was given, 403 when it is wrong or management is disabled."""
    if not settings.admin_token:
        raise HTTPException(
            403, "Subscription management is disabled: set FILINGWATCH_ADMIN_TOKEN on the server."
        )
    if not token:
        raise HTTPException(
            401, "The admin token is required.", headers={"WWW-Authenticate": "Bearer"}
        )
    if not security.token_matches(settings, token):
        raise HTTPException(403, "The admin token is not right.")


def is_admin(request: Request) -> bool:
    return security.cookie_is_admin(
        settings_of(request), request.cookies.get(security.ADMIN_COOKIE)
    )


def check_admin_post(request: Request, token: str | None, csrf: str | None) -> None:
    """A form POST is allowed with the token, or with the admin cookie plus its CSRF field."""
    settings = settings_of(request)
    if token:
        require_token(settings, token)
        return
    if is_admin(request):
        if security.verify(settings, "csrf", security.admin_cookie_value(settings), csrf):
            return
        raise HTTPException(403, "The form has expired; reload the page and try again.")
    require_token(settings, None)


def signed_in(request: Request, target: str) -> RedirectResponse:
    """The redirect after a good admin token: it sets the admin cookie (an HMAC of the token,
    never the token; eight hours; strict same-site; secure over https)."""
    settings = settings_of(request)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        security.ADMIN_COOKIE,
        security.admin_cookie_value(settings),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=8 * 3600,
    )
    return response
