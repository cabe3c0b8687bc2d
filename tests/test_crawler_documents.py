"""crawler.documents: a body that is not the document gets a one-line reason."""

from __future__ import annotations

import pytest

from crawler.documents import document_extension, validate_document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_documents_extension() -> None:
    assert document_extension("http://x/a/2026021100854.pdf") == "pdf"
    assert document_extension("http://x/a/2026021100854_c.HTM") == "htm"
    assert document_extension("http://x/a/noext") == "bin"


def test_documents_complete_pdf_passes() -> None:
    assert validate_document(PDF, "pdf") is None
    assert validate_document(PDF + b"\r\n\x00\x00", "pdf") is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty file"),
        (PDF[:-8], "truncated PDF"),
        (b"<!DOCTYPE html><html><body>500 Internal Server Error</body></html>", "HTML page"),
        (b"\x89PNG\r\n", "not a PDF"),
    ],
)
def test_documents_bad_pdf_bodies(body, words) -> None:
    reason = validate_document(body, "pdf")
    assert reason is not None and words in reason and "\n" not in reason


def test_documents_htm_landing_page() -> None:
    assert validate_document(b"<html><body><a href='x.pdf'>x</a></body></html>", "htm") is None
    assert validate_document(b"", "htm") == "empty file"
