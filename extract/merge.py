"""Merge the contracts of a long document's chunks (extract/chunks.py) into one.

Every chunk repeats the document's first pages and its board page, so the same fact is often
found in several chunks: a fact is kept once, at its first finding (its evidence page is the
document's own page either way), and a later finding only fills what the first one lacked
(an agreement's dates, a party's full name). The header (company, stock code, date, title)
comes from the first chunk that has it, which is the first pages; the directors from the last
chunk that found a board, as the directors component takes a document's last board paragraph.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from extract.checks import warnings_for
from extract.names import person_key

HEADER = ("company", "stock_code", "announcement_date", "title")
LISTS = (
    "transaction_types",
    "listing_rules_chapters",
    "parties",
    "agreements",
    "annual_caps",
    "connected_persons",
    "abstained_directors",
)


def merge_contracts(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One contract from the chunks' contracts, in chunk order, each fact once."""
    if len(parts) == 1:
        return parts[0]
    out = copy.deepcopy(parts[0])
    evidence: dict[str, Any] = {}
    for key in HEADER:
        part = next((p for p in parts if p.get(key) is not None), parts[0])
        out[key] = part.get(key)
        if key in part.get("evidence", {}):
            evidence[key] = part["evidence"][key]
    for field in LISTS:
        out[field] = _merge_list(field, parts, evidence)
    board = next((p for p in reversed(parts) if any(p.get("directors", {}).values())), parts[0])
    out["directors"] = copy.deepcopy(board.get("directors", {}))
    for path, ev in board.get("evidence", {}).items():
        if path.startswith("directors."):
            evidence[path] = ev
    out["evidence"] = evidence
    if "warnings" in parts[0]:
        out["warnings"] = warnings_for(out)
    return out


def _merge_list(field: str, parts: list[dict[str, Any]], evidence: dict[str, Any]) -> list:
    items: list[Any] = []
    seen: dict[str, int] = {}
    for part in parts:
        for i, item in enumerate(part.get(field, [])):
            key = _identity(field, item)
            if key in seen:
                _fill(items[seen[key]], item)
                continue
            seen[key] = len(items)
            items.append(copy.deepcopy(item))
            ev = part.get("evidence", {}).get(f"{field}[{i}]")
            if ev is not None:
                evidence[f"{field}[{len(items) - 1}]"] = ev
    return items


def _identity(field: str, item: Any) -> str:
    """What makes two findings the same fact."""
    if field == "abstained_directors":
        return person_key(item)
    if field == "connected_persons":
        return person_key(item.get("name") or "")
    if field in ("parties", "agreements") and isinstance(item, dict):
        name = item.get("name") or item.get("full_name") or item.get("chinese_name")
        if name:
            return str(name).lower()
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _fill(kept: Any, later: Any) -> None:
    """A later finding of the same fact fills the fields the first one left empty."""
    if not isinstance(kept, dict) or not isinstance(later, dict):
        return
    for key, value in later.items():
        if kept.get(key) in (None, "", []) and value not in (None, "", []):
            kept[key] = copy.deepcopy(value)
