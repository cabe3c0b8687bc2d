"""End to end, Multi-Files filings: replica -> crawl -> every document stored and recorded ->
extract -> one set of facts per filing, evidence naming the file; a failing attachment marks
the filing incomplete with the reason, and the next crawl fills it in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlmodel import select

import jobs
import store
from crawler import run_crawl
from crawler.run_records import oldest_failed_day
from crawler.settings import FAST_TEST_SETTINGS

# replica_faults clears the replica's faults before and after each test
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("replica_faults")]


def pinned(manifest: dict, suffix: str) -> dict:
    (entry,) = [a for a in manifest["announcements"] if a["slug"].endswith(suffix)]
    return entry


def crawl(replica, manifest, db_url: str, files_dir: Path, *entries: dict) -> dict:
    window = manifest["replica"]
    return run_crawl(
        window["first_day"],
        window["last_day"],
        stock_codes=[e["stock_codes"][0] for e in entries],
        lang="en",
        base_url=replica.url,
        database_url=db_url,
        files_dir=str(files_dir),
        rate=0,
        settings=FAST_TEST_SETTINGS,
        log_level="WARNING",
    )


def stored(engine, news_id: str) -> tuple[store.Announcement, list[store.AnnouncementFile]]:
    with store.session(engine) as s:
        row = s.exec(select(store.Announcement).where(store.Announcement.news_id == news_id)).one()
        return row, store.attachments_of(s, row.id)


def test_multifile_crawl_stores_every_document_then_extracts_them_as_one(
    replica, manifest, db_url, tmp_path
) -> None:
    circular, htm = pinned(manifest, "gen00006-ct"), pinned(manifest, "gen00007-cct")
    files_dir = tmp_path / "files"
    summary = crawl(replica, manifest, db_url, files_dir, circular, htm)
    assert summary["status"] == "succeeded" and summary["failed"] == 0, summary["error"]
    engine = store.make_engine(db_url)
    for entry in (circular, htm):
        row, files = stored(engine, entry["news_id"])
        assert row.status == store.Status.fetched and row.sha256 == entry["sha256"]
        assert [(f.position, f.url, f.sha256, f.status, f.label) for f in files] == [
            (i, att["url"], att["sha256"], "fetched", att["label"])
            for i, att in enumerate(entry["attachments"], start=1)
        ]
        for f in files:
            assert hashlib.sha256(Path(f.file_path).read_bytes()).hexdigest() == f.sha256
            assert Path(f.file_path).name == f"{f.sha256}.{f.url.rsplit('.', 1)[1]}"
    assert stored(engine, htm["news_id"])[1][0].file_type == "htm"

    if db_url.startswith("sqlite"):  # nothing twice: a re-crawl changes nothing
        again = crawl(replica, manifest, db_url, files_dir, circular, htm)
        assert (again["new"], again["changed"], again["failed"]) == (0, 0, 0)
        assert len(stored(engine, circular["news_id"])[1]) == 2

    result = jobs.run_pending(engine, workers=1)
    assert result.failed == 0, result.failures
    row, files = stored(engine, circular["news_id"])
    gold = replica_gold(circular)
    facts = row.extraction
    assert row.status == store.Status.extracted and "THIS CIRCULAR IS IMPORTANT" in row.text
    caps = {(c["amount"], c["currency"], c["period_end"]) for c in facts["annual_caps"]}
    assert caps == {(c["amount"], c["currency"], c["period_end"]) for c in gold["annual_caps"]}
    assert sorted(facts["transaction_types"]) == sorted(gold["transaction_types"])
    persons = {(p["name"], p["connected_entity"]) for p in facts["connected_persons"]}
    wanted = {(p["name"], p["connected_entity"]) for p in gold["connected_persons"]}
    assert wanted <= persons  # and the parties the text declares associates (issue 11)
    assert all(
        p["relationship_kind"] == "associate"
        for p in facts["connected_persons"]
        if (p["name"], p["connected_entity"]) not in wanted
    )
    names = {f.url.rsplit("/", 1)[1] for f in files}
    assert all(e["file"] in names for e in facts["evidence"].values())
    circular_name = files[1].url.rsplit("/", 1)[1]
    assert {facts["evidence"][f"annual_caps[{i}]"]["file"]
            for i in range(len(caps))} == {circular_name}  # fmt: skip
    with store.session(engine) as s:
        capped = s.exec(select(store.AnnualCap).where(store.AnnualCap.announcement_id == row.id))
        assert len(capped.all()) == len(caps)
    engine.dispose()


def replica_gold(entry: dict) -> dict:
    import httpx

    return httpx.get(entry["gold_url"]).json()


def test_multifile_failing_attachment_marks_incomplete_then_next_crawl_fills_it_in(
    replica, manifest, tmp_path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'fw.db'}"
    files_dir = tmp_path / "files"
    entry = pinned(manifest, "gen00006-ct")
    bad = entry["attachments"][1]
    replica.add_fault(bad["file_link"] + "$", "html_error")
    summary = crawl(replica, manifest, db_url, files_dir, entry)
    assert summary["status"] == "succeeded" and summary["failed"] == 1
    engine = store.make_engine(db_url)
    row, files = stored(engine, entry["news_id"])
    assert row.status == store.Status.failed and row.attempts == 1
    assert row.last_error.startswith("incomplete: attachment 2 of 2 (")
    assert "HTML page served at a .pdf URL" in row.last_error and "\n" not in row.last_error
    assert [(f.status, f.sha256) for f in files] == [
        ("fetched", entry["attachments"][0]["sha256"]),
        ("failed", None),
    ]
    assert files[1].error.startswith("HTML page served at a .pdf URL")
    assert oldest_failed_day(engine) == row.published_at.date()  # a later crawl reaches back
    assert jobs.run_pending(engine, workers=1).total == 0  # not read while incomplete

    replica.clear_faults()
    again = crawl(replica, manifest, db_url, files_dir, entry)
    assert (again["changed"], again["failed"]) == (1, 0)
    row, files = stored(engine, entry["news_id"])
    assert (row.status, row.attempts, row.last_error) == (store.Status.fetched, 0, None)
    assert [(f.status, f.sha256) for f in files] == [
        ("fetched", att["sha256"]) for att in entry["attachments"]
    ]
    engine.dispose()
