"""What an alert says, once, for every channel: who, in what role, the evidence, the link, why.

E-mail, webhook and feed all render from `build_message`, so the three never disagree about
what fired and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from store import Alert, Announcement, Subscription

ROLE_LABELS = {
    "executive": "executive director",
    "non_executive": "non-executive director",
    "independent_non_executive": "independent non-executive director",
    "connected_person": "connected person",
    "abstained": "director abstaining from voting",
}


#: Characters that break a line or have no place in one (C0/C1 controls, Unicode breaks).
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str | None) -> str:
    """`text` as one clean line: breaks and control characters become single spaces.

    Names and titles come from filings and from subscribers; a stray CR or LF must not make a
    mail header unsendable or a feed invalid XML.
    """
    return " ".join(_BREAKS.sub(" ", text or "").split())


@dataclass
class AlertMessage:
    alert_id: int
    subscription_id: int
    subject: str
    text: str
    link: str
    payload: dict[str, Any] = field(default_factory=dict)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " "))


def build_message(
    alert: Alert, sub: Subscription, ann: Announcement, also: list[str] | None = None
) -> AlertMessage:
    """The subject, plain text and JSON payload of one alert."""
    also = [r for r in (also or []) if r != alert.role]
    role = role_label(alert.role)
    also_text = f" (also: {', '.join(role_label(r) for r in also)})" if also else ""
    stock_name = one_line(ann.stock_name)
    company = f"{stock_name} ({ann.stock_code})" if stock_name else ann.stock_code
    published = ann.published_at.strftime("%Y-%m-%d %H:%M HKT") if ann.published_at else ""
    title = one_line(ann.title)
    person = one_line(alert.person_name)
    subject = f"{person} named as {role} - {company}: {title}"
    if len(subject) > 200:
        subject = subject[:197] + "..."
    why = f'matched your name "{one_line(alert.matched_alias)}" (score {alert.score:.0f})'
    lines = [
        f"{person} is named as {role}{also_text} in a filing by {company}.",
        "",
        f"Filing:   {title}",
        f"Published: {published}",
        f"Link:     {ann.document_url}",
        "",
        "Evidence:",
        f"  {one_line(alert.evidence_text) or '(no sentence recorded)'}",
        "",
        f"Why this alert: {why} for subscription #{sub.id} ({one_line(sub.name)}).",
    ]
    payload = {
        "alert_id": alert.id,
        "subscription_id": sub.id,
        "subscription_name": sub.name,
        "person_named": alert.person_name,
        "role": alert.role,
        "role_label": role,
        "also_roles": also,
        "evidence": alert.evidence_text,
        "matched_alias": alert.matched_alias,
        "score": alert.score,
        "announcement": {
            "news_id": ann.news_id,
            "stock_code": ann.stock_code,
            "stock_codes": ann.stock_codes,
            "stock_name": ann.stock_name,
            "title": title,
            "published_at": ann.published_at.isoformat() if ann.published_at else None,
            "document_url": ann.document_url,
            "language": ann.language,
        },
        "created_at": alert.created_at.isoformat() if alert.created_at else None,
    }
    return AlertMessage(
        alert_id=alert.id or 0,
        subscription_id=sub.id or 0,
        subject=subject,
        text="\n".join(lines) + "\n",
        link=ann.document_url,
        payload=payload,
    )
