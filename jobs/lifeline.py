"""A worker process dies when the process that started the batch dies, even by SIGKILL.

A SIGKILLed parent runs no clean-up, and its pool's workers would go on reading documents for
nobody; they also hold the multiprocessing forkserver's "alive" pipe, so the forkserver lives
on too. Two guards, both set up in the worker's initializer:

- `prctl(PR_SET_PDEATHSIG, SIGKILL)` (Linux): the kernel kills the worker when its own parent
  dies. Under the forkserver start method that parent is the forkserver, not the batch.
- a watchdog thread that checks the batch's pid twice a second and ends the worker when that
  process is gone (or a zombie, or the pid was reused by a newer process).

With every worker gone, the forkserver sees its alive pipe close and exits by itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from pathlib import Path

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def die_with_parent(batch_pid: int | None) -> None:
    """Call in a worker process: end it when its parent or the batch process `batch_pid` dies."""
    _set_pdeathsig()
    if batch_pid is None or batch_pid == os.getpid():
        return
    started = _start_time(batch_pid)
    if started is None and not _exists(batch_pid):
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch, args=(batch_pid, started), name="fw-lifeline", daemon=True
    )
    watchdog.start()


def _set_pdeathsig() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the watchdog still covers the batch process


def _watch(pid: int, started: str | None) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if not alive(pid, started):
            os._exit(1)


def alive(pid: int, started: str | None) -> bool:
    """Is process `pid` (started at `started`, from /proc) still running, not a zombie?"""
    if started is None:
        return _exists(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[0] not in ("Z", "X", "x") and fields[19] == started


def _start_time(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rfind(")") + 2 :].split()[19]


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
