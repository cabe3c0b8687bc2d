"""Which webhook targets filingwatch will talk to: public addresses only, unless opted in.

A webhook URL is chosen by a subscriber, and the delivering process sits inside the
operator's network: without a check, a subscription could make it POST to the cloud metadata
service, an admin port on loopback or a database on the LAN (server-side request forgery).
So every address a target resolves to must be public; loopback, private, link-local,
multicast, reserved, unspecified and shared addresses are refused, also when wrapped in IPv6
(IPv4-mapped, 6to4, Teredo). `FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1` is the explicit opt-in for
trusted internal receivers (and the tests' loopback receiver).

The check runs at subscription time (a clear error at once) and again at delivery time on
the addresses actually connected to (see safe_http.py), because DNS answers can change.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from store import settings as env

ALLOW_PRIVATE_ENV = "FILINGWATCH_WEBHOOK_ALLOW_PRIVATE"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # an IPv4 address behind a NAT64 gateway


class WebhookTargetRefused(ValueError):
    """The target is not a public address; the message is one line, safe to show and store."""


def allow_private_targets() -> bool:
    """The operator's opt-in for internal receivers (off unless set to 1/true/yes)."""
    return env.get_bool(ALLOW_PRIVATE_ENV)


def address_refusal(address: str | IPAddress) -> str | None:
    """Why this address is not public ("a loopback address"...), or None when it is."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:  # the IPv4 address it reaches decides
            inner = address_refusal(embedded)
            return f"{inner} inside an IPv6 address" if inner else None
    for kind, is_kind in (
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
    ):
        if is_kind:
            return f"{kind} address"
    if not ip.is_global:
        return "a non-public address"
    return None


class HostDoesNotResolve(WebhookTargetRefused):
    """No address for the host (now): a delivery failure, not a verdict on the URL."""


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in resolver order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise HostDoesNotResolve("delivery failed: the webhook host does not resolve") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refuse_non_public(host: str, addresses: list[str]) -> None:
    """Raise unless every address is public: a name that also resolves to an internal
    address is refused outright rather than tried address by address."""
    for address in addresses:
        reason = address_refusal(address)
        if reason:
            raise WebhookTargetRefused(_refused(host, address, reason))


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """`resolve`, then `refuse_non_public` unless internal targets are allowed."""
    addresses = resolve(host, port)
    if not allow_private:
        refuse_non_public(host, addresses)
    return addresses


def check_webhook_url(url: str, *, allow_private: bool | None = None) -> None:
    """Refuse a URL that is not http(s) or whose host is not public; one-line message.

    A host that does not resolve now is accepted (DNS may be down, or the name not yet
    published): delivery checks again and records the failure on the alert.
    """
    allow = allow_private_targets() if allow_private is None else allow_private
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise WebhookTargetRefused(f"the webhook URL is malformed ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookTargetRefused(f"a webhook subscription needs an http(s) URL, got {url!r}")
    if allow:
        return
    host = parts.hostname.rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        raise WebhookTargetRefused(_refused(host, None, "a loopback address"))
    try:
        addresses = resolve(host, port)
    except HostDoesNotResolve:
        return
    refuse_non_public(host, addresses)


def _refused(host: str, address: str | None, reason: str) -> str:
    """One line; a host name's resolved address is not echoed (internal DNS stays internal)."""
    verb = "is" if address in (None, host) else "resolves to"
    return (
        f"webhook target refused: {host} {verb} {reason}; "
        f"set {ALLOW_PRIVATE_ENV}=1 to allow internal receivers"
    )
