"""An HTTP client for webhooks that connects only to addresses it has just checked.

Checking a URL's host and then letting the HTTP library resolve it again leaves a gap: a DNS
answer with a short lifetime can say "public" to the check and "127.0.0.1" to the connect
(DNS rebinding). Here the check sits inside the connection itself: an httpcore network
backend resolves the host once, refuses the connection unless every address is allowed
(targets.resolve_checked), and opens the socket to one of those same addresses. TLS still
verifies the certificate against the URL's host name (httpcore passes it as server_hostname).
Proxies from the environment are ignored (trust_env=False), so the checked address is the one
the request really reaches, and redirects are never followed.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import certifi
import httpcore
import httpx

from alerts.targets import resolve_checked


class CheckedAddressBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend, with every TCP connect going to a checked address."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, allow_private=self.allow_private)
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, list(socket_options or [])
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("webhooks are delivered over TCP only")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CheckedTransport(httpx.HTTPTransport):
    def __init__(self, *, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx builds its pool with the default backend and offers no option for another;
        # the pool below is the one it would build, with our backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()),
            network_backend=CheckedAddressBackend(allow_private=allow_private),
        )


def checked_client(*, allow_private: bool) -> httpx.Client:
    """A client for webhook POSTs: checked addresses only, no proxies, no redirects."""
    return httpx.Client(
        transport=_CheckedTransport(allow_private=allow_private),
        trust_env=False,
        follow_redirects=False,
    )
