"""Run the replica under uvicorn on a socket we bind ourselves.

Why bind first: with `--port 0` the OS picks the port, and the first stdout line must say
which one (`replica listening on http://127.0.0.1:PORT`) before anyone connects. The socket
listens from that moment, so early connections wait in the backlog instead of failing.
"""

from __future__ import annotations

import socket
import sys

import uvicorn
from reportlab import rl_config

from .app import build_app
from .catalogue import build_catalogue
from .config import ReplicaConfig


def serve(config: ReplicaConfig) -> None:
    """Build the catalogue, bind, print the URL line (flushed), serve until interrupted."""
    rl_config.useA85 = 0  # this process only renders replica PDFs
    catalogue = build_catalogue(config)
    if config.prerender:
        catalogue.files.prerender()
    app = build_app(config, catalogue)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted sockets inherit this: without it, keep-alive clients wait ~40 ms per response
    # (Nagle + delayed ACK, as uvicorn writes headers and body separately).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((config.host, config.port))
    sock.listen(2048)
    host, port = sock.getsockname()[:2]
    print(f"replica listening on http://{host}:{port}", flush=True)
    print(
        f"replica: {len(catalogue.filings)} filings, {catalogue.first_day} .. "
        f"{catalogue.last_day} (Hong Kong), seed {config.seed}",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
            backlog=2048,
        )
    )
    server.run(sockets=[sock])
