"""`filingwatch worker` subprocesses for the Celery tests (real Redis, real database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def start_worker(env: dict[str, str], db_url: str, name: str, log: Path) -> subprocess.Popen:
    """One worker process (concurrency 1) in a process group of its own, so a SIGKILL to the
    group takes its pool process too; its log goes to `log`."""
    full = {**os.environ, **env, "FILINGWATCH_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cli", "worker", "--concurrency", "1", "--name", name]
    return subprocess.Popen(
        command, env=full, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
