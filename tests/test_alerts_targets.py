"""Which webhook addresses are public (alerts/targets.py): the table, and URL checks."""

from __future__ import annotations

import pytest

from alerts.targets import (
    WebhookTargetRefused,
    address_refusal,
    allow_private_targets,
    check_webhook_url,
    resolve_checked,
)

REFUSED = {
    "127.0.0.1": "a loopback address",
    "127.8.9.10": "a loopback address",
    "10.1.2.3": "a private address",
    "172.31.255.255": "a private address",
    "192.168.0.1": "a private address",
    "169.254.169.254": "a link-local address",  # cloud metadata
    "224.0.0.251": "a multicast address",
    "0.0.0.0": "an unspecified address",
    "100.64.0.1": "a non-public address",  # carrier-grade NAT
    "::1": "a loopback address",
    "::": "an unspecified address",
    "fe80::1": "a link-local address",
    "fd12:3456::1": "a private address",
    "ff02::1": "a multicast address",
    "::ffff:127.0.0.1": "a loopback address inside an IPv6 address",
    "::ffff:10.0.0.1": "a private address inside an IPv6 address",
    "2002:a9fe:a9fe::1": "a link-local address inside an IPv6 address",  # 6to4 of 169.254.169.254
    "64:ff9b::a00:1": "a private address inside an IPv6 address",  # NAT64 of 10.0.0.1
}
PUBLIC = ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize(("address", "reason"), REFUSED.items())
def test_alerts_targets_refuse_non_public_addresses(address, reason):
    assert address_refusal(address) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_alerts_targets_allow_public_addresses(address):
    assert address_refusal(address) is None


def test_alerts_targets_every_resolved_address_is_checked():
    """localhost resolves to loopback (IPv4 and maybe IPv6): refused unless opted in."""
    with pytest.raises(WebhookTargetRefused, match="localhost resolves to a loopback address"):
        resolve_checked("localhost", 80, allow_private=False)
    assert "127.0.0.1" in resolve_checked("localhost", 80, allow_private=True)
    with pytest.raises(WebhookTargetRefused, match="does not resolve"):
        resolve_checked("no-such-host.invalid", 80, allow_private=True)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/", r"needs an http\(s\) URL"),
        ("http:///path", r"needs an http\(s\) URL"),
        ("http://[::1/", "malformed"),
        ("http://example.com:99999/", "malformed"),
    ],
)
def test_alerts_targets_refuse_malformed_urls(url, message):
    with pytest.raises(WebhookTargetRefused, match=message):
        check_webhook_url(url, allow_private=True)


@pytest.mark.parametrize(
    ("value", "allowed"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_alerts_targets_opt_in_is_explicit(monkeypatch, value, allowed):
    monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", value)
    assert allow_private_targets() is allowed
    monkeypatch.delenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE")
    assert allow_private_targets() is False
