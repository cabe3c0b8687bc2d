"""`run_crawl()`: one crawl in a child process, callable many times from one process.

Twisted's reactor cannot be restarted (scrapy issues #2941, #5026), so the scheduler and the CLI
never run Scrapy in their own process: each crawl is `python -m crawler.crawl_process` in a
fresh child, which this module starts, watches (progress lines, the time limit) and reads the
summary of. Arguments are checked here first, so a typo fails fast with a clear message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

import store
from crawler.parsing import normalise_stock_code
from crawler.query import LANGUAGES, parse_category
from crawler.run_records import finish_run, mark_if_dead, run_summary
from crawler.settings import crawl_rate, crawl_timeout
from crawler.urls import resolve_base_url

ProgressCallback = Callable[[dict[str, Any]], None]


class CrawlSummary(TypedDict, total=False):
    """What `run_crawl` returns: the CrawlRun row plus what the crawl process measured."""

    run_id: int | None
    status: str  # succeeded / failed / interrupted
    window_from: str  # ISO dates, Hong Kong
    window_to: str
    seen: int
    new: int
    changed: int
    unchanged: int
    failed: int
    error: str | None  # one line: "not read: <windows> — " then the reasons, "; "-joined
    unfinished: list[str]  # windows left unread ("2026-11-27..2026-11-30"), re-read next run
    complete_through: str | None  # ISO day the scope's high-water mark may reach (None: kept)
    started_at: str | None
    finished_at: str | None
    files_fetched: int
    bytes: int
    search_pages: int
    elapsed_s: float
    interrupted_runs: list[int]  # runs this crawl found dead and marked interrupted
    orphans_removed: int  # temporary files of dead writers removed at start
    errors: list[str]
    log_file: str | None  # where Scrapy's log went (None: stderr, --verbose)


PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: After the time limit the child gets SIGTERM (Scrapy closes the spider and records the run
#: as interrupted), then SIGKILL if it is still there this many seconds later.
STOP_GRACE_SECONDS = 30.0


def run_crawl(
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    *,
    stock_codes: Iterable[str] = (),
    categories: Iterable[str] = (),
    lang: str = "en",
    base_url: str | None = None,
    database_url: str | None = None,
    files_dir: str | None = None,
    rate: float | None = None,
    progress: ProgressCallback | None = None,
    log_level: str | None = None,
    settings: dict[str, Any] | None = None,
    timeout: float | None = None,
    verbose: bool = False,
) -> CrawlSummary:
    """Crawl HKEXnews (or the replica at `base_url`) into the database; return the run summary.

    Open ends default to: from = last succeeded run's high-water mark minus one day (first run:
    the last 7 days), to = today in Hong Kong. `rate` is requests/s (default
    FILINGWATCH_CRAWL_RATE or 1; 0 = politeness off, replica only). `files_dir` defaults to
    FILINGWATCH_FILES_DIR or data/files. `progress` gets dicts (`event` "started", "progress"
    with seen/files/..., "finished"). `settings` are extra Scrapy settings (tests use
    `crawler.settings.FAST_TEST_SETTINGS`). `timeout` (seconds; default
    FILINGWATCH_CRAWL_TIMEOUT or 6 hours, 0 = none) stops a crawl that runs longer: the run
    is then interrupted, with the limit as its error. Scrapy's log goes to the file the
    summary names (`log_file`, under FILINGWATCH_LOG_DIR), or with `verbose` to stderr.
    The summary has run_id, status (succeeded/failed/interrupted), window_from/window_to, seen,
    new, changed, unchanged, failed, files_fetched, bytes, elapsed_s, error, and the windows
    a failed run left `unfinished` (a search or stock lookup that got no usable answer), which
    the next run reads again.
    """
    codes = [normalise_stock_code(code) for code in stock_codes]
    cats = list(categories)
    for spec in cats:
        parse_category(spec)
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    start, end = _as_date(date_from), _as_date(date_to)
    if start and end and end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    rate = crawl_rate(rate)
    limit = crawl_timeout(timeout)
    database_url = database_url or store.database_url()
    command = [sys.executable, "-m", "crawler.crawl_process", "--lang", lang, "--progress"]
    command += ["--base-url", resolve_base_url(base_url)]
    command += ["--rate", str(rate)]
    if start:
        command += ["--from", start.isoformat()]
    if end:
        command += ["--to", end.isoformat()]
    for code in codes:
        command += ["--stock", code]
    for spec in cats:
        command += ["--category", spec]
    if files_dir:
        command += ["--files-dir", str(files_dir)]
    if log_level:
        command += ["--log-level", log_level]
    if verbose:
        command.append("--verbose")
    if settings:
        command += ["--settings-json", json.dumps(settings)]
    env = dict(os.environ)
    env["FILINGWATCH_DATABASE_URL"] = database_url  # not argv: `ps` would show a password
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    return _run_child(command, env, database_url, progress, limit)


def _run_child(
    command: list[str],
    env: dict[str, str],
    database_url: str,
    progress: ProgressCallback | None,
    timeout: float | None,
) -> CrawlSummary:
    run_id: int | None = None
    summary: dict[str, Any] | None = None
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env
    ) as child:
        stopped = threading.Event()
        watchdog = threading.Timer(timeout or 0, _stop, (child, stopped))
        watchdog.daemon = True
        if timeout:
            watchdog.start()
        try:
            assert child.stdout is not None
            for line in child.stdout:
                event = _parse_event(line)
                if event is None:
                    continue
                if event["event"] == "started":
                    run_id = int(event["run_id"])
                elif event["event"] == "finished":
                    summary = event
                if progress is not None:
                    progress(event)
            code = child.wait()
        finally:
            watchdog.cancel()
    if stopped.is_set() and run_id is not None:
        row = _stopped(database_url, run_id, f"crawl stopped at its time limit of {timeout:g} s")
        if summary is None:
            return row
        summary.update(status=row["status"], error=row["error"])
    if summary is not None:
        summary.pop("event", None)
        return CrawlSummary(**summary)  # type: ignore[typeddict-item]
    # The child died without a summary (killed, or crashed before its first line).
    reason = f"crawl process exited with code {code} before finishing"
    if stopped.is_set():
        reason = f"crawl stopped at its time limit of {timeout:g} s before it started"
    if run_id is None:
        return {
            "run_id": None,
            "status": "failed",
            "error": reason,
            "seen": 0,
            "new": 0,
            "changed": 0,
            "unchanged": 0,
            "failed": 0,
        }
    engine = store.make_engine(database_url)
    try:
        mark_if_dead(engine, run_id, reason)
        return CrawlSummary(**run_summary(engine, run_id))  # type: ignore[typeddict-item]
    finally:
        engine.dispose()


def _stop(child: subprocess.Popen, stopped: threading.Event) -> None:
    """The time limit: SIGTERM (a graceful close), then SIGKILL after the grace period."""
    stopped.set()
    child.terminate()
    try:
        child.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()


def _stopped(database_url: str, run_id: int, reason: str) -> CrawlSummary:
    """The run a time limit ended: interrupted, with the limit as its error."""
    engine = store.make_engine(database_url)
    try:
        if run_summary(engine, run_id)["status"] in ("running", "interrupted"):
            finish_run(engine, run_id, "interrupted", reason)
        return CrawlSummary(**run_summary(engine, run_id))  # type: ignore[typeddict-item]
    finally:
        engine.dispose()


def _parse_event(line: str) -> dict[str, Any] | None:
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return None
    return event if isinstance(event, dict) and "event" in event else None


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
