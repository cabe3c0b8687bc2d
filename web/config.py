"""Settings the web app reads from the environment, once, when the app is created.

Read at `create_app` time (not import time) so tests can set the variables per app.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from store import settings as env

log = logging.getLogger(__name__)

SECRET_KEY = "FILINGWATCH_SECRET_KEY"
#: Set by `serve` beside a key it generated for its workers: the key is not the operator's.
EPHEMERAL_KEY = "FILINGWATCH_SECRET_KEY_EPHEMERAL"
EPHEMERAL_WARNING = (
    "FILINGWATCH_SECRET_KEY is not set: using a random key, so unsubscribe and feed links "
    "will stop working when the server restarts"
)


@dataclass(frozen=True)
class Settings:
    admin_token: str | None
    """`FILINGWATCH_ADMIN_TOKEN`; without it nobody can manage subscriptions."""
    secret_key: bytes
    """`FILINGWATCH_SECRET_KEY`; signs unsubscribe links, feed URLs and the admin cookie."""
    secret_key_is_ephemeral: bool
    cache_seconds: float = 60.0
    """`FILINGWATCH_WEB_CACHE_SECONDS`: how long a search page may be served from memory."""
    search_seconds: float = 5.0
    """`FILINGWATCH_WEB_SEARCH_SECONDS`: a search running longer is stopped and answered 400."""
    threads: int | None = None
    """`FILINGWATCH_WEB_THREADS`: requests one worker process runs at once (None: by backend)."""
    public_url: str = ""
    """`FILINGWATCH_PUBLIC_URL` (e.g. https://fw.example.org): the base of absolute links in
    feeds, exports and the API; "" gives links relative to the server, never the request's
    Host header (which the client chooses)."""

    @classmethod
    def from_env(cls) -> Settings:
        token = env.get("FILINGWATCH_ADMIN_TOKEN") or None
        key = env.get(SECRET_KEY)
        cache = _seconds("FILINGWATCH_WEB_CACHE_SECONDS", 60.0)
        budget = _seconds("FILINGWATCH_WEB_SEARCH_SECONDS", 5.0)
        raw_threads = env.get("FILINGWATCH_WEB_THREADS")
        threads = max(1, int(_seconds("FILINGWATCH_WEB_THREADS", 1))) if raw_threads else None
        public = public_url(env.get("FILINGWATCH_PUBLIC_URL") or "")
        if key:
            ephemeral = os.environ.get(EPHEMERAL_KEY) == "1"  # made by `serve`, which warned
            return cls(token, key.encode(), ephemeral, cache, budget, threads, public)
        # A random key still works for one process; links just stop verifying after a restart.
        log.warning(EPHEMERAL_WARNING)
        return cls(token, secrets.token_bytes(32), True, cache, budget, threads, public)


def share_secret_key() -> None:
    """Before starting workers: without FILINGWATCH_SECRET_KEY, make one random key for all
    of them (they inherit the environment), so a link or cookie signed by one worker verifies
    on the others. Warns once: the links still stop working when the server restarts."""
    if env.get(SECRET_KEY):
        return
    os.environ[SECRET_KEY] = secrets.token_hex(32)
    os.environ[EPHEMERAL_KEY] = "1"
    log.warning(EPHEMERAL_WARNING)


def public_url(raw: str) -> str:
    """The configured public base URL without a trailing slash, or "" if unset or unusable
    (then links are relative)."""
    raw = raw.strip().rstrip("/")
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        log.warning("FILINGWATCH_PUBLIC_URL %r is not an http(s) URL; links stay relative", raw)
        return ""
    return raw


def _seconds(name: str, default: float) -> float:
    try:
        return max(0.0, env.get_float(name))
    except env.SettingError:
        log.warning("%s is not a number; using %s", name, default)
        return default
