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

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

from extract.checks import warnings_for
from extract.contract_types import CATEGORIES, Directors, Evidence, Extraction, Record
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
    "parties": lambda p: _words(p.name or p.full_name or p.chinese_name),
    "agreements": lambda a: _words(a.name),
    "annual_caps": lambda c: (
        str(c.amount),
        (c.currency or "").upper(),
        c.period_end,
        _words(c.category),
        _words(c.agreement),
    ),
    "connected_persons": lambda p: (_person(p.name), _words(p.connected_entity)),
    "historical_amounts": lambda h: (
        str(h.amount),
        (h.currency or "").upper(),
        h.period_end,
        _words(h.category),
        _words(h.agreement),
        h.kind,
    ),
    "abstained_directors": _person,
}


def merge_contracts(parts: list[Extraction]) -> Extraction:
    """One contract from a long document's chunks, in page order, each fact once."""
    if len(parts) == 1:
        return parts[0]
    out = _merge(parts, [None] * len(parts), union_directors=False)
    if "warnings" not in parts[0].absent:
        out = replace(out, warnings=tuple(warnings_for(out)))
    return out


def combine(parts: list[tuple[str, Extraction]]) -> Extraction:
    """One contract from a filing's (file name, contract) parts, main document first."""
    if not parts:
        raise ValueError("combine needs at least one file's extraction")
    out = _merge([p for _, p in parts], [name for name, _ in parts], union_directors=True)
    warnings = [f"{name}: {w}" for name, part in parts for w in part.warnings]
    return replace(out, warnings=tuple(dict.fromkeys(warnings)))


def _merge(
    parts: list[Extraction], files: list[str | None], *, union_directors: bool
) -> Extraction:
    evidence: dict[str, Evidence] = {}

    def cite(path: str, part: int, source: str) -> None:
        item = parts[part].evidence.get(source)
        if item is not None and path not in evidence:
            evidence[path] = item.present(file=files[part]) if files[part] else item

    header: dict[str, Any] = {}
    for key in HEADER:
        found = next((i for i, p in enumerate(parts) if getattr(p, key) is not None), None)
        header[key] = getattr(parts[found if found is not None else 0], key)
        if found is not None:
            cite(key, found, key)
    lists = {
        key: tuple(_union([getattr(p, key) for p in parts], key, key_of, cite))
        for key, key_of in KEYS.items()
    }
    if union_directors:
        directors = Directors(
            **{
                category: tuple(
                    _union(
                        [getattr(p.directors, category) for p in parts],
                        f"directors.{category}",
                        _person,
                        cite,
                    )
                )
                for category in CATEGORIES
            }
        )
    else:
        board = next((i for i in reversed(range(len(parts))) if parts[i].directors), 0)
        directors = parts[board].directors
        for path in parts[board].evidence:
            if path.startswith("directors."):
                cite(path, board, path)
    first = parts[0]
    # the first part's own keys stay; every field of the contract is written
    return replace(
        first,
        **header,
        **lists,
        directors=directors,
        evidence=evidence,
        absent=frozenset() if lists["historical_amounts"] else frozenset({"historical_amounts"}),
    )


def _union(
    lists: list[tuple[Any, ...]], path: str, key_of: Key, cite: Callable[[str, int, str], None]
) -> list[Any]:
    """The parts' facts in order, each once; a repeated one fills the first one's gaps."""
    items: list[Any] = []
    seen: dict[Hashable, int] = {}
    for part, facts in enumerate(lists):
        for i, fact in enumerate(facts):
            key = key_of(fact)
            if key in seen:
                items[seen[key]] = _fill(items[seen[key]], fact)
                continue
            seen[key] = len(items)
            items.append(fact)
            cite(f"{path}[{len(items) - 1}]", part, f"{path}[{i}]")
    return items


def _fill(first: Any, again: Any) -> Any:
    """Empty fields of a fact take a later finding's values; its lists take the union."""
    if not isinstance(first, Record) or not isinstance(again, Record):
        return first
    merged = first.to_json()
    for field, value in again.to_json().items():
        if isinstance(merged.get(field), list) and isinstance(value, list):
            merged[field] += [v for v in value if v not in merged[field]]
        elif merged.get(field) in (None, "", []) and value not in (None, "", []):
            merged[field] = value
    return type(first).from_json(merged)
