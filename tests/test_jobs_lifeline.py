"""jobs/lifeline.py: SIGKILL of an `extract --pending` parent leaves no worker and no
forkserver behind (checked by pid), and `alive` tells a running process from a zombie and
from a newer process that reused the pid."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

import store
from jobs.lifeline import alive

ROOT = Path(__file__).resolve().parent.parent
CCT = "Announcements and Notices - [Continuing Connected Transaction]"


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def _descendants(pid: int) -> list[int]:
    kids = [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and (st := _stat(int(p.name))) and int(st[1]) == pid
    ]
    return kids + [d for k in kids for d in _descendants(k)]


def _parent(pid: int) -> int | None:
    st = _stat(pid)
    return int(st[1]) if st else None


def _running(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_lifeline_sigkill_of_extract_pending_leaves_no_worker_or_forkserver(
    tmp_path: Path,
) -> None:
    from support.long_announcement import render_long_announcement

    pdf = render_long_announcement(tmp_path / "circular.pdf", pages=120)
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    engine = store.make_engine(url)
    store.ensure_schema(engine)
    with store.session(engine) as s:
        for k in range(4):  # slow documents: the workers are busy when the parent dies
            store.upsert_announcement(
                s,
                {
                    "news_id": f"k{k}",
                    "stock_code": "01688",
                    "title": "CONTINUING CONNECTED TRANSACTION",
                    "headline": CCT,
                    "published_at": datetime(2025, 3, 12, 19, 0, tzinfo=store.HK),
                    "file_path": str(pdf),
                    "status": "fetched",
                    "language": "en",
                },
            )
        s.commit()
    engine.dispose()
    env = dict(os.environ, PYTHONPATH=str(ROOT), FILINGWATCH_DATABASE_URL=url)
    parent = subprocess.Popen(
        [sys.executable, "-m", "cli", "extract", "--pending", "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    family: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            family = _descendants(parent.pid)
            servers = [  # workers fork from it, so their command line names it too
                p for p in family if "forkserver" in _cmdline(p) and _parent(p) == parent.pid
            ]
            workers = [p for p in family if _parent(p) in servers]
            if len(servers) == 1 and len(workers) == 2:
                break
            if parent.poll() is not None:
                pytest.fail(f"the batch ended early: {parent.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        else:
            pytest.fail(f"no forkserver with 2 workers under the batch: {family}")
        time.sleep(1.0)  # the workers are reading now
        family = _descendants(parent.pid)
        assert all(_running(p) for p in family)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_running(p) for p in family):
            time.sleep(0.2)
        left = {p: _cmdline(p)[:80] for p in family if _running(p)}
        assert not left, f"still running after the batch was killed: {left}"
    finally:  # what this test started, by pid, should it fail
        for pid in [parent.pid, *family, *_descendants(parent.pid)]:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_lifeline_alive_tells_running_from_zombie_and_reused_pid() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = _stat(child.pid)[19]
    assert alive(child.pid, started)
    assert not alive(child.pid, str(int(started) + 1))  # another process under the same pid
    child.kill()
    while _running(child.pid):  # killed, not yet reaped: a zombie
        time.sleep(0.05)
    assert _stat(child.pid) is not None and not alive(child.pid, started)
    child.wait()
    assert not alive(child.pid, started)
