"""Run the app under uvicorn: Nagle off on every connection, connections spread over workers.

Two things uvicorn's own `--workers N` got wrong for us, both measured with bench/web.py:

- TCP_NODELAY. uvicorn writes a response's headers and its body in two writes. With several
  workers it binds the listening socket itself, without TCP_NODELAY (asyncio only sets it
  on sockets it creates), so Nagle held the body back until the client acknowledged the
  headers, which clients delay by 40 ms: every keep-alive page took ~45 ms more than it
  cost to make. `NoDelayHTTPProtocol` sets the option as each connection is made.
- Balance. The workers share one listening socket, and whichever wakes first accepts every
  waiting connection: 8 keep-alive clients all landed on one worker while the other idled,
  and that worker's 8 threads fought over its GIL (60-80% more CPU per request). On Linux
  each worker here listens on its own SO_REUSEPORT socket instead, and the kernel spreads
  connections over them.

    python -m web.serving --port 8000 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import signal
import socket
import sys
import threading
import time

import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from web.config import share_secret_key

APP = "web:create_app"
BACKLOG = 2048
QUICK_EXIT_SECONDS = 5.0  # a worker dying this soon after its start failed to start
log = logging.getLogger("uvicorn.error")


def set_nodelay(transport: asyncio.BaseTransport) -> bool:
    """Turn Nagle off on the transport's TCP socket; False when it has none (Unix socket)."""
    sock = transport.get_extra_info("socket")
    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return False
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return True


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP/1.1 protocol (httptools when installed, else h11), minus Nagle."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)


def reuseport_supported() -> bool:
    """Only Linux balances connections over SO_REUSEPORT listeners."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listen_reuseport(host: str, port: int) -> socket.socket:
    """A listener in the port's SO_REUSEPORT group; accepted sockets inherit TCP_NODELAY."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    return sock


def free_port(host: str, port: int) -> int:
    """`port` if nothing listens on it (0: one the OS picks), else OSError. Checked with a
    plain bind, which another SO_REUSEPORT group on the port makes fail: two servers must not
    silently share a port."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return probe.getsockname()[1]


def _worker(host: str, port: int, log_level: str, access_log: bool) -> None:
    """One worker process: its own listener, its own app and engine."""
    config = uvicorn.Config(APP, factory=True, http=NoDelayHTTPProtocol, log_level=log_level,
                            access_log=access_log, backlog=BACKLOG)  # fmt: skip
    uvicorn.Server(config).run(sockets=[listen_reuseport(host, port)])


def supervise(host: str, port: int, workers: int, log_level: str, access_log: bool) -> int:
    """Start `workers` processes on one SO_REUSEPORT port, replace any that dies, stop them
    all on SIGINT/SIGTERM. Returns the exit status: 0, or 1 when a worker failed to start."""
    port = free_port(host, port)
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()
    failed = False

    def start() -> tuple[multiprocessing.process.BaseProcess, float]:
        process = context.Process(target=_worker, args=(host, port, log_level, access_log))
        process.start()
        return process, time.monotonic()

    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    procs = [start() for _ in range(workers)]
    log.info("serving on http://%s:%d with %d workers (SO_REUSEPORT)", host, port, workers)
    try:
        while not stop.is_set():
            multiprocessing.connection.wait([p.sentinel for p, _ in procs], timeout=0.5)
            for i, (process, started) in enumerate(procs):
                if process.exitcode is None or stop.is_set():
                    continue
                if time.monotonic() - started < QUICK_EXIT_SECONDS:
                    log.error("worker %d exited at start (%s); stopping", process.pid,
                              process.exitcode)  # fmt: skip
                    failed = True
                    stop.set()
                    break
                log.warning("worker %d exited (%s); starting another", process.pid,
                            process.exitcode)  # fmt: skip
                procs[i] = start()
    finally:
        for process, _ in procs:
            if process.exitcode is None:
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process, _ in procs:
            process.join(30)
            if process.exitcode is None:
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 1 if failed else 0


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    *,
    log_level: str = "info",
    access_log: bool = True,
) -> None:
    """Serve `web:create_app` (an import string, so each worker builds its own app and engine).

    Without FILINGWATCH_SECRET_KEY one random key is made here, before the workers start, and
    handed to all of them through the environment (config.share_secret_key)."""
    share_secret_key()
    if workers > 1 and reuseport_supported():
        if status := supervise(host, port, workers, log_level, access_log):
            sys.exit(status)
        return
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers,
                http=NoDelayHTTPProtocol, log_level=log_level, access_log=access_log)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the filingwatch web app.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--no-access-log", action="store_true")
    args = parser.parse_args(argv)
    run(args.host, args.port, args.workers, log_level=args.log_level,
        access_log=not args.no_access_log)  # fmt: skip


if __name__ == "__main__":
    main()
