"""Fail loud, lose nothing: an outage of the exchange during a crawl, end to end.

Three nights against the real replica: night 1 reads the first days; night 2 meets an outage
(title search 500 or 429 for ever, a refused connection, a failing stock lookup) and must fail
— exit code 1, one line per failure and no traceback, the high-water mark unmoved; night 3
(the exchange is back) starts from the mark and ends with exactly the rows of a crawl that met
no outage.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

import store
from crawler import run_crawl
from crawler.run_records import high_water_mark, scope_of
from crawler.settings import FAST_TEST_SETTINGS

# replica_faults clears the replica's faults before and after each test
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("replica_faults")]
ROOT = Path(__file__).resolve().parent.parent


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def crawl(base_url: str, db_url: str, files_dir: Path, date_from, date_to, **kwargs) -> dict:
    return run_crawl(
        date_from, date_to, lang="both", base_url=base_url, database_url=db_url,
        files_dir=str(files_dir), rate=0, settings=FAST_TEST_SETTINGS, log_level="WARNING",
        **kwargs,
    )  # fmt: skip


def crawl_child(base_url: str, db_url: str, files_dir: Path, date_to: str, stock_codes=()):
    """`python -m crawler.crawl_process` with the default window: (exit code, summary, stderr)."""
    command = [
        sys.executable, "-m", "crawler.crawl_process", "--progress", "--lang", "both",
        "--to", date_to,
        "--base-url", base_url, "--database-url", db_url, "--files-dir", str(files_dir),
        "--rate", "0", "--log-level", "WARNING", "--settings-json", json.dumps(FAST_TEST_SETTINGS),
    ]  # fmt: skip
    for code in stock_codes:
        command += ["--stock", code]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    (summary,) = [event for event in events if event["event"] == "finished"]
    return done.returncode, summary, done.stderr


def stored(db_url: str) -> dict[str, tuple]:
    engine = store.make_engine(db_url)
    try:
        with store.session(engine) as session:
            rows = session.exec(select(store.Announcement)).all()
    finally:
        engine.dispose()
    assert len(rows) == len({row.news_id for row in rows}), "a news id stored twice"
    return {row.news_id: (row.status, row.sha256, row.published_at.date()) for row in rows}


def expected(manifest: dict, code: str | None = None) -> dict[str, tuple]:
    return {
        e["news_id"]: (
            store.Status.fetched,
            e["sha256"],
            date.fromisoformat(e["release_time"][:10]),
        )
        for e in manifest["announcements"]
        if code is None or code in e["stock_codes"]
    }


def busiest_code(manifest: dict) -> str:
    counts = Counter(code for e in manifest["announcements"] for code in e["stock_codes"])
    return counts.most_common(1)[0][0]


OUTAGES = {
    "search 500 for ever": (r"titleSearchServlet\.do", "500", "HTTP 500 after 2 retries"),
    "search 429 for ever": (r"titleSearchServlet\.do", "429", "HTTP 429 after 2 retries"),
    "connection refused": (None, None, "ConnectionRefused"),
    "stock lookup fails": (r"prefix\.do", "500", "stock lookup for"),
}


@pytest.mark.parametrize("outage", list(OUTAGES))
def test_outage_fails_the_run_keeps_the_mark_and_the_next_run_fills_the_gap(
    outage, replica, manifest, tmp_path
) -> None:
    pattern, fault, words = OUTAGES[outage]
    code = busiest_code(manifest) if outage == "stock lookup fails" else None
    codes = [code] if code else []
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    files = tmp_path / "files"
    days = [date.fromisoformat(manifest["replica"][k]) for k in ("first_day", "last_day")]
    first, last = days
    night1, night2 = first + timedelta(days=2), first + timedelta(days=4)
    scope = scope_of(codes, [], "both")
    engine = store.make_engine(db_url)

    one = crawl(replica.url, db_url, files, first, night1, stock_codes=codes)
    assert one["status"] == "succeeded", one["error"]
    assert high_water_mark(engine, scope) == night1
    before = stored(db_url)

    base_url = replica.url
    if pattern is None:
        base_url = f"http://127.0.0.1:{closed_port()}"
    else:
        replica.add_fault(pattern, fault, seconds=0)
    code_, two, stderr = crawl_child(base_url, db_url, files, night2.isoformat(), codes)
    assert code_ == 1 and two["status"] == "failed", two
    assert two["window_from"] == (night1 - timedelta(days=1)).isoformat()
    assert two["error"].count(words) == 1 and "\n" not in two["error"]  # alike, grouped
    assert two["error"].startswith(f"not read: {two['window_from']}..{night2.isoformat()}")
    assert two["unfinished"] and two["complete_through"] < two["window_from"]
    assert "Traceback" not in stderr and "ERROR" not in stderr, stderr
    assert high_water_mark(engine, scope) == night1, "the mark passed an unread window"
    assert stored(db_url) == before

    replica.clear_faults()
    three = crawl(replica.url, db_url, files, None, last, stock_codes=codes)
    assert three["status"] == "succeeded", three["error"]
    assert three["window_from"] == (night1 - timedelta(days=1)).isoformat()
    assert stored(db_url) == expected(manifest, code)  # as if the outage never happened
    assert high_water_mark(engine, scope) == last
    engine.dispose()


def test_outage_of_one_language_keeps_the_other_and_rereads_the_window(
    replica, manifest, tmp_path
) -> None:
    """A partial outage: English is read and kept, the Chinese searches fail; the window is
    unfinished and the next run reads it again, adding only what was missing."""
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    files = tmp_path / "files"
    last = manifest["replica"]["last_day"]
    replica.add_fault(r"titleSearchServlet\.do.*lang=ZH", "500")
    code, first, _ = crawl_child(replica.url, db_url, files, last)
    assert code == 1 and first["status"] == "failed"
    english = {k: v for k, v in expected(manifest).items() if k in stored(db_url)}
    assert english and len(english) < manifest["count"]
    assert first["new"] == len(english)
    replica.clear_faults()
    again = crawl(replica.url, db_url, files, None, last)
    assert again["status"] == "succeeded", again["error"]
    assert again["window_from"] <= first["window_from"]
    assert again["new"] == manifest["count"] - len(english)
    assert stored(db_url) == expected(manifest)
