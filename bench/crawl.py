"""Crawl throughput: N announcements from the replica into a fresh SQLite database.

    .venv/bin/python bench/crawl.py [--extra 5000] [--days 30] [--lang both]

Starts the replica (`--extra N` generated announcements, files pre-rendered so the server is
not what is measured), then one `run_crawl()` with politeness off (rate 0: no delay, no
AutoThrottle, 16 requests in flight) into a new SQLite file, and prints announcements/s and MB/s
(wall time of the whole child process: start-up, search, download, fsync, database write) and
the crawl process's peak RSS. Target (issue 3): >= 100 announcements/s, peak < 500 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler import run_crawl  # noqa: E402
from crawler.replica.testing import run_replica  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=5000, help="generated announcements")
    parser.add_argument("--days", type=int, default=30, help="days they are spread over")
    parser.add_argument("--lang", default="both", choices=("en", "zh", "both"))
    parser.add_argument("--verify", action="store_true", help="re-hash every stored file")
    args = parser.parse_args(argv)
    console = Console()

    with tempfile.TemporaryDirectory(prefix="fw-bench-crawl-") as tmp:
        console.print(f"starting the replica (--extra {args.extra}, pre-rendering files) ...")
        started = time.monotonic()
        with run_replica(days=args.days, extra=args.extra, prerender=True,
                         startup_timeout=1800) as replica:  # fmt: skip
            manifest = replica.manifest()
            console.print(f"replica ready in {time.monotonic() - started:.0f} s: "
                          f"{manifest['count']} announcements")  # fmt: skip
            window = manifest["replica"]
            db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            files_dir = Path(tmp) / "files"
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
            load_before = os.getloadavg()[0]
            t0 = time.monotonic()
            summary = run_crawl(
                window["first_day"], window["last_day"], lang=args.lang,
                base_url=replica.url, database_url=db_url, files_dir=str(files_dir), rate=0,
                log_level="WARNING",
            )  # fmt: skip
            wall = time.monotonic() - t0
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
            load_after = os.getloadavg()[0]
        if peak_kb <= before:
            console.print("[yellow]peak RSS may belong to an earlier child[/yellow]")
        expected = [e for e in manifest["announcements"] if args.lang in ("both", e["language"])]
        complete = summary["seen"] == len(expected) and summary["failed"] == 0
        if args.verify:
            bad = sum(
                1 for e in expected
                if not (files_dir / f"{e['sha256']}.{e['url'].rsplit('.', 1)[-1]}").exists()
            )  # fmt: skip
            complete = complete and bad == 0
            sample = next(files_dir.iterdir())
            assert hashlib.sha256(sample.read_bytes()).hexdigest() == sample.name.split(".")[0]

    table = Table(title="bench/crawl.py — replica -> fresh SQLite, politeness off")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    rows = [
        ("announcements crawled", f"{summary['seen']:,}", f"{len(expected):,}"),
        ("status", f"{summary['status']} ({'complete' if complete else 'INCOMPLETE'})", ""),
        ("files fetched", f"{summary.get('files_fetched', 0):,}", ""),
        ("MB downloaded", f"{summary.get('bytes', 0) / 1e6:.1f}", ""),
        ("wall time (child process, s)", f"{wall:.1f}", ""),
        ("announcements/s", f"{summary['seen'] / wall:.0f}", ">= 100"),
        ("MB/s", f"{summary.get('bytes', 0) / 1e6 / wall:.2f}", ""),
        ("peak RSS of the crawl process (MB)", f"{peak_kb / 1024:.0f}", "< 500"),
        ("CPU time of the crawl process (s)", f"{cpu:.1f}", ""),
        ("announcements per CPU-second", f"{summary['seen'] / cpu:.0f}", ""),
        (
            "load average, start / end (CPUs)",
            f"{load_before:.1f} / {load_after:.1f} ({os.cpu_count()})",
            "",
        ),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if summary.get("error"):
        console.print(f"error: {summary['error']}")
    return 0 if summary["status"] == "succeeded" and complete else 1


if __name__ == "__main__":
    sys.exit(main())
