"""store/extraction_queue.py on SQLite and PostgreSQL: what the batch runner reads (pending and
outdated announcements as plain records, attachments in page order) and writes (a result, a
failure, each in its own transaction)."""

from __future__ import annotations

import store
from extract import Extraction

FOLDER = "http://h/listedco/listconews/sehk/2026/0805/12000001/"


def test_store_extraction_queue_pending_in_id_order_with_limit(db_engine, add_announcement):
    ids = [add_announcement(status="fetched", file_path=f"/f/{n}.pdf") for n in range(3)]
    add_announcement()  # discovered: no file yet
    assert [r.id for r in store.pending_extraction(db_engine)] == ids
    assert [r.id for r in store.pending_extraction(db_engine, limit=2)] == ids[:2]
    first = store.pending_extraction(db_engine)[0]
    assert (first.file_path, first.title, first.attachments) == (
        "/f/0.pdf",
        "CONNECTED TRANSACTION",
        (),
    )


def test_store_extraction_queue_attachments_fetched_only_in_page_order(db_engine, add_announcement):
    multi = add_announcement(document_url="http://h/x/1.htm", file_path="/f/l.htm")
    files = [
        {"position": 2, "url": FOLDER + "b.pdf", "sha256": "b", "file_path": "/f/b.pdf"},
        {"position": 1, "url": FOLDER + "a.htm", "sha256": "a", "file_path": "/f/a.htm"},
        {"position": 3, "url": FOLDER + "c.pdf", "error": "HTTP 404"},
    ]
    with store.session(db_engine) as s:
        store.record_attachments(s, multi, files)
        s.commit()
    assert store.extraction_input(db_engine, multi).attachments == (
        store.StoredAttachment(FOLDER + "a.htm", "/f/a.htm"),
        store.StoredAttachment(FOLDER + "b.pdf", "/f/b.pdf"),
    )


def test_store_extraction_queue_records_results_failures_and_outdated(db_engine, add_announcement):
    done, bad = (add_announcement(status="fetched", file_path=f"/f/{n}.pdf") for n in "ab")
    store.record_extraction(
        db_engine,
        done,
        Extraction.empty().to_json(),
        text="t",
        extractor_version=1,
        review_reason="why",
    )
    store.record_failure(db_engine, bad, "corrupt PDF")
    assert store.pending_extraction(db_engine) == []
    assert [r.id for r in store.outdated_extraction(db_engine, 2)] == [done]
    assert store.outdated_extraction(db_engine, 1) == []
    assert [(f[0], f[3]) for f in store.flagged_for_review(db_engine)] == [(done, "why")]
    with store.session(db_engine) as s:
        row = s.get(store.Announcement, bad)
        assert (row.status, row.last_error, row.attempts) == (store.Status.failed, "corrupt PDF", 1)
