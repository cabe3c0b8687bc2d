"""Is this body the document we asked for? One-line reasons for the ones that are not.

The exchange (and our replica's faults) can answer a .pdf URL with an HTML error page, or cut a
PDF short. Such bodies are not stored as the document: the announcement is marked failed with
the reason, and the next crawl tries again.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PDF_MAGIC = b"%PDF-"
PDF_EOF = b"%%EOF"
EOF_SEARCH_BYTES = 4096
"""%%EOF must appear near the end (some writers add a little trailing whitespace or junk)."""


def document_extension(url: str) -> str:
    """`.../2026021100854.pdf` -> `pdf`; no extension -> `bin`."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext if ext.isalnum() and len(ext) <= 8 else "bin"


def looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


def validate_document(body: bytes, extension: str) -> str | None:
    """None when `body` is a plausible complete document of that type, else the reason."""
    if not body:
        return "empty file"
    if extension == "pdf":
        if not body.lstrip()[:8].startswith(PDF_MAGIC):
            if looks_like_html(body):
                return f"HTML page served at a .pdf URL ({len(body)} bytes), not the document"
            return f"not a PDF: starts with {body[:16]!r}"
        if PDF_EOF not in body[-EOF_SEARCH_BYTES:]:
            return f"truncated PDF: no %%EOF marker at the end ({len(body)} bytes)"
        return None
    if extension in ("htm", "html"):
        if not looks_like_html(body) and b"<" not in body[:4096]:
            return f"not an HTML page ({len(body)} bytes)"
        return None
    return None
