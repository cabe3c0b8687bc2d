"""web/serving.py: every connection gets TCP_NODELAY, so keep-alive responses are not held
back 40 ms by Nagle + delayed ACK when uvicorn binds the socket itself (several workers)."""

from __future__ import annotations

import os
import select
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from web import serving

ROOT = Path(__file__).resolve().parents[1]
BODY = b"x" * 9000  # about a filing page


class FakeTransport:
    def __init__(self, sock: socket.socket | None) -> None:
        self.sock = sock

    def get_extra_info(self, name: str):
        return self.sock if name == "socket" else None


def test_set_nodelay_on_tcp_sockets_only(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        assert tcp.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        assert serving.set_nodelay(FakeTransport(tcp)) is True
        assert tcp.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
        assert serving.set_nodelay(FakeTransport(unix)) is False
    assert serving.set_nodelay(FakeTransport(None)) is False


async def _page(scope, receive, send) -> None:
    assert scope["type"] == "http"
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-length", str(len(BODY)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": BODY})


@contextmanager
def _server(protocol: type) -> Iterator[int]:
    """uvicorn in a thread on a socket bound the way uvicorn binds it for several workers
    (`socket.socket(family=AF_INET)`: protocol 0, so asyncio leaves Nagle on)."""
    sock = socket.socket(family=socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(_page, http=protocol, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _keep_alive_times(port: int, requests: int = 12) -> list[float]:
    """Seconds per request on one keep-alive connection (the way a browser reuses one)."""
    times = []
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.settimeout(5)
        for _ in range(requests):
            started = time.perf_counter()
            conn.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            data = b""
            while not data.endswith(BODY):
                chunk = conn.recv(65536)
                if not chunk:
                    raise ConnectionError("closed")
                data += chunk
            times.append(time.perf_counter() - started)
    return times


@pytest.mark.parametrize("protocol", [serving.NoDelayHTTPProtocol, AutoHTTPProtocol])
def test_keep_alive_responses_are_not_held_back(protocol):
    with _server(protocol) as port:
        median = statistics.median(_keep_alive_times(port)[2:])
    if protocol is serving.NoDelayHTTPProtocol:
        assert median < 0.025, f"{median * 1000:.0f} ms per response"
    else:  # the stall this module exists for: it shows the test can see it
        assert median > 0.030, f"{median * 1000:.0f} ms per response with Nagle on"


def test_run_picks_the_serving_path(monkeypatch):
    seen: dict = {}
    monkeypatch.setattr(serving.uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setattr(serving, "supervise", lambda *a: seen.update(supervised=a) or 0)
    serving.main(["--port", "8123", "--no-access-log"])  # one worker: uvicorn binds
    assert seen["app"] == "web:create_app" and seen["factory"] is True
    assert seen["http"] is serving.NoDelayHTTPProtocol
    assert (seen["port"], seen["workers"], seen["access_log"]) == (8123, 1, False)
    seen.clear()
    serving.main(["--port", "8123", "--workers", "2"])
    if serving.reuseport_supported():
        assert seen == {"supervised": ("127.0.0.1", 8123, 2, "info", True)}
    else:  # uvicorn's own workers, still without Nagle
        assert seen["workers"] == 2 and seen["http"] is serving.NoDelayHTTPProtocol
    if serving.reuseport_supported():
        monkeypatch.setattr(serving, "supervise", lambda *a: 1)
        with pytest.raises(SystemExit) as exited:
            serving.run(workers=2)
        assert exited.value.code == 1


linux_only = pytest.mark.skipif(
    not serving.reuseport_supported(), reason="SO_REUSEPORT balancing is Linux-only"
)


@linux_only
def test_reuseport_listeners_share_a_port_that_free_port_then_refuses():
    first = serving.listen_reuseport("127.0.0.1", 0)
    port = first.getsockname()[1]
    with first, serving.listen_reuseport("127.0.0.1", port) as second:
        assert second.getsockname()[1] == port
        for sock in (first, second):
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        with pytest.raises(OSError):
            serving.free_port("127.0.0.1", port)  # a second server must not join silently
    assert serving.free_port("127.0.0.1", port) == port
    assert serving.free_port("127.0.0.1", 0) > 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _sockets(pid: int) -> int:
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            continue
    return count


def _get(conn: socket.socket, path: str = "/static/favicon.svg") -> bytes:
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += conn.recv(65536)
    return head.split(b"\r\n", 1)[0]


def _serve(db_url: str, port: int, workers: int = 2) -> subprocess.Popen:
    env = {**os.environ, "FILINGWATCH_DATABASE_URL": db_url, "FILINGWATCH_SECRET_KEY": "t"}
    return subprocess.Popen(
        [sys.executable, "-m", "web.serving", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning", "--no-access-log"],  # fmt: skip
        cwd=ROOT, env=env,
    )  # fmt: skip


@linux_only
@pytest.mark.slow
def test_workers_share_keep_alive_connections(sqlite_template, tmp_path):
    db = tmp_path / "fw.db"
    shutil.copyfile(sqlite_template, db)
    port = serving.free_port("127.0.0.1", 0)
    proc = _serve(f"sqlite:///{db}", port)
    conns: list[socket.socket] = []
    try:
        _wait_ready(proc, port)
        deadline = time.monotonic() + 60
        while len(workers := [pid for pid in _children(proc.pid) if _sockets(pid)]) < 2:
            assert time.monotonic() < deadline, "the second worker never listened"
            time.sleep(0.1)  # (the process without sockets is multiprocessing's tracker)
        # the readiness probe's connection may still be closing: count once the counts hold
        before = {pid: _sockets(pid) for pid in workers}
        for _ in range(50):
            time.sleep(0.1)
            again = {pid: _sockets(pid) for pid in workers}
            if again == before:
                break
            before = again
        # All connect at once, as the bench's clients (or a proxy's pool) do: on one shared
        # listener the first worker to wake accepted all 16 of them, every time.
        for _ in range(16):
            conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            conn.setblocking(False)
            conn.connect_ex(("127.0.0.1", port))
            conns.append(conn)
        for conn in conns:
            select.select([], [conn], [], 10)
            conn.settimeout(10)
            assert _get(conn).startswith(b"HTTP/1.1 200")
        accepted = {pid: _sockets(pid) - before[pid] for pid in workers}
        assert sum(accepted.values()) == 16, accepted
        busy = [pid for pid, n in accepted.items() if n > 0]
        assert len(busy) == 2, f"connections per process: {accepted}"
    finally:
        for conn in conns:
            conn.close()
        proc.terminate()
        assert proc.wait(30) == 0
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]  # joined, reaped


@linux_only
@pytest.mark.slow
def test_a_worker_that_cannot_start_stops_the_server():
    port = serving.free_port("127.0.0.1", 0)
    proc = _serve("postgresql+psycopg://nobody@127.0.0.1:1/none", port)  # nothing listens on 1
    assert proc.wait(60) == 1


def _wait_ready(proc: subprocess.Popen, port: int, path: str = "/search") -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
                assert r.status == 200
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _timed_get(url: str, out: dict, key: str) -> None:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            status = r.status
            r.read()
    except urllib.error.HTTPError as error:
        status = error.code
    out[key] = (status, time.monotonic() - started)


def _long_circular(chars: int) -> str:
    corpus_dir = ROOT / "crawler" / "replica" / "corpus"
    texts = [p.read_text() for p in sorted(corpus_dir.glob("*.txt")) if not p.stem.endswith("_c")]
    corpus = "\n".join(texts)
    return (corpus * (chars // len(corpus) + 1))[:chars]


@pytest.mark.slow
def test_a_prefix_storm_neither_holds_a_worker_nor_blocks_an_ordinary_search(
    sqlite_template, tmp_path
):
    """Issue 15: `a* c* t* f*` over a store holding one 150-page text took 31 s, and two such
    requests made an ordinary search wait 38 s. Served as `filingwatch serve` serves it (one
    worker, 2 request threads on SQLite), the storm must answer within 6 s and an ordinary
    search made meanwhile within 1 s."""
    import datetime as dt

    import store

    db = tmp_path / "fw.db"
    shutil.copyfile(sqlite_template, db)
    engine = store.make_engine(f"sqlite:///{db}")
    with store.session(engine) as s:
        for n, (title, text) in enumerate(
            [("CIRCULAR", _long_circular(900_000)),
             ("LEASE", "The lease agreement for Tencent, a connected person.")]
        ):  # fmt: skip
            store.upsert_announcement(
                s,
                {"news_id": f"n{n}", "stock_code": "00700", "stock_name": "TENCENT",
                 "title": title, "text": text, "sha256": f"s{n}",
                 "published_at": dt.datetime(2024, 1, 1 + n, tzinfo=store.HK)},
            )  # fmt: skip
        s.commit()
    engine.dispose()
    port = serving.free_port("127.0.0.1", 0)
    env = {**os.environ, "FILINGWATCH_DATABASE_URL": f"sqlite:///{db}",
           "FILINGWATCH_SECRET_KEY": "t", "FILINGWATCH_WEB_CACHE_SECONDS": "0"}  # fmt: skip
    env.pop("FILINGWATCH_WEB_THREADS", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "web.serving", "--port", str(port), "--log-level", "warning",
         "--no-access-log"],  # fmt: skip
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_ready(proc, port, "/api/search?q=lease")
        base = f"http://127.0.0.1:{port}"
        results: dict = {}
        storm = [
            threading.Thread(
                target=_timed_get, args=(f"{base}/api/search?q=a*+c*+t*+f*", results, f"storm{i}")
            )  # fmt: skip
            for i in range(2)
        ]
        for thread in storm:
            thread.start()
        time.sleep(0.3)  # both storm requests are in the server's two threads now
        _timed_get(f"{base}/api/search?q=lease", results, "ordinary")
        for thread in storm:
            thread.join(130)
    finally:
        proc.terminate()
        proc.wait(30)
    status, seconds = results["ordinary"]
    assert status == 200 and seconds < 1, results
    for key in ("storm0", "storm1"):
        status, seconds = results[key]
        assert status in (200, 400) and seconds < 6, results


@linux_only
@pytest.mark.slow
def test_workers_of_one_serve_share_a_generated_secret_key(sqlite_template, tmp_path):
    """Without FILINGWATCH_SECRET_KEY each worker used to make its own key: about half the
    feed links answered 403 and half the signed-in pages 401. One serve, one key (and the
    warning that links stop working after a restart, once)."""
    import http.cookiejar
    import json

    db = tmp_path / "fw.db"
    shutil.copyfile(sqlite_template, db)
    port = serving.free_port("127.0.0.1", 0)
    env = {**os.environ, "FILINGWATCH_DATABASE_URL": f"sqlite:///{db}",
           "FILINGWATCH_ADMIN_TOKEN": "tok"}  # fmt: skip
    env.pop("FILINGWATCH_SECRET_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "web.serving", "--port", str(port), "--workers", "2",
         "--log-level", "warning", "--no-access-log"],  # fmt: skip
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, port)
        while len([pid for pid in _children(proc.pid) if _sockets(pid)]) < 2:
            time.sleep(0.1)
        create = urllib.request.Request(
            f"{base}/api/subscriptions",
            data=json.dumps({"name": "LEI Jun", "channel": "feed"}).encode(),
            headers={"Authorization": "Bearer tok", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(create, timeout=10) as r:
            feed_url = json.load(r)["feed_url"]
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        statuses = [_status(opener, f"{base}/subscriptions/login", b"token=tok")]
        assert any(c.name == "fw_admin" for c in jar)
        for _ in range(16):  # each a new connection, spread over both workers by the kernel
            statuses.append(_status(opener, urllib.parse.urljoin(base, feed_url)))
            statuses.append(_status(opener, f"{base}/subscriptions"))
    finally:
        proc.terminate()
        assert proc.wait(30) == 0
    assert set(statuses) == {200}, statuses
    assert proc.stderr.read().count("FILINGWATCH_SECRET_KEY is not set") == 1


def _status(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> int:
    try:
        with opener.open(url, data=data, timeout=10) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as error:
        return error.code
