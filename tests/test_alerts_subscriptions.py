"""Subscription checks shared by the CLI, the API and the web form (alerts/subscriptions.py).

Names on one line, a finite non-negative minimum cap, webhook targets on public addresses
only unless FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1. The API and form tests go through the real
web app to show the same rule answers there (a 400 with the one-line reason).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

import store
import web
from alerts import SubscriptionError, create_subscription, parse_min_cap

TOKEN = "subscriptions-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PRIVATE_URLS = [
    "http://127.0.0.1:8080/hook",
    "http://localhost:8080/hook",
    "http://LOCALHOST./hook",
    "http://api.localhost/hook",
    "http://10.0.0.7/hook",
    "http://192.168.1.1/hook",
    "http://172.16.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0:22/",
    "http://224.0.0.1/",
    "http://100.64.0.1/",
    "http://[::1]:8080/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://2130706433/",  # 127.0.0.1 as one number
    "http://0x7f.1/",  # and in hex, as inet_aton reads it
]


@pytest.fixture(autouse=True)
def _default_policy(monkeypatch):
    monkeypatch.delenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", raising=False)


def _count(engine) -> int:
    with store.session(engine) as s:
        return len(list(s.exec(select(store.Subscription))))


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_alerts_subscriptions_refuse_internal_webhook_targets(sqlite_engine, url):
    with pytest.raises(SubscriptionError) as refused:
        create_subscription(sqlite_engine, "LEI Jun", channel="webhook", target=url)
    message = str(refused.value)
    assert message.startswith("webhook target refused: ") and "\n" not in message
    assert message.endswith("set FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1 to allow internal receivers")
    assert _count(sqlite_engine) == 0


def test_alerts_subscriptions_allow_internal_targets_when_opted_in(sqlite_engine, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")
    for url in PRIVATE_URLS:
        create_subscription(sqlite_engine, "LEI Jun", channel="webhook", target=url)
    assert _count(sqlite_engine) == len(PRIVATE_URLS)


def test_alerts_subscriptions_accept_public_and_unresolved_hosts(sqlite_engine):
    """A public address is fine; a name that does not resolve yet is left to delivery."""
    for url in ("https://8.8.8.8/hook", "http://[2606:4700:4700::1111]/", "https://hooks.invalid/"):
        create_subscription(sqlite_engine, "LEI Jun", channel="webhook", target=url)
    assert _count(sqlite_engine) == 3


@pytest.mark.parametrize(
    "field", ["name", "aliases", "chinese_name", "target", "stock_codes", "transaction_types"]
)
@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\x00", "\u2028", "\x85"])
def test_alerts_subscriptions_refuse_line_breaks(sqlite_engine, field, breaker):
    values = {
        "name": "LEI Jun",
        "aliases": ["Jun LEI"],
        "chinese_name": "雷軍",
        "target": "me@example.com",
        "stock_codes": ["03888"],
        "transaction_types": ["connected transaction"],
    }
    value = values[field]
    if isinstance(value, list):
        values[field] = [value[0][:1] + breaker + value[0][1:]]
    else:
        values[field] = value[:1] + breaker + value[1:]
    name = values.pop("name")
    with pytest.raises(SubscriptionError) as refused:
        create_subscription(sqlite_engine, name, channel="email", **values)
    assert "must be one line of text" in str(refused.value)
    assert "\n" not in str(refused.value) and "\r" not in str(refused.value)
    assert _count(sqlite_engine) == 0


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "sNaN", "-sNaN", "Infinity", "-inf", "-1", "-0.01", "1e22", "abc", ""]
)
def test_alerts_subscriptions_refuse_min_caps_that_are_not_amounts(value):
    if value == "":
        assert parse_min_cap(value) is None  # empty means no minimum
        return
    with pytest.raises(SubscriptionError) as refused:
        parse_min_cap(value)
    assert str(refused.value).startswith("the minimum cap must be ")


def test_alerts_subscriptions_min_cap_is_stored_exactly(sqlite_engine):
    for value in ("0", "10000000", " 8e6 ", 1_200_000_000, Decimal("12207.2")):
        sub = create_subscription(sqlite_engine, "LEI Jun", channel="feed", min_cap_amount=value)
        assert sub.min_cap_amount == Decimal(str(value).strip())
    with pytest.raises(SubscriptionError):
        create_subscription(sqlite_engine, "LEI Jun", channel="feed", min_cap_amount=float("nan"))
    assert _count(sqlite_engine) == 5


@pytest.fixture
def client(db_engine, monkeypatch) -> TestClient:
    monkeypatch.setenv("FILINGWATCH_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "subscriptions-test-key")
    return TestClient(web.create_app(db_engine), raise_server_exceptions=False)


def test_alerts_subscriptions_api_refuses_internal_webhooks_and_bad_caps(client, db_engine):
    post = client.post
    hook = {"name": "LEI Jun", "channel": "webhook", "target": "http://169.254.169.254/x"}
    answer = post("/api/subscriptions", json=hook, headers=AUTH)
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("Webhook target refused: 169.254.169.254 is a ")
    for cap in ("NaN", "sNaN", "Infinity", "-5"):
        body = {"name": "LEI Jun", "channel": "feed", "min_cap_amount": cap}
        assert post("/api/subscriptions", json=body, headers=AUTH).status_code in (400, 422)
    assert _count(db_engine) == 0


def test_alerts_subscriptions_web_form_refuses_internal_webhooks(client, db_engine):
    form = {"name": "LEI Jun", "channel": "webhook", "target": "http://127.0.0.1:6379/"}
    answer = client.post("/subscriptions", data={**form, "token": TOKEN})
    assert answer.status_code == 400
    assert "127.0.0.1 is a loopback address" in answer.text
    assert _count(db_engine) == 0
