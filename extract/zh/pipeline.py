"""The Chinese pipeline and `extraction_zh(pages) -> Extraction`, the contract with language "zh"
(`extract_zh(pages) -> dict`, its JSON).

`spacy.blank("zh")` with the "char" segmenter: one token per character, nothing to download (the
jieba and pkuseg segmenters need packages and model files; HKEX text needs neither, since every
pattern we match is a fixed string or a regex and names end at an honorific). Components write
facts with character offsets; here offsets become evidence (page number and the printed
sentence), and the one builder (extract/contract.py) makes the contract.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extract.zh.components  # noqa: F401  (registers the fw_zh_* factories)
from extract.chunks import plan_chunks
from extract.contract import Found, Located, build_extraction
from extract.contract_types import Evidence, Extraction
from extract.merge import merge_contracts
from extract.zh import doc_utils
from extract.zh.components.board import board_page
from extract.zh.components.definitions import definition_pages

PIPES = [
    "fw_zh_norm_v1",
    "fw_zh_header_v1",
    "fw_zh_definitions_v1",
    "fw_zh_txtypes_v1",
    "fw_zh_chapters_v1",
    "fw_zh_caps_v1",
    "fw_zh_consistency_v1",
    "fw_zh_board_v1",
    "fw_zh_abstain_v1",
    "fw_zh_connected_v1",
]
PAGE_BREAK = "\n\f\n"


def build_nlp() -> Language:
    """A blank Chinese pipeline (char segmentation) with our components."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


@lru_cache(maxsize=1)
def nlp() -> Language:
    return build_nlp()


def _public(item: dict) -> dict:
    return {k: v for k, v in item.items() if not k.startswith("_")}


def extract_zh(pages: list[str]) -> dict[str, Any]:
    """The contract's JSON for a Chinese announcement given as its pages' text."""
    return extraction_zh(pages).to_json()


def extraction_zh(pages: list[str]) -> Extraction:
    """The contract for a Chinese announcement given as its pages' text; a long one in chunks
    of pages whose facts are merged (extract/chunks.py, extract/merge.py)."""
    chunks = plan_chunks(pages, board_page, definition_pages)
    return merge_contracts([_extract_chunk(c.pages, c.numbers) for c in chunks])


def _extract_chunk(pages: list[str], numbers: list[int]) -> Extraction:
    """The contract of some of a document's pages; `numbers` are their page numbers."""
    starts, text, pos = [], [], 0
    for i, page in enumerate(pages):
        if i:
            text.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        starts.append(pos)
        text.append(page)
        pos += len(page)
    whole = "".join(text)
    pipeline = nlp()
    doc = pipeline.make_doc(whole)
    # spaCy's text is the input's (its tokenizers lose nothing); known here, it is not rebuilt
    # from every character's token when the components ask for it
    doc_utils.state(doc).text = whole
    for _, component in pipeline.pipeline:
        doc = component(doc)
    return build_extraction(_found(doc, starts, numbers), "zh")


def _found(doc: Doc, starts: list[int], numbers: list[int]) -> Found:
    """What the components found (`doc_utils.facts`), in the contract's terms: a fact's
    `_ev` offsets become its evidence."""
    facts = doc_utils.facts(doc)

    def located(fact: dict, value: Any) -> Located:  # noqa: ANN401 - a fact's JSON value
        evidence = None
        if fact["_ev"]:
            s, e = fact["_ev"]
            page = numbers[max(bisect.bisect_right(starts, s), 1) - 1]
            evidence = Evidence.at(page, doc_utils.text(doc)[s:e].strip())
        return Located(value, evidence)

    found: dict[str, Any] = {}
    for key in ("company", "stock_code", "announcement_date", "title"):
        fact = facts.get(key)
        if fact:
            found[key] = located(fact, fact["value"])
    for key in ("transaction_types", "listing_rules_chapters", "abstained_directors"):
        found[key] = [located(f, f["value"]) for f in facts.get(key, [])]
    for key in ("parties", "agreements", "annual_caps", "connected_persons"):
        found[key] = [located(f, _public(f)) for f in facts.get(key, [])]
    found["directors"] = {
        role: [located(f, f["value"]) for f in items]
        for role, items in facts.get("directors", {}).items()
    }
    return found
