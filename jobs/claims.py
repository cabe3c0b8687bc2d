"""A process's claims on filings, kept alive by a heartbeat (store/extraction_claims.py).

Why: a claim lapses after its lease so a dead worker's filings are taken over; a live worker
must therefore keep pushing its claims' expiry forward for as long as it reads them, however
long a batch or a document takes. One thread per holder renews all of its claims at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import store
from store import settings as env

if TYPE_CHECKING:
    from store.engine import Engine

log = logging.getLogger(__name__)


def lease_seconds() -> float:
    """FILINGWATCH_CLAIM_LEASE_SECONDS: how long a silent holder's claim lasts."""
    return max(1.0, env.get_float("FILINGWATCH_CLAIM_LEASE_SECONDS"))


def holder_name(kind: str) -> str:
    """host:pid:kind:random: names the process in `filingwatch status`, unique per holding."""
    return f"{socket.gethostname()}:{os.getpid()}:{kind}:{uuid.uuid4().hex[:6]}"[:200]


@contextmanager
def heartbeat(engine: Engine, holder: str, lease: float) -> Iterator[None]:
    """Renew `holder`'s claims every third of the lease; on the way out give up any left."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease / 3):
            try:
                store.renew_claims(engine, holder, lease)
            except Exception:  # noqa: BLE001 - a missed beat is retried; the lease is 3 beats
                log.warning("could not renew the claims of %s; will retry", holder, exc_info=True)

    thread = threading.Thread(target=beat, name="fw-claims", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        store.release_claims(engine, holder)
