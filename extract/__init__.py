"""pdf/html/text -> plain text (pdfminer.six) -> spaCy pipeline -> the extraction contract.

Pure: text in, facts out. Nothing here opens the database or manages processes; the batch
runner that reads stored files and saves facts is jobs/.

Public surface (docs/architecture.md): read_document, Document, ReadError and its subclasses,
extract_pages, extract_file, extraction_of, EXTRACTOR_VERSION, get_pipeline, combine (one
contract from a filing's files), review_reason and max_pages_for (what the listing promises),
and the contract's types (Extraction, Party, Agreement, AnnualCap, ConnectedPerson, Directors,
Evidence; extract/contract_types.py). Importing the types loads neither spaCy nor pdfminer:
the reader and the pipeline are imported when first asked for.
"""

from __future__ import annotations

from typing import Any

from extract.contract_types import (
    ROLE_PATHS,
    Agreement,
    AnnualCap,
    ConnectedPerson,
    ContractError,
    Directors,
    Evidence,
    Extraction,
    Party,
    as_date,
    validate_json,
)
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

__all__ = [
    "EXTRACTOR_VERSION",
    "ROLE_PATHS",
    "Agreement",
    "AnnualCap",
    "ConnectedPerson",
    "ContractError",
    "CorruptPDF",
    "Directors",
    "Document",
    "EmptyDocument",
    "EncryptedPDF",
    "Evidence",
    "Extraction",
    "LimitExceeded",
    "NotAPDF",
    "Party",
    "ReadError",
    "ScannedPDF",
    "TruncatedPDF",
    "as_date",
    "combine",
    "extract_file",
    "extract_pages",
    "extraction_of",
    "get_pipeline",
    "max_pages_for",
    "read_document",
    "review_reason",
    "validate_json",
]

#: name -> the module it comes from, imported on first use (spaCy, pdfminer)
_LAZY = {
    "EXTRACTOR_VERSION": "extract.extraction",
    "extract_file": "extract.extraction",
    "extract_pages": "extract.extraction",
    "extraction_of": "extract.extraction",
    "Document": "extract.read",
    "read_document": "extract.read",
    "combine": "extract.merge",
    "get_pipeline": "extract.pipeline",
    "max_pages_for": "extract.review",
    "review_reason": "extract.review",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the named module holds
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
