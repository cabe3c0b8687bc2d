"""The alert outbox's state machine: claim, then send, then mark; retries with back-off.

States: `pending` -> (claim) `sending` -> `delivered`, or back to `pending` with a later
`next_attempt_at`, or `failed` after `MAX_ATTEMPTS`. A claim is one conditional UPDATE, so two
deliverers can never both own an alert; it bumps `attempts` (also the fencing token for the
final mark) and sets `next_attempt_at` to the end of a lease. A claim whose lease ran out
belongs to a process that died mid-send and may be taken over; a caller that holds the
scheduler's cycle lock knows no other deliverer is alive and may take over any claim at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Engine

from store import Alert

PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"
table = Alert.__table__


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


def _due(now: dt.datetime, takeover_claims: bool):  # noqa: ANN202 (a SQL expression)
    pending = and_(
        table.c.status == PENDING,
        or_(table.c.next_attempt_at.is_(None), table.c.next_attempt_at <= now),
    )
    if takeover_claims:
        stale = table.c.status == SENDING
    else:
        stale = and_(table.c.status == SENDING, table.c.next_attempt_at <= now)
    return or_(pending, stale)


def due_ids(engine: Engine, now: dt.datetime, *, takeover_claims: bool = False) -> list[int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(table.c.id).where(_due(now, takeover_claims)).order_by(table.c.id)
        )
        return [r[0] for r in rows]


def claim(
    engine: Engine,
    alert_id: int,
    now: dt.datetime,
    policy: RetryPolicy,
    *,
    takeover_claims: bool = False,
) -> int | None:
    """Take one alert for sending; returns its attempt number (the fencing token) or None."""
    with engine.begin() as conn:
        result = conn.execute(
            update(table)
            .where(table.c.id == alert_id, _due(now, takeover_claims))
            .values(
                status=SENDING,
                attempts=table.c.attempts + 1,
                next_attempt_at=now + dt.timedelta(seconds=policy.lease_seconds),
            )
        )
        if result.rowcount != 1:
            return None
        return conn.execute(select(table.c.attempts).where(table.c.id == alert_id)).scalar_one()


def mark_delivered(engine: Engine, alert_id: int, attempt: int, now: dt.datetime) -> bool:
    with engine.begin() as conn:
        result = conn.execute(
            update(table)
            .where(table.c.id == alert_id, table.c.status == SENDING, table.c.attempts == attempt)
            .values(status=DELIVERED, delivered_at=now, next_attempt_at=None, last_error=None)
        )
        return result.rowcount == 1


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
    status = FAILED if give_up else PENDING
    next_at = None if give_up else now + policy.delay(attempt)
    with engine.begin() as conn:
        conn.execute(
            update(table)
            .where(table.c.id == alert_id, table.c.status == SENDING, table.c.attempts == attempt)
            .values(status=status, next_attempt_at=next_at, last_error=error[:2000])
        )
    return status


def mark_feed_delivered(engine: Engine, alert_id: int, now: dt.datetime) -> bool:
    """A feed alert is delivered by being in the feed: no claim, nothing can be sent twice."""
    with engine.begin() as conn:
        result = conn.execute(
            update(table)
            .where(table.c.id == alert_id, table.c.status.in_([PENDING, SENDING]))
            .values(status=DELIVERED, delivered_at=now, next_attempt_at=None, last_error=None)
        )
        return result.rowcount == 1
