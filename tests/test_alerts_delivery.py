"""Delivery to a real SMTP server and a real HTTP receiver on loopback; retries; crashes.

The loopback receiver is an internal target: webhook tests that deliver to it opt in with
FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1 (the `internal_webhooks` fixture), as an operator with a
trusted internal receiver would; without it the same deliveries are refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alerts_helpers import SmtpSink, WebhookReceiver, add_filing, webhook_json
from sqlmodel import select

import store
from alerts import create_subscription, deliver_pending, match_new, outbox
from alerts.outbox import RetryPolicy
from alerts.smtp import SmtpSettings, message_id
from alerts.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = "Mr. Lei Jun, a non-executive Director, abstained from voting."


@pytest.fixture
def internal_webhooks(monkeypatch):
    """The operator's opt-in for internal receivers: our receiver listens on loopback."""
    monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")


@pytest.fixture(autouse=True)
def _no_link_settings(monkeypatch):
    """Tests that want unsubscribe links set these themselves."""
    monkeypatch.delenv("FILINGWATCH_SECRET_KEY", raising=False)
    monkeypatch.delenv("FILINGWATCH_PUBLIC_URL", raising=False)
    monkeypatch.delenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", raising=False)


def _alert(engine):
    with store.session(engine) as s:
        return s.exec(select(store.Alert)).one()


def _one_alert(engine, channel: str, target: str | None) -> tuple[store.Subscription, int]:
    sub = create_subscription(engine, "LEI Jun", channel=channel, target=target)
    add_filing(engine, "9001", [("Jun LEI", "abstained", EVIDENCE)])
    assert match_new(engine) == 1
    return sub, _alert(engine).id


def test_alerts_delivery_email_to_real_smtp_server(db_engine):
    with SmtpSink() as sink:
        _, alert_id = _one_alert(db_engine, "email", "investor@example.com")
        assert deliver_pending(db_engine, smtp=sink.settings) == 1
        assert deliver_pending(db_engine, smtp=sink.settings) == 0
        (msg,) = sink.messages
    assert msg["To"] == "investor@example.com"
    assert msg["From"] == "alerts@filingwatch.test"
    assert msg["Message-ID"] == message_id(alert_id, "9001")
    assert "Jun LEI named as director abstaining from voting" in msg["Subject"]
    body = msg.get_content()
    assert EVIDENCE in body
    assert "http://replica.test/listedco/9001.pdf" in body
    assert 'matched your name "LEI Jun" (score 100)' in body
    alert = _alert(db_engine)
    assert alert.status == "delivered" and alert.attempts == 1 and alert.delivered_at


def test_alerts_delivery_smtp_down_retries_with_backoff(db_engine):
    _one_alert(db_engine, "email", "investor@example.com")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = SmtpSettings(host="127.0.0.1", port=closed.getsockname()[1])
    closed.close()  # nothing listens there now: connection refused
    t0 = store.now_hk()
    assert deliver_pending(db_engine, now=t0, smtp=dead) == 0
    alert = _alert(db_engine)
    assert alert.status == "pending" and alert.attempts == 1
    assert "ConnectionRefusedError" in (alert.last_error or "")
    assert alert.next_attempt_at == t0 + dt.timedelta(seconds=60)
    with SmtpSink() as sink:
        assert (
            deliver_pending(db_engine, now=t0 + dt.timedelta(seconds=30), smtp=sink.settings) == 0
        )
        assert (
            deliver_pending(db_engine, now=t0 + dt.timedelta(seconds=61), smtp=sink.settings) == 1
        )
        assert len(sink.messages) == 1


