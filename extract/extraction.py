"""pages -> the extraction contract. English goes through our spaCy pipeline; Chinese goes to
`extract.zh` (built separately; imported only when a Chinese document arrives). Both end in
the one builder (extract/contract.py) and give an `Extraction`; `extract_pages` and
`extract_file` hand its JSON to callers that want the contract as printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from extract.chunks import plan_chunks
from extract.components.definitions import definition_pages
from extract.components.directors import board_page
from extract.contract import CATEGORIES, Found, Located, build_extraction
from extract.contract_types import Evidence, Extraction
from extract.document import (
    Fact,
    build_text,
    facts,
    join_page_breaks,
    page_of,
    sentence_of,
    state,
)
from extract.language import detect_language
from extract.merge import merge_contracts
from extract.pipeline import get_pipeline
from extract.read import read_document

#: bump when the extractor's output changes; `filingwatch reprocess` re-extracts older rows
EXTRACTOR_VERSION = 9  # 9: side-by-side and wrapped-label tables, tenancies named by headings


def extract_pages(pages: list[str], language: str | None = None) -> dict[str, Any]:
    """The contract's JSON for a document's pages (language detected when not given)."""
    return extraction_of(pages, language).to_json()


def extraction_of(pages: list[str], language: str | None = None) -> Extraction:
    """The contract for a document's pages (language detected when not given).

    A document of any length: a long one runs through the pipeline in chunks of pages
    (extract/chunks.py) whose facts are merged (extract/merge.py), so no Doc nears
    `nlp.max_length` and memory stays bounded.
    """
    language = language or detect_language(pages)
    if language == "zh":
        zh = _chinese()
        if zh is not None:
            return zh(join_page_breaks(pages))
    contract_language = "en" if language != "zh" else "zh"
    chunks = plan_chunks(join_page_breaks(pages), board_page, definition_pages)
    return merge_contracts([_extract_chunk(c.pages, c.numbers, contract_language) for c in chunks])


def _extract_chunk(pages: list[str], numbers: list[int], language: str) -> Extraction:
    text, layout = build_text(pages, numbers, joined=True)
    nlp = get_pipeline()
    doc = nlp.make_doc(text)
    state(doc).layout = layout
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return build_extraction(found_in(doc), language)


def found_in(doc: Doc) -> Found:
    """What the English components found (`extract.document.facts`), in the contract's terms;
    each fact's evidence is the page and sentence of its characters."""
    doc_facts = facts(doc)

    def located(fact: Fact, as_json: Callable[[Any], Any] = lambda v: v) -> Located:
        evidence = Evidence.at(page_of(doc, fact.start), sentence_of(doc, fact.start, fact.end))
        return Located(as_json(fact.value), evidence)

    def each(key: str, as_json: Callable[[Any], Any] = lambda v: v) -> list[Located]:
        return [located(fact, as_json) for fact in doc_facts.get(key, [])]

    found: dict[str, Any] = {}
    header = {
        "company": doc_facts.get("company") or doc_facts.get("company_header"),
        **{key: doc_facts.get(key) for key in ("stock_code", "announcement_date", "title")},
    }
    for key, fact in header.items():
        if fact is not None:
            found[key] = located(fact)
    for key in ("transaction_types", "listing_rules_chapters", "abstained_directors"):
        found[key] = each(key)
    found["parties"] = each("parties", dict)
    found["agreements"] = each("agreements", _agreement)
    found["annual_caps"] = each("annual_caps", _cap)
    found["connected_persons"] = each("connected_persons", dict)
    found["historical_amounts"] = each("historical_amounts", _historical)
    board = doc_facts.get("directors", {})
    found["directors"] = {c: [located(fact) for fact in board.get(c, [])] for c in CATEGORIES}
    return found


def _agreement(a: Any) -> dict[str, Any]:  # noqa: ANN401 - components' AgreementFacts
    return {"name": a.name, "date": a.date, "term_start": a.term_start, "term_end": a.term_end,
            "parties": list(a.parties)}  # fmt: skip


def _cap(c: Any) -> dict[str, Any]:  # noqa: ANN401 - components' Cap
    return {"amount": c.amount, "currency": c.currency, "period_end": c.period_end,
            "period_label": c.period_label, "agreement": c.agreement, "category": c.category,
            "kind": c.kind}  # fmt: skip


def _historical(h: Any) -> dict[str, Any]:  # noqa: ANN401 - components' HistoricalAmount
    return {"amount": h.amount, "currency": h.currency, "period_end": h.period_end,
            "period_label": h.period_label, "agreement": h.agreement, "category": h.category,
            "kind": h.kind}  # fmt: skip


def extract_file(path: str | Path, *, max_pages: int | None = None) -> dict[str, Any]:
    """Read `path` (.pdf, .htm/.html, .txt) and extract it. ReadError subclasses propagate."""
    document = read_document(path, max_pages=max_pages)
    return extract_pages(document.pages, document.language)


def _chinese():  # noqa: ANN202 - a callable or None
    try:
        from extract.zh import extraction_zh
    except ImportError:
        return None
    return extraction_zh
