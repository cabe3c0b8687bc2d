"""The facts a search result shows and exports, read from each filing's extraction (the contract).

Two readers over the same source, so a result, its page and its export never disagree:
- `facts_of(extraction)` / `key_facts(conn, ids)`: per hit, the parties, the largest annual
  cap (with currency and period) and the connected persons — for a page's hits only, never
  the window (store.search reads the extraction in its hits query: no query of its own).
- `fact_rows(engine, ids)`: a flat table, one row per cap, party and person (connected persons
  and directors), each with its filing's id, news id, date, stock and evidence page.
The extraction JSON is read because evidence (page and sentence) is keyed there by the fact's
path ("annual_caps[0]"); the narrow fact tables carry no evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from store.corrections import corrected_paths
from store.facts import parse_amount, parse_date
from store.models import HK, Announcement

A = Announcement.__table__
#: Filings read per query by `fact_rows` (each brings its whole extraction JSON).
CHUNK = 200
DIRECTOR_ROLES = ("executive", "non_executive", "independent_non_executive")


@dataclass(frozen=True)
class Cap:
    amount: Decimal
    currency: str
    period_end: dt.date | None = None
    period_label: str | None = None


@dataclass(frozen=True)
class KeyFacts:
    """What a result line shows: who deals with whom, for how much at most, and who is connected."""

    parties: list[str] = field(default_factory=list)
    largest_cap: Cap | None = None
    connected_persons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FactRow:
    """One fact of one filing, flat enough for a spreadsheet row."""

    filing_id: int
    news_id: str
    published_at: dt.datetime
    stock_code: str
    stock_name: str
    language: str
    kind: str  # cap | party | person
    name: str = ""  # party or person name; a cap's agreement
    role: str = ""  # person: connected / executive / non_executive / independent_non_executive
    detail: str = ""  # party: full name; person: connected entity and relationship
    chinese_name: str = ""
    amount: Decimal | None = None
    currency: str = ""
    period_end: dt.date | None = None
    period_label: str = ""
    evidence_page: int | None = None
    evidence_text: str = ""
    human_corrected: bool = False  # a reviewer corrected it (store/corrections.py)


FACT_COLUMNS = [f for f in FactRow.__dataclass_fields__]


def key_facts(conn: sa.Connection, ids: Sequence[int]) -> dict[int, KeyFacts]:
    """KeyFacts per filing id (filings without an extraction get empty facts)."""
    if not ids:
        return {}
    rows = conn.execute(sa.select(A.c.id, A.c.extraction).where(A.c.id.in_(list(ids))))
    return {r.id: facts_of(r.extraction) for r in rows}


def facts_of(extraction: Any) -> KeyFacts:
    """The key facts of one filing's extraction (the contract's JSON; None: no facts)."""
    ex = _dict(extraction)
    parties = [str(p["name"]) for p in _dicts(ex.get("parties")) if p.get("name")]
    persons = [str(p["name"]) for p in _dicts(ex.get("connected_persons")) if p.get("name")]
    caps = [c for c in (_cap(c) for c in _dicts(ex.get("annual_caps"))) if c is not None]
    # Amounts are compared as printed, without FX: a filing's caps are nearly always in one
    # currency, and the largest one is what a reader scans for.
    largest = max(caps, key=lambda c: c.amount, default=None)
    return KeyFacts(list(dict.fromkeys(parties)), largest, list(dict.fromkeys(persons)))


def _cap(c: dict[str, Any]) -> Cap | None:
    amount = parse_amount(c.get("amount"))
    if amount is None:
        return None
    return Cap(
        amount,
        str(c.get("currency") or ""),
        parse_date(c.get("period_end")),
        _str(c.get("period_label")) or None,
    )


def fact_rows(engine: sa.Engine, ids: Sequence[int]) -> list[FactRow]:
    """Every cap, party and person of the filings `ids` (e.g. a search's), in that order."""
    with engine.connect() as conn:
        return list(iter_fact_rows(conn, ids))


def iter_fact_rows(conn: sa.Connection, ids: Sequence[int]) -> Iterator[FactRow]:
    """Every cap, party and person of the filings `ids`, in the order of `ids`."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        query = sa.select(
            A.c.id,
            A.c.news_id,
            A.c.published_at,
            A.c.stock_code,
            A.c.stock_name,
            A.c.language,
            A.c.extraction,
        ).where(A.c.id.in_(chunk))
        rows = {r.id: r for r in conn.execute(query)}
        for i in chunk:
            if i in rows:
                yield from _rows_of(rows[i])


def _rows_of(r: Any) -> Iterator[FactRow]:
    ex = _dict(r.extraction)
    evidence = ex.get("evidence") if isinstance(ex.get("evidence"), dict) else {}
    published = r.published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=HK)
    base = dict(
        filing_id=r.id,
        news_id=r.news_id,
        published_at=published,
        stock_code=r.stock_code,
        stock_name=r.stock_name or "",
        language=r.language,
    )

    corrected = corrected_paths(ex)

    def cited(path: str) -> dict[str, Any]:
        mark = {"human_corrected": path in corrected}
        item = evidence.get(path)
        if not isinstance(item, dict):
            item = next((v for k, v in evidence.items() if k.startswith(path + ".")), None)
        if not isinstance(item, dict):
            return mark
        page = item.get("page")
        return {
            "evidence_page": page if isinstance(page, int) and not isinstance(page, bool) else None,
            "evidence_text": _str(item.get("text")),
            **mark,
        }

    for n, c in enumerate(ex.get("annual_caps") or []):
        cap = _cap(c) if isinstance(c, dict) else None
        if cap is not None:
            yield FactRow(
                **base,
                kind="cap",
                name=_str(c.get("agreement")),
                amount=cap.amount,
                currency=cap.currency,
                period_end=cap.period_end,
                period_label=cap.period_label or "",
                **cited(f"annual_caps[{n}]"),
            )
    for n, p in enumerate(ex.get("parties") or []):
        if isinstance(p, dict) and p.get("name"):
            yield FactRow(
                **base,
                kind="party",
                name=_str(p["name"]),
                detail=_str(p.get("full_name")),
                chinese_name=_str(p.get("chinese_name")),
                **cited(f"parties[{n}]"),
            )
    for n, p in enumerate(ex.get("connected_persons") or []):
        if isinstance(p, dict) and p.get("name"):
            detail = "; ".join(
                _str(p.get(k)) for k in ("connected_entity", "relationship") if p.get(k)
            )
            yield FactRow(
                **base,
                kind="person",
                name=_str(p["name"]),
                role="connected",
                detail=detail,
                **cited(f"connected_persons[{n}]"),
            )
    directors = ex.get("directors") if isinstance(ex.get("directors"), dict) else {}
    for role in DIRECTOR_ROLES:
        for n, name in enumerate(directors.get(role) or []):
            if isinstance(name, str) and name.strip():
                yield FactRow(
                    **base,
                    kind="person",
                    name=name.strip(),
                    role=role,
                    **cited(f"directors.{role}[{n}]"),
                )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()