def test_alerts_delivery_webhook_fails_three_times_then_once_signed(db_engine, internal_webhooks):
    with WebhookReceiver(fail_first=3) as hook:
        sub, alert_id = _one_alert(db_engine, "webhook", hook.url)
        now = store.now_hk()
        delivered = 0
        for _ in range(6):
            delivered += deliver_pending(db_engine, now=now)
            alert = _alert(db_engine)
            if alert.status == "delivered":
                break
            # the back-off doubles: 60 s, 120 s, 240 s after attempts 1, 2, 3
            assert alert.next_attempt_at - now == dt.timedelta(
                seconds=60 * 2 ** (alert.attempts - 1)
            )
            assert deliver_pending(db_engine, now=now) == 0  # not due yet: nothing is sent
            now = alert.next_attempt_at
        assert delivered == 1
        assert hook.attempts == 4
        ((headers, body),) = hook.received
    signature, timestamp = headers[SIGNATURE_HEADER], headers[TIMESTAMP_HEADER]
    sent_at = int(timestamp)
    assert verify(sub.secret, body, signature, timestamp, now=sent_at)
    assert not verify("another secret", body, signature, timestamp, now=sent_at)
    assert headers["X-Filingwatch-Delivery"] == f"alert-{alert_id}"
    payload = webhook_json(body)
    assert payload["person_named"] == "Jun LEI"
    assert payload["role"] == "abstained"
    assert payload["evidence"] == EVIDENCE
    assert payload["matched_alias"] == "LEI Jun" and payload["score"] == 100.0
    assert payload["announcement"]["document_url"] == "http://replica.test/listedco/9001.pdf"
    assert _alert(db_engine).attempts == 4


def test_alerts_delivery_gives_up_after_max_attempts(db_engine, internal_webhooks):
    with WebhookReceiver(fail_first=100) as hook:
        _one_alert(db_engine, "webhook", hook.url)
        policy = RetryPolicy(base_seconds=0, max_attempts=3)
        for _ in range(5):
            deliver_pending(db_engine, policy=policy)
        assert hook.attempts == 3
    alert = _alert(db_engine)
    assert alert.status == "failed" and "HTTP 500" in alert.last_error


def test_alerts_delivery_feed_alerts_are_delivered_by_being_in_the_feed(db_engine):
    _one_alert(db_engine, "feed", None)
    assert deliver_pending(db_engine) == 1
    assert _alert(db_engine).status == "delivered"


_KILLED_SENDER = """
import sys
import store
from alerts import deliver_pending
from alerts.smtp import SmtpSettings
engine = store.make_engine(sys.argv[1])
deliver_pending(engine, smtp=SmtpSettings(host="127.0.0.1", port=int(sys.argv[2])))
"""


def test_alerts_delivery_killed_mid_send_is_delivered_once_next_cycle(db_engine):
    """A real process claims the alert, hangs in SMTP, and is SIGKILLed: nothing was sent."""
    _one_alert(db_engine, "email", "investor@example.com")
    black_hole = socket.socket()  # accepts connections into the backlog, never says hello
    black_hole.bind(("127.0.0.1", 0))
    black_hole.listen(8)
    url = db_engine.url.render_as_string(hide_password=False)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_SENDER, url, str(black_hole.getsockname()[1])], env=env
    )
    try:
        deadline = time.monotonic() + 20
        while _alert(db_engine).status != "sending":
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        black_hole.close()
    assert _alert(db_engine).status == "sending"  # claimed, never marked
    with SmtpSink() as sink:
        # an ordinary deliverer waits for the lease to end ...
        assert deliver_pending(db_engine, smtp=sink.settings) == 0
        # ... the next cycle (holding the cycle lock) takes the orphaned claim over at once
        assert deliver_pending(db_engine, smtp=sink.settings, takeover_claims=True) == 1
        assert deliver_pending(db_engine, smtp=sink.settings, takeover_claims=True) == 0
        later = store.now_hk() + dt.timedelta(hours=1)
        assert deliver_pending(db_engine, smtp=sink.settings, now=later) == 0
        assert len(sink.messages) == 1
    alert = _alert(db_engine)
    assert alert.status == "delivered" and alert.attempts == 2


