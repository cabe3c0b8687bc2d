"""Links an alert carries back to the web app: the signed one-click unsubscribe.

The link is the web app's own (`/unsubscribe/{id}?sig=...`,
web/subscription_actions.py), signed by `link_signature` (HMAC-SHA256 of "unsubscribe:<id>"
under FILINGWATCH_SECRET_KEY, hex, first 32 characters), which web/security.py's `sign` also
calls, so the page that answers it can check it; tests/test_alerts_delivery.py checks the web
app accepts the link.
FILINGWATCH_PUBLIC_URL is where subscribers reach the web app (default
http://127.0.0.1:8000). Without FILINGWATCH_SECRET_KEY there is no stable key (the web app
then uses a random one per process), so no link can be made.
"""

from __future__ import annotations

import hashlib
import hmac

from store import settings as env

PUBLIC_URL_ENV = "FILINGWATCH_PUBLIC_URL"
SECRET_KEY_ENV = "FILINGWATCH_SECRET_KEY"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def public_url() -> str:
    return (env.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).strip().rstrip("/")


def link_signature(secret_key: str | bytes, purpose: str, value: int | str) -> str:
    """One signature per (purpose, value): the web app signs its links with it too
    (web/security.py), so a link made here is one the web app accepts."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    message = f"{purpose}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def feed_url(subscription_id: int) -> str | None:
    """The subscription's signed Atom feed link, as the web app signs it
    (web/subscription_actions.py: purpose "feed"), under FILINGWATCH_PUBLIC_URL; None when
    FILINGWATCH_SECRET_KEY is unset."""
    key = env.get(SECRET_KEY_ENV)
    if not key:
        return None
    token = link_signature(key, "feed", subscription_id)
    return f"{public_url()}/feeds/subscriptions/{subscription_id}.atom?token={token}"


def unsubscribe_url(subscription_id: int) -> str | None:
    """The signed one-click unsubscribe link, or None when FILINGWATCH_SECRET_KEY is unset."""
    key = env.get(SECRET_KEY_ENV)
    if not key:
        return None
    sig = link_signature(key, "unsubscribe", subscription_id)
    return f"{public_url()}/unsubscribe/{subscription_id}?sig={sig}"
