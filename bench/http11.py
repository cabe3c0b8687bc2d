"""A lean HTTP/1.1 keep-alive GET client on asyncio streams, for the web benchmark.

Why not httpx: the load generator shares the CPUs with the server it measures, and httpx's
AsyncClient spent about 3 ms of CPU per request (as much as a filing page costs the server),
so the bench partly measured itself. This client does only what the bench needs: GET over
one kept-alive connection, Content-Length or chunked bodies, reconnect after a close or an
error. Paths are percent-encoded once, up front (`encode_path`), not per request.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote, urlsplit

# Characters a path and query may carry as they are; everything else (spaces, quotes,
# non-ASCII) is percent-encoded as UTF-8, as a browser would send it.
_SAFE = "/?&=+%:@!$'()*,;-._~"


def encode_path(path: str) -> bytes:
    """`/search?q=物業` -> b"/search?q=%E7%89%A9%E6%A5%AD" (already-encoded %XX stay)."""
    return quote(path, safe=_SAFE).encode("ascii")


class HttpError(Exception):
    """The connection failed or the response could not be read (the request counts as failed)."""


class Client:
    """One keep-alive connection to `base` ("http://host:port"), used by one task at a time."""

    def __init__(self, base: str, timeout: float = 30.0) -> None:
        parts = urlsplit(base)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"only http://host:port is supported, not {base!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.timeout = timeout
        self._head = (
            f"Host: {parts.netloc}\r\nUser-Agent: filingwatch-bench\r\nAccept: */*\r\n\r\n"
        ).encode("ascii")
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: bytes) -> tuple[int, int]:
        """GET an encoded path; (status, body bytes). Raises HttpError (and reconnects next
        time) on a refused, reset or timed-out connection."""
        try:
            async with asyncio.timeout(self.timeout):
                if self._writer is None:
                    self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                self._writer.write(b"GET " + path + b" HTTP/1.1\r\n" + self._head)
                return await self._response(self._reader)
        except (OSError, EOFError, ValueError, TimeoutError, asyncio.IncompleteReadError) as exc:
            await self.close()
            raise HttpError(f"{type(exc).__name__}: {exc}") from None

    async def _response(self, reader: asyncio.StreamReader) -> tuple[int, int]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            size = 0
            while True:
                n = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
                await reader.readexactly(n + 2)  # the chunk and its CRLF
                size += n
                if n == 0:
                    break
        elif length is not None:
            size = len(await reader.readexactly(length))
        else:  # no length: the body runs to the end of the connection
            size = len(await reader.read())
            close = True
        if close:
            await self.close()
        return status, size

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except OSError:
                pass