def test_alerts_delivery_duplicate_window_keeps_the_message_id(db_engine):
    """Sent but not marked (death right after the server said 250): re-sent, same Message-ID."""
    _, alert_id = _one_alert(db_engine, "email", "investor@example.com")
    now = store.now_hk()
    with SmtpSink() as sink:
        attempt = outbox.claim(db_engine, alert_id, now, RetryPolicy())
        assert attempt == 1
        from alerts.message import build_message
        from alerts.smtp import build_email, send_email

        with store.session(db_engine) as s:
            alert = s.get(store.Alert, alert_id)
            sub = s.get(store.Subscription, alert.subscription_id)
            ann = s.get(store.Announcement, alert.announcement_id)
        send_email(
            build_email(build_message(alert, sub, ann), sub.target, "9001", "a@b.c"), sink.settings
        )
        # ... and the process dies here, before mark_delivered
        assert deliver_pending(db_engine, smtp=sink.settings, takeover_claims=True) == 1
        first, second = sink.messages
    assert first["Message-ID"] == second["Message-ID"] == message_id(alert_id, "9001")


@pytest.mark.parametrize("status", ["delivered", "failed"])
def test_alerts_delivery_finished_alerts_are_never_sent_again(db_engine, status):
    _, alert_id = _one_alert(db_engine, "email", "investor@example.com")
    with store.session(db_engine) as s:
        alert = s.get(store.Alert, alert_id)
        alert.status = status
        s.add(alert)
        s.commit()
    with SmtpSink() as sink:
        assert deliver_pending(db_engine, smtp=sink.settings, takeover_claims=True) == 0
        assert sink.messages == []


