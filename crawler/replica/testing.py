"""Run the replica as a real subprocess for tests and benchmarks: `with run_replica() as r:`.

Why a subprocess on port 0 (as Scrapy's tests/mockserver does): the crawler under test talks
HTTP to a separate server exactly as it would to HKEXnews, and no port is ever hard-coded.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]

# Start-up without `crawler/__init__.py`: that imports Scrapy and the store (seconds), and the
# replica needs neither. An empty `crawler` package pointing at the same directory suffices.
_BOOT = (
    "import sys, types\n"
    "pkg = types.ModuleType('crawler')\n"
    "pkg.__path__ = [sys.argv.pop(1)]\n"
    "sys.modules['crawler'] = pkg\n"
    "from crawler.replica.config import parse_args\n"
    "from crawler.replica.server import serve\n"
    "serve(parse_args(sys.argv[1:]))\n"
)


@dataclass
class Replica:
    """A running replica: its base URL and a few helpers for its `/_replica/*` endpoints."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def manifest(self, sha256: bool = True) -> dict:
        params = {} if sha256 else {"sha256": "0"}
        return httpx.get(f"{self.url}/_replica/manifest", params=params, timeout=300).json()

    def add_fault(self, pattern: str, fault: str, times: int | None = None,
                  seconds: float = 1.0) -> None:  # fmt: skip
        body = {"pattern": pattern, "fault": fault, "times": times, "seconds": seconds}
        httpx.post(f"{self.url}/_replica/faults", json=body, timeout=10).raise_for_status()

    def clear_faults(self) -> None:
        httpx.delete(f"{self.url}/_replica/faults", timeout=10).raise_for_status()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def replica_args(*, days: int = 7, per_day: int = 6, extra: int = 0, seed: int = 1,
                 faults: Sequence[str] = (), corpus: Path | None = None,
                 today: str | None = None, cache_dir: Path | None = None,
                 prerender: bool = False) -> list[str]:  # fmt: skip
    args = ["--port", "0", "--days", str(days), "--per-day", str(per_day), "--extra", str(extra),
            "--seed", str(seed)]  # fmt: skip
    for spec in faults:
        args += ["--fault", spec]
    if corpus is not None:
        args += ["--corpus", str(corpus)]
    if today is not None:
        args += ["--today", today]
    if cache_dir is not None:
        args += ["--cache-dir", str(cache_dir)]
    if prerender:
        args.append("--prerender")
    return args


@contextmanager
def run_replica(*, startup_timeout: float = 120.0, **options) -> Iterator[Replica]:
    """Start `python -m crawler.replica --port 0 ...`, yield it once it prints its URL, stop it.

    Options are those of `replica_args` (days, per_day, extra, seed, faults, corpus, today,
    cache_dir, prerender). The server's stderr goes to a temporary log file (`Replica.log()`).
    """
    log = tempfile.NamedTemporaryFile(prefix="replica-", suffix=".log", delete=False)
    cmd = [sys.executable, "-c", _BOOT, str(ROOT / "crawler"), *replica_args(**options)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, cwd=ROOT, env=env)
    log_path = Path(log.name)
    log.close()
    try:
        url = _read_url(proc, startup_timeout, log_path)
        # Nothing but the URL line is printed on stdout; close our end now rather than drain
        # it, so no reader thread can hold the pipe (a child of the server might keep it open).
        proc.stdout.close()
        yield Replica(url, proc, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout and not proc.stdout.closed:
            proc.stdout.close()
        log_path.unlink(missing_ok=True)


def _read_url(proc: subprocess.Popen, timeout: float, log_path: Path) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline().decode().strip()
            prefix = "replica listening on "
            if line.startswith(prefix):
                return line[len(prefix) :]
            if not line and proc.poll() is not None:
                break
        elif proc.poll() is not None:
            break
    tail = log_path.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"replica did not start (exit {proc.poll()}): {tail}")
