"""Extraction throughput on PDFs: bare pdfminer.six vs our reader + NLP, and the batch pool.

    python bench/extract.py [--n 200] [--workers 2]

Renders the gold corpus texts to PDF (reportlab; tests/support/pdfs.py), cycled to --n files,
then prints:
1. one process, file by file: bare pdfminer.six `extract_text` (its default LAParams), our
   reading (`read_document`: boxes_flow=None + row rebuilding), our NLP (`extract_pages`);
   the ratio of our whole extraction to bare pdfminer.six;
2. the batch's process pool (jobs.run_files, the same workers `extract --pending`
   uses): wall time, docs/s, pages/s, CPU used per wall second (2.0 = both cores busy) and
   the peak RSS of a worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdfminer.high_level import extract_text  # noqa: E402

from extract.extraction import extract_pages  # noqa: E402
from extract.read import read_document  # noqa: E402
from jobs import run_files  # noqa: E402
from tests.support.pdfs import render_text_pdf  # noqa: E402

CORPUS = ROOT / "crawler" / "replica" / "corpus"
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"


def make_pdfs(n: int, out: Path) -> list[Path]:
    texts = [SAMPLE] + sorted(CORPUS.glob("*.txt"))
    rendered = []
    for k, t in enumerate(texts):
        rendered.append(render_text_pdf(t.read_text(encoding="utf-8"), out / f"src{k:03d}.pdf"))
    paths = []
    for i in range(n):
        dest = out / f"doc{i:04d}.pdf"
        shutil.copyfile(rendered[i % len(rendered)], dest)
        paths.append(dest)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        paths = make_pdfs(args.n, Path(tmp))
        print(f"rendered {len(paths)} PDFs in {time.perf_counter() - t0:.1f} s")

        extract_pages(["warm up"])  # build the pipeline outside the timings
        bare = read = nlp = 0.0
        pages = 0
        for p in paths:
            t = time.perf_counter()
            extract_text(str(p))
            bare += time.perf_counter() - t
            t = time.perf_counter()
            doc = read_document(p)
            read += time.perf_counter() - t
            pages += len(doc.pages)
            t = time.perf_counter()
            extract_pages(doc.pages, doc.language)
            nlp += time.perf_counter() - t
        ours = read + nlp
        rows = [
            ("bare pdfminer.six extract_text", bare),
            ("our reading (read_document)", read),
            ("our NLP (extract_pages)", nlp),
            ("our whole extraction", ours),
        ]
        print(f"\none process, {len(paths)} PDFs, {pages} pages")
        print(f"{'stage':34} {'seconds':>8} {'pages/s':>8} {'docs/s':>8} {'ms/doc':>7}")
        for name, sec in rows:
            print(
                f"{name:34} {sec:8.2f} {pages / sec:8.1f} {len(paths) / sec:8.1f} "
                f"{1000 * sec / len(paths):7.1f}"
            )
        print(f"whole extraction / bare pdfminer.six = {ours / bare:.2f}x (target <= 1.5x)")

        t = time.perf_counter()
        outcomes = list(run_files([str(p) for p in paths], workers=args.workers))
        wall = time.perf_counter() - t
        cpu = sum(o.cpu_seconds for o in outcomes)  # CPU seconds spent in the workers
        ok = sum(o.ok for o in outcomes)
        done_pages = sum(o.pages for o in outcomes)
        peak = max(o.peak_rss_mb for o in outcomes)
        print(f"\nbatch pool, {args.workers} workers (forkserver, 60 s / 1.5 GB limits per doc)")
        print(
            f"{'docs':>5} {'ok':>5} {'pages':>6} {'wall s':>7} {'docs/s':>7} {'pages/s':>8} "
            f"{'cpu/wall':>8} {'peak RSS/worker':>16}"
        )
        print(
            f"{len(outcomes):5d} {ok:5d} {done_pages:6d} {wall:7.2f} {len(outcomes) / wall:7.1f} "
            f"{done_pages / wall:8.1f} {cpu / wall:8.2f} {peak:13.0f} MB"
        )
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"parent process peak RSS {parent:.0f} MB; load average during the run "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )


if __name__ == "__main__":
    main()
