"""Links an alert carries back to the web app: the signed one-click unsubscribe.

The link is the web app's own (`/unsubscribe/{id}?sig=...`, web/subs.py), signed the same
way (web/security.py: HMAC-SHA256 of "unsubscribe:<id>" under FILINGWATCH_SECRET_KEY, hex,
first 32 characters), so the page that answers it can check it; alerts/ does not import web/,
hence the few lines repeated here, and tests/test_alerts_delivery.py checks the two agree.
FILINGWATCH_PUBLIC_URL is where subscribers reach the web app (default
http://127.0.0.1:8000). Without FILINGWATCH_SECRET_KEY there is no stable key (the web app
then uses a random one per process), so no link can be made.
"""

from __future__ import annotations

import hashlib
import hmac
import os

PUBLIC_URL_ENV = "FILINGWATCH_PUBLIC_URL"
SECRET_KEY_ENV = "FILINGWATCH_SECRET_KEY"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def public_url() -> str:
    return (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).strip().rstrip("/")


def link_signature(secret_key: str, purpose: str, value: int | str) -> str:
    """web/security.py's `sign`: one signature per (purpose, value)."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def unsubscribe_url(subscription_id: int) -> str | None:
    """The signed one-click unsubscribe link, or None when FILINGWATCH_SECRET_KEY is unset."""
    key = os.environ.get(SECRET_KEY_ENV)
    if not key:
        return None
    sig = link_signature(key, "unsubscribe", subscription_id)
    return f"{public_url()}/unsubscribe/{subscription_id}?sig={sig}"
