"""`python -m crawler.crawl_process ...`: one crawl, in its own process (Twisted's reactor
cannot restart); crawler.crawl_launcher starts it.

Order of work: schema, mark dead runs `interrupted`, remove orphan temp files, pick the window,
record a `running` CrawlRun with our pid, crawl, then mark the run `succeeded`, `failed` (with
the reasons and the windows left unread, which keep the high-water mark before them; see
crawler.run_records) or `interrupted` (SIGINT/SIGTERM). A failure the spider cannot tie to a
window (a database write, a crash of the crawl machinery) leaves the whole window unread.
Progress and the final summary are JSON lines on stdout (see crawler.progress). Scrapy's own log
goes to `<FILINGWATCH_LOG_DIR>/crawl-<run>.log` (its path is in the summary), not the terminal:
its banner, settings and stats dump are for debugging; `--verbose` sends it to stderr instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess

import store
from crawler.filestore import clean_orphans
from crawler.progress import emit
from crawler.run_records import (
    default_window,
    finish_run,
    merge_windows,
    recover_interrupted,
    run_summary,
    scope_of,
    start_run,
)
from crawler.settings import crawl_settings
from crawler.spiders.hkexnews import HkexnewsSpider
from crawler.urls import resolve_base_url
from crawler.windows import Window
from store import settings as env

MAX_ERRORS_IN_MESSAGE = 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crawler.crawl_process", description=__doc__)
    parser.add_argument("--from", dest="date_from", type=date.fromisoformat)
    parser.add_argument("--to", dest="date_to", type=date.fromisoformat)
    parser.add_argument("--stock", dest="stock_codes", action="append", default=[])
    parser.add_argument("--category", dest="categories", action="append", default=[])
    parser.add_argument("--lang", choices=("en", "zh", "both"), default="en")
    parser.add_argument("--base-url")
    parser.add_argument("--database-url")
    parser.add_argument("--files-dir")
    parser.add_argument("--rate", type=float)
    parser.add_argument("--log-level")
    parser.add_argument("--settings-json", default="{}", help="extra Scrapy settings (tests)")
    parser.add_argument("--progress", action="store_true", help="JSON progress lines on stdout")
    parser.add_argument("--verbose", action="store_true", help="Scrapy's log on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.monotonic()
    database_url = args.database_url or store.database_url()
    files_dir = args.files_dir or env.get("FILINGWATCH_FILES_DIR")
    base_url = resolve_base_url(args.base_url)
    engine = store.make_engine(database_url)
    store.ensure_schema(engine)
    interrupted = recover_interrupted(engine)
    orphans = clean_orphans(files_dir)
    scope = scope_of(args.stock_codes, args.categories, args.lang)
    window = default_window(engine, scope, args.date_from, args.date_to)
    params = {
        "scope": scope,
        "base_url": base_url,
        "stock_codes": args.stock_codes,
        "categories": args.categories,
        "lang": args.lang,
        "rate": args.rate,
    }
    run_id = start_run(engine, window, params, pid=os.getpid())
    emit(
        "started",
        run_id=run_id,
        window_from=window.start.isoformat(),
        window_to=window.end.isoformat(),
        interrupted_runs=interrupted,
        orphans_removed=orphans,
    )
    overrides: dict[str, Any] = json.loads(args.settings_json)
    overrides.update(
        FILINGWATCH_DATABASE_URL=database_url,
        FILINGWATCH_RUN_ID=run_id,
        FILINGWATCH_PROGRESS=args.progress,
    )
    if args.log_level:
        overrides["LOG_LEVEL"] = args.log_level
    log_file = None if args.verbose else log_path(run_id)
    if log_file is not None:
        overrides.update(LOG_FILE=str(log_file), LOG_FILE_APPEND=False)
    settings = crawl_settings(rate=args.rate, files_dir=files_dir, overrides=overrides)

    errors: list[str] = []
    unfinished: list[Window] = []
    status = "succeeded"
    stats: dict[str, Any] = {}
    try:
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(HkexnewsSpider)
        process.crawl(
            crawler,
            date_from=window.start,
            date_to=window.end,
            stock_codes=args.stock_codes,
            categories=args.categories,
            lang=args.lang,
            base_url=base_url,
        )
        process.start()
        stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        spider = crawler.spider
        errors = list(getattr(spider, "errors", []) or [])
        unfinished = list(getattr(spider, "failed_windows", []) or [])
        reason = stats.get("finish_reason", "")
        if reason == "shutdown":
            status = "interrupted"
            errors.insert(0, "crawl stopped by a signal before it finished")
        elif reason not in ("finished", "") and not errors:
            errors.append(f"crawl ended early: {reason}")
    except Exception as exc:  # a crash of the crawl machinery fails the run, with the reason
        errors.append(f"crawl crashed: {type(exc).__name__}: {exc}".splitlines()[0])
    if len(errors) > len(unfinished):  # some failure not tied to a window: all of it is unsure
        unfinished.append(window)
    if errors and status == "succeeded":
        status = "failed"
    finish_run(
        engine,
        run_id,
        status,
        _error_message(errors, unfinished),
        unfinished=unfinished if status != "interrupted" else None,
    )
    summary = run_summary(engine, run_id)
    summary.update(
        files_fetched=int(stats.get("filingwatch/files_fetched", 0) or 0),
        bytes=int(stats.get("filingwatch/file_bytes", 0) or 0),
        search_pages=int(stats.get("filingwatch/search_pages", 0) or 0),
        elapsed_s=round(time.monotonic() - started, 3),
        interrupted_runs=interrupted,
        orphans_removed=orphans,
        errors=errors,
        log_file=str(log_file) if log_file is not None else None,
    )
    engine.dispose()
    emit("finished", **summary)
    return 0 if status == "succeeded" else 1


def log_path(run_id: int) -> Path:
    """`<FILINGWATCH_LOG_DIR>/crawl-<run>.log`, its directory made."""
    directory = Path(env.get("FILINGWATCH_LOG_DIR") or "data/logs")
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"crawl-{run_id}.log"


def _error_message(errors: list[str], unfinished: list[Window]) -> str | None:
    """One line: the windows left unread, then the reasons, requests that failed alike
    grouped (`search A en, search B zh failed: HTTP 500 after 4 retries`)."""
    if not errors:
        return None
    grouped: dict[str, list[str]] = {}
    for error in errors:
        subject, sep, reason = error.partition(" failed: ")
        grouped.setdefault(reason if sep else error, []).append(subject if sep else "")
    lines = [
        f"{', '.join(subjects)} failed: {reason}" if subjects[0] else reason
        for reason, subjects in grouped.items()
    ]
    shown = lines[:MAX_ERRORS_IN_MESSAGE]
    more = len(lines) - len(shown)
    head = ""
    if unfinished:
        head = "not read: " + ", ".join(str(part) for part in merge_windows(unfinished)) + " — "
    return head + "; ".join(shown) + (f"; and {more} more" if more else "")


if __name__ == "__main__":
    sys.exit(main())
