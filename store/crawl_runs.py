"""Crawl-run records: the `CrawlRun` rows a crawl starts, counts into and finishes.

Why here: the crawler decides what a run means (its window, its high-water mark, whether its
process is dead: crawler/run_records.py); the rows are read and written only in the store.
Every function opens and commits its own transaction, except `set_crawl_run_counts`, which
writes inside the caller's (the pipeline's batch: rows and counters move together).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.engine import session, write_session
from store.models import Announcement, CrawlRun, Status, now_hk


def start_crawl_run(
    engine: Engine, window_from: date, window_to: date, params: dict[str, Any], pid: int
) -> int:
    """A new `running` row for this window; its id."""
    with write_session(engine) as s:
        run = CrawlRun(
            window_from=window_from, window_to=window_to, params=params, status="running", pid=pid
        )
        s.add(run)
        s.commit()
        s.refresh(run)
        return int(run.id)


def finish_crawl_run(
    engine: Engine,
    run_id: int,
    status: str,
    error: str | None = None,
    *,
    params: Mapping[str, Any] | None = None,
) -> None:
    """End the run with `status` and `error`; `params` are merged into the stored ones."""
    with write_session(engine) as s:
        run = s.get(CrawlRun, run_id)
        if run is None:
            return
        run.status = status
        run.error = error
        run.finished_at = now_hk()
        if params is not None:
            run.params = {**(run.params or {}), **params}
        s.add(run)
        s.commit()


def interrupt_crawl_run(engine: Engine, run_id: int, reason: str) -> bool:
    """Mark the run `interrupted` with `reason` if it still says `running`; whether it did."""
    with write_session(engine) as s:
        run = s.get(CrawlRun, run_id)
        if run is None or run.status != "running":
            return False
        run.status = "interrupted"
        run.error = reason
        run.finished_at = now_hk()
        s.add(run)
        s.commit()
        return True


def crawl_run(engine: Engine, run_id: int) -> CrawlRun | None:
    """The run's row (detached: readable after its session closed)."""
    with session(engine) as s:
        return s.get(CrawlRun, run_id)


def running_crawl_runs(engine: Engine) -> list[CrawlRun]:
    """Every run whose row says `running` (its process may be dead)."""
    with session(engine) as s:
        return list(s.exec(select(CrawlRun).where(CrawlRun.status == "running")).all())


def ended_crawl_runs(engine: Engine) -> list[CrawlRun]:
    """Succeeded and failed runs in the order they started (what the high-water mark walks)."""
    with session(engine) as s:
        return list(
            s.exec(
                select(CrawlRun)
                .where(CrawlRun.status.in_(("succeeded", "failed")))  # type: ignore[attr-defined]
                .order_by(CrawlRun.id)  # type: ignore[arg-type]
            ).all()
        )


def set_crawl_run_counts(s: Session, run_id: int, counts: Mapping[str, int]) -> None:
    """Store the run's totals so far (seen = their sum; new, changed, unchanged, failed), in
    the caller's transaction. A run that is gone is left alone."""
    run = s.get(CrawlRun, run_id)
    if run is None:
        return
    run.seen = sum(counts.values())
    run.new, run.changed = counts.get("new", 0), counts.get("changed", 0)
    run.unchanged, run.failed = counts.get("unchanged", 0), counts.get("failed", 0)
    s.add(run)


def oldest_retryable_failure(engine: Engine, max_attempts: int) -> datetime | None:
    """Publication time of the oldest announcement whose file failed fewer than
    `max_attempts` times (a market-wide crawl reaches back to it)."""
    with session(engine) as s:
        return s.exec(
            select(Announcement.published_at)
            .where(Announcement.status == Status.failed)
            .where(Announcement.attempts < max_attempts)
            .order_by(Announcement.published_at)  # type: ignore[arg-type]
            .limit(1)
        ).first()
