"""Subscriptions: who follows which person, narrowed how, and where the alerts go.

Creation validates the channel and target up front (a typo'd address should fail at
`filingwatch subscribe`, not silently at 23:30) and generates the per-subscription secret that
signs webhook bodies. A subscription only alerts on filings discovered after it was created;
`match_new(engine, include_history_for=[id])` is the explicit opt-in for older ones.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import select

import store
from store import Subscription

CHANNELS = ("email", "webhook", "feed")
#: Role filters a subscriber can ask for, and the PersonMention roles each one covers.
ROLE_FILTERS: dict[str, frozenset[str]] = {
    "director": frozenset({"executive", "non_executive", "independent_non_executive"}),
    "connected": frozenset({"connected_person"}),
    "abstained": frozenset({"abstained"}),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+@localhost$")


class SubscriptionError(ValueError):
    """A subscription that cannot work as asked; the message is one line for the CLI."""


def create_subscription(
    engine: Engine,
    name: str,
    *,
    aliases: Iterable[str] = (),
    chinese_name: str | None = None,
    stock_codes: Iterable[str] = (),
    transaction_types: Iterable[str] = (),
    roles: Iterable[str] = (),
    min_cap_amount: Decimal | int | float | str | None = None,
    channel: str = "email",
    target: str | None = None,
) -> Subscription:
    """Validate and store a subscription; returns it with its id and generated secret."""
    name = name.strip()
    if not name:
        raise SubscriptionError("a subscription needs the person's name")
    channel = channel.lower()
    if channel not in CHANNELS:
        raise SubscriptionError(f"channel must be one of {', '.join(CHANNELS)}, not {channel!r}")
    target = (target or "").strip() or None
    if channel == "email" and not (target and _EMAIL.match(target)):
        raise SubscriptionError(f"an e-mail subscription needs an e-mail address, got {target!r}")
    if channel == "webhook" and not (target and re.match(r"^https?://", target)):
        raise SubscriptionError(f"a webhook subscription needs an http(s) URL, got {target!r}")
    if channel == "feed":
        target = None
    role_list = [r.lower() for r in roles]
    unknown = [r for r in role_list if r not in ROLE_FILTERS]
    if unknown:
        raise SubscriptionError(
            f"unknown role {unknown[0]!r}; use one of {', '.join(ROLE_FILTERS)}"
        )
    cap = None
    if min_cap_amount is not None:
        try:
            cap = Decimal(str(min_cap_amount))
        except ArithmeticError as exc:
            raise SubscriptionError(f"--min-cap must be a number, got {min_cap_amount!r}") from exc
    sub = Subscription(
        name=name,
        aliases=[a.strip() for a in aliases if a.strip()],
        chinese_name=(chinese_name or "").strip() or None,
        stock_codes=[normalise_stock_code(c) for c in stock_codes if c.strip()],
        transaction_types=[t.strip() for t in transaction_types if t.strip()],
        roles=sorted(set(role_list)),
        min_cap_amount=cap,
        channel=channel,
        target=target,
        secret=secrets.token_hex(32),
    )
    with store.session(engine) as s:
        s.add(sub)
        s.commit()
        s.refresh(sub)
    return sub


def list_subscriptions(engine: Engine, *, active_only: bool = False) -> list[Subscription]:
    with store.session(engine) as s:
        query = select(Subscription).order_by(Subscription.id)
        if active_only:
            query = query.where(Subscription.active)
        return list(s.exec(query))


def get_subscription(engine: Engine, subscription_id: int) -> Subscription | None:
    with store.session(engine) as s:
        return s.get(Subscription, subscription_id)


def delete_subscription(engine: Engine, subscription_id: int) -> bool:
    """Delete a subscription and (by cascade) its alerts, sent or not; False if it didn't exist."""
    with store.session(engine) as s:
        sub = s.get(Subscription, subscription_id)
        if sub is None:
            return False
        s.delete(sub)
        s.commit()
    return True


def names_of(sub: Subscription) -> list[str]:
    """Every name the subscription answers to: the name, its aliases, its Chinese name."""
    names = [sub.name, *sub.aliases]
    if sub.chinese_name:
        names.append(sub.chinese_name)
    return names


def normalise_stock_code(code: str) -> str:
    """HKEX stock codes are five digits: "3888" -> "03888"."""
    code = code.strip()
    return code.zfill(5) if code.isdigit() else code.upper()
