"""crawler.pipelines: content-addressed files, one-line failures, upserts counted into the run.

Store writes run on SQLite and PostgreSQL (the `db_url` fixture).
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from sqlmodel import select
from twisted.python.failure import Failure

import store
from crawler.items import AnnouncementItem
from crawler.pipelines import DocumentError, DocumentFilesPipeline, StorePipeline

HK = ZoneInfo("Asia/Hong_Kong")
URL = "http://127.0.0.1:9/listedco/listconews/sehk/2026/0805/2026080500001.pdf"


def make_item(news_id: str = "12000001", **changes) -> AnnouncementItem:
    item = AnnouncementItem(
        news_id=news_id, language="en", published_at=datetime(2026, 8, 5, 17, 0, tzinfo=HK),
        stock_codes=["00700", "80700"], stock_names=["TENCENT", "TENCENT-R"],
        title="CONNECTED TRANSACTION", headline="Announcements and Notices - [Connected "
        "Transaction]", headline_t1="Announcements and Notices",
        headline_t2=["Connected Transaction"], revised=False, cancelled=False, file_type="PDF",
        file_info="1KB", document_url=URL, file_urls=[URL],
    )  # fmt: skip
    for key, value in changes.items():
        setattr(item, key, value)
    return item


def files_pipeline(tmp_path) -> DocumentFilesPipeline:
    crawler = get_crawler(Spider, {"FILES_STORE": str(tmp_path)})
    return DocumentFilesPipeline.from_crawler(crawler)


def test_pipelines_file_path_is_sha256_of_the_bytes(tmp_path) -> None:
    pipeline = files_pipeline(tmp_path)
    body = b"%PDF-1.4 x %%EOF"
    response = Response(URL, body=body)
    assert pipeline.file_path(Request(URL), response=response) == (
        hashlib.sha256(body).hexdigest() + ".pdf"
    )
    assert pipeline.media_to_download(Request(URL), None) is None  # always re-fetched


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [(b"<html><body>Error</body></html>", 200, "HTML page served at a .pdf URL"),
     (b"%PDF-1.4 cut sho", 200, "truncated PDF"), (b"gone", 404, "HTTP 404")],
)  # fmt: skip
def test_pipelines_bad_bodies_are_failures_not_files(tmp_path, body, status, words) -> None:
    pipeline = files_pipeline(tmp_path)
    request = Request(URL)
    response = Response(URL, status=status, body=body, request=request)
    with pytest.raises(DocumentError, match=words):
        asyncio.run(pipeline.media_downloaded(response, request, None))
    assert list(tmp_path.iterdir()) == []


def test_pipelines_item_completed_records_file_or_reason(tmp_path) -> None:
    pipeline = files_pipeline(tmp_path)
    ok = {"url": URL, "path": "/f/abc.pdf", "checksum": "abc", "size": 3, "status": "downloaded"}
    item = pipeline.item_completed([(True, ok)], make_item(), None)
    assert (item.sha256, item.file_path, item.size, item.file_error) == (
        "abc",
        "/f/abc.pdf",
        3,
        None,
    )
    with pytest.raises(DocumentError) as info:
        pipeline.media_failed(Failure(ConnectionRefusedError("refused\nsecond line")), None, None)
    bad = pipeline.item_completed([(False, Failure(info.value))], make_item(), None)
    assert bad.file_error == "download failed: ConnectionRefusedError refused"
    assert bad.sha256 is None


def store_pipeline(db_url: str, run_id: int | None) -> StorePipeline:
    crawler = get_crawler(Spider, {"FILINGWATCH_DATABASE_URL": db_url,
                                   "FILINGWATCH_RUN_ID": run_id})  # fmt: skip
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.engine = store.make_engine(db_url)
    return pipeline


def write(pipeline: StorePipeline, items: list[AnnouncementItem]) -> dict[str, int]:
    outcomes = pipeline._write(items)
    pipeline.counts.update(outcomes)
    return dict(outcomes)


def test_pipelines_store_upserts_by_news_id_and_counts_into_run(db_url) -> None:
    engine = store.make_engine(db_url)
    with store.session(engine) as session:
        run = store.CrawlRun(window_from=date(2026, 8, 1), window_to=date(2026, 8, 31))
        session.add(run)
        session.commit()
        run_id = run.id
    pipeline = store_pipeline(db_url, run_id)
    good = make_item(sha256="a" * 64, file_path="/f/a.pdf", size=10)
    assert write(pipeline, [good, make_item("12000002", file_error="truncated PDF: no %%EOF")]) == {
        "new": 1, "failed": 1,
    }  # fmt: skip
    assert write(pipeline, [good]) == {"unchanged": 1}
    assert write(pipeline, [make_item(sha256="b" * 64, file_path="/f/b.pdf", size=11)]) == {
        "changed": 1
    }
    # a failed re-fetch never throws away a good file stored before
    assert write(pipeline, [make_item(file_error="HTTP 500")]) == {"failed": 1}
    with store.session(engine) as session:
        rows = {r.news_id: r for r in session.exec(select(store.Announcement)).all()}
        run = session.get(store.CrawlRun, run_id)
    assert set(rows) == {"12000001", "12000002"}
    kept, failed = rows["12000001"], rows["12000002"]
    assert kept.sha256 == "b" * 64 and kept.status == store.Status.fetched
    assert kept.stock_codes == ["00700", "80700"] and kept.stock_code == "00700"
    assert kept.published_at == datetime(2026, 8, 5, 17, 0, tzinfo=HK)
    assert failed.status == store.Status.failed and failed.sha256 is None
    assert failed.last_error == "truncated PDF: no %%EOF" and failed.attempts == 1
    assert (run.seen, run.new, run.changed, run.unchanged, run.failed) == (5, 1, 1, 1, 2)
    engine.dispose()
    pipeline.engine.dispose()


def test_pipelines_store_multi_files_attachments_new_missing_filled(db_url) -> None:
    pipeline = store_pipeline(db_url, None)
    landing = {"multi_file": True, "sha256": "l" * 64, "file_path": "/f/l.htm", "size": 5}
    doc = {"position": 1, "url": URL, "label": "Circular", "file_type": "pdf"}
    good = {**doc, "sha256": "a" * 64, "file_path": "/f/a.pdf", "size": 9}
    empty = make_item(
        **landing, attachments_error="the Multi-Files landing page lists no documents"
    )
    assert write(pipeline, [empty]) == {"failed": 1}
    assert write(pipeline, [make_item(**landing, attachments=[{**doc, "error": "HTTP 404"}])]) == {
        "failed": 1
    }
    engine = store.make_engine(db_url)
    with store.session(engine) as session:
        row = session.exec(select(store.Announcement)).one()
        assert row.status == store.Status.failed and row.attempts == 2
        assert row.last_error.startswith("incomplete: attachment 1 of 1 (2026080500001.pdf)")
    assert write(pipeline, [make_item(**landing, attachments=[good])]) == {"changed": 1}
    assert write(pipeline, [make_item(**landing, attachments=[good])]) == {"unchanged": 1}
    with store.session(engine) as session:
        row = session.exec(select(store.Announcement)).one()
        assert (row.status, row.last_error) == (store.Status.fetched, None)
        assert [f.sha256 for f in store.attachments_of(session, row.id)] == ["a" * 64]
    engine.dispose()
    pipeline.engine.dispose()
