"""pdf/html/text -> plain text (pdfminer.six) -> spaCy pipeline -> the extraction contract.

Public surface (docs/architecture.md): read_document, Document, ReadError and its subclasses,
extract_pages, extract_file, EXTRACTOR_VERSION, run_pending, reprocess.
"""

from __future__ import annotations

from typing import Any

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
from extract.read import Document, read_document

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
    "extract_file",
    "extract_pages",
    "read_document",
    "pair_editions",
    "reprocess",
    "run_pending",
]


def __getattr__(name: str) -> Any:
    # The batch needs the store and a process pool; import it only when asked for.
    if name in ("run_pending", "reprocess", "flagged"):
        from extract import batch

        return getattr(batch, name)
    if name == "pair_editions":
        from extract.editions import pair_editions

        return pair_editions
    raise AttributeError(name)
