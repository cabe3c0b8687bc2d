"""The alert log the CLI prints (`filingwatch alerts`): newest alerts with their filing.

Why a typed row: the command shows who was named, why and how delivery went, and should not
need to know the Alert and Announcement tables to do it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from store.engine import session
from store.models import Alert, Announcement


@dataclass(frozen=True)
class AlertLogRow:
    """One alert and the filing it is about."""

    id: int
    subscription_id: int
    person_name: str
    role: str
    matched_alias: str
    score: float
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    stock_code: str
    title: str


def alert_log(engine: Engine, *, limit: int = 50, pending_only: bool = False) -> list[AlertLogRow]:
    """The newest `limit` alerts, newest first; `pending_only`: those not yet delivered."""
    query = (
        select(Alert, Announcement)
        .join(Announcement, Announcement.id == Alert.announcement_id)
        .order_by(Alert.id.desc())  # type: ignore[union-attr]
        .limit(limit)
    )
    if pending_only:
        query = query.where(Alert.status != "delivered")
    with session(engine) as s:
        return [
            AlertLogRow(
                id=alert.id,
                subscription_id=alert.subscription_id,
                person_name=alert.person_name,
                role=alert.role,
                matched_alias=alert.matched_alias,
                score=alert.score,
                status=alert.status,
                attempts=alert.attempts,
                last_error=alert.last_error,
                next_attempt_at=alert.next_attempt_at,
                stock_code=ann.stock_code,
                title=ann.title,
            )
            for alert, ann in s.exec(query)
        ]
