"""pdf/html/text -> plain text (pdfminer.six) -> spaCy pipeline -> the extraction contract.

Pure: text in, facts out. Nothing here opens the database or manages processes; the batch
runner that reads stored files and saves facts is jobs/.

Public surface (docs/architecture.md): read_document, Document, ReadError and its subclasses,
extract_pages, extract_file, EXTRACTOR_VERSION, get_pipeline, combine (one contract from a
filing's files), review_reason and max_pages_for (what the listing promises).
"""

from __future__ import annotations

from extract.errors import (
    CorruptPDF,
    EmptyDocument,
    EncryptedPDF,
    LimitExceeded,
    NotAPDF,
    ReadError,
    ScannedPDF,
    TruncatedPDF,
)
from extract.extraction import EXTRACTOR_VERSION, extract_file, extract_pages
from extract.merge import combine
from extract.pipeline import get_pipeline
from extract.read import Document, read_document
from extract.review import max_pages_for, review_reason

__all__ = [
    "EXTRACTOR_VERSION",
    "CorruptPDF",
    "Document",
    "EmptyDocument",
    "EncryptedPDF",
    "LimitExceeded",
    "NotAPDF",
    "ReadError",
    "ScannedPDF",
    "TruncatedPDF",
    "combine",
    "extract_file",
    "extract_pages",
    "get_pipeline",
    "max_pages_for",
    "read_document",
    "review_reason",
]
