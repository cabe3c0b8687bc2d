"""Turn the pipeline's facts into the extraction contract (the JSON in ../shared/DESIGN.md).

Each fact becomes its field in the contract and an evidence entry keyed by its path
("annual_caps[0]", "directors.executive[1]", "stock_code") holding the page and the sentence
it came from.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from extract.checks import warnings_for
from extract.document import Fact, facts, page_of, sentence_of

CATEGORIES = ("executive", "non_executive", "independent_non_executive")


def empty_contract(language: str = "en") -> dict[str, Any]:
    return {
        "company": None,
        "stock_code": None,
        "announcement_date": None,
        "title": None,
        "language": language,
        "transaction_types": [],
        "listing_rules_chapters": [],
        "parties": [],
        "agreements": [],
        "annual_caps": [],
        "connected_persons": [],
        "directors": {c: [] for c in CATEGORIES},
        "abstained_directors": [],
        "evidence": {},
        "warnings": [],
    }


def to_contract(doc: Doc, language: str = "en") -> dict[str, Any]:
    f = facts(doc)
    out = empty_contract(language)
    evidence: dict[str, dict[str, Any]] = {}

    def cite(path: str, fact: Fact) -> None:
        evidence[path] = {
            "page": page_of(doc, fact.start),
            "text": sentence_of(doc, fact.start, fact.end),
        }

    company = f.get("company") or f.get("company_header")
    for key, fact in (
        ("company", company),
        ("stock_code", f.get("stock_code")),
        ("announcement_date", f.get("announcement_date")),
        ("title", f.get("title")),
    ):
        if fact is not None:
            out[key] = fact.value
            cite(key, fact)
    for key in ("transaction_types", "listing_rules_chapters"):
        for i, fact in enumerate(f.get(key, [])):
            out[key].append(fact.value)
            cite(f"{key}[{i}]", fact)
    for i, fact in enumerate(f.get("parties", [])):
        out["parties"].append(dict(fact.value))
        cite(f"parties[{i}]", fact)
    for i, fact in enumerate(f.get("agreements", [])):
        a = fact.value
        out["agreements"].append(
            {
                "name": a.name,
                "date": a.date,
                "term_start": a.term_start,
                "term_end": a.term_end,
                "parties": list(a.parties),
            }
        )
        cite(f"agreements[{i}]", fact)
    for i, fact in enumerate(f.get("annual_caps", [])):
        c = fact.value
        out["annual_caps"].append(
            {
                "amount": c.amount,
                "currency": c.currency,
                "period_end": c.period_end,
                "period_label": c.period_label,
                "agreement": c.agreement,
                "category": c.category,
                "kind": c.kind,
            }
        )
        cite(f"annual_caps[{i}]", fact)
    for i, fact in enumerate(f.get("connected_persons", [])):
        out["connected_persons"].append(dict(fact.value))
        cite(f"connected_persons[{i}]", fact)
    for cat in CATEGORIES:
        for i, fact in enumerate(f.get("directors", {}).get(cat, [])):
            out["directors"][cat].append(fact.value)
            cite(f"directors.{cat}[{i}]", fact)
    for i, fact in enumerate(f.get("abstained_directors", [])):
        out["abstained_directors"].append(fact.value)
        cite(f"abstained_directors[{i}]", fact)
    out["evidence"] = evidence
    out["warnings"] = warnings_for(out)
    return out
