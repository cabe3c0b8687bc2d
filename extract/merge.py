"""One contract from several: a long document's chunks, or a Multi-Files filing's files.

Both are the same operation. The header (company, stock code, date, title) comes from the first
part that states it: the first pages of a document, the main document of a filing. Every list
is the union of the parts' lists with each fact once (a chunk repeats the first pages and the
board page, a circular repeats its announcement); a later finding of a fact only fills what
the first one lacked (an agreement's date, a party's full name) and adds to its lists. Evidence
is renumbered with the facts and keeps its page.

They differ in two ways. Chunks repeat the board page, so the directors come whole from the
last chunk that found a board (the directors component reads a document's last board
paragraph); files each print their own board, so their directors are unioned. And a file's
evidence names the file it came from (`"file"`), its warnings are prefixed with the file name.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import Any

from extract.checks import warnings_for
from extract.contract import CATEGORIES, empty_contract
from extract.names import person_key

HEADER = ("company", "stock_code", "announcement_date", "title")
Key = Callable[[Any], Hashable]


def _words(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _person(value: Any) -> str:
    return person_key(str(value or "")) or _words(value)


# How two findings are told to be the same fact.
KEYS: dict[str, Key] = {
    "transaction_types": _words,
    "listing_rules_chapters": _words,
    "parties": lambda p: _words(p.get("name") or p.get("full_name") or p.get("chinese_name")),
    "agreements": lambda a: _words(a.get("name")),
    "annual_caps": lambda c: (
        str(c.get("amount")),
        (c.get("currency") or "").upper(),
        c.get("period_end"),
        _words(c.get("category")),
        _words(c.get("agreement")),
    ),
    "connected_persons": lambda p: (_person(p.get("name")), _words(p.get("connected_entity"))),
    "abstained_directors": _person,
}


def merge_contracts(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One contract from a long document's chunks, in page order, each fact once."""
    if len(parts) == 1:
        return parts[0]
    out = _merge(parts, [None] * len(parts), union_directors=False)
    if "warnings" in parts[0]:
        out["warnings"] = warnings_for(out)
    return out


def combine(parts: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One contract from a filing's (file name, contract) parts, main document first."""
    if not parts:
        raise ValueError("combine needs at least one file's extraction")
    out = _merge([p for _, p in parts], [name for name, _ in parts], union_directors=True)
    warnings = [f"{name}: {w}" for name, part in parts for w in part.get("warnings") or []]
    out["warnings"] = list(dict.fromkeys(warnings))
    return out


def _merge(
    parts: list[dict[str, Any]], files: list[str | None], *, union_directors: bool
) -> dict[str, Any]:
    out = {**empty_contract(parts[0].get("language") or "en"), **copy.deepcopy(parts[0])}
    evidence: dict[str, Any] = {}

    def cite(path: str, part: int, source: str) -> None:
        item = (parts[part].get("evidence") or {}).get(source)
        if item is not None and path not in evidence:
            evidence[path] = {**item, "file": files[part]} if files[part] else item

    for key in HEADER:
        found = next((i for i, p in enumerate(parts) if p.get(key) is not None), None)
        out[key] = parts[found][key] if found is not None else parts[0].get(key)
        if found is not None:
            cite(key, found, key)
    for key, key_of in KEYS.items():
        out[key] = _union([p.get(key) or [] for p in parts], key, key_of, cite)
    if union_directors:
        out["directors"] = {
            category: _union(
                [(p.get("directors") or {}).get(category) or [] for p in parts],
                f"directors.{category}",
                _person,
                cite,
            )
            for category in CATEGORIES
        }
    else:
        board = next(
            (i for i in reversed(range(len(parts))) if any(parts[i].get("directors", {}).values())),
            0,
        )
        out["directors"] = copy.deepcopy(parts[board].get("directors", {}))
        for path in parts[board].get("evidence", {}):
            if path.startswith("directors."):
                cite(path, board, path)
    out["evidence"] = evidence
    return out


def _union(
    lists: list[list[Any]], path: str, key_of: Key, cite: Callable[[str, int, str], None]
) -> list[Any]:
    """The parts' facts in order, each once; a repeated one fills the first one's gaps."""
    items: list[Any] = []
    seen: dict[Hashable, int] = {}
    for part, facts in enumerate(lists):
        for i, fact in enumerate(facts):
            key = key_of(fact)
            if key in seen:
                _fill(items[seen[key]], fact)
                continue
            seen[key] = len(items)
            items.append(copy.deepcopy(fact))
            cite(f"{path}[{len(items) - 1}]", part, f"{path}[{i}]")
    return items


def _fill(first: Any, again: Any) -> None:
    """Empty fields of a fact take a later finding's values; its lists take the union."""
    if not isinstance(first, dict) or not isinstance(again, dict):
        return
    for field, value in again.items():
        if isinstance(first.get(field), list) and isinstance(value, list):
            first[field] += [v for v in value if v not in first[field]]
        elif first.get(field) in (None, "", []) and value not in (None, "", []):
            first[field] = copy.deepcopy(value)
