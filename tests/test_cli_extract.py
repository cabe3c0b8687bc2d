"""`filingwatch extract PATH --json` (cli.py -> jobs.batch.run_file): a 300-page document
over spaCy's length limit is extracted whole with evidence on the right pages, and a document
over the per-document memory or time limit gives a one-line error and exit code 2, never a
traceback. Real subprocesses, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.long_announcement import assert_long_announcement, render_long_announcement
from support.pdfs import render_flate_bomb

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_long_announcement(tmp_path_factory.mktemp("long") / "circular.pdf")


def _extract(*args: str, timeout: float = 600, **settings: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **settings)
    return subprocess.run(
        [sys.executable, "-m", "cli", "extract", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def test_cli_extract_reads_a_300_page_document_whole(long_pdf: Path) -> None:
    # the time limit allows for this shared 2-CPU box; the document reads in 20-40 s
    done = _extract(str(long_pdf), "--json", "--time-limit", "300")
    assert done.returncode == 0, done.stderr
    assert_long_announcement(json.loads(done.stdout))


def test_cli_extract_flate_bomb_is_a_one_line_memory_error(tmp_path: Path) -> None:
    bomb = render_flate_bomb(tmp_path / "bomb.pdf")  # 2.6 MB inflating to 2.5 GB
    done = _extract(str(bomb), "--json", timeout=300)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: memory limit exceeded"
    assert done.stdout == ""


def test_cli_extract_time_limit_is_a_one_line_error(long_pdf: Path) -> None:
    # the reference reader: pdfium reads and extracts the document in ~2.5 s of CPU, too close
    # to the limit on a fast machine; pdfminer.six needs 20-40 s
    done = _extract(
        str(long_pdf),
        "--json",
        "--time-limit",
        "2",
        timeout=300,
        FILINGWATCH_PDF_READER="pdfminer",
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "error: time limit exceeded (2 s)"


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_cli_extract_two_pending_runs_at_once_extract_each_filing_once(
    db_url: str, tmp_path: Path
) -> None:
    """Two `extract --pending` started together on one PostgreSQL database: between them
    every filing is extracted once, none fails (no duplicate-key error on person mentions),
    and the facts are a single run's."""
    import re

    from support.filings import corpus_pdfs, facts_by_filing, store_fetched

    import store
    from jobs import run_pending

    pdfs = corpus_pdfs(tmp_path, 12)
    engine = store.make_engine(db_url)
    store_fetched(engine, pdfs)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FILINGWATCH_BROKER")}
    env.update(PYTHONPATH=str(ROOT), FILINGWATCH_DATABASE_URL=db_url)
    command = [sys.executable, "-m", "cli", "extract", "--pending", "--workers", "1"]
    runs = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    extracted = [int(re.search(r"(\d+) extracted", out).group(1)) for out, _ in outputs]
    assert sum(extracted) == len(pdfs), outputs
    facts = facts_by_filing(engine)
    engine.dispose()
    assert {(status, attempts) for status, attempts, _, _ in facts.values()} == {("extracted", 0)}

    single = store.make_engine(f"sqlite:///{tmp_path / 'single.db'}")
    store.upgrade(single)
    store_fetched(single, pdfs)
    run_pending(single, workers=1, use_broker=False)
    assert facts == facts_by_filing(single)
    single.dispose()
