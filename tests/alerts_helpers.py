"""Real servers and seed rows for the alerts and scheduler tests (not a test module itself).

- `SmtpSink`: an aiosmtpd SMTP server on loopback, on a port the OS picks.
- `WebhookReceiver`: an HTTP server on loopback that can fail the first N POSTs.
- `add_filing`: an extracted Announcement with Person + PersonMention rows, inserted through
  store's models, as `store.save_extraction` would leave them.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine
from sqlmodel import select

import store
from alerts.smtp import SmtpSettings


class _EphemeralPortController(Controller):
    """aiosmtpd 1.4 can bind port 0 but then probes the literal port 0; probe the real one."""

    def _trigger_server(self) -> None:
        if self.port == 0 and self.server is not None:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpSink:
    """Collects every message it receives; `settings` points the alerts at it."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()
        self.controller = _EphemeralPortController(self, hostname="127.0.0.1", port=0)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(msg)
        return "250 OK"

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    @property
    def settings(self) -> SmtpSettings:
        return SmtpSettings(host="127.0.0.1", port=self.port, sender="alerts@filingwatch.test")

    @property
    def env(self) -> dict[str, str]:
        return {
            "FILINGWATCH_SMTP_HOST": "127.0.0.1",
            "FILINGWATCH_SMTP_PORT": str(self.port),
            "FILINGWATCH_SMTP_FROM": "alerts@filingwatch.test",
        }


class WebhookReceiver:
    """Answers 500 to the first `fail_first` POSTs, then 200; records every request."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.attempts = 0
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.attempts += 1
                if receiver.attempts <= receiver.fail_first:
                    self.send_response(500)
                    self.end_headers()
                    return
                receiver.received.append((dict(self.headers.items()), body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def add_filing(
    engine: Engine,
    news_id: str,
    persons: list[tuple[str, str, str | None]],
    *,
    discovered_at: dt.datetime | None = None,
    stock_code: str = "03888",
    stock_name: str = "KINGSOFT",
    title: str = "CONTINUING CONNECTED TRANSACTION",
    transaction_types: list[str] | None = None,
    caps: list[tuple[int, str]] = (),
    language: str = "en",
    paired_news_id: str | None = None,
    chinese_names: dict[str, str] | None = None,
    display_names: dict[str, str] | None = None,
    extraction: dict | None = None,
) -> int:
    """Insert an extracted filing naming `persons` as (name as written, role, evidence)."""
    with store.session(engine) as s:
        ann = store.Announcement(
            news_id=news_id,
            stock_code=stock_code,
            stock_codes=[stock_code],
            stock_name=stock_name,
            title=title,
            published_at=dt.datetime(2026, 11, 20, 19, 5, tzinfo=store.HK),
            document_url=f"http://replica.test/listedco/{news_id}.pdf",
            language=language,
            status=store.Status.extracted,
            transaction_types=transaction_types or ["continuing connected transaction"],
            paired_news_id=paired_news_id,
            extraction=extraction,
            discovered_at=discovered_at or store.now_hk(),
        )
        s.add(ann)
        s.flush()
        for amount, currency in caps:
            s.add(
                store.AnnualCap(announcement_id=ann.id, amount=Decimal(amount), currency=currency)
            )
        for name, role, evidence in persons:
            display = (display_names or {}).get(name, name)  # the Person the store linked
            key = store.name_key(display) or display
            person = s.exec(select(store.Person).where(store.Person.name_key == key)).first()
            if person is None:
                person = store.Person(
                    name_key=key,
                    display_name=display,
                    chinese_name=(chinese_names or {}).get(name),
                )
                s.add(person)
                s.flush()
            s.add(
                store.PersonMention(
                    person_id=person.id,
                    announcement_id=ann.id,
                    name_as_written=name,
                    role=role,
                    evidence_text=evidence,
                )
            )
        s.commit()
        return ann.id


def webhook_json(body: bytes) -> dict[str, Any]:
    return json.loads(body.decode("utf-8"))
