"""The webhook client connects only to addresses it checked (alerts/safe_http.py).

Real sockets on loopback: a refused target is refused before any connection is opened; the
opt-in reaches an internal receiver (by name, resolved and checked by the client).
"""

from __future__ import annotations

import socket

import pytest
from alerts_helpers import WebhookReceiver

from alerts.safe_http import checked_client
from alerts.targets import WebhookTargetRefused


def _listener() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    return sock


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_alerts_safe_http_refuses_before_connecting(host):
    listener = _listener()
    try:
        url = f"http://{host}:{listener.getsockname()[1]}/hook"
        with checked_client(allow_private=False) as client, pytest.raises(WebhookTargetRefused):
            client.post(url, content=b"{}")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody ever connected
    finally:
        listener.close()


def test_alerts_safe_http_opt_in_reaches_an_internal_receiver():
    with WebhookReceiver() as hook, checked_client(allow_private=True) as client:
        url = hook.url.replace("127.0.0.1", "localhost")
        assert client.post(url, content=b"{}").status_code == 200
        assert hook.received
