"""jobs/batch.py on SQLite and PostgreSQL: run_pending extracts good files, records a
one-line reason for each bad one without stopping, flags empty transaction extractions, and
reprocess re-extracts rows from an older extractor version. Also the worker's time limit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select
from support.pdfs import render_text_pdf

import store
from extract import EXTRACTOR_VERSION
from jobs import reprocess, run_pending
from jobs.worker import Job, run_job
from store import flagged_for_review as flagged

SAMPLE = Path(__file__).resolve().parent.parent / "extract" / "samples" / "kingsoft-2012-05-24.txt"
CCT = "Announcements and Notices - [Continuing Connected Transaction]"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("batch")
    good = render_text_pdf(SAMPLE.read_text(encoding="utf-8"), d / "good.pdf")
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100 + b"\n%%EOF\n")
    (d / "zero.pdf").write_bytes(b"")
    (d / "error.pdf").write_bytes(b"<html><head><title>500 Error</title></head></html>")
    empty = render_text_pdf("CONTINUING CONNECTED TRANSACTION\n\nDetails to follow.", d / "e.pdf")
    encrypted = render_text_pdf("A secret.", d / "encrypted.pdf", encrypt="pw")
    scanned = d / "scanned.pdf"
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(scanned))
    c.drawImage(ImageReader(Image.new("RGB", (60, 40), "gray")), 50, 500, 300, 200)
    c.save()
    big = Canvas(str(d / "annual-report.pdf"))
    for i in range(500):
        big.drawString(72, 750, f"Annual report 2024, page {i + 1}.")
        big.showPage()
    big.save()
    return {
        "good": good,
        "corrupt": d / "corrupt.pdf",
        "zero": d / "zero.pdf",
        "html": d / "error.pdf",
        "empty_cct": empty,
        "missing": d / "nowhere.pdf",
        "encrypted": encrypted,
        "scanned": scanned,
        "annual_report": d / "annual-report.pdf",
    }


def _add(engine, news_id: str, path: Path, headline: str = CCT, title: str = "X") -> int:
    with store.session(engine) as s:
        row, _ = store.upsert_announcement(
            s,
            {
                "news_id": news_id,
                "stock_code": "03888",
                "title": title,
                "headline": headline,
                "published_at": datetime(2012, 5, 24, 19, 0, tzinfo=store.HK),
                "file_path": str(path),
                "status": "fetched",
                "language": "en",
            },
        )
        s.commit()
        return row.id


def test_batch_run_pending_records_failures_and_goes_on(db_engine, files) -> None:
    ids = {
        name: _add(db_engine, f"n{k}", path)
        for k, (name, path) in enumerate(files.items())
        if name != "annual_report"
    }
    ids["annual_report"] = _add(
        db_engine, "ar", files["annual_report"], "Financial Statements - [Annual Report]", "AR"
    )
    seen = []
    summary = run_pending(db_engine, workers=2, progress=lambda d, t, o: seen.append((d, t)))
    assert summary.total == len(files) and summary.extracted == 3 and summary.failed == 6
    assert len(seen) == len(files) and seen[-1][0] == len(files)
    with store.session(db_engine) as s:
        rows = {r.id: r for r in s.exec(select(store.Announcement)).all()}
    good = rows[ids["good"]]
    assert good.status == store.Status.extracted and good.extractor_version == EXTRACTOR_VERSION
    assert good.extraction["annual_caps"][0]["amount"] == 8000000
    assert not good.needs_review
    for name, words in [
        ("corrupt", "PDF"),
        ("zero", "0 bytes"),
        ("html", "HTML page"),
        ("missing", "cannot open"),
        ("encrypted", "encrypted PDF"),
        ("scanned", "no text layer"),
    ]:
        row = rows[ids[name]]
        assert row.status == store.Status.failed and row.attempts == 1
        assert words in row.last_error and "\n" not in row.last_error
    flagged_row = rows[ids["empty_cct"]]
    assert (
        flagged_row.needs_review
        and "no party, cap or connected person" in flagged_row.review_reason
    )
    assert [f[0] for f in flagged(db_engine)] == [ids["empty_cct"]]
    report = rows[ids["annual_report"]]  # not a transaction: only its first pages are read
    assert report.status == store.Status.extracted
    assert "read 10 of 500 pages" in report.extraction["warnings"]


def test_batch_reprocess_reextracts_older_versions(db_engine, files) -> None:
    ann = _add(db_engine, "r1", files["good"])
    run_pending(db_engine, workers=1)
    with store.session(db_engine) as s:
        row = s.get(store.Announcement, ann)
        row.extractor_version = EXTRACTOR_VERSION - 1
        s.add(row)
        s.commit()
    summary = reprocess(db_engine, workers=1)
    assert summary.extracted == 1
    with store.session(db_engine) as s:
        assert s.get(store.Announcement, ann).extractor_version == EXTRACTOR_VERSION
    assert reprocess(db_engine, workers=1).total == 0


def test_batch_worker_time_limit_gives_reason(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(tmp_path / "long.pdf"))
    for i in range(300):
        c.drawString(72, 750, f"Page {i} of a very long circular.")
        c.showPage()
    c.save()
    out = run_job(Job(1, str(tmp_path / "long.pdf")), time_limit=0.05)
    assert not out.ok and out.reason == "time limit exceeded (0.05 s)"


def test_batch_worker_memory_limit_turns_runaway_allocation_into_memoryerror() -> None:
    import resource
    from concurrent.futures import ProcessPoolExecutor

    from jobs.batch import _context
    from jobs.worker import init_worker

    with ProcessPoolExecutor(
        1, mp_context=_context(), initializer=init_worker, initargs=(1024,)
    ) as pool:
        soft, _ = pool.submit(resource.getrlimit, resource.RLIMIT_AS).result()
        assert soft == 1024 * 1024 * 1024
        with pytest.raises(MemoryError):
            pool.submit(bytearray, 2 * 1024**3).result()


def test_batch_worker_time_limit_is_not_swallowed_by_a_broad_except(monkeypatch) -> None:
    """pdfminer and read.py catch Exception in places; a time limit must still end the job."""
    import time as _time

    import extract.read

    def stubborn_reader(path, max_pages=None):  # noqa: ANN001, ANN202
        deadline = _time.monotonic() + 2
        while _time.monotonic() < deadline:
            try:
                _time.sleep(0.01)
            except Exception:  # noqa: BLE001, S110 - what a broken-page-tree guard does
                pass
        raise AssertionError("the time limit never ended the job")

    monkeypatch.setattr(extract.read, "read_document", stubborn_reader)
    out = run_job(Job(1, "whatever.pdf"), time_limit=0.05)
    assert not out.ok and out.reason == "time limit exceeded (0.05 s)"


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support.long_announcement import render_long_announcement

    return render_long_announcement(tmp_path_factory.mktemp("long") / "circular.pdf")


@pytest.mark.slow
def test_batch_run_pending_reads_a_300_page_circular_whole(db_engine, long_pdf) -> None:
    """Over spaCy's 1,000,000-character limit and past page 150: caps on page 150, the
    connected person on page 220, the board on page 300, all stored with their pages."""
    from support.long_announcement import assert_long_announcement

    ann_id = _add(db_engine, "long", long_pdf, CCT, "CONTINUING CONNECTED TRANSACTION")
    # the time limit allows for this shared 2-CPU box; the document reads in 20-40 s
    summary = run_pending(db_engine, workers=1, time_limit=300)
    assert (summary.extracted, summary.failed, summary.pages) == (1, 0, 300), summary.failures
    with store.session(db_engine) as s:
        row = s.get(store.Announcement, ann_id)
        assert row.status == store.Status.extracted and not row.needs_review
        assert_long_announcement(row.extraction)


def test_batch_worker_finds_a_stored_file_in_the_files_dir_of_this_machine(
    files, tmp_path: Path, monkeypatch
) -> None:
    """A worker on another machine mounts the file store elsewhere: the stored absolute path
    is missing there, and the file is found by its name under FILINGWATCH_FILES_DIR."""
    import shutil

    mounted = tmp_path / "mnt" / "files"
    mounted.mkdir(parents=True)
    shutil.copyfile(files["good"], mounted / "abc123.pdf")
    stored = str(tmp_path / "crawler-machine" / "files" / "abc123.pdf")
    assert not run_job(Job(1, stored)).ok
    monkeypatch.setenv("FILINGWATCH_FILES_DIR", str(mounted))
    assert run_job(Job(1, stored)).ok
