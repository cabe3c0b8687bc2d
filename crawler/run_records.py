"""What crawl-run records mean: start, finish, recover the interrupted, and the default window.

The rows themselves are read and written by the store (store/crawl_runs.py); this module holds
the crawler's rules about them.

A run stores its pid and host; a later run that finds a `running` row whose process is gone
marks it `interrupted`.

The high-water mark never passes a day that was not completely read. A finished run stores in
its `params` the windows it left unread (`unfinished`: a search or stock lookup that failed,
see the spider's rule 6) and `complete_through`: the last day before the first of them (its
`window_to` when nothing failed; the day before `window_from` when the first day failed).
The mark of a scope (same stocks, categories, language) is walked over its succeeded and failed
runs in the order they started: a run that starts no later than the day after the mark moves
it up to its `complete_through`; a run that starts beyond it (an explicit `--from` that leaves
a gap) does not; an interrupted run never does. The default window starts one day before the
mark (the last day of a run is usually read before it ends), so the next run re-reads every
unfinished window. A market-wide run also reaches back to the oldest announcement whose file
failed (fewer than MAX_FILE_ATTEMPTS times), so a document that was broken on one night is
fetched again.
"""

from __future__ import annotations

import socket
from datetime import date, timedelta
from typing import Any

import store
from crawler.filestore import pid_alive
from crawler.windows import Window, today_hk
from store import Engine

FIRST_RUN_DAYS = 7
OVERLAP = timedelta(days=1)
MAX_FILE_ATTEMPTS = 5


def scope_of(stock_codes: list[str], categories: list[str], lang: str) -> str:
    """Which runs share a high-water mark: `lang=en;stocks=00700,03888;categories=`."""
    return (
        f"lang={lang};stocks={','.join(sorted(stock_codes))};"
        f"categories={','.join(sorted(categories))}"
    )


def default_window(
    engine: Engine,
    scope: str,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    today: date | None = None,
) -> Window:
    """The window to crawl when the caller leaves an end open (see the module docstring)."""
    today = today or today_hk()
    end = date_to or today
    if date_from is None:
        mark = high_water_mark(engine, scope)
        date_from = (mark - OVERLAP) if mark else (today - timedelta(days=FIRST_RUN_DAYS))
        if scope.endswith(";stocks=;categories="):  # market-wide: every failed file is ours
            retry_from = oldest_failed_day(engine)
            if retry_from is not None:
                date_from = min(date_from, retry_from)
        date_from = min(date_from, end)
    return Window(date_from, end)


def oldest_failed_day(engine: Engine) -> date | None:
    """Hong Kong date of the oldest announcement whose file failed and may be tried again."""
    published = store.oldest_retryable_failure(engine, MAX_FILE_ATTEMPTS)
    return published.date() if published is not None else None


def high_water_mark(engine: Engine, scope: str) -> date | None:
    """The last day up to which this scope has been read without a gap (module docstring)."""
    mark: date | None = None
    for run in store.ended_crawl_runs(engine):
        if (run.params or {}).get("scope") != scope:
            continue
        through = complete_through_of(run)
        if through is None or (mark is not None and run.window_from > mark + timedelta(days=1)):
            continue
        mark = through if mark is None else max(mark, through)
    return mark


def complete_through_of(run: store.CrawlRun) -> date | None:
    """The run's `complete_through`; runs recorded before it existed: `window_to` if they
    succeeded, nothing if they failed."""
    stored = (run.params or {}).get("complete_through")
    if stored:
        return date.fromisoformat(stored)
    return run.window_to if run.status == "succeeded" else None


def complete_through(window: Window, unfinished: list[Window]) -> date:
    """The last day of `window` before the first unfinished one (module docstring)."""
    if not unfinished:
        return window.end
    first = min(part.start for part in unfinished)
    return max(min(first, window.end + timedelta(days=1)), window.start) - timedelta(days=1)


def merge_windows(windows: list[Window]) -> list[Window]:
    """Overlapping or touching windows joined, in date order (for the run's record)."""
    merged: list[Window] = []
    for part in sorted(windows):
        if merged and part.start <= merged[-1].end + timedelta(days=1):
            if part.end > merged[-1].end:
                merged[-1] = Window(merged[-1].start, part.end)
        else:
            merged.append(part)
    return merged


def recover_interrupted(engine: Engine) -> list[int]:
    """Mark `running` runs of this host whose process is dead as `interrupted`."""
    host = socket.gethostname()
    recovered: list[int] = []
    for run in store.running_crawl_runs(engine):
        if (run.params or {}).get("host") != host or (run.pid and pid_alive(run.pid)):
            continue
        reason = f"crawl process {run.pid} died before finishing (killed or crashed)"
        if store.interrupt_crawl_run(engine, int(run.id), reason):
            recovered.append(int(run.id))
    return recovered


def start_run(engine: Engine, window: Window, params: dict[str, Any], pid: int) -> int:
    """Record a `running` run of this host and process; its id."""
    params = {**params, "host": socket.gethostname()}
    return store.start_crawl_run(engine, window.start, window.end, params, pid)


def finish_run(
    engine: Engine,
    run_id: int,
    status: str,
    error: str | None = None,
    *,
    unfinished: list[Window] | None = None,
) -> None:
    """End the run. `unfinished` (succeeded/failed runs only) records the windows left unread
    and `complete_through`, which the next run's default window starts from."""
    params = None
    if unfinished is not None:
        run = store.crawl_run(engine, run_id)
        if run is None:
            return
        parts = merge_windows(unfinished)
        params = {
            "unfinished": [str(part) for part in parts],
            "complete_through": complete_through(
                Window(run.window_from, run.window_to), parts
            ).isoformat(),
        }
    store.finish_crawl_run(engine, run_id, status, error, params=params)


def mark_if_dead(engine: Engine, run_id: int, reason: str) -> None:
    """The parent's view: its child is gone and the row still says running."""
    store.interrupt_crawl_run(engine, run_id, reason)


def run_summary(engine: Engine, run_id: int) -> dict[str, Any]:
    """The run's record as the crawl summary's fields (ISO dates and times)."""
    run = store.crawl_run(engine, run_id)
    if run is None:
        raise LookupError(f"no crawl run {run_id}")
    params = run.params or {}
    return {
        "run_id": run.id,
        "status": run.status,
        "window_from": run.window_from.isoformat(),
        "window_to": run.window_to.isoformat(),
        "seen": run.seen,
        "new": run.new,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "failed": run.failed,
        "error": run.error,
        "unfinished": list(params.get("unfinished") or []),
        "complete_through": params.get("complete_through"),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }
