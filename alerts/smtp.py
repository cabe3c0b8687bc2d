"""E-mail alerts over SMTP (smtplib), configured from the environment.

FILINGWATCH_SMTP_HOST (default localhost), FILINGWATCH_SMTP_PORT (default 25),
FILINGWATCH_SMTP_STARTTLS (1/true/yes to upgrade the connection), FILINGWATCH_SMTP_USER and
FILINGWATCH_SMTP_PASSWORD (log in when a user is set), FILINGWATCH_SMTP_FROM (the sender).
Each alert's Message-ID is derived from the alert alone, so a re-send after a crash carries
the same Message-ID and the duplicate can be recognised by the receiver.

Every header value is made one line first: names and titles come from filings and from
subscribers, and one CR or LF in a header would make the message unsendable on every retry.
With an unsubscribe link (alerts/links.py) the body ends with it and the message carries
`List-Unsubscribe` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so
mail clients offer their own unsubscribe button, which POSTs to the link.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from alerts.message import AlertMessage, one_line
from store import settings as env

TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    sender: str = "filingwatch@localhost"

    @classmethod
    def from_env(cls) -> SmtpSettings:
        return cls(
            host=env.get("FILINGWATCH_SMTP_HOST") or "localhost",
            port=env.get_int("FILINGWATCH_SMTP_PORT"),
            starttls=env.get_bool("FILINGWATCH_SMTP_STARTTLS"),
            user=env.get("FILINGWATCH_SMTP_USER") or None,
            password=env.get("FILINGWATCH_SMTP_PASSWORD") or None,
            sender=env.get("FILINGWATCH_SMTP_FROM") or "filingwatch@localhost",
        )


def message_id(alert_id: int, news_id: str) -> str:
    """Stable per alert: every attempt at the same alert sends the same Message-ID."""
    return f"<alert.{alert_id}.{news_id}@filingwatch.alerts>"


def build_email(
    msg: AlertMessage, to: str, news_id: str, sender: str, unsubscribe: str | None = None
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = one_line(sender)
    email["To"] = one_line(to)
    email["Subject"] = one_line(msg.subject)
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(msg.alert_id, news_id)
    email["X-Filingwatch-Alert"] = str(msg.alert_id)
    text = msg.text
    if unsubscribe:
        email["List-Unsubscribe"] = f"<{one_line(unsubscribe)}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        text += f"\n-- \nTo stop these alerts, unsubscribe: {unsubscribe}\n"
    email.set_content(text)
    return email


def send_email(email: EmailMessage, settings: SmtpSettings) -> None:
    """Send one message; raises smtplib/OSError on any failure (the outbox retries)."""
    with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(email)
