"""The documents a Multi-Files landing page lists (hkexnews.md §1.4, §3).

A Multi-Files row's FILE_LINK is an .htm page, not a document: the filing's documents are the
links on it, usually in a sub-folder named by the news id (`…/YYYY/MMDD/<id>/….pdf`). Links
may be relative to the page or absolute; only links into the documents tree with a document's
extension count (the page's chrome links elsewhere), in page order, each once. Absolute links
are re-based onto the crawl's own host, so a crawl of the replica never reaches the real site.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from scrapy.http import HtmlResponse

from crawler.documents import document_extension
from crawler.urls import build_file_url, is_document_path

DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "htm", "html", "doc", "docx", "xls", "xlsx", "csv", "zip", "txt", "ppt", "pptx"}
)


@dataclass(frozen=True)
class AttachmentLink:
    position: int  # 1 = the first document on the page
    url: str
    label: str


def attachment_links(body: bytes, page_url: str) -> list[AttachmentLink]:
    """The documents linked from the landing page at `page_url`, in page order."""
    page = HtmlResponse(url=page_url, body=body)
    parts = urlsplit(page_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    seen = {page_url}
    links: list[AttachmentLink] = []
    for anchor in page.css("a[href]"):
        href = (anchor.attrib.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        target = urlsplit(urljoin(page_url, href))
        if target.scheme not in ("http", "https") or not is_document_path(target.path):
            continue
        if document_extension(target.path) not in DOCUMENT_EXTENSIONS:
            continue
        url = build_file_url(origin, target.path + (f"?{target.query}" if target.query else ""))
        if url in seen:
            continue
        seen.add(url)
        label = " ".join(" ".join(anchor.css("::text").getall()).split())
        links.append(AttachmentLink(len(links) + 1, url, label[:500]))
    return links
