"""Deliver the outbox: claim an alert, send it, mark it delivered; retry failures with back-off.

The guarantee, honestly stated:

- An alert is created in the database before anything is sent, so a crash after creation
  loses nothing: the next cycle finds it pending and sends it.
- A crash after the claim but before the remote end accepted leaves the alert `sending`;
  it is taken over when its lease ends, or at once by the next scheduler cycle (which holds
  the cycle lock, so no live deliverer can own it). It is then sent exactly once.
- The one window that can duplicate: the SMTP server or webhook has accepted the message but
  the process dies before the "delivered" commit (a few milliseconds). That alert is sent again
  on the next cycle, with the same e-mail Message-ID / the same X-Filingwatch-Delivery id, so
  the duplicate is recognisable. Delivery is therefore at-least-once with a stable identity,
  and exactly-once whenever the process survives the send.
- A failure (SMTP error, connection refused, non-2xx webhook answer) puts the alert back to
  pending with exponential back-off (`RetryPolicy`); after `max_attempts` it is `failed` with
  the last error kept, and `filingwatch alerts --pending` shows it. A webhook's error is
  generic ("connection error", "HTTP 500", "target refused: ..."), so a subscriber's URL
  cannot probe the network; the log keeps the detail for the operator.
- Webhooks reach public addresses only (targets.py, checked at connect time by safe_http.py)
  unless FILINGWATCH_WEBHOOK_ALLOW_PRIVATE=1.
"""

from __future__ import annotations

import datetime as dt
import logging

import httpx

import store
from alerts import outbox
from alerts.links import unsubscribe_url
from alerts.message import build_message
from alerts.outbox import RetryPolicy
from alerts.safe_http import checked_client
from alerts.smtp import SmtpSettings, build_email, send_email
from alerts.targets import WebhookTargetRefused, allow_private_targets
from alerts.webhook import CONNECTION_ERROR, WebhookDeliveryError, post_webhook
from store import Engine

log = logging.getLogger(__name__)


def deliver_pending(
    engine: Engine,
    *,
    now: dt.datetime | None = None,
    policy: RetryPolicy | None = None,
    smtp: SmtpSettings | None = None,
    takeover_claims: bool = False,
) -> int:
    """Send every alert that is due; returns how many were delivered by this call.

    `takeover_claims=True` is for a caller holding the scheduler's cycle lock: any alert still
    marked `sending` was left by a dead process and is sent now rather than after its lease.
    """
    now = now or store.now_hk()
    policy = policy or RetryPolicy()
    smtp = smtp or SmtpSettings.from_env()
    delivered = 0
    clients = _LazyClient()
    try:
        for alert_id in outbox.due_ids(engine, now, takeover_claims=takeover_claims):
            if _deliver_one(engine, alert_id, now, policy, smtp, clients, takeover_claims):
                delivered += 1
    finally:
        clients.close()
    return delivered


class _LazyClient:
    """One HTTP client per delivery run, made only if a webhook is due (it costs an SSL context)."""

    def __init__(self) -> None:
        self._client: httpx.Client | None = None

    def get(self) -> httpx.Client:
        if self._client is None:
            self._client = checked_client(allow_private=allow_private_targets())
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _deliver_one(
    engine: Engine,
    alert_id: int,
    now: dt.datetime,
    policy: RetryPolicy,
    smtp: SmtpSettings,
    clients: _LazyClient,
    takeover_claims: bool,
) -> bool:
    entry = store.outbox_entry(engine, alert_id)
    if entry is None or not entry.subscription.active:
        return False  # an unsubscribed (inactive) subscription's alerts wait, unsent
    alert, sub, ann = entry.alert, entry.subscription, entry.announcement
    if sub.channel == "feed":
        return outbox.mark_feed_delivered(engine, alert_id, now)
    attempt = outbox.claim(engine, alert_id, now, policy, takeover_claims=takeover_claims)
    if attempt is None:
        return False  # someone else has it, or it is no longer due
    msg = build_message(alert, sub, ann, entry.also_roles)
    try:
        if sub.channel == "email":
            link = unsubscribe_url(sub.id or 0)
            if link is None:
                log.warning("alert %s goes without an unsubscribe link: no secret key", alert_id)
            email = build_email(msg, sub.target or "", ann.news_id, smtp.sender, link)
            send_email(email, smtp)
        elif sub.channel == "webhook":
            delivery_id = f"alert-{alert_id}"
            post_webhook(clients.get(), sub.target or "", msg.payload, sub.secret, delivery_id)
        else:
            raise RuntimeError(f"unknown channel {sub.channel!r}")
    except Exception as exc:  # noqa: BLE001 - any failure is retried, and recorded as one line
        reason = _reason(exc, sub.channel)
        status = outbox.mark_retry(engine, alert_id, attempt, now, reason, policy)
        detail = _describe(exc.__cause__ or exc)  # the network's own words, for the log only
        log.warning("alert %s attempt %s failed (%s): %s", alert_id, attempt, status, detail)
        return False
    return outbox.mark_delivered(engine, alert_id, attempt, store.now_hk())


def _reason(exc: BaseException, channel: str) -> str:
    """The one line kept on the alert. A webhook's is one of its own safe messages, never
    the network's words; SMTP's names the operator's own server, so it keeps the detail."""
    if isinstance(exc, (WebhookDeliveryError, WebhookTargetRefused)):
        return str(exc).splitlines()[0]
    if channel == "webhook":
        return CONNECTION_ERROR
    return _describe(exc)


def _describe(exc: BaseException) -> str:
    return (f"{type(exc).__name__}: {exc}".splitlines() or [type(exc).__name__])[0]
