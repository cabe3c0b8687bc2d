"""Subscription rows, and the filings each subscription was already alerted about.

Validation is alerts' (alerts/subscriptions.py); this module only stores and reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import select

from store.engine import session
from store.models import Alert, Announcement, Subscription


@dataclass(frozen=True)
class AlertedFiling:
    """A filing one subscription has an alert for: what tells its other edition apart."""

    announcement_id: int
    news_id: str
    paired_news_id: str | None
    stock_code: str
    stock_codes: list[str]
    published_at: dt.datetime
    language: str


def add_subscription(engine: Engine, sub: Subscription) -> Subscription:
    """Store a new subscription; returns it with its id."""
    with session(engine) as s:
        s.add(sub)
        s.commit()
        s.refresh(sub)
    return sub


def subscriptions(engine: Engine, *, active_only: bool = False) -> list[Subscription]:
    """Every subscription (or every active one), oldest first."""
    with session(engine) as s:
        query = select(Subscription).order_by(Subscription.id)
        if active_only:
            query = query.where(Subscription.active)
        return list(s.exec(query))


def subscription_by_id(engine: Engine, subscription_id: int) -> Subscription | None:
    with session(engine) as s:
        return s.get(Subscription, subscription_id)


def remove_subscription(engine: Engine, subscription_id: int) -> bool:
    """Delete a subscription and (by cascade) its alerts, sent or not; False if it didn't exist."""
    with session(engine) as s:
        sub = s.get(Subscription, subscription_id)
        if sub is None:
            return False
        s.delete(sub)
        s.commit()
    return True


def deactivate_subscription(engine: Engine, subscription_id: int) -> bool:
    """The one-click unsubscribe: stop the subscription's alerts but keep its row (an admin can
    see who unsubscribed and undo it; deleting is `remove_subscription`). False when there is
    no such subscription."""
    with session(engine) as s:
        sub = s.get(Subscription, subscription_id)
        if sub is None:
            return False
        sub.active = False
        s.add(sub)
        s.commit()
        return True


def alerted_filings(engine: Engine, subscription_id: int) -> list[AlertedFiling]:
    """The filings the subscription already has an alert for."""
    with session(engine) as s:
        rows = s.exec(
            select(
                Alert.announcement_id,
                Announcement.news_id,
                Announcement.paired_news_id,
                Announcement.stock_code,
                Announcement.stock_codes,
                Announcement.published_at,
                Announcement.language,
            )
            .join(Announcement, Announcement.id == Alert.announcement_id)
            .where(Alert.subscription_id == subscription_id)
        )
        return [AlertedFiling(*row) for row in rows]
