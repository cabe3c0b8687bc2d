"""Operator notices: tell whoever runs filingwatch that a nightly cycle failed.

A failed crawl must not pass unnoticed at night. Targets come from the environment:
FILINGWATCH_OPERATOR_EMAIL (one address, sent through the same SMTP settings as the alerts)
and FILINGWATCH_OPERATOR_WEBHOOK (a URL that gets a JSON POST, signed like alert webhooks with
FILINGWATCH_OPERATOR_WEBHOOK_SECRET, empty when unset). The senders are the alerts' own
(`send_email`, `post_webhook`). A notice is sent once, without the outbox's retries: the next
failing cycle sends another, and a notice that could not be sent is reported in the cycle's
result instead of raising.
"""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import httpx

from alerts.smtp import SmtpSettings, send_email
from alerts.webhook import post_webhook
from store import settings as env


def operator_targets() -> dict[str, str]:
    """The configured targets: {"email": address, "webhook": url}, either or both or none."""
    targets = {
        "email": (env.get("FILINGWATCH_OPERATOR_EMAIL") or "").strip(),
        "webhook": (env.get("FILINGWATCH_OPERATOR_WEBHOOK") or "").strip(),
    }
    return {channel: target for channel, target in targets.items() if target}


def notify_operator(
    subject: str, text: str, payload: dict[str, Any], *, smtp: SmtpSettings | None = None
) -> list[str]:
    """Send the notice to every configured target; one line per target says how it went
    (`email ops@example.org: sent`, `webhook https://...: failed: ConnectError: ...`)."""
    outcomes: list[str] = []
    for channel, target in operator_targets().items():
        try:
            if channel == "email":
                settings = smtp or SmtpSettings.from_env()
                send_email(_email(subject, text, target, settings.sender), settings)
            else:
                _post(target, {"subject": subject, "text": text, **payload})
        except Exception as exc:  # noqa: BLE001 - reported, never raised: the cycle goes on
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            outcomes.append(f"{channel} {target}: failed: {reason}")
        else:
            outcomes.append(f"{channel} {target}: sent")
    return outcomes


def _email(subject: str, text: str, to: str, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to
    email["Subject"] = subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain="filingwatch.operator")
    email.set_content(text)
    return email


def _post(url: str, payload: dict[str, Any]) -> None:
    secret = env.get("FILINGWATCH_OPERATOR_WEBHOOK_SECRET") or ""
    with httpx.Client(follow_redirects=False) as client:
        post_webhook(client, url, payload, secret, f"operator-{uuid.uuid4().hex}")
