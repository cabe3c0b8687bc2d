"""Webhook alerts: a JSON POST signed with HMAC-SHA256 of the subscription's secret.

The signature covers the exact body bytes and travels as
`X-Filingwatch-Signature: sha256=<hex>`; `X-Filingwatch-Delivery` carries a stable id per
alert, so a receiver can drop the rare duplicate (see delivery.py on crash windows).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx

TIMEOUT_SECONDS = 10.0
SIGNATURE_HEADER = "X-Filingwatch-Signature"
DELIVERY_HEADER = "X-Filingwatch-Delivery"


def encode_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: str, body: bytes) -> str:
    """The header value: "sha256=" + hex HMAC-SHA256 of the body under the secret."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return bool(header) and hmac.compare_digest(sign(secret, body), header or "")


def post_webhook(
    client: httpx.Client, url: str, payload: dict[str, Any], secret: str, delivery_id: str
) -> None:
    """POST one alert; raises on a network error or any non-2xx answer (the outbox retries)."""
    body = encode_body(payload)
    response = client.post(
        url,
        content=body,
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(secret, body),
            DELIVERY_HEADER: delivery_id,
            "User-Agent": "filingwatch-alerts/1",
        },
        timeout=TIMEOUT_SECONDS,
    )
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")
