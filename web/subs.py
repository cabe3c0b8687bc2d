"""Subscriptions as the web app manages them: create, list, delete, unsubscribe.

Written against the store's Subscription table (alerts/ reads the same rows to match and
deliver). Links handed out are signed with FILINGWATCH_SECRET_KEY, one purpose per link.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy.engine import Engine
from sqlmodel import select

import store
from web import schemas, security
from web.config import Settings
from web.data import normalise_stock_code

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidSubscription(ValueError):
    """The subscription as given cannot work; the message says why."""


def _clean(value: str | None) -> str | None:
    value = re.sub(r"[\x00-\x1f\x7f]", " ", value or "").strip()
    return value or None


def validate(data: schemas.SubscriptionIn) -> schemas.SubscriptionIn:
    name = _clean(data.name)
    if not name:
        raise InvalidSubscription("A name to follow is required.")
    aliases = [a for a in (_clean(x) for x in data.aliases) if a and a != name]
    codes = []
    for raw in data.stock_codes:
        code = normalise_stock_code(raw)
        if code is None:
            raise InvalidSubscription(f"{raw!r} is not a stock code.")
        codes.append(code)
    target = _clean(data.target)
    if data.channel == "email" and not (target and EMAIL_RE.match(target)):
        raise InvalidSubscription("An e-mail subscription needs an e-mail address.")
    if data.channel == "webhook" and not (target and re.match(r"^https?://\S+$", target)):
        raise InvalidSubscription("A webhook subscription needs an http(s) URL.")
    if data.channel == "feed":
        target = None
    return schemas.SubscriptionIn(
        name=name,
        aliases=list(dict.fromkeys(aliases)),
        chinese_name=_clean(data.chinese_name),
        stock_codes=list(dict.fromkeys(codes)),
        channel=data.channel,
        target=target,
    )


def create(engine: Engine, data: schemas.SubscriptionIn) -> store.Subscription:
    data = validate(data)
    with store.session(engine) as s:
        sub = store.Subscription(
            name=data.name,
            aliases=data.aliases,
            chinese_name=data.chinese_name,
            stock_codes=data.stock_codes,
            channel=data.channel,
            target=data.target,
            secret=secrets.token_hex(16),
        )
        s.add(sub)
        s.commit()
        s.refresh(sub)
        return sub


def all_subscriptions(engine: Engine) -> list[store.Subscription]:
    with store.session(engine) as s:
        return list(s.exec(select(store.Subscription).order_by(store.Subscription.id)).all())


def get(engine: Engine, sub_id: int) -> store.Subscription | None:
    with store.session(engine) as s:
        return s.get(store.Subscription, sub_id)


def delete(engine: Engine, sub_id: int) -> bool:
    """Remove the subscription and its alerts (the outbox rows would be orphans)."""
    with store.session(engine) as s:
        sub = s.get(store.Subscription, sub_id)
        if sub is None:
            return False
        for alert in s.exec(select(store.Alert).where(store.Alert.subscription_id == sub_id)):
            s.delete(alert)
        s.delete(sub)
        s.commit()
        return True


def deactivate(engine: Engine, sub_id: int) -> bool:
    """One-click unsubscribe: stop alerts but keep the row, so an admin can see and undo it."""
    with store.session(engine) as s:
        sub = s.get(store.Subscription, sub_id)
        if sub is None:
            return False
        sub.active = False
        s.add(sub)
        s.commit()
        return True


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
        channel=sub.channel,
        target=sub.target,
        active=bool(sub.active),
        created_at=sub.created_at,
        feed_url=base + feed_path(settings, sub.id),
        unsubscribe_url=base + unsubscribe_path(settings, sub.id),
    )
