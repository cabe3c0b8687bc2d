"""The alert outbox's state machine: claim, then send, then mark; retries with back-off.

States: `pending` -> (claim) `sending` -> `delivered`, or back to `pending` with a later
`next_attempt_at`, or `failed` after `MAX_ATTEMPTS`. A claim is one conditional UPDATE
(store/outbox.py), so two deliverers can never both own an alert; it bumps `attempts` (also the
fencing token for the final mark) and sets `next_attempt_at` to the end of a lease. A claim
whose lease ran out belongs to a process that died mid-send and may be taken over; a caller
that holds the scheduler's cycle lock knows no other deliverer is alive and may take over any
claim at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import store
from store import Engine


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: base, 2x base, 4x base ... capped; give up after max_attempts."""

    base_seconds: float = 60.0
    max_delay_seconds: float = 6 * 3600.0
    max_attempts: int = 8
    lease_seconds: float = 15 * 60.0

    def delay(self, attempts: int) -> dt.timedelta:
        seconds = self.base_seconds * (2 ** max(attempts - 1, 0))
        return dt.timedelta(seconds=min(seconds, self.max_delay_seconds))


def due_ids(engine: Engine, now: dt.datetime, *, takeover_claims: bool = False) -> list[int]:
    return store.due_alert_ids(engine, now, takeover_claims=takeover_claims)


def claim(
    engine: Engine,
    alert_id: int,
    now: dt.datetime,
    policy: RetryPolicy,
    *,
    takeover_claims: bool = False,
) -> int | None:
    """Take one alert for sending; returns its attempt number (the fencing token) or None."""
    lease_until = now + dt.timedelta(seconds=policy.lease_seconds)
    return store.claim_alert(engine, alert_id, now, lease_until, takeover_claims=takeover_claims)


def mark_delivered(engine: Engine, alert_id: int, attempt: int, now: dt.datetime) -> bool:
    return store.mark_alert_delivered(engine, alert_id, attempt, now)


def mark_retry(
    engine: Engine,
    alert_id: int,
    attempt: int,
    now: dt.datetime,
    error: str,
    policy: RetryPolicy,
) -> str:
    """Record a failed attempt: back to pending after a back-off, or failed for good."""
    give_up = attempt >= policy.max_attempts
    retry_at = None if give_up else now + policy.delay(attempt)
    return store.mark_alert_attempt_failed(engine, alert_id, attempt, retry_at, error)


def mark_feed_delivered(engine: Engine, alert_id: int, now: dt.datetime) -> bool:
    """A feed alert is delivered by being in the feed: no claim, nothing can be sent twice."""
    return store.mark_feed_alert_delivered(engine, alert_id, now)
