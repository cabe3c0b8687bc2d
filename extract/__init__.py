"""pdf/html/text -> plain text (pdfminer.six) -> spaCy pipeline -> the extraction contract.

Public surface (docs/architecture.md): read_document, Document, ReadError and its subclasses,
extract_pages, extract_file, extraction_of, EXTRACTOR_VERSION, run_pending, reprocess, and the
contract's types (Extraction, Party, Agreement, AnnualCap, ConnectedPerson, Directors,
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
    "extract_file",
    "extract_pages",
    "extraction_of",
    "read_document",
    "pair_editions",
    "reprocess",
    "run_pending",
    "validate_json",
]

#: name -> the module it comes from, imported on first use (spaCy, pdfminer, the store)
_LAZY = {
    "EXTRACTOR_VERSION": "extract.extraction",
    "extract_file": "extract.extraction",
    "extract_pages": "extract.extraction",
    "extraction_of": "extract.extraction",
    "Document": "extract.read",
    "read_document": "extract.read",
    "run_pending": "extract.batch",
    "reprocess": "extract.batch",
    "flagged": "extract.batch",
    "pair_editions": "extract.editions",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
