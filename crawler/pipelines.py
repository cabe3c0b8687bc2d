"""Item pipelines: the document onto disk first (`DocumentFilesPipeline`), then the row
(`StorePipeline`). That order is the "nothing lost" rule: no row says `fetched` before its file
is durably on disk, and a row is written by news id, so nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from scrapy.http import Request, Response
from scrapy.pipelines.files import FilesPipeline
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task, threads
from twisted.python.failure import Failure

import store
from crawler.documents import document_extension, validate_document
from crawler.filestore import content_name, store_bytes
from crawler.items import AnnouncementItem
from crawler.landing import attachment_links

logger = logging.getLogger(__name__)


class DocumentError(Exception):
    """A document that could not be fetched or is not what it claims; `str()` is one line."""


@dataclass
class _AttachmentDownloads:
    """The documents of one landing page, passed through this pipeline like an item's files."""

    file_urls: list[str]
    files: list[dict[str, Any]] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)


class DocumentFilesPipeline(FilesPipeline):
    """Scrapy's FilesPipeline, content-addressed and crash-safe.

    Files are named `<sha256 of the bytes>.<ext>` (Scrapy names them by URL hash). Each body is
    validated (an HTML page at a .pdf URL or a PDF without %%EOF is a failure with a one-line
    reason on the item, not a stored file), then written by `crawler.filestore.store_bytes`
    (temp file, fsync, atomic rename) in a thread so the reactor keeps downloading.
    Every file is downloaded again on a re-crawl: that is how a changed document is noticed.
    A Multi-Files filing's file is its landing page; once that is stored, the documents it
    lists are downloaded, validated and stored the same way, each recorded (or its one-line
    failure) in `item.attachments`.
    """

    LOG_FAILED_RESULTS = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> DocumentFilesPipeline:
        pipeline = super().from_crawler(crawler)
        pipeline.files_dir = crawler.settings.get("FILES_STORE")
        return pipeline

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        item = await super().process_item(item)
        if isinstance(item, AnnouncementItem) and item.multi_file and item.file_path:
            await self._fetch_attachments(item)
        return item

    async def _fetch_attachments(self, item: AnnouncementItem) -> None:
        assert item.file_path is not None
        page = await maybe_deferred_to_future(
            threads.deferToThread(Path(item.file_path).read_bytes)
        )
        links = attachment_links(page, item.document_url)
        if not links:
            item.attachments_error = "the Multi-Files landing page lists no documents"
            logger.warning("news %s: %s (%s)", item.news_id, item.attachments_error,
                           item.document_url)  # fmt: skip
            return
        downloads = await super().process_item(_AttachmentDownloads([x.url for x in links]))
        for link, (ok, value) in zip(links, downloads.results, strict=True):
            entry = {"position": link.position, "url": link.url, "label": link.label,
                     "file_type": document_extension(link.url)}  # fmt: skip
            if ok:
                entry.update(sha256=value["checksum"], file_path=value["path"], size=value["size"])
            else:
                entry["error"] = _one_line(value.value) or "download failed"
                self.crawler.stats.inc_value("filingwatch/attachments_failed")
                logger.warning("news %s attachment %d: %s (%s)", item.news_id, link.position,
                               entry["error"], link.url)  # fmt: skip
            item.attachments.append(entry)

    def media_to_download(self, request: Request, info: Any, *, item: Any = None) -> None:
        return None  # always download: the hash of the new bytes decides new/changed/unchanged

    def file_path(
        self,
        request: Request,
        response: Response | None = None,
        info: Any = None,
        *,
        item: Any = None,
    ) -> str:
        extension = document_extension(request.url)
        if response is None:  # before download the content, hence the name, is unknown
            return f"pending/{hashlib.sha1(request.url.encode()).hexdigest()}.{extension}"
        return content_name(hashlib.sha256(response.body).hexdigest(), extension)

    async def media_downloaded(
        self, response: Response, request: Request, info: Any, *, item: Any = None
    ) -> dict[str, Any]:
        if response.status != 200:
            raise DocumentError(f"HTTP {response.status} for {request.url}")
        extension = document_extension(request.url)
        problem = validate_document(response.body, extension)
        if problem:
            raise DocumentError(problem)
        stored = await maybe_deferred_to_future(
            threads.deferToThread(store_bytes, self.files_dir, response.body, extension)
        )
        stats = self.crawler.stats
        stats.inc_value("filingwatch/files_fetched")
        stats.inc_value("filingwatch/file_bytes", stored.size)
        return {
            "url": request.url,
            "path": stored.path,
            "checksum": stored.sha256,
            "size": stored.size,
            "status": "downloaded",
        }

    def media_failed(self, failure: Failure, request: Request, info: Any) -> NoReturn:
        error = failure.value
        if isinstance(error, DocumentError):
            raise error
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise DocumentError(f"download failed: {type(error).__name__} {message}".strip())

    def item_completed(self, results: list[Any], item: Any, info: Any) -> Any:
        if isinstance(item, _AttachmentDownloads):
            item.results = results  # in request order: one per landing-page link
            return item
        if not isinstance(item, AnnouncementItem):
            return super().item_completed(results, item, info)
        item.files = [value for ok, value in results if ok]
        failures = [value for ok, value in results if not ok]
        if failures:
            item.file_error = _one_line(failures[0].value) or "download failed"
            self.crawler.stats.inc_value("filingwatch/files_failed")
            logger.warning("news %s: %s (%s)", item.news_id, item.file_error, item.document_url)
        elif item.files:
            first = item.files[0]
            item.sha256, item.file_path, item.size = first["checksum"], first["path"], first["size"]
        return item


