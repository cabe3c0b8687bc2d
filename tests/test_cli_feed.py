"""`filingwatch subscribe --feed` prints the feed's signed link, and the running web app
(`filingwatch serve`) answers it: signed as web/ signs feed links, under FILINGWATCH_PUBLIC_URL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from web.serving import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _subscribe_feed(env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cli", "subscribe", "LEI Jun", "--feed"]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_cli_feed_link_printed_by_subscribe_is_served(tmp_path: Path) -> None:
    port = free_port("127.0.0.1", 0)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FILINGWATCH_CREATE_DB": "1",
           "FILINGWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'fw.db'}",
           "FILINGWATCH_SECRET_KEY": "feed-test-key",
           "FILINGWATCH_PUBLIC_URL": f"http://127.0.0.1:{port}/"}  # fmt: skip
    done = _subscribe_feed(env)
    assert done.returncode == 0, done.stderr
    (url,) = [line.removeprefix("feed: ") for line in done.stdout.splitlines()
              if line.startswith("feed: ")]  # fmt: skip
    assert url.startswith(f"http://127.0.0.1:{port}/feeds/subscriptions/1.atom?token=")
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(url, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "serve died"
                time.sleep(0.3)
        assert answer.status_code == 200, answer.text
        assert "urn:filingwatch:subscription:1" in answer.text
        assert httpx.get(url[:-1] + "0", timeout=5).status_code == 403  # an altered token
    finally:
        server.terminate()
        server.wait(30)


def test_cli_feed_without_a_secret_key_says_how_to_get_a_link(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FILINGWATCH_SECRET_KEY"}
    env.update(PYTHONPATH=str(ROOT), FILINGWATCH_CREATE_DB="1",
               FILINGWATCH_DATABASE_URL=f"sqlite:///{tmp_path / 'fw.db'}")  # fmt: skip
    done = _subscribe_feed(env)
    assert done.returncode == 0 and "feed: " not in done.stdout
    assert "FILINGWATCH_SECRET_KEY is not set" in done.stderr
