"""The alert outbox's rows: insert-or-ignore, claim, mark; and what one alert is sent with.

The state machine and the retry policy are alerts' (alerts/outbox.py); this module is the SQL
that keeps each step atomic. A claim is one conditional UPDATE, so two deliverers can never
both own an alert; it bumps `attempts`, which is also the fencing token of the final mark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session
from sqlmodel import select as model_select

from store.engine import session
from store.models import Alert, Announcement, PersonMention, Subscription

PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"
_TABLE = Alert.__table__


@dataclass(frozen=True)
class NewAlert:
    """One alert the matcher decided on (lengths are cut to the columns here)."""

    subscription_id: int
    announcement_id: int
    person_name: str
    role: str
    evidence_text: str | None
    matched_alias: str
    score: float
    created_at: dt.datetime


@dataclass(frozen=True)
class OutboxEntry:
    """An alert with what its message says: the subscription, the filing, the other roles the
    same written name holds in that filing (one alert covers them all)."""

    alert: Alert
    subscription: Subscription
    announcement: Announcement
    also_roles: list[str]


def insert_alert(engine: Engine, new: NewAlert) -> bool:
    """Insert-or-ignore on the (subscription, announcement) unique constraint; True if new.

    `ON CONFLICT DO NOTHING` on SQLite and PostgreSQL alike, so re-running a cycle or two
    matchers racing never make a second row.
    """
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    values = {
        "subscription_id": new.subscription_id,
        "announcement_id": new.announcement_id,
        "person_name": new.person_name[:300],
        "role": new.role,
        "evidence_text": new.evidence_text,
        "matched_alias": new.matched_alias[:300],
        "score": round(float(new.score), 1),
        "status": PENDING,
        "attempts": 0,
        "created_at": new.created_at,
    }
    stmt = (
        insert(_TABLE)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["subscription_id", "announcement_id"])
        .returning(_TABLE.c.id)  # rowcount is not reliable here across drivers
    )
    with engine.begin() as conn:
        return conn.execute(stmt).first() is not None


def _due(now: dt.datetime, takeover_claims: bool):  # noqa: ANN202 (a SQL expression)
    """Pending and due, or claimed by a process whose lease ran out (any claim on takeover)."""
    pending = and_(
        _TABLE.c.status == PENDING,
        or_(_TABLE.c.next_attempt_at.is_(None), _TABLE.c.next_attempt_at <= now),
    )
    if takeover_claims:
        stale = _TABLE.c.status == SENDING
    else:
        stale = and_(_TABLE.c.status == SENDING, _TABLE.c.next_attempt_at <= now)
    return or_(pending, stale)


def due_alert_ids(engine: Engine, now: dt.datetime, *, takeover_claims: bool = False) -> list[int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(_TABLE.c.id).where(_due(now, takeover_claims)).order_by(_TABLE.c.id)
        )
        return [r[0] for r in rows]


def claim_alert(
    engine: Engine,
    alert_id: int,
    now: dt.datetime,
    lease_until: dt.datetime,
    *,
    takeover_claims: bool = False,
) -> int | None:
    """Take one due alert for sending until `lease_until`; its attempt number, or None."""
    with engine.begin() as conn:
        result = conn.execute(
            update(_TABLE)
            .where(_TABLE.c.id == alert_id, _due(now, takeover_claims))
            .values(status=SENDING, attempts=_TABLE.c.attempts + 1, next_attempt_at=lease_until)
        )
        if result.rowcount != 1:
            return None
        return conn.execute(select(_TABLE.c.attempts).where(_TABLE.c.id == alert_id)).scalar_one()


def mark_alert_delivered(engine: Engine, alert_id: int, attempt: int, now: dt.datetime) -> bool:
    """Delivered, if this attempt still owns the claim."""
    with engine.begin() as conn:
        result = conn.execute(
            update(_TABLE)
            .where(
                _TABLE.c.id == alert_id, _TABLE.c.status == SENDING, _TABLE.c.attempts == attempt
            )
            .values(status=DELIVERED, delivered_at=now, next_attempt_at=None, last_error=None)
        )
        return result.rowcount == 1


def mark_alert_attempt_failed(
    engine: Engine, alert_id: int, attempt: int, retry_at: dt.datetime | None, error: str
) -> str:
    """Record a failed attempt, if it owns the claim: pending again at `retry_at`, or failed
    for good when `retry_at` is None. Returns the status set."""
    status = FAILED if retry_at is None else PENDING
    with engine.begin() as conn:
        conn.execute(
            update(_TABLE)
            .where(
                _TABLE.c.id == alert_id, _TABLE.c.status == SENDING, _TABLE.c.attempts == attempt
            )
            .values(status=status, next_attempt_at=retry_at, last_error=error[:2000])
        )
    return status


def mark_feed_alert_delivered(engine: Engine, alert_id: int, now: dt.datetime) -> bool:
    """A feed alert is delivered by being in the feed: no claim, nothing can be sent twice."""
    with engine.begin() as conn:
        result = conn.execute(
            update(_TABLE)
            .where(_TABLE.c.id == alert_id, _TABLE.c.status.in_([PENDING, SENDING]))
            .values(status=DELIVERED, delivered_at=now, next_attempt_at=None, last_error=None)
        )
        return result.rowcount == 1


def outbox_entry(engine: Engine, alert_id: int) -> OutboxEntry | None:
    """The alert with its subscription and filing; None if any of them is gone."""
    with session(engine) as s:
        alert = s.get(Alert, alert_id)
        if alert is None:
            return None
        sub = s.get(Subscription, alert.subscription_id)
        ann = s.get(Announcement, alert.announcement_id)
        if sub is None or ann is None:
            return None
        return OutboxEntry(alert, sub, ann, _also_roles(s, alert))


def feed_entries(
    engine: Engine, subscription_id: int, *, limit: int = 100
) -> tuple[Subscription, list[OutboxEntry]] | None:
    """The subscription and its newest `limit` alerts, newest first; None: no subscription."""
    with session(engine) as s:
        sub = s.get(Subscription, subscription_id)
        if sub is None:
            return None
        rows = s.exec(
            model_select(Alert, Announcement)
            .join(Announcement, Announcement.id == Alert.announcement_id)
            .where(Alert.subscription_id == subscription_id)
            .order_by(Alert.created_at.desc(), Alert.id.desc())
            .limit(limit)
        )
        return sub, [OutboxEntry(a, sub, ann, _also_roles(s, a)) for a, ann in rows]


def _also_roles(s: Session, alert: Alert) -> list[str]:
    rows = s.exec(
        model_select(PersonMention.role).where(
            PersonMention.announcement_id == alert.announcement_id,
            PersonMention.name_as_written == alert.person_name,
        )
    )
    return sorted({str(r) for r in rows} - {alert.role})