class StorePipeline:
    """Upserts each announcement by news id, in batches, and keeps the CrawlRun's counts.

    A batch is one transaction: the rows and the run's counters move together. Items whose file
    failed are recorded with `store.mark_failed` and the reason — unless the row already holds
    a good file from an earlier crawl, which a transient failure must not discard.
    """

    def __init__(self, database_url: str | None, run_id: int | None, batch: int, every: float):
        self.database_url = database_url
        self.run_id = run_id
        self.batch_size = batch
        self.every = every
        self.buffer: list[AnnouncementItem] = []
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []
        self.engine: Any = None
        self.loop: task.LoopingCall | None = None
        self.writing: Any = None  # the Deferred of the batch being written

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        settings = crawler.settings
        run_id = settings.get("FILINGWATCH_RUN_ID")
        pipeline = cls(
            database_url=settings.get("FILINGWATCH_DATABASE_URL"),
            run_id=int(run_id) if run_id not in (None, "") else None,
            batch=settings.getint("FILINGWATCH_STORE_BATCH", 200),
            every=settings.getfloat("FILINGWATCH_STORE_FLUSH_SECONDS", 1.0),
        )
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        self.engine = store.make_engine(self.database_url)
        self.loop = task.LoopingCall(self.flush)
        self.loop.start(self.every, now=False)

    async def close_spider(self, spider: Any = None) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        while self.writing is not None or self.buffer:
            if self.writing is None:
                self.flush()
            if self.writing is not None:
                await maybe_deferred_to_future(self.writing)
        target = getattr(self.crawler, "spider", None)
        if target is not None and hasattr(target, "errors"):
            target.errors.extend(self.errors)
        if self.engine is not None:
            self.engine.dispose()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, AnnouncementItem):
            self.buffer.append(item)
            if len(self.buffer) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        """Hand the buffered items to a writer thread, one batch at a time.

        The write runs off the reactor thread so downloads go on while the database works;
        a batch still being written makes this a no-op (the next tick takes the rest).
        """
        if not self.buffer or self.writing is not None:
            return
        batch, self.buffer = self.buffer, []
        self.writing = threads.deferToThread(self._write, batch)
        self.writing.addBoth(self._written, len(batch))

    def _written(self, result: Any, size: int) -> None:
        self.writing = None
        if isinstance(result, Failure):
            message = f"database write of {size} announcements failed: {result.value}"
            logger.error(message.splitlines()[0])
            self.errors.append(message.splitlines()[0])
            return
        self.counts.update(result)
        for outcome, count in result.items():
            self.crawler.stats.inc_value(f"filingwatch/stored_{outcome}", count)
        if len(self.buffer) >= self.batch_size:
            self.flush()

    def _write(self, batch: list[AnnouncementItem]) -> Counter[str]:
        """Rows and the run's counters in one write transaction (runs in the writer thread)."""
        outcomes: Counter[str] = Counter()
        with store.write_session(self.engine) as session:  # BEGIN IMMEDIATE on SQLite
            fresh = self._insert_new(session, batch)
            if fresh:
                outcomes["new"] += len(fresh)
            for item in batch:
                if item.news_id not in fresh:
                    outcomes[self._store_one(session, item)] += 1
            if self.run_id is not None:
                store.set_crawl_run_counts(session, self.run_id, self.counts + outcomes)
            session.commit()
        return outcomes

    def _insert_new(self, session: Any, batch: list[AnnouncementItem]) -> set[str]:
        """Insert, in one flush, the fetched items no row holds yet; their news ids.

        The common case of a crawl (and 5x cheaper than one upsert per row). Anything else —
        a known news id, a failed file, a concurrent insert of the same id — goes through
        `store.upsert_announcement` one by one. Values are already clean (crawler.parsing);
        the insert is `store.insert_new_announcements`.
        """
        candidates = {
            item.news_id: item for item in batch if item.file_error is None and not item.multi_file
        }
        now = store.now_hk()
        rows = []
        for item in candidates.values():
            fields = item.store_fields()
            fields.update(status=store.Status.fetched, fetched_at=now)
            rows.append(fields)
        return store.insert_new_announcements(session, rows)

    def _store_one(self, session: Any, item: AnnouncementItem) -> str:
        fields = item.store_fields()
        if item.file_error is None:
            fields.update(status=store.Status.fetched, fetched_at=store.now_hk())
            row, outcome = store.upsert_announcement(session, fields)
            if item.multi_file:
                return _store_attachments(session, item, row.id, outcome)
            return outcome
        for key in ("sha256", "file_path", "size"):
            fields.pop(key, None)
        existing = store.announcement_by_news_id(session, item.news_id)
        if existing is not None and existing.sha256:
            logger.warning(
                "news %s keeps its earlier file; this fetch failed: %s",
                item.news_id,
                item.file_error,
            )
            return "failed"
        row, _ = store.upsert_announcement(session, fields)
        store.mark_failed(session, row.id, item.file_error)
        return "failed"


def _store_attachments(
    session: Any, item: AnnouncementItem, announcement_id: int, outcome: str
) -> str:
    """Record a Multi-Files filing's documents; the filing's outcome for the run's counts.

    An attachment without a good file marks the announcement `failed` with the reason
    ("incomplete: attachment 2 of 3 (….pdf): HTTP 404 …"), so extraction waits for it and the
    next crawl tries again; a set completed or changed since the last crawl goes back to
    `fetched` for extraction ("changed"). Unchanged files change nothing.
    """
    if item.attachments_error:
        store.mark_failed(session, announcement_id, f"incomplete: {item.attachments_error}")
        return "failed"
    recorded = store.record_attachments(session, announcement_id, item.attachments)
    if recorded.reason:
        store.mark_failed(session, announcement_id, recorded.reason)
        return "failed"
    if recorded.changed and outcome == "unchanged":
        store.mark_refetched(session, announcement_id)
        return "changed"
    return outcome


def _one_line(error: Any) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:500] if text else ""
