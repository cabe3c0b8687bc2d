"""Settings the web app reads from the environment, once, when the app is created.

Read at `create_app` time (not import time) so tests can set the variables per app.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass

log = logging.getLogger(__name__)


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

    @classmethod
    def from_env(cls) -> Settings:
        token = os.environ.get("FILINGWATCH_ADMIN_TOKEN") or None
        key = os.environ.get("FILINGWATCH_SECRET_KEY")
        cache = _seconds("FILINGWATCH_WEB_CACHE_SECONDS", 60.0)
        budget = _seconds("FILINGWATCH_WEB_SEARCH_SECONDS", 5.0)
        raw_threads = os.environ.get("FILINGWATCH_WEB_THREADS")
        threads = max(1, int(_seconds("FILINGWATCH_WEB_THREADS", 1))) if raw_threads else None
        if key:
            return cls(token, key.encode(), False, cache, budget, threads)
        # A random key still works for one process; links just stop verifying after a restart.
        log.warning(
            "FILINGWATCH_SECRET_KEY is not set: using a random key, so unsubscribe and feed "
            "links will stop working when the server restarts"
        )
        return cls(token, secrets.token_bytes(32), True, cache, budget, threads)


def _seconds(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        log.warning("%s is not a number; using %s", name, default)
        return default
