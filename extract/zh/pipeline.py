"""The Chinese pipeline and `extract_zh(pages) -> dict`, the contract with language "zh".

`spacy.blank("zh")` with the "char" segmenter: one token per character, nothing to download (the
jieba and pkuseg segmenters need packages and model files; HKEX text needs neither, since every
pattern we match is a fixed string or a regex and names end at an honorific). Components write
facts with character offsets; here they become the contract, and offsets become evidence (page
number and the printed sentence).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

import extract.zh.components  # noqa: F401  (registers the fw_zh_* factories)
from extract.chunks import plan_chunks
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
    """The extraction contract for a Chinese announcement given as its pages' text; a long
    one in chunks of pages whose facts are merged (extract/chunks.py, extract/merge.py)."""
    chunks = plan_chunks(pages, board_page, definition_pages)
    return merge_contracts([_extract_chunk(c.pages, c.numbers) for c in chunks])


def _extract_chunk(pages: list[str], numbers: list[int]) -> dict[str, Any]:
    """The contract of some of a document's pages; `numbers` are their page numbers."""
    starts, text, pos = [], [], 0
    for i, page in enumerate(pages):
        if i:
            text.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        starts.append(pos)
        text.append(page)
        pos += len(page)
    doc = nlp()("".join(text))
    facts = doc_utils.facts(doc)
    evidence: dict[str, dict] = {}

    def ev(key: str, bounds: tuple[int, int] | None) -> None:
        if bounds:
            s, e = bounds
            page = numbers[max(bisect.bisect_right(starts, s), 1) - 1]
            evidence[key] = {"page": page, "text": doc_utils.text(doc)[s:e].strip()}

    result: dict[str, Any] = {"language": "zh"}
    for key in ("company", "stock_code", "announcement_date", "title"):
        fact = facts.get(key)
        result[key] = fact["value"] if fact else None
        if fact:
            ev(key, fact["_ev"])
    for key in ("transaction_types", "listing_rules_chapters", "abstained_directors"):
        items = facts.get(key, [])
        result[key] = [f["value"] for f in items]
        for i, f in enumerate(items):
            ev(f"{key}[{i}]", f["_ev"])
    for key in ("parties", "agreements", "annual_caps", "connected_persons"):
        items = facts.get(key, [])
        result[key] = [_public(f) for f in items]
        for i, f in enumerate(items):
            ev(f"{key}[{i}]", f["_ev"])
    result["directors"] = {}
    for role, items in facts.get("directors", {}).items():
        result["directors"][role] = [f["value"] for f in items]
        for i, f in enumerate(items):
            ev(f"directors.{role}[{i}]", f["_ev"])
    for role in ("executive", "non_executive", "independent_non_executive"):
        result["directors"].setdefault(role, [])
    result["evidence"] = evidence
    return result
