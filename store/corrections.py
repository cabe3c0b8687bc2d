"""Human corrections of extracted facts, applied on top of each extraction before it is stored.

A correction (`FactCorrection`) names a fact by the values the extractor gave it (`match`) and
holds the corrected values (`fields`). `apply_corrections` finds each corrected fact again in a
new extraction — at the path it was found last time, then by its machine values, then by its
corrected values (the extractor now agrees), then by its identity (a cap's agreement, category
and period; a name) — and overwrites the fields; a fact the extractor no longer finds at all
is added, since a person said it is there. Corrected facts carry `"human_corrected": true`,
and the extraction a `"corrections"` list (path, fields, note, who, when, the machine's
values), so pages, the API and exports can mark them. Pure functions over the contract JSON.
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, select

from store.models import FactCorrection

#: kind -> (list in the extraction, fields a reviewer may correct)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cap": ("annual_caps", ("amount", "currency", "period_end", "period_label")),
    "party": ("parties", ("name", "full_name", "chinese_name")),
    "agreement": ("agreements", ("name", "date", "term_start", "term_end")),
    "person": ("connected_persons", ("name", "connected_entity", "relationship")),
    "director": ("directors", ("name", "role")),
}
#: the fields that tell one fact of a kind from another, as the extractor wrote them
MATCH_FIELDS: dict[str, tuple[str, ...]] = {
    "cap": ("amount", "currency", "period_end", "agreement", "category"),
    "party": ("name",),
    "agreement": ("name",),
    "person": ("name",),
    "director": ("name", "role"),
}
#: looser: what still names the same fact when the extractor changed its other values
IDENTITY: dict[str, tuple[str, ...]] = {
    "cap": ("agreement", "category", "period_end"),
    "party": ("name",),
    "agreement": ("name",),
    "person": ("name",),
    "director": ("name",),
}
DIRECTOR_ROLES = ("executive", "non_executive", "independent_non_executive")
MARK = "human_corrected"


def corrections_for(session: Session, announcement_id: int) -> list[FactCorrection]:
    stmt = select(FactCorrection).where(FactCorrection.announcement_id == announcement_id)
    return list(session.exec(stmt.order_by(FactCorrection.id)).all())


def facts_of(extraction: dict | None) -> dict[str, list[dict[str, Any]]]:
    """The correctable facts by kind, numbered as shown (directors in role order), each with
    its `path` in the extraction."""
    ex = extraction if isinstance(extraction, dict) else {}
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, (key, _fields) in KINDS.items():
        if kind == "director":
            continue
        items = ex.get(key) if isinstance(ex.get(key), list) else []
        out[kind] = [
            {**item, "path": f"{key}[{i}]"}
            for i, item in enumerate(items)
            if isinstance(item, dict)
        ]
    directors = ex.get("directors") if isinstance(ex.get("directors"), dict) else {}
    out["director"] = [
        {"name": str(name), "role": role, "path": f"directors.{role}[{i}]"}
        for role in DIRECTOR_ROLES
        for i, name in enumerate(directors.get(role) or [])
    ]
    return out


def corrected_paths(extraction: dict | None) -> dict[str, dict[str, Any]]:
    """Path of each human-corrected fact -> its correction record (for pages and exports)."""
    records = (extraction or {}).get("corrections") if isinstance(extraction, dict) else None
    return {r["path"]: r for r in records or [] if isinstance(r, dict) and r.get("path")}


def strip_marks(extraction: dict) -> dict:
    """A copy without the marks of earlier corrections (they are re-made from the table)."""
    out = copy.deepcopy(extraction)
    out.pop("corrections", None)
    for kind, (key, _fields) in KINDS.items():
        if kind != "director":
            for item in out.get(key) or []:
                if isinstance(item, dict):
                    item.pop(MARK, None)
    return out


def apply_corrections(extraction: dict, corrections: list[FactCorrection]) -> dict:
    """`extraction` with `corrections` applied and marked (the input is never changed)."""
    if not corrections and "corrections" not in extraction:
        return extraction  # the common case: nothing to apply, nothing to copy
    earlier = {r.get("id"): r for r in corrected_paths(extraction).values()}
    out = strip_marks(extraction)
    if not corrections:
        return out
    records = []
    for correction in corrections:
        before = earlier.get(correction.id) or {}
        path, was, outcome = _apply_one(out, correction, before.get("path"))
        if outcome == "applied":  # re-applied to facts already corrected: keep the machine's
            was = {f: (before.get("machine") or {}).get(f, v) for f, v in was.items()}
        records.append(
            {
                "id": correction.id,
                "kind": correction.kind,
                "path": path,
                "fields": dict(correction.fields),
                "machine": was,
                "outcome": outcome,
                "note": correction.note,
                "reviewer": correction.reviewer,
                "at": correction.updated_at.isoformat() if correction.updated_at else None,
            }
        )
    out["corrections"] = records
    return out


def _apply_one(ex: dict, c: FactCorrection, pinned: str | None) -> tuple[str, dict, str]:
    if c.kind == "director":
        return _apply_director(ex, c, pinned)
    key = KINDS[c.kind][0]
    items = ex.get(key)
    if not isinstance(items, list):
        items = ex[key] = []
    index = _find(items, c, pinned, key)
    outcome = "applied"
    if index is None:
        items.append({**c.match, **c.fields})
        index, outcome = len(items) - 1, "added"
        was: dict = {}
    else:
        was = {f: items[index].get(f) for f in c.fields}
    item = items[index]
    item.update(c.fields)
    item[MARK] = True
    _rename_references(ex, c.kind, was.get("name"), item.get("name"))
    return f"{key}[{index}]", was, outcome


def _find(items: list, c: FactCorrection, pinned: str | None, key: str) -> int | None:
    if pinned and pinned.startswith(f"{key}["):
        i = int(pinned[len(key) + 1 : -1])
        if i < len(items) and isinstance(items[i], dict) and not items[i].get(MARK):
            if _same_fact(items[i], {**c.match, **c.fields}, IDENTITY[c.kind]) or _same_fact(
                items[i], c.match, IDENTITY[c.kind]
            ):
                return i
    free = [i for i, x in enumerate(items) if isinstance(x, dict) and not x.get(MARK)]
    for target, fields in (
        (c.match, MATCH_FIELDS[c.kind]),
        ({**c.match, **c.fields}, MATCH_FIELDS[c.kind]),
    ):
        found = [i for i in free if _same_fact(items[i], target, fields)]
        if found:
            return found[0]
    loose = [i for i in free if _same_fact(items[i], c.match, IDENTITY[c.kind])]
    return loose[0] if len(loose) == 1 else None


def _apply_director(ex: dict, c: FactCorrection, pinned: str | None) -> tuple[str, dict, str]:
    directors = ex.get("directors")
    if not isinstance(directors, dict):
        directors = ex["directors"] = {}
    listed = [
        (role, i, str(name))
        for role in DIRECTOR_ROLES
        for i, name in enumerate(directors.get(role) or [])
    ]
    target = {**c.match, **c.fields}
    found = None
    for want, fields in (
        (c.match, ("name", "role")),
        (target, ("name", "role")),
        (c.match, ("name",)),
    ):
        hits = [x for x in listed if _same_fact({"name": x[2], "role": x[0]}, want, fields)]
        if hits:
            found = hits[0]
            break
    was: dict = {}
    outcome = "added"
    if found is not None:
        role, i, name = found
        was = {f: {"name": name, "role": role}[f] for f in c.fields}
        del directors[role][i]
        outcome = "applied"
    new_role = target.get("role") if target.get("role") in DIRECTOR_ROLES else "executive"
    new_name = str(target.get("name") or "")
    if found is not None and found[0] == new_role:
        directors[new_role].insert(found[1], new_name)
        index = found[1]
    else:
        directors.setdefault(new_role, [])
        directors[new_role] = list(directors[new_role] or []) + [new_name]
        index = len(directors[new_role]) - 1
    if found is not None and found[2] != new_name:
        ex["abstained_directors"] = [
            new_name if str(n) == found[2] else n for n in ex.get("abstained_directors") or []
        ]
    return f"directors.{new_role}[{index}]", was, outcome


def _rename_references(ex: dict, kind: str, old: Any, new: Any) -> None:
    """A renamed party or agreement is renamed where other facts refer to it."""
    if not old or not new or old == new:
        return
    if kind == "party":
        for agreement in ex.get("agreements") or []:
            if isinstance(agreement, dict) and isinstance(agreement.get("parties"), list):
                agreement["parties"] = [new if p == old else p for p in agreement["parties"]]
    elif kind == "agreement":
        for cap in ex.get("annual_caps") or []:
            if isinstance(cap, dict) and cap.get("agreement") == old:
                cap["agreement"] = new


def _same_fact(item: dict, target: dict, fields: tuple[str, ...]) -> bool:
    return all(same_value(item.get(f), target.get(f)) for f in fields)


def same_value(a: Any, b: Any) -> bool:
    """Equal as facts: numbers by value, text by its words regardless of case."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, int | float | Decimal) or isinstance(b, int | float | Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except InvalidOperation:
            return False
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()
