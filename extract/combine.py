"""One announcement's facts from several files: a Multi-Files filing's documents combined.

Why: a Multi-Files filing (an announcement with its circular, say) is one announcement to its
readers, so it gets one contract: header facts (company, stock code, date, title, language)
from the first file that states them — the main document comes first — and every list of
facts as the union of the files' lists, each fact once (a circular repeats its announcement).
Every evidence item keeps its page and sentence and gains `"file"`: the file it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from extract.contract import CATEGORIES, empty_contract
from store import name_key

HEADER = ("company", "stock_code", "announcement_date", "title")
Key = Callable[[Any], Hashable]


def _words(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _person(value: Any) -> str:
    return name_key(str(value or "")) or _words(value)


# How two facts of a list are told to be the same fact.
KEYS: dict[str, Key] = {
    "transaction_types": _words,
    "listing_rules_chapters": _words,
    "parties": lambda p: _words(p.get("name")),
    "agreements": lambda a: _words(a.get("name")),
    "annual_caps": lambda c: (
        str(c.get("amount")),
        (c.get("currency") or "").upper(),
        c.get("period_end"),
        _words(c.get("category")),
    ),
    "connected_persons": lambda p: (_person(p.get("name")), _words(p.get("connected_entity"))),
    "abstained_directors": _person,
}


def combine(parts: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """`parts` are (file name, contract) in order, main document first; one contract back."""
    if not parts:
        raise ValueError("combine needs at least one file's extraction")
    out = empty_contract(parts[0][1].get("language") or "en")
    evidence: dict[str, dict[str, Any]] = {}
    seen: dict[str, dict[Hashable, int]] = {}

    def cite(path: str, name: str, item: dict[str, Any] | None) -> None:
        if item is not None and path not in evidence:
            evidence[path] = {**item, "file": name}

    for name, part in parts:
        cited = part.get("evidence") or {}
        for key in HEADER:
            if out[key] is None and part.get(key) is not None:
                out[key] = part[key]
                cite(key, name, cited.get(key))
        for key, key_of in KEYS.items():
            _merge(out[key], part.get(key) or [], key, key_of, seen, name, cited, cite)
        for category in CATEGORIES:
            path = f"directors.{category}"
            names = (part.get("directors") or {}).get(category) or []
            _merge(out["directors"][category], names, path, _person, seen, name, cited, cite)
        for warning in part.get("warnings") or []:
            line = f"{name}: {warning}"
            if line not in out["warnings"]:
                out["warnings"].append(line)
    out["evidence"] = evidence
    return out


def _merge(
    target: list[Any],
    items: list[Any],
    path: str,
    key_of: Key,
    seen: dict[str, dict[Hashable, int]],
    name: str,
    cited: dict[str, Any],
    cite: Callable[[str, str, dict[str, Any] | None], None],
) -> None:
    """Append the facts not yet in `target`; a repeated one fills the first one's gaps."""
    index = seen.setdefault(path, {})
    for i, item in enumerate(items):
        key = key_of(item)
        if key in index:
            _fill(target[index[key]], item)
            continue
        index[key] = len(target)
        target.append(dict(item) if isinstance(item, dict) else item)
        cite(f"{path}[{index[key]}]", name, cited.get(f"{path}[{i}]"))


def _fill(first: Any, again: Any) -> None:
    """Empty fields of a fact take the values a later file gives; lists take the union."""
    if not isinstance(first, dict) or not isinstance(again, dict):
        return
    for field, value in again.items():
        if isinstance(first.get(field), list) and isinstance(value, list):
            first[field] += [v for v in value if v not in first[field]]
        elif first.get(field) in (None, "") and value not in (None, ""):
            first[field] = value
