"""Token checks and HMAC signatures: the admin token, signed links, the admin cookie.

Every comparison is constant-time (`hmac.compare_digest`) so response timing leaks nothing
about the secret. Each signature covers a *purpose* as well as the id, so a feed token can
never be replayed as an unsubscribe token and vice versa.
"""

from __future__ import annotations

import hmac

from alerts import link_signature
from web.config import Settings

ADMIN_COOKIE = "fw_admin"


def sign(settings: Settings, purpose: str, value: str | int) -> str:
    """A URL-safe signature of `value` for one `purpose` (e.g. "unsubscribe", "feed"); the
    alerts' e-mails sign their unsubscribe links with the same function."""
    return link_signature(settings.secret_key, purpose, value)


def verify(settings: Settings, purpose: str, value: str | int, signature: str | None) -> bool:
    if not signature:
        return False
    return hmac.compare_digest(sign(settings, purpose, value), signature.strip())


def token_matches(settings: Settings, candidate: str | None) -> bool:
    """Whether `candidate` is the admin token; always False when no token is configured."""
    if not settings.admin_token or not candidate:
        return False
    return hmac.compare_digest(candidate.encode(), settings.admin_token.encode())


def admin_cookie_value(settings: Settings) -> str:
    """What the admin cookie holds: derived from the token, so the cookie never reveals it,
    and it stops working as soon as the token is changed."""
    return sign(settings, "admin-cookie", settings.admin_token or "")


def cookie_is_admin(settings: Settings, cookie: str | None) -> bool:
    if not settings.admin_token or not cookie:
        return False
    return hmac.compare_digest(admin_cookie_value(settings), cookie)


def csrf_token(settings: Settings) -> str:
    """Hidden-form token for cookie-authenticated POSTs (the cookie is also SameSite=Strict)."""
    return sign(settings, "csrf", admin_cookie_value(settings))
