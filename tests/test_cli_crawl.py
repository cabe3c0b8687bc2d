"""`filingwatch crawl` keeps Scrapy's own log (banner, settings, stats) out of the terminal:
it goes to data/logs/crawl-<run>.log, whose path is printed, unless --verbose. Against the
session's replica, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from store import HK

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _crawl(tmp_path: Path, replica_url: str, *extra: str) -> subprocess.CompletedProcess:
    today = datetime.now(HK).date()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FILINGWATCH_CREATE_DB": "1",
           "FILINGWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'fw.db'}",
           "FILINGWATCH_FILES_DIR": str(tmp_path / "files"),
           "FILINGWATCH_LOG_DIR": str(tmp_path / "logs")}  # fmt: skip
    command = [sys.executable, "-m", "cli", "crawl", "--base-url", replica_url, "--rate", "0",
               "--from", (today - timedelta(days=1)).isoformat(), "--to", today.isoformat(),
               *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_cli_crawl_scrapy_log_goes_to_a_file(tmp_path: Path, replica_url: str) -> None:
    done = _crawl(tmp_path, replica_url)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "[scrapy" not in output and "Spider opened" not in output
    log = tmp_path / "logs" / "crawl-1.log"
    assert f"log: {log}" in output.replace("\n", "")
    assert "[scrapy" in log.read_text()
    assert len(output.splitlines()) < 25, output  # the summary table, not Scrapy's stats


def test_cli_crawl_verbose_shows_scrapy_log(tmp_path: Path, replica_url: str) -> None:
    done = _crawl(tmp_path, replica_url, "--verbose", "--log-level", "INFO")
    assert done.returncode == 0, done.stderr
    assert "[scrapy" in done.stderr
    assert not (tmp_path / "logs").exists()


def test_cli_crawl_run_once_prints_a_few_lines(tmp_path: Path, replica_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FILINGWATCH_CREATE_DB": "1",
           "FILINGWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'fw.db'}",
           "FILINGWATCH_FILES_DIR": str(tmp_path / "files"), "FILINGWATCH_CRAWL_RATE": "0",
           "FILINGWATCH_CRAWL_LANG": "en",
           "FILINGWATCH_LOG_DIR": str(tmp_path / "logs")}  # fmt: skip
    command = [sys.executable, "-m", "cli", "run-once", "--base-url", replica_url]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "[scrapy" not in output and len(output.splitlines()) <= 8, output
    assert done.stdout.startswith("cycle ok\ncrawl run 1 succeeded")
    assert f"crawl log: {tmp_path / 'logs' / 'crawl-1.log'}" in done.stdout
