"""The one builder of the extraction contract, for both languages' pipelines.

Each pipeline reads its own Doc (English: `extract.document.facts`, Chinese:
`extract.zh.doc_utils.facts`) into `Found`: for every field of the contract, the JSON value of
each fact and where it was read (or None). Everything else is done here, once: the contract's
fields in their order, each fact's evidence under its path ("annual_caps[0]",
"directors.executive[1]", "stock_code"), and the cross-check warnings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from extract.checks import warnings_for
from extract.contract_types import (
    CATEGORIES,
    Agreement,
    AnnualCap,
    ConnectedPerson,
    Directors,
    Evidence,
    Extraction,
    HistoricalAmount,
    Party,
)

HEADER = ("company", "stock_code", "announcement_date", "title")
TEXT_LISTS = ("transaction_types", "listing_rules_chapters")
ITEM_LISTS = {
    "parties": Party,
    "agreements": Agreement,
    "annual_caps": AnnualCap,
    "connected_persons": ConnectedPerson,
}


class Located(NamedTuple):
    """One fact as a pipeline found it: its JSON value and its evidence (None: not cited)."""

    value: Any
    evidence: Evidence | None


#: field -> Located (header), list of Located (lists), {category: list of Located} (directors)
Found = Mapping[str, Any]


def build_extraction(found: Found, language: str) -> Extraction:
    """The contract of what a pipeline found in one Doc (a document, or a long one's chunk)."""
    evidence: dict[str, Evidence] = {}

    def take(path: str, fact: Located) -> Any:
        if fact.evidence is not None:
            evidence[path] = fact.evidence
        return fact.value

    def listed(key: str, facts: Sequence[Located]) -> list[Any]:
        return [take(f"{key}[{i}]", fact) for i, fact in enumerate(facts)]

    header = {key: take(key, found[key]) for key in HEADER if found.get(key) is not None}
    texts = {key: tuple(listed(key, found.get(key) or [])) for key in TEXT_LISTS}
    items = {
        key: tuple(cls.from_json(v) for v in listed(key, found.get(key) or []))
        for key, cls in ITEM_LISTS.items()
    }
    board = found.get("directors") or {}
    directors = Directors(
        **{c: tuple(listed(f"directors.{c}", board.get(c) or [])) for c in CATEGORIES}
    )
    abstained = tuple(listed("abstained_directors", found.get("abstained_directors") or []))
    extraction = Extraction(
        **header,
        language=language,
        **texts,
        **items,
        directors=directors,
        abstained_directors=abstained,
        evidence=evidence,
    )
    historical = tuple(
        HistoricalAmount.from_json(f.value) for f in found.get("historical_amounts") or []
    )
    extraction = replace(extraction, historical_amounts=historical)
    if not historical:
        extraction = replace(extraction, absent=extraction.absent | {"historical_amounts"})
    return replace(extraction, warnings=tuple(warnings_for(extraction)))
