"""The nightly cycle and its scheduler: crawl the new window -> extract -> pair editions ->
match -> deliver.

`run_cycle` runs one cycle under a database lock (`store.try_lock`, store/locks.py), so two
schedulers on two machines never run a cycle at the same time: on PostgreSQL a session advisory
lock held for the whole cycle (released by the server if the process dies); on SQLite a
`SchedulerLock` row with an expiry that a heartbeat thread keeps pushing forward, taken over by
another process only once it has expired. A cycle that finds the lock taken returns `{"status":
"skipped: locked"}` at once rather than queueing behind it.

`run_schedule` runs APScheduler 3.x in the foreground (`filingwatch schedule`): a cron trigger
in Asia/Hong_Kong (FILINGWATCH_SCHEDULE, default "30 23 * * *"), the job kept in an
SQLAlchemyJobStore in the same database (`store.job_store`), `coalesce=True` (missed runs
collapse into one), `max_instances=1` and an explicit `misfire_grace_time`
(FILINGWATCH_MISFIRE_GRACE_SECONDS, default 3 hours: a scheduler that was down at 23:30 and is
back by 02:30 still runs that night's cycle, once). The crawl runs in a fresh child process each
time (`crawler.run_crawl`): Twisted's reactor cannot be restarted. SIGTERM or SIGINT stops
scheduling; a cycle already running is allowed to finish (its locks are released properly)
before the process exits.

The extract stage is `jobs.run_pending`: with FILINGWATCH_BROKER_URL set it queues one Celery
task per fetched filing for `filingwatch worker`s on any machine and waits for them (the later
stages need the facts); without one it reads them in a local process pool as before.

A cycle whose crawl did not succeed is `failed` (its unread windows are read by the next one;
see crawler.run_records), one with another stage's error `ok with errors`; either way the later
stages still run on what is stored, and the operator (FILINGWATCH_OPERATOR_EMAIL and/or
FILINGWATCH_OPERATOR_WEBHOOK, see alerts.operator) is sent one notice saying what failed.
"""

from __future__ import annotations

import dataclasses
import logging
import pickle
import re
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from apscheduler.events import EVENT_SCHEDULER_STARTED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

import alerts
import store
from store import HK, Engine
from store import settings as env

log = logging.getLogger("filingwatch.scheduler")

DEFAULT_SCHEDULE = "30 23 * * *"
DEFAULT_MISFIRE_GRACE_SECONDS = 3 * 3600
JOB_ID = "filingwatch-cycle"
LOCK_NAME = "cycle"
#: SQLite lock rows expire this long after the last heartbeat (a dead holder blocks no longer).
LOCK_TTL_SECONDS = store.LOCK_TTL_SECONDS
SKIPPED = "skipped: locked"
_DOW_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


# --- one cycle --------------------------------------------------------------------------------


