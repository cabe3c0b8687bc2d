"""End to end: real crawls of the replica (a real HTTP server) in child processes.

Every announcement of the window exactly once with its file on disk (sha256 as the manifest
says), on SQLite and PostgreSQL; a crawl SIGKILLed half-way and re-run ends exactly like an
uninterrupted one; every replica fault is survived or recorded with a one-line reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

import store
from crawler import run_crawl
from crawler.filestore import TEMP_PREFIX
from crawler.settings import FAST_TEST_SETTINGS

# `replica` is the session's replica (tests/conftest.py); `replica_faults` clears its faults
# before and after each test, so the faults set here never leak into other tests.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("replica_faults")]
ROOT = Path(__file__).resolve().parent.parent


def crawl(replica, manifest, db_url: str, files_dir: Path, **kwargs) -> dict:
    window = manifest["replica"]
    return run_crawl(
        window["first_day"],
        window["last_day"],
        lang="both",
        base_url=replica.url,
        database_url=db_url,
        files_dir=str(files_dir),
        rate=0,
        log_level="WARNING",
        **{"settings": FAST_TEST_SETTINGS, **kwargs},
    )


def rows_of(db_url: str) -> dict[str, store.Announcement]:
    engine = store.make_engine(db_url)
    try:
        with store.session(engine) as session:
            rows = session.exec(select(store.Announcement)).all()
    finally:
        engine.dispose()
    ids = [row.news_id for row in rows]
    assert len(ids) == len(set(ids)), "a news id stored twice"
    return {row.news_id: row for row in rows}


def expected_files(manifest: dict) -> dict[str, str]:
    """news id -> sha256 of its document, for every announcement the replica serves."""
    return {entry["news_id"]: entry["sha256"] for entry in manifest["announcements"]}


def attachment_files(manifest: dict) -> set[str]:
    """sha256 of every document a Multi-Files landing page lists (stored beside the rest)."""
    return {att["sha256"] for entry in manifest["announcements"] for att in entry["attachments"]}


def files_on_disk(files_dir: Path) -> set[str]:
    return {path.name for path in files_dir.iterdir()}


def assert_complete(db_url: str, files_dir: Path, manifest: dict) -> None:
    rows = rows_of(db_url)
    expected = expected_files(manifest)
    assert set(rows) == set(expected)
    for news_id, sha256 in expected.items():
        row = rows[news_id]
        assert row.status == store.Status.fetched, (news_id, row.last_error)
        assert row.sha256 == sha256
        assert hashlib.sha256(Path(row.file_path).read_bytes()).hexdigest() == sha256
    names = files_on_disk(files_dir)
    assert not [name for name in names if name.startswith(TEMP_PREFIX)]
    assert {name.split(".")[0] for name in names} == set(expected.values()) | attachment_files(
        manifest
    )


def test_e2e_crawl_finds_every_announcement_once(replica, manifest, db_url, tmp_path) -> None:
    files_dir = tmp_path / "files"
    events: list[dict] = []
    summary = crawl(replica, manifest, db_url, files_dir, progress=events.append)
    count = manifest["count"]
    assert summary["status"] == "succeeded", summary["error"]
    assert (summary["seen"], summary["new"], summary["failed"]) == (count, count, 0)
    assert summary["files_fetched"] == count + len(attachment_files(manifest))
    assert_complete(db_url, files_dir, manifest)
    assert any(e["event"] == "progress" and e["files"] > 0 for e in events)
    rows = rows_of(db_url)
    zh = [r for r in rows.values() if r.language == "zh"]
    assert zh and all(r.document_url.endswith(("_c.pdf", "_c.htm")) for r in zh)
    assert any(r.revised for r in rows.values())

    if db_url.startswith("postgresql"):
        return  # the re-crawl below is backend-neutral; test_crawler_pipelines covers both
    again = crawl(replica, manifest, db_url, files_dir)  # same process, a second crawl
    assert again["status"] == "succeeded"
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, count)
    assert_complete(db_url, files_dir, manifest)


def test_e2e_sigkill_half_way_then_rerun_is_exact(replica, manifest, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    files_dir = tmp_path / "files"
    window = manifest["replica"]
    replica.add_fault(r"\.(pdf|htm)$", "slow", seconds=0.1)  # long enough to kill mid-way
    slow_settings = {**FAST_TEST_SETTINGS, "CONCURRENT_REQUESTS": 2,
                     "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "FILINGWATCH_STORE_BATCH": 5}  # fmt: skip
    command = [
        sys.executable, "-m", "crawler.crawl_process", "--progress", "--lang", "both",
        "--from", window["first_day"], "--to", window["last_day"], "--base-url", replica.url,
        "--database-url", db_url, "--files-dir", str(files_dir), "--rate", "0",
        "--log-level", "WARNING",
        "--settings-json", json.dumps(slow_settings),
    ]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    run_id = None
    assert child.stdout is not None
    for line in child.stdout:
        event = json.loads(line)
        run_id = event.get("run_id", run_id)
        if event["event"] == "progress" and event["new"] >= 5:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    # the kill may land mid-write: a temporary file of the dead writer is what it leaves
    (files_dir / f"{TEMP_PREFIX}{child.pid}-deadbeef").write_bytes(b"%PDF-1.4 half")
    stored = rows_of(db_url)
    assert 5 <= len(stored) < manifest["count"], "the kill was not half-way"
    replica.clear_faults()

    summary = crawl(replica, manifest, db_url, files_dir)
    assert summary["status"] == "succeeded", summary["error"]
    assert summary["interrupted_runs"] == [run_id] and summary["orphans_removed"] >= 1
    assert summary["seen"] == manifest["count"] and summary["new"] == manifest["count"] - len(
        stored
    )
    assert_complete(db_url, files_dir, manifest)
    engine = store.make_engine(db_url)
    with store.session(engine) as session:
        killed = session.get(store.CrawlRun, run_id)
        assert killed.status == "interrupted" and "died" in killed.error
    engine.dispose()


def test_e2e_faults_are_retried_or_recorded(replica, manifest, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    files_dir = tmp_path / "files"
    pdfs = [e for e in manifest["announcements"] if e["url"].endswith(".pdf")]
    truncated, html_page, flaky, slow = pdfs[0], pdfs[1], pdfs[2], pdfs[3]
    english, chinese = r"titleSearchServlet\.do.*lang=EN", r"titleSearchServlet\.do.*lang=ZH"
    # each search fails twice, differently; the third attempt (RETRY_TIMES=2) gets through
    replica.add_fault(english, "500", times=1)
    replica.add_fault(english, "empty_page", times=1)
    replica.add_fault(chinese, "429", times=1, seconds=1)
    replica.add_fault(chinese, "empty_body", times=1)
    replica.add_fault(truncated["file_link"] + "$", "truncated_pdf")
    replica.add_fault(html_page["file_link"] + "$", "html_error")
    replica.add_fault(flaky["file_link"] + "$", "500", times=1)
    replica.add_fault(slow["file_link"] + "$", "slow", seconds=0.5)

    summary = crawl(replica, manifest, db_url, files_dir)
    assert summary["status"] == "succeeded", summary["error"]
    assert summary["seen"] == manifest["count"] and summary["failed"] == 2
    rows = rows_of(db_url)
    assert set(rows) == set(expected_files(manifest))
    bad = rows[truncated["news_id"]]
    assert bad.status == store.Status.failed and bad.file_path is None
    assert bad.last_error.startswith("truncated PDF") and "\n" not in bad.last_error
    assert rows[html_page["news_id"]].last_error.startswith("HTML page served at a .pdf URL")
    for entry in (flaky, slow):
        assert rows[entry["news_id"]].sha256 == entry["sha256"]
    assert len(files_on_disk(files_dir)) == manifest["count"] - 2 + len(attachment_files(manifest))

    replica.clear_faults()  # the next crawl fetches the two again and completes the set
    again = crawl(replica, manifest, db_url, files_dir)
    assert again["status"] == "succeeded" and again["changed"] == 2 and again["failed"] == 0
    assert_complete(db_url, files_dir, manifest)


def test_e2e_malformed_results_page_fails_the_run(replica, manifest, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    replica.add_fault(r"titleSearchServlet\.do.*lang=ZH", "malformed_json")
    summary = crawl(replica, manifest, db_url, tmp_path / "files")
    assert summary["status"] == "failed"
    assert "malformed results page" in summary["error"] and "zh" in summary["error"]
    english = [e for e in manifest["announcements"] if e["language"] == "en"]
    assert summary["new"] == len(english)  # the rest of the crawl went on


def test_e2e_stock_filter_resolves_stock_id(replica, manifest, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    code = manifest["announcements"][0]["stock_codes"][0]
    replica.add_fault(r"prefix\.do", "empty_body", times=1)  # soft throttle: retried
    summary = crawl(replica, manifest, db_url, tmp_path / "files", stock_codes=[code])
    assert summary["status"] == "succeeded", summary["error"]
    expected = {e["news_id"] for e in manifest["announcements"] if code in e["stock_codes"]}
    assert set(rows_of(db_url)) == expected and summary["seen"] == len(expected)


def test_e2e_crawl_past_its_time_limit_is_stopped_and_recorded(
    replica, manifest, tmp_path, monkeypatch
) -> None:
    """A crawl that outlives its time limit is stopped and its run says why (a hung crawl
    must not hold the scheduler's lock for ever)."""
    import time

    from crawler import crawl_launcher

    monkeypatch.setattr(crawl_launcher, "STOP_GRACE_SECONDS", 5.0)
    replica.add_fault(r".", "slow", seconds=8)  # every request: outlives 3 s however fast
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    started = time.monotonic()
    summary = crawl(replica, manifest, db_url, tmp_path / "files", timeout=3)
    assert time.monotonic() - started < 3 + 5 + 10
    assert summary["status"] == "interrupted"
    assert summary["error"] == "crawl stopped at its time limit of 3 s"
    assert summary.get("files_fetched", 0) < manifest["count"]
    engine = store.make_engine(db_url)
    with store.session(engine) as session:
        run = session.get(store.CrawlRun, summary["run_id"])
        assert run.status == "interrupted" and "time limit" in run.error
    engine.dispose()


def test_e2e_three_concurrent_crawls_share_one_sqlite_file(replica, manifest, tmp_path) -> None:
    """Three crawls of the same window at once into one SQLite file all succeed: writers take
    the write lock up front (BEGIN IMMEDIATE), so they wait on the busy timeout instead of
    failing with "database is locked" when a read lock cannot be upgraded. The race is a
    matter of timing (without the fix about 2 rounds in 5 failed here), so three rounds."""
    from concurrent.futures import ThreadPoolExecutor

    small_batches = {**FAST_TEST_SETTINGS, "FILINGWATCH_STORE_BATCH": 1,
                     "FILINGWATCH_STORE_FLUSH_SECONDS": 0.01}  # fmt: skip
    for round_ in range(3):
        db_url = f"sqlite:///{tmp_path / f'fw{round_}.db'}"
        files_dir = tmp_path / f"files{round_}"
        engine = store.make_engine(db_url)
        store.ensure_schema(engine)  # an existing database (first-ever migrations would race)
        engine.dispose()
        with ThreadPoolExecutor(3) as pool:
            runs = [
                pool.submit(crawl, replica, manifest, db_url, files_dir, settings=small_batches)
                for _ in range(3)
            ]
            summaries = [run.result() for run in runs]
        assert [s["status"] for s in summaries] == ["succeeded"] * 3, [
            s["error"] for s in summaries
        ]
        assert all(s["seen"] == manifest["count"] for s in summaries)
        assert sum(s["new"] for s in summaries) == manifest["count"]  # each row inserted once
        assert_complete(db_url, files_dir, manifest)
