"""pages -> the extraction contract. English goes through our spaCy pipeline; Chinese goes to
`extract.zh.extract_zh` (built separately; imported only when a Chinese document arrives).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.checks import warnings_for
from extract.chunks import plan_chunks
from extract.components.definitions import definition_pages
from extract.components.directors import board_page
from extract.contract import to_contract
from extract.document import build_text, join_page_breaks, state
from extract.language import detect_language
from extract.merge import merge_contracts
from extract.pipeline import get_pipeline
from extract.read import read_document

#: bump when the extractor's output changes; `filingwatch reprocess` re-extracts older rows
EXTRACTOR_VERSION = 3


def extract_pages(pages: list[str], language: str | None = None) -> dict[str, Any]:
    """The contract for a document's pages (language detected when not given).

    A document of any length: a long one runs through the pipeline in chunks of pages
    (extract/chunks.py) whose facts are merged (extract/merge.py), so no Doc nears
    `nlp.max_length` and memory stays bounded.
    """
    language = language or detect_language(pages)
    if language == "zh":
        zh = _chinese()
        if zh is not None:
            result = zh(join_page_breaks(pages))
            result.setdefault("language", "zh")
            result["warnings"] = warnings_for(result)
            return result
    contract_language = "en" if language != "zh" else "zh"
    chunks = plan_chunks(join_page_breaks(pages), board_page, definition_pages)
    return merge_contracts([_extract_chunk(c.pages, c.numbers, contract_language) for c in chunks])


def _extract_chunk(pages: list[str], numbers: list[int], language: str) -> dict[str, Any]:
    text, layout = build_text(pages, numbers, joined=True)
    nlp = get_pipeline()
    doc = nlp.make_doc(text)
    state(doc).layout = layout
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_contract(doc, language=language)


def extract_file(path: str | Path, *, max_pages: int | None = None) -> dict[str, Any]:
    """Read `path` (.pdf, .htm/.html, .txt) and extract it. ReadError subclasses propagate."""
    document = read_document(path, max_pages=max_pages)
    return extract_pages(document.pages, document.language)


def _chinese():  # noqa: ANN202 - a callable or None
    try:
        from extract.zh import extract_zh
    except ImportError:
        return None
    return extract_zh
