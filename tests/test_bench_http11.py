"""bench/http11.py, the benchmark's lean keep-alive client, against a scripted asyncio server:
Content-Length and chunked bodies, a server that closes, a refused connection, and paths
encoded as a browser would send them."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.http11 import Client, HttpError, encode_path  # noqa: E402


def test_encode_path_percent_encodes_what_a_browser_would():
    assert encode_path('/search?q="annual+cap"&stock=00001') == (
        b"/search?q=%22annual+cap%22&stock=00001"
    )
    assert encode_path("/search?q=物業") == b"/search?q=%E7%89%A9%E6%A5%AD"
    assert encode_path("/search?q=a%20b&x=warehous*") == b"/search?q=a%20b&x=warehous*"


async def _serve(responses: list[bytes]):
    """Answer each request line in turn with the next scripted response; b"" closes."""
    seen: list[bytes] = []
    connections = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while responses:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            seen.append(head.split(b"\r\n", 1)[0])
            answer = responses.pop(0)
            if not answer:
                break
            writer.write(answer)
            await writer.drain()
            if b"Connection: close" in answer:
                break
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, port, seen, lambda: connections


def test_keep_alive_lengths_chunks_and_reconnects():
    async def main() -> None:
        server, port, seen, connections = await _serve([
            b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello",
            b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            b"",  # the server hangs up instead of answering
        ])  # fmt: skip
        client = Client(f"http://127.0.0.1:{port}", timeout=5)
        try:
            assert await client.get(b"/a") == (200, 5)
            assert await client.get(b"/b?q=%22x%22") == (404, 7)
            assert await client.get(b"/c") == (200, 2)
            assert connections() == 1  # one keep-alive connection so far
            assert await client.get(b"/d") == (200, 0)  # reconnected after the close
            assert connections() == 2
            with pytest.raises(HttpError):
                await client.get(b"/e")
        finally:
            await client.close()
            server.close()
        assert seen == [b"GET /a HTTP/1.1", b"GET /b?q=%22x%22 HTTP/1.1", b"GET /c HTTP/1.1",
                        b"GET /d HTTP/1.1", b"GET /e HTTP/1.1"]  # fmt: skip

    asyncio.run(main())


def test_refused_and_timed_out_requests_fail_cleanly():
    async def main() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)  # never answers
        port = server.sockets[0].getsockname()[1]
        client = Client(f"http://127.0.0.1:{port}", timeout=0.2)
        with pytest.raises(HttpError, match="Timeout"):
            await client.get(b"/slow")
        server.close()
        await server.wait_closed()
        with pytest.raises(HttpError):
            await Client(f"http://127.0.0.1:{port}", timeout=2).get(b"/gone")

    asyncio.run(main())
    with pytest.raises(ValueError):
        Client("https://example.org")
