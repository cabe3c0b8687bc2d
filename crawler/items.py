"""Items as plain dataclasses: what the spider yields and the pipelines fill in.

Nothing Scrapy-specific crosses into `store/`: `AnnouncementItem.store_fields()` turns an item
into the plain dict that `store.upsert_announcement` takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class AnnouncementItem:
    """One row of the title search: one edition (EN or ZH) of one HKEXnews document.

    `file_urls`/`files` are the fields Scrapy's FilesPipeline reads and fills; `sha256`,
    `file_path`, `size` and `file_error` are set by our FilesPipeline subclass once the file is
    safely on disk (or could not be); for a Multi-Files filing it then fetches the documents
    its landing page lists into `attachments`.
    """

    news_id: str
    language: str
    published_at: datetime
    stock_codes: list[str]
    stock_names: list[str]
    title: str
    headline: str
    headline_t1: str | None
    headline_t2: list[str]
    revised: bool
    cancelled: bool
    file_type: str
    file_info: str
    document_url: str
    multi_file: bool = False
    file_urls: list[str] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    sha256: str | None = None
    file_path: str | None = None
    size: int | None = None
    file_error: str | None = None
    # A Multi-Files filing's documents (crawler/landing.py), one dict each as
    # `store.record_attachments` takes it; `attachments_error` when the page lists none.
    attachments: list[dict[str, Any]] = field(default_factory=list)
    attachments_error: str | None = None

    def store_fields(self) -> dict[str, Any]:
        """The columns of `store.models.Announcement` this crawl knows about."""
        return {
            "news_id": self.news_id,
            "stock_code": self.stock_codes[0] if self.stock_codes else "",
            "stock_codes": list(self.stock_codes),
            "stock_name": " / ".join(self.stock_names)[:400],
            "title": self.title,
            "headline": self.headline,
            "headline_t1": self.headline_t1,
            "headline_t2": list(self.headline_t2),
            "revised": self.revised,
            "published_at": self.published_at,
            "document_url": self.document_url,
            "file_type": self.file_type,
            "language": self.language,
            "file_path": self.file_path,
            "sha256": self.sha256,
            "size": self.size,
        }


@dataclass(frozen=True)
class StockRef:
    """A stock code resolved to HKEXnews's internal id (prefix.do); `category` 1 = delisted."""

    code: str
    stock_id: int
    name: str
    category: int = 0