def test_alerts_delivery_webhook_signature_covers_the_timestamp(db_engine, internal_webhooks):
    """sha256=HMAC(secret, "<timestamp>." + body): a replayed or re-dated request fails."""
    with WebhookReceiver() as hook:
        sub, _ = _one_alert(db_engine, "webhook", hook.url)
        assert deliver_pending(db_engine) == 1
        ((headers, body),) = hook.received
    signature, timestamp = headers[SIGNATURE_HEADER], headers[TIMESTAMP_HEADER]
    sent_at = int(timestamp)
    expected = hmac.new(sub.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert signature == "sha256=" + expected.hexdigest()
    assert verify(sub.secret, body, signature, timestamp, now=sent_at + 299)
    assert not verify(sub.secret, body, signature, timestamp, now=sent_at + 301)  # stale
    assert not verify(sub.secret, body, signature, str(sent_at + 60), now=sent_at)  # re-dated
    assert not verify(sub.secret, body + b" ", signature, timestamp, now=sent_at)  # altered
    assert not verify(sub.secret, body, signature, None, now=sent_at)


def _webhook_alert(db_engine, monkeypatch, url: str) -> int:
    """A webhook alert to `url`, subscribed while internal targets were allowed."""
    monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")
    _, alert_id = _one_alert(db_engine, "webhook", url)
    monkeypatch.delenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE")
    return alert_id


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_alerts_delivery_webhook_to_internal_address_is_refused_unless_opted_in(
    db_engine, monkeypatch, host
):
    """Refused at delivery too (a row from before the check, or a name resolving inside):
    nothing reaches the receiver until the operator opts in."""
    with WebhookReceiver() as hook:
        url = hook.url.replace("127.0.0.1", host)
        _webhook_alert(db_engine, monkeypatch, url)
        now = store.now_hk()
        assert deliver_pending(db_engine, now=now) == 0
        assert hook.attempts == 0
        alert = _alert(db_engine)
        verb = "is" if host == "127.0.0.1" else "resolves to"
        assert alert.last_error == (
            f"webhook target refused: {host} {verb} a loopback address; "
            "set FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1 to allow internal receivers"
        )
        monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")
        assert deliver_pending(db_engine, now=alert.next_attempt_at) == 1
        assert hook.attempts == 1


def test_alerts_delivery_webhook_error_does_not_tell_open_ports_from_closed(db_engine, monkeypatch):
    """A closed port and an open one that hangs up record the same generic error."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens: connection refused
    hangup = socket.socket()  # listens, accepts, and closes without answering
    hangup.bind(("127.0.0.1", 0))
    hangup.listen(8)
    stop = threading.Event()

    def close_everything() -> None:
        hangup.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = hangup.accept()
                conn.close()
            except TimeoutError:
                pass

    closer = threading.Thread(target=close_everything, daemon=True)
    closer.start()
    try:
        monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")
        for port in (closed_port, hangup.getsockname()[1]):
            create_subscription(
                db_engine, "LEI Jun", channel="webhook", target=f"http://127.0.0.1:{port}/"
            )
        add_filing(db_engine, "9001", [("Jun LEI", "abstained", EVIDENCE)])
        assert match_new(db_engine) == 2
        assert deliver_pending(db_engine) == 0
    finally:
        stop.set()
        closer.join(5)
        hangup.close()
    with store.session(db_engine) as s:
        errors = [a.last_error for a in s.exec(select(store.Alert).order_by(store.Alert.id))]
    assert errors == ["delivery failed: connection error"] * 2


def test_alerts_delivery_webhook_ignores_proxies_from_the_environment(
    db_engine, internal_webhooks, monkeypatch
):
    """A proxy would connect on our behalf to an address that was never checked."""
    proxy = socket.socket()  # accepts into its backlog, never answers
    proxy.bind(("127.0.0.1", 0))
    proxy.listen(8)
    proxy.setblocking(False)
    try:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.getsockname()[1]}")
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        with WebhookReceiver() as hook:
            _one_alert(db_engine, "webhook", hook.url)
            assert deliver_pending(db_engine) == 1
            assert len(hook.received) == 1
        with pytest.raises(BlockingIOError):
            proxy.accept()  # nobody went through the proxy
    finally:
        proxy.close()


def test_alerts_delivery_email_has_one_click_unsubscribe(db_engine, monkeypatch):
    """The body's link and List-Unsubscribe (RFC 8058) are the web app's signed link: the
    one-click POST a mail client makes to it unsubscribes."""
    from fastapi.testclient import TestClient

    import web

    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "unsubscribe-test-key")
    monkeypatch.setenv("FILINGWATCH_PUBLIC_URL", "https://alerts.example.org/")
    with SmtpSink() as sink:
        sub, _ = _one_alert(db_engine, "email", "investor@example.com")
        assert deliver_pending(db_engine, smtp=sink.settings) == 1
        (msg,) = sink.messages
    header = msg["List-Unsubscribe"]
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith(f"<https://alerts.example.org/unsubscribe/{sub.id}?sig=")
    link = header.strip("<>")
    assert f"To stop these alerts, unsubscribe: {link}" in msg.get_content()
    client = TestClient(web.create_app(db_engine), raise_server_exceptions=False)
    path = link.removeprefix("https://alerts.example.org")
    assert client.get(path).status_code == 200  # the web app's confirmation page accepts it
    tampered = path[:-1] + ("1" if path.endswith("0") else "0")
    assert client.post(tampered, data={"List-Unsubscribe": "One-Click"}).status_code == 403
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    with store.session(db_engine) as s:
        assert s.get(store.Subscription, sub.id).active is False


def test_alerts_delivery_email_without_secret_key_has_no_unsubscribe_header(db_engine):
    """No stable key, no link that could verify: the e-mail still goes, without one."""
    with SmtpSink() as sink:
        _one_alert(db_engine, "email", "investor@example.com")
        assert deliver_pending(db_engine, smtp=sink.settings) == 1
        (msg,) = sink.messages
    assert msg["List-Unsubscribe"] is None and "unsubscribe" not in msg.get_content()


def test_alerts_delivery_line_breaks_in_stored_names_do_not_block_the_alert(db_engine):
    """Rows from before names were checked, and names as a filing printed them: CR/LF in
    any of them is made one line in the headers, so the alert is sent, once."""
    with store.session(db_engine) as s:
        sub = store.Subscription(
            name="LEI\r\nJun", channel="email", target="investor@example.com", secret="s"
        )
        s.add(sub)
        s.commit()
        sub_id = sub.id
    add_filing(db_engine, "9001", [("Jun\r\nLEI", "abstained", EVIDENCE)], stock_name="KING\nSOFT")
    assert match_new(db_engine) == 1
    with SmtpSink() as sink:
        assert deliver_pending(db_engine, smtp=sink.settings) == 1
        (msg,) = sink.messages
    assert msg["Subject"].startswith("Jun LEI named as director abstaining from voting - KING SOFT")
    assert f"for subscription #{sub_id} (LEI Jun)." in msg.get_content()
    assert _alert(db_engine).status == "delivered"
