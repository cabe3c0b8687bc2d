"""Subscriptions: who follows which person, narrowed how, and where the alerts go.

Creation validates the channel and target up front (a typo'd address should fail at
`filingwatch subscribe`, not silently at 23:30) and generates the per-subscription secret that
signs webhook bodies. Every check that the CLI, the API and the web form share lives here, so
each of them refuses the same input with the same one-line reason: names on one line, a
webhook URL on a public address (targets.py), a finite, non-negative `--min-cap`.
A subscription only alerts on filings discovered after it was created;
`match_new(engine, include_history_for=[id])` is the explicit opt-in for older ones.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import store
from alerts.targets import WebhookTargetRefused, check_webhook_url
from store import Engine, Subscription

CHANNELS = ("email", "webhook", "feed")
#: Role filters a subscriber can ask for, and the PersonMention roles each one covers.
ROLE_FILTERS: dict[str, frozenset[str]] = {
    "director": frozenset({"executive", "non_executive", "independent_non_executive"}),
    "connected": frozenset({"connected_person"}),
    "abstained": frozenset({"abstained"}),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+@localhost$")
#: Line breaks and control characters (C0, DEL, C1, Unicode line/paragraph separators).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: store's column is NUMERIC(24, 2): at most 22 digits before the point.
MAX_CAP_AMOUNT = Decimal(10) ** 22


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
    name = one_line_text(name, "the name")
    if not name:
        raise SubscriptionError("a subscription needs the person's name")
    aliases = [one_line_text(a, "an alias") for a in aliases]
    chinese_name = one_line_text(chinese_name or "", "the Chinese name")
    stock_codes = [one_line_text(c, "a stock code") for c in stock_codes]
    transaction_types = [one_line_text(t, "a transaction type") for t in transaction_types]
    channel = channel.lower()
    if channel not in CHANNELS:
        raise SubscriptionError(f"channel must be one of {', '.join(CHANNELS)}, not {channel!r}")
    target = one_line_text(target or "", "the target") or None
    if channel == "email" and not (target and _EMAIL.match(target)):
        raise SubscriptionError(f"an e-mail subscription needs an e-mail address, got {target!r}")
    if channel == "webhook":
        try:
            check_webhook_url(target or "")
        except WebhookTargetRefused as exc:
            raise SubscriptionError(str(exc)) from None
    if channel == "feed":
        target = None
    role_list = [r.lower() for r in roles]
    unknown = [r for r in role_list if r not in ROLE_FILTERS]
    if unknown:
        raise SubscriptionError(
            f"unknown role {unknown[0]!r}; use one of {', '.join(ROLE_FILTERS)}"
        )
    sub = Subscription(
        name=name,
        aliases=[a for a in aliases if a],
        chinese_name=chinese_name or None,
        stock_codes=[normalise_stock_code(c) for c in stock_codes if c],
        transaction_types=[t for t in transaction_types if t],
        roles=sorted(set(role_list)),
        min_cap_amount=parse_min_cap(min_cap_amount),
        channel=channel,
        target=target,
        secret=secrets.token_hex(32),
    )
    return store.add_subscription(engine, sub)


def one_line_text(value: str, what: str) -> str:
    """`value` stripped; refused if it holds a line break or control character.

    Such a name would reach mail headers and feeds; refusing it here is a one-line error now
    instead of an alert that fails on every retry later.
    """
    value = value.strip()
    found = _CONTROL.search(value)
    if found:
        raise SubscriptionError(
            f"{what} must be one line of text; {value!r} contains {found.group()!r}"
        )
    return value


def parse_min_cap(value: Decimal | int | float | str | None) -> Decimal | None:
    """The minimum annual cap as a Decimal: a finite number >= 0 (None: no minimum).

    NaN would compare false with every cap and silently drop the filter; sNaN raises on
    any comparison; infinity and negatives mean nothing as a minimum.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    shown = str(value).strip()
    try:
        cap = Decimal(shown)
    except (InvalidOperation, ValueError):
        raise SubscriptionError(f"the minimum cap must be a number, got {shown!r}") from None
    if not cap.is_finite():
        raise SubscriptionError(f"the minimum cap must be a finite number, got {shown!r}")
    if cap < 0:
        raise SubscriptionError(f"the minimum cap must be 0 or more, got {shown!r}")
    if cap >= MAX_CAP_AMOUNT:
        raise SubscriptionError(f"the minimum cap must be below 10^22, got {shown!r}")
    return cap


def list_subscriptions(engine: Engine, *, active_only: bool = False) -> list[Subscription]:
    return store.subscriptions(engine, active_only=active_only)


def get_subscription(engine: Engine, subscription_id: int) -> Subscription | None:
    return store.subscription_by_id(engine, subscription_id)


def delete_subscription(engine: Engine, subscription_id: int) -> bool:
    """Delete a subscription and (by cascade) its alerts, sent or not; False if it didn't exist."""
    return store.remove_subscription(engine, subscription_id)


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
