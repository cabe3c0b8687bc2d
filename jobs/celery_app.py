"""The Celery app: extraction tasks on workers on any machine that reaches the database, the
broker and the file store (README "Running on several machines").

Why these options: a task is acknowledged only after it ran (`task_acks_late`), and a task
whose worker process died is put back (`task_reject_on_worker_lost`); a worker killed outright
(SIGKILL, a lost machine) never acknowledges, and the Redis transport hands its tasks to
another worker once FILINGWATCH_VISIBILITY_TIMEOUT has passed. A task may thus run twice: the
claim on its filing (store/extraction_claims.py) and the claim-checked save make the second
run a no-op, so the facts are written once. `worker_prefetch_multiplier=1`: a worker holds
one task ahead per process, not a pile a dead worker would sit on.
"""

from __future__ import annotations

from celery import Celery

from store import settings as env

TASK_NAME = "filingwatch.extract"


def broker_url() -> str | None:
    """FILINGWATCH_BROKER_URL; None runs extraction in a local process pool."""
    return env.get("FILINGWATCH_BROKER_URL")


def queue_name() -> str:
    return env.get("FILINGWATCH_QUEUE") or "filingwatch"


def make_app(broker: str | None = None) -> Celery:
    """A Celery app on `broker` (default FILINGWATCH_BROKER_URL), settings read now."""
    visibility = env.get_float("FILINGWATCH_VISIBILITY_TIMEOUT")
    app = Celery("filingwatch", broker=broker or broker_url(), include=["jobs.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=queue_name(),
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility,
            # look for a dead worker's tasks every few seconds, not every 100 (kombu's default)
            "unacked_restore_interval": max(1.0, min(10.0, visibility / 4)),
            "unacked_restore_throttle": 1,
        },
    )
    return app


_APPS: dict[tuple, Celery] = {}


def current_app() -> Celery:
    """An app on the settings in effect now, for the sending side (enqueue, status): `app`
    below keeps the settings of when it was imported, which is what a worker wants."""
    key = tuple(
        env.get(name)
        for name in (
            "FILINGWATCH_BROKER_URL",
            "FILINGWATCH_QUEUE",
            "FILINGWATCH_VISIBILITY_TIMEOUT",
        )
    )
    if key not in _APPS:
        _APPS[key] = make_app()
    return _APPS[key]


#: the worker's app: `filingwatch worker` runs it, and jobs/tasks.py registers its task on it
app = make_app()
