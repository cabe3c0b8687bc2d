"""Subscriptions as the web app manages them: create, list, delete, unsubscribe.

Creation, listing and deletion are alerts/'s (one set of rules for the CLI and the web);
this module adds what only the web needs: the one-click unsubscribe and signed links (HMAC
with FILINGWATCH_SECRET_KEY, one purpose per link).
"""

from __future__ import annotations

import re

import alerts
import store
from web import schemas, security
from web.config import Settings
from web.data import normalise_stock_code


class InvalidSubscription(ValueError):
    """The subscription as given cannot work; the message says why."""


def _clean(value: str | None) -> str | None:
    value = re.sub(r"[\x00-\x1f\x7f]", " ", value or "").strip()
    return value or None


def create(engine: store.Engine, data: schemas.SubscriptionIn) -> store.Subscription:
    """Create through alerts/ (it validates channels and makes the webhook secret)."""
    name = _clean(data.name)
    if not name:
        raise InvalidSubscription("A name to follow is required.")
    codes = []
    for raw in data.stock_codes:
        code = normalise_stock_code(raw)
        if code is None:
            raise InvalidSubscription(f"{raw!r} is not a stock code.")
        codes.append(code)
    aliases = [a for a in (_clean(x) for x in data.aliases) if a and a != name]
    try:
        return alerts.create_subscription(
            engine,
            name,
            aliases=list(dict.fromkeys(aliases)),
            chinese_name=_clean(data.chinese_name),
            stock_codes=list(dict.fromkeys(codes)),
            transaction_types=data.transaction_types,
            roles=data.roles,
            min_cap_amount=data.min_cap_amount,
            channel=data.channel,
            target=_clean(data.target),
        )
    except alerts.SubscriptionError as exc:
        message = str(exc)
        raise InvalidSubscription(message[:1].upper() + message[1:] + ".") from None


def all_subscriptions(engine: store.Engine) -> list[store.Subscription]:
    return alerts.list_subscriptions(engine)


def get(engine: store.Engine, sub_id: int) -> store.Subscription | None:
    return alerts.get_subscription(engine, sub_id)


def delete(engine: store.Engine, sub_id: int) -> bool:
    """Remove the subscription; its alerts go with it (cascade)."""
    return alerts.delete_subscription(engine, sub_id)


def deactivate(engine: store.Engine, sub_id: int) -> bool:
    """One-click unsubscribe: stop alerts but keep the row, so an admin can see and undo it."""
    return store.deactivate_subscription(engine, sub_id)


def feed_path(settings: Settings, sub_id: int) -> str:
    return f"/feeds/subscriptions/{sub_id}.atom?token={security.sign(settings, 'feed', sub_id)}"


def unsubscribe_path(settings: Settings, sub_id: int) -> str:
    return f"/unsubscribe/{sub_id}?sig={security.sign(settings, 'unsubscribe', sub_id)}"


def to_schema(sub: store.Subscription, settings: Settings, base: str) -> schemas.Subscription:
    return schemas.Subscription(
        id=sub.id,
        name=sub.name,
        aliases=list(sub.aliases or []),
        chinese_name=sub.chinese_name,
        stock_codes=list(sub.stock_codes or []),
        transaction_types=list(sub.transaction_types or []),
        roles=list(sub.roles or []),
        min_cap_amount=sub.min_cap_amount,
        channel=sub.channel,
        target=sub.target,
        active=bool(sub.active),
        created_at=sub.created_at,
        feed_url=base + feed_path(settings, sub.id),
        unsubscribe_url=base + unsubscribe_path(settings, sub.id),
    )
