"""`filingwatch worker`: a Celery worker for extraction tasks, on any machine that reaches the
database, the broker and the file store.

Why a function here: the worker's limits reach the task module before the worker forks its
processes, and cli.py stays a thin wrapper.
"""

from __future__ import annotations

import socket


def run_worker(
    concurrency: int = 2,
    *,
    name: str | None = None,
    time_limit: float | None = None,
    memory_mb: int | None = None,
    loglevel: str = "INFO",
) -> None:
    """Run a worker in the foreground until SIGTERM/SIGINT (a warm shutdown: tasks finish)."""
    from jobs import tasks
    from jobs.celery_app import app, queue_name

    if time_limit is not None:
        tasks.LIMITS["time_limit"] = time_limit
    if memory_mb is not None:
        tasks.LIMITS["memory_mb"] = memory_mb
    argv = [
        "worker",
        f"--concurrency={max(1, concurrency)}",
        "--pool=prefork",
        f"--queues={queue_name()}",
        f"--hostname={name or 'filingwatch'}@{socket.gethostname()}",
        f"--loglevel={loglevel}",
        "--without-mingle",
        "--without-gossip",
    ]
    app.worker_main(argv)
