"""store/files.py: a Multi-Files announcement's attachments, recorded idempotently.

On SQLite and PostgreSQL (the `db_engine` fixture).
"""

from __future__ import annotations

import store

URL = "http://x/listedco/listconews/sehk/2026/0805/12000001/20260805000{}.pdf"


def fetched(position: int, sha: str) -> dict:
    entry = {"position": position, "url": URL.format(position), "label": f"Doc {position}"}
    return {**entry, "file_type": "pdf", "sha256": sha, "file_path": f"/f/{sha}.pdf", "size": 9}


def failed(position: int, error: str = "HTTP 500 for the file") -> dict:
    return {"position": position, "url": URL.format(position), "label": f"Doc {position}",
            "file_type": "pdf", "error": error}  # fmt: skip


def record(db_engine, announcement_id: int, files: list[dict]) -> store.AttachmentsOutcome:
    with store.session(db_engine) as s:
        out = store.record_attachments(s, announcement_id, files)
        s.commit()
        return out


def rows(db_engine, announcement_id: int) -> list[tuple]:
    with store.session(db_engine) as s:
        return [
            (r.position, r.status, r.sha256, r.error)
            for r in store.attachments_of(s, announcement_id)
        ]


def test_store_files_new_then_unchanged_nothing_twice(db_engine, add_announcement) -> None:
    aid = add_announcement()
    first = record(db_engine, aid, [fetched(1, "a"), fetched(2, "b")])
    assert first.changed and not first.missing and first.reason is None
    again = record(db_engine, aid, [fetched(1, "a"), fetched(2, "b")])
    assert not again.changed and not again.missing
    assert rows(db_engine, aid) == [(1, "fetched", "a", None), (2, "fetched", "b", None)]


def test_store_files_failure_is_recorded_with_its_reason(db_engine, add_announcement) -> None:
    aid = add_announcement()
    out = record(db_engine, aid, [fetched(1, "a"), failed(2, "truncated PDF: no %%EOF")])
    assert out.missing and out.reason.startswith("incomplete: attachment 2 of 2 (")
    assert "truncated PDF" in out.reason and "\n" not in out.reason
    assert rows(db_engine, aid)[1] == (2, "failed", None, "truncated PDF: no %%EOF")
    filled = record(db_engine, aid, [fetched(1, "a"), fetched(2, "b")])
    assert filled.changed and not filled.missing  # a later crawl fills it in
    assert rows(db_engine, aid)[1] == (2, "fetched", "b", None)


def test_store_files_transient_failure_keeps_the_earlier_file(db_engine, add_announcement):
    aid = add_announcement()
    record(db_engine, aid, [fetched(1, "a")])
    out = record(db_engine, aid, [failed(1)])
    assert not out.missing and not out.changed
    assert rows(db_engine, aid) == [(1, "fetched", "a", None)]


def test_store_files_changed_and_delisted_attachments(db_engine, add_announcement) -> None:
    aid = add_announcement()
    record(db_engine, aid, [fetched(1, "a"), fetched(2, "b")])
    assert record(db_engine, aid, [fetched(1, "a"), fetched(2, "c")]).changed
    gone = record(db_engine, aid, [fetched(1, "a")])
    assert gone.changed and rows(db_engine, aid) == [(1, "fetched", "a", None)]


def test_store_files_mark_refetched_and_cascade(db_engine, add_announcement) -> None:
    aid = add_announcement()
    record(db_engine, aid, [fetched(1, "a")])
    with store.session(db_engine) as s:
        store.mark_failed(s, aid, "incomplete: attachment 1")
        row = store.mark_refetched(s, aid)
        assert (row.status, row.attempts, row.last_error) == (store.Status.fetched, 0, None)
        s.delete(s.get(store.Announcement, aid))
        s.commit()
    assert rows(db_engine, aid) == []
