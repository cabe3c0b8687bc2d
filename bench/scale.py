"""Extraction on Celery workers: docs/s and pages/s for 1 and 2 workers on this machine.

    python bench/scale.py [--n 120] [--broker redis://127.0.0.1:6379/14]

Renders the gold corpus texts to PDF (reportlab, as bench/extract.py), cycled to --n files,
stores them as fetched filings in a PostgreSQL database of its own (on
FILINGWATCH_TEST_POSTGRES_URL's server, dropped at the end), then for 1 and 2 workers
(`filingwatch worker --concurrency 1` each, real subprocesses, a queue of its own) queues
every filing and times until the last is saved. Prints per run: wall time, docs/s, pages/s,
the speed-up over one worker, and the reading stage split out (PDF reading vs the rest:
extraction, claims and saving), from each worker's per-filing log line (jobs/tasks.py).
The estimate for a full-archive reprocess on N machines is README "Running on several
machines".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from store import bench_data, settings  # noqa: E402
from tests.support.pdfs import render_text_pdf  # noqa: E402

CORPUS = ROOT / "crawler" / "replica" / "corpus"
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"
LINE = re.compile(r"filing (\d+): saved \((\d+) pages, read ([\d.]+) s, extract ([\d.]+) s\)")


def make_pdfs(n: int, out: Path) -> list[Path]:
    """The corpus texts bench/extract.py renders, cycled to `n` files."""
    texts = [SAMPLE] + sorted(CORPUS.glob("*.txt"))
    rendered = [
        render_text_pdf(t.read_text(encoding="utf-8"), out / f"src{k:03d}.pdf")
        for k, t in enumerate(texts)
    ]
    paths = []
    for i in range(n):
        dest = out / f"doc{i:04d}.pdf"
        shutil.copyfile(rendered[i % len(rendered)], dest)
        paths.append(dest)
    return paths


def store_filings(engine: store.Engine, paths: list[Path]) -> list[int]:
    from datetime import datetime

    ids = []
    with store.session(engine) as s:
        for k, path in enumerate(paths):
            row, _ = store.upsert_announcement(
                s,
                {
                    "news_id": f"b{k:06d}",
                    "stock_code": "00001",
                    "title": path.stem,
                    "headline": "Announcements and Notices - [Connected Transaction]",
                    "published_at": datetime(2024, 1, 1, 19, 0, tzinfo=store.HK),
                    "file_path": str(path),
                    "sha256": f"sha{k}",
                    "status": "fetched",
                    "language": "en",
                },
            )
            ids.append(row.id)
        s.commit()
    return ids


def run(workers: int, ids: list[int], engine: store.Engine, env: dict, logs: Path) -> dict:
    from jobs.queueing import enqueue

    procs, files = [], []
    for w in range(workers):
        log = logs / f"w{workers}-{w}.log"
        files.append(log)
        command = [sys.executable, "-m", "cli", "worker", "--concurrency", "1"]
        command += ["--name", f"bench{w}"]
        out = log.open("w")
        procs.append(
            subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while sum("ready." in f.read_text() for f in files) < workers:
            if time.monotonic() > deadline:
                raise SystemExit(f"workers did not start; see {logs}")
            time.sleep(0.2)
        started = time.perf_counter()
        enqueue(ids)
        while store.pending_extraction(engine, limit=1):
            time.sleep(0.05)
        wall = time.perf_counter() - started
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            p.wait(60)
    saved = [LINE.search(line) for f in files for line in f.read_text().splitlines()]
    saved = [m for m in saved if m]
    if len(saved) != len(ids):
        raise SystemExit(f"{len(saved)} filings saved of {len(ids)}; see {logs}")
    return {
        "workers": workers,
        "wall": wall,
        "docs": len(saved),
        "pages": sum(int(m.group(2)) for m in saved),
        "read": sum(float(m.group(3)) for m in saved),
        "extract": sum(float(m.group(4)) for m in saved),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--broker", default="redis://127.0.0.1:6379/14")
    args = ap.parse_args()
    admin_url = settings.get("FILINGWATCH_TEST_POSTGRES_URL")
    name = f"fw_bench_scale_{uuid.uuid4().hex[:8]}"
    bench_data.admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    url = bench_data.database_on(admin_url, name)
    queue = f"fw-bench-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FILINGWATCH_DATABASE_URL": url,
        "FILINGWATCH_BROKER_URL": args.broker,
        "FILINGWATCH_QUEUE": queue,
    }
    os.environ.update({k: env[k] for k in ("FILINGWATCH_BROKER_URL", "FILINGWATCH_QUEUE")})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            paths = make_pdfs(args.n, Path(tmp))
            engine = store.make_engine(url)
            store.upgrade(engine)
            ids = store_filings(engine, paths)
            results = []
            for workers in (1, 2):
                bench_data.reset_extraction(engine)
                results.append(run(workers, ids, engine, env, Path(tmp)))
            engine.dispose()
    finally:
        bench_data.admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print_table(results, os.cpu_count() or 1)


def print_table(results: list[dict], cpus: int) -> None:
    base = results[0]["docs"] / results[0]["wall"]
    print(f"Celery workers on this machine ({cpus} CPUs), {results[0]['docs']} PDFs, PostgreSQL")
    print(
        f"{'workers':>7} {'wall s':>7} {'docs/s':>7} {'pages/s':>8} {'speed-up':>8} "
        f"{'read s/doc':>10} {'read %':>6} {'read pages/s':>12} {'rest s/doc':>10}"
    )
    for r in results:
        docs_s = r["docs"] / r["wall"]
        busy = r["wall"] * r["workers"]  # worker-seconds available
        rest = busy - r["read"]  # extraction, claims, saving, queue overhead
        print(
            f"{r['workers']:>7} {r['wall']:>7.1f} {docs_s:>7.2f} {r['pages'] / r['wall']:>8.1f} "
            f"{docs_s / base:>7.2f}x {r['read'] / r['docs']:>10.3f} "
            f"{100 * r['read'] / busy:>5.0f}% {r['pages'] / r['read']:>12.1f} "
            f"{rest / r['docs']:>10.3f}"
        )
    print("read = PDF reading (the reading stage); rest = extraction, claims, saving, queue")


if __name__ == "__main__":
    main()