def run_cycle(
    base_url: str | None = None,
    engine: Engine | None = None,
    *,
    crawl_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run crawl -> extract -> match -> deliver once, under the database lock.

    Returns the counts per stage (`crawl` is the CrawlRun summary) and `status`: "ok",
    "failed" (the crawl did not succeed) or "ok with errors" (another stage failed); or
    `{"status": "skipped: locked"}` when another cycle holds the lock. A failing stage is
    recorded in the result and the later stages still run: alerts for what is already stored
    should not wait for the exchange to come back. A cycle that is not "ok" notifies the
    operator; `operator_notified` lists how each notice went.
    """
    own_engine = engine is None
    engine = engine or store.make_engine()
    try:
        store.ensure_schema(engine)
        with cycle_lock(engine) as acquired:
            if not acquired:
                log.info("another cycle holds the lock; skipping")
                return {"status": SKIPPED}
            result = run_stages(engine, base_url, crawl_options or {})
            result["status"] = cycle_status(result)
            if result["status"] != "ok":
                log.error("cycle %s: %s", result["status"], "; ".join(result.get("errors", [])))
                notices = alerts.notify_operator(*failure_notice(result))
                if notices:
                    result["operator_notified"] = notices
            return result
    finally:
        if own_engine:
            engine.dispose()


def run_stages(engine: Engine, base_url: str | None, crawl_options: dict[str, Any]) -> dict:
    """The cycle's stages in order; each failure is recorded as one line and the next goes on."""
    result: dict[str, Any] = {"errors": []}

    def stage(name: str, fn: Any) -> None:
        try:
            result[name] = fn()
        except Exception as exc:  # noqa: BLE001 - one stage failing must not stop the cycle
            reason = f"{name}: {type(exc).__name__}: {exc}".splitlines()[0]
            log.exception("cycle stage %s failed", name)
            result["errors"].append(reason)

    stage("crawl", lambda: _crawl(engine, base_url, crawl_options))
    crawl = result.get("crawl") or {}
    if crawl and crawl.get("status") != "succeeded":
        result["errors"].append(f"crawl {crawl.get('status')}: {crawl.get('error')}")
    stage("extracted", lambda: _extract(engine))
    # Pairing links English and Chinese names, so a subscription by either script matches.
    stage("paired", lambda: _pair(engine))
    stage("matched", lambda: alerts.match_new(engine))
    # The cycle lock is held: any alert still "sending" was left by a dead process.
    stage("delivered", lambda: alerts.deliver_pending(engine, takeover_claims=True))
    if not result["errors"]:
        result.pop("errors")
    return result


#: What the operator's webhook payload carries of the crawl's summary.
NOTICE_CRAWL_KEYS = ("run_id", "status", "window_from", "window_to", "unfinished",
                     "complete_through", "seen", "new", "failed", "error")  # fmt: skip


def cycle_status(result: dict[str, Any]) -> str:
    """The cycle's verdict: "failed" when the crawl raised or did not succeed, "ok with
    errors" when another stage failed, else "ok"."""
    crawl = result.get("crawl")
    errors = result.get("errors") or []
    if (crawl and crawl.get("status") != "succeeded") or any(
        error.startswith("crawl: ") for error in errors
    ):
        return "failed"
    return "ok with errors" if errors else "ok"


def failure_notice(result: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """The operator's notice for a cycle that is not ok: subject, plain text, JSON payload."""
    crawl = result.get("crawl") or {}
    errors = list(result.get("errors") or [])
    host = socket.gethostname()
    when = store.now_hk().isoformat(timespec="seconds")
    what = "crawl failed" if result["status"] == "failed" else "a stage failed"
    run = ""
    if crawl.get("run_id") is not None:
        window = f"{crawl.get('window_from')}..{crawl.get('window_to')}"
        run = f" (crawl run {crawl['run_id']}, {window})"
    lines = [f"The filingwatch cycle on {host} at {when} (Hong Kong) ended {result['status']}.", ""]
    if crawl:
        lines.append(
            f"Crawl{run}: {crawl.get('status')}; seen {crawl.get('seen', 0)}, "
            f"new {crawl.get('new', 0)}, failed files {crawl.get('failed', 0)}."
        )
    if crawl.get("unfinished"):
        lines.append(
            f"Not read: {', '.join(crawl['unfinished'])}. The high-water mark stays at "
            f"{crawl.get('complete_through')}; the next cycle reads these days again."
        )
    lines += ["", "Errors:", *(f"- {error}" for error in errors), ""]
    lines.append(
        "Later stages ran on what is stored: "
        + ", ".join(f"{k} {_count(result.get(k))}" for k in ("extracted", "matched", "delivered"))
        + "."
    )
    payload = {
        "event": "cycle_failed" if result["status"] == "failed" else "cycle_errors",
        "status": result["status"],
        "host": host,
        "at": when,
        "errors": errors,
        "crawl": {key: crawl.get(key) for key in NOTICE_CRAWL_KEYS},
    }
    return f"filingwatch: {what}{run}", "\n".join(lines) + "\n", payload


def _count(value: Any) -> str:
    if isinstance(value, dict):  # extract's summary: its counts
        return ", ".join(f"{k}={v}" for k, v in value.items() if isinstance(v, int)) or "-"
    return "-" if value is None else str(value)


def _crawl(engine: Engine, base_url: str | None, options: dict[str, Any]) -> dict[str, Any]:
    import crawler  # imported late: Scrapy is heavy and the crawl itself runs in a child

    options = dict(options)
    options.setdefault("lang", env.get("FILINGWATCH_CRAWL_LANG"))
    return crawler.run_crawl(
        base_url=base_url,
        database_url=store.url_of(engine, hide_password=False),
        **options,
    )


def _extract(engine: Engine) -> Any:
    import jobs  # imported late: spaCy is heavy

    summary = jobs.run_pending(engine)
    return dataclasses.asdict(summary) if dataclasses.is_dataclass(summary) else summary


def _pair(engine: Engine) -> int:
    import jobs

    return jobs.pair_editions(engine)


# --- the lock ---------------------------------------------------------------------------------


@contextmanager
def cycle_lock(
    engine: Engine, name: str = LOCK_NAME, ttl: float = LOCK_TTL_SECONDS
) -> Iterator[bool]:
    """Yield True while this process holds the cycle lock, False (at once) if another does."""
    with store.try_lock(engine, name, ttl) as acquired:
        yield acquired


# --- the schedule -----------------------------------------------------------------------------


def parse_schedule(expr: str | None = None) -> CronTrigger:
    """A cron trigger in Hong Kong time from FILINGWATCH_SCHEDULE or `expr`.

    Five fields are standard crontab (minute hour day month day-of-week, 0 or 7 = Sunday as in
    cron, not APScheduler 3's 0 = Monday); six fields put seconds first (used by tests).
    """
    expr = expr or env.get("FILINGWATCH_SCHEDULE") or DEFAULT_SCHEDULE
    fields = expr.split()
    if len(fields) not in (5, 6):
        raise ValueError(f"schedule must have 5 (or 6, seconds first) fields: {expr!r}")
    second = fields.pop(0) if len(fields) == 6 else "0"
    minute, hour, day, month, dow = fields
    dow = re.sub(r"\d+", lambda m: _DOW_NAMES[int(m.group()) % 7], dow)
    return CronTrigger(
        second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=dow, timezone=HK
    )


def misfire_grace_seconds() -> int:
    return env.get_int("FILINGWATCH_MISFIRE_GRACE_SECONDS")


def run_scheduled_cycle(
    database_url: str | None = None, base_url: str | None = None
) -> dict[str, Any]:
    """The job the scheduler stores (by name, so the job store can pickle a reference to it).

    `database_url` None means FILINGWATCH_DATABASE_URL at run time, so a password in it is
    never pickled into the job store.
    """
    engine = store.make_engine(database_url or store.database_url())
    try:
        result = run_cycle(base_url, engine)
    finally:
        engine.dispose()
    log.info("cycle finished: %s", result)
    print(f"cycle: {result}", flush=True)
    return result


def build_scheduler(
    database_url: str | None = None,
    *,
    base_url: str | None = None,
    schedule: str | None = None,
) -> BlockingScheduler:
    """A BlockingScheduler whose one job, the cycle, lives in the database's job store."""
    engine = store.make_engine(database_url or store.database_url())
    store.ensure_schema(engine)
    jobs = store.job_store(engine)
    trigger = parse_schedule(schedule)
    grace = misfire_grace_seconds()
    sched = BlockingScheduler(
        jobstores={"default": jobs},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone=HK,
    )
    kwargs = {"database_url": database_url, "base_url": base_url}
    if not _stored_job_matches(engine, trigger, kwargs):
        # A changed schedule or target replaces the job; an unchanged one keeps its stored
        # next run time, so a run missed while we were down still fires (coalesced) on start.
        sched.add_job(
            "scheduler:run_scheduled_cycle",
            trigger=trigger,
            id=JOB_ID,
            name="filingwatch nightly cycle",
            kwargs=kwargs,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=grace,
        )
    return sched


def _stored_job_matches(engine: Engine, trigger: CronTrigger, kwargs: dict[str, Any]) -> bool:
    state = store.stored_job_state(engine, JOB_ID)
    if not state:
        return False
    try:
        job = pickle.loads(state)
    except Exception:  # noqa: BLE001 - an unreadable stored job is simply replaced
        return False
    return str(job.get("trigger")) == str(trigger) and job.get("kwargs") == kwargs


def run_schedule(
    database_url: str | None = None,
    *,
    base_url: str | None = None,
    schedule: str | None = None,
) -> None:
    """Run the scheduler in the foreground until SIGTERM or SIGINT."""
    sched = build_scheduler(database_url, base_url=base_url, schedule=schedule)

    def stop(signum: int, _frame: Any) -> None:
        print(f"received {signal.Signals(signum).name}; stopping the scheduler", flush=True)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second signal stops at once
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        sched.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sched.add_listener(lambda _e: _print_next(sched), mask=EVENT_SCHEDULER_STARTED)
    sched.start()  # blocks until stop(); a running cycle's thread finishes before exit
    print("scheduler stopped", flush=True)


def _print_next(sched: BlockingScheduler) -> None:
    job = sched.get_job(JOB_ID)
    when = job.next_run_time.isoformat() if job and job.next_run_time else "never"
    print(f"scheduler started; next cycle at {when}", flush=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    run_schedule()
