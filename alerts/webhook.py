"""Webhook alerts: a JSON POST signed with HMAC-SHA256 of the subscription's secret.

Each attempt carries `X-Filingwatch-Timestamp` (Unix seconds, when it was sent) and
`X-Filingwatch-Signature: sha256=<hex>`, the HMAC of `"<timestamp>." + body`, the scheme of
Stripe and Standard Webhooks: the signature covers the exact body bytes *and* the time, so a
receiver that rejects old timestamps cannot be fed a captured request again later.
`X-Filingwatch-Delivery` carries a stable id per alert, so a receiver can drop the rare
duplicate (see delivery.py on crash windows).

Failures are recorded on the alert, which the subscriber's operator reads: they say
"connection error" whatever the network said, so refused, reset and timed-out connections
look the same and a webhook URL cannot be used to map which ports answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

TIMEOUT_SECONDS = 10.0
SIGNATURE_HEADER = "X-Filingwatch-Signature"
TIMESTAMP_HEADER = "X-Filingwatch-Timestamp"
DELIVERY_HEADER = "X-Filingwatch-Delivery"
#: How old a timestamp `verify` accepts by default, in seconds (either direction).
TOLERANCE_SECONDS = 300
CONNECTION_ERROR = "delivery failed: connection error"


class WebhookDeliveryError(RuntimeError):
    """A failed POST; the message is one line that reveals nothing about the network."""


def encode_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The signature header: "sha256=" + hex HMAC-SHA256 of b"<timestamp>." + body."""
    message = f"{timestamp}.".encode("ascii") + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(
    secret: str,
    body: bytes,
    signature: str | None,
    timestamp: str | None,
    *,
    tolerance: float = TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """What a receiver does: a fresh timestamp, then the HMAC compared in constant time."""
    if not signature or not timestamp or not timestamp.isdigit():
        return False
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def post_webhook(
    client: httpx.Client, url: str, payload: dict[str, Any], secret: str, delivery_id: str
) -> None:
    """POST one alert; raises on a network error or any non-2xx answer (the outbox retries).

    A refused target (targets.WebhookTargetRefused, raised by the client's connect) passes
    through unchanged: its one-line reason is meant to be shown.
    """
    body = encode_body(payload)
    timestamp = str(int(time.time()))
    try:
        response = client.post(
            url,
            content=body,
            headers={
                "Content-Type": "application/json",
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: sign(secret, timestamp, body),
                DELIVERY_HEADER: delivery_id,
                "User-Agent": "filingwatch-alerts/1",
            },
            timeout=TIMEOUT_SECONDS,
        )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise WebhookDeliveryError(CONNECTION_ERROR) from exc
    if not 200 <= response.status_code < 300:
        raise WebhookDeliveryError(f"webhook answered HTTP {response.status_code}")
