"""The extraction contract as frozen types: what the pipelines produce and every reader reads.

Why: the contract crossed every boundary as `dict[str, Any]`, so each reader guarded each
field (is it a list? a string? a date?). Here it is typed once. JSON only at the edges:
`Extraction.from_json(data)` reads stored or printed JSON, `to_json()` writes exactly the JSON
the pipelines always wrote (same keys, same order, same values), so stored rows, gold files and
tests are unchanged. The JSON Schema (extraction.schema.json beside this module, a copy of
../shared/extraction.schema.json) checks the JSON itself: `validate_json`.

`from_json` is tolerant, because stored rows are older than the code reading them: a missing
field reads as empty (and is remembered in `absent`, so `to_json` leaves it out again); keys
the contract does not name (a reviewer's `human_corrected`, the store's `corrections`, the
edition pairing's `linked_edition`, a gold file's `role`) are kept in `extra` and written back
after the contract's own; a value of the wrong shape reads as empty. It imports nothing of ours.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

JSON = dict[str, Any]
#: the board's categories, in the contract's order
CATEGORIES = ("executive", "non_executive", "independent_non_executive")
#: a person's role (as the store records mentions) -> the contract's list naming them
ROLE_PATHS = {
    "executive": "directors.executive",
    "non_executive": "directors.non_executive",
    "independent_non_executive": "directors.independent_non_executive",
    "abstained": "abstained_directors",
    "connected_person": "connected_persons",
}
SCHEMA_PATH = Path(__file__).with_name("extraction.schema.json")

R = TypeVar("R", bound="Record")


class ContractError(ValueError):
    """JSON that does not follow the contract's schema (one line: the first problems)."""


# -- reading one value -------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _name(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _amount(value: Any) -> int | float | Decimal | None:
    """A number stays the number it was; a numeric string (an amount a reviewer corrected is
    stored as its decimal string) reads as a Decimal and is written back as that string."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def _page(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_date(value: str | dt.date | None) -> dt.date | None:
    """The contract's ISO date ("2012-05-24", or a datetime's first ten characters) as a date;
    None when there is none or it is not a date."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value


# -- records -----------------------------------------------------------------------------------
#: a field's type (as written) -> how its JSON value is read
_READ_BY_TYPE: dict[str, Callable[[Any], Any]] = {
    "str": _name,
    "str | None": _text,
    "int | None": _page,
    "tuple[str, ...]": _texts,
    "int | float | Decimal | None": _amount,
}


@cache
def _readers(cls: type[Record]) -> dict[str, Callable[[Any], Any]]:
    """The record's named fields in order, each with how its JSON value is read."""
    out = {}
    for f in fields(cls):
        if f.name in ("extra", "absent"):
            continue
        kind = str(f.type)
        items = re.fullmatch(r"tuple\[(\w+), \.\.\.\]", kind)
        if f.name in cls.READ_AS:
            out[f.name] = cls.READ_AS[f.name]
        elif kind in _READ_BY_TYPE:
            out[f.name] = _READ_BY_TYPE[kind]
        elif items and items.group(1) in Record.KINDS:
            out[f.name] = _items(Record.KINDS[items.group(1)])
        elif kind in Record.KINDS:
            out[f.name] = Record.KINDS[kind].from_json
        elif kind == "Mapping[str, Evidence]":
            out[f.name] = _evidence
        else:
            raise TypeError(f"{cls.__name__}.{f.name}: no reader for {kind}")
    return out


@dataclass(frozen=True)
class Record:
    """A JSON object of the contract: its named fields, the keys it did not have, the others."""

    #: keys the JSON had that the contract does not name, written back after the named ones
    extra: Mapping[str, Any] = field(default_factory=dict, kw_only=True, repr=False)
    #: named fields the JSON did not have (an older row): read as empty, written back absent
    absent: frozenset[str] = field(default=frozenset(), kw_only=True, repr=False)

    #: how to read a field whose type alone does not say it
    READ_AS: ClassVar[dict[str, Callable[[Any], Any]]] = {}
    #: every record type by name, so a field typed `tuple[Party, ...]` is read as Parties
    KINDS: ClassVar[dict[str, type[Record]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Record.KINDS[cls.__name__] = cls

    @classmethod
    def names(cls) -> list[str]:
        return list(_readers(cls))

    @classmethod
    def from_json(cls: type[R], data: Any) -> R:
        data = data if isinstance(data, Mapping) else {}
        readers = _readers(cls)
        values = {name: read(data.get(name)) for name, read in readers.items() if name in data}
        extra = {k: copy.deepcopy(v) for k, v in data.items() if k not in readers}
        absent = frozenset(name for name in readers if name not in data)
        return cls(**values, extra=extra, absent=absent)

    def to_json(self) -> JSON:
        out = {name: _dump(getattr(self, name)) for name in self.names() if name not in self.absent}
        out.update(copy.deepcopy(dict(self.extra)))
        return out

    def get(self, name: str) -> Any:
        """A named field's value, else an extra key's (None when neither is there)."""
        if name in _readers(type(self)):
            return getattr(self, name)
        return self.extra.get(name)

    def present(self: R, **changes: Any) -> R:
        """A copy with `changes`, written to the JSON even where this one had them absent."""
        return replace(self, **changes, absent=self.absent - changes.keys())


@dataclass(frozen=True)
class Evidence(Record):
    """Where a fact was read: the page and the sentence (and the file, in a Multi-Files filing)."""

    page: int | None = None
    text: str = ""
    file: str | None = None

    @classmethod
    def at(cls, page: int | None, text: str) -> Evidence:
        return cls(page=page, text=text, absent=frozenset({"file"}))


@dataclass(frozen=True)
class Party(Record):
    name: str = ""
    full_name: str | None = None
    chinese_name: str | None = None


@dataclass(frozen=True)
class Agreement(Record):
    name: str = ""
    date: str | None = None
    term_start: str | None = None
    term_end: str | None = None
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodAmount(Record):
    """An amount of an agreement for one period: the fields caps and actual amounts share."""

    amount: int | float | Decimal | None = None
    currency: str | None = None
    period_end: str | None = None
    period_label: str | None = None
    agreement: str | None = None
    category: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class AnnualCap(PeriodAmount):
    """A cap; `kind` "proposed" or "revised" (English pipeline only; absent in Chinese
    extractions)."""


@dataclass(frozen=True)
class HistoricalAmount(PeriodAmount):
    """An amount actually transacted under an agreement in a past period (renewals and
    revisions report them against the old caps); not a cap, so kept apart from annual_caps.
    `kind` "actual", or "cap": the cap in force then, printed beside the actual amount."""


@dataclass(frozen=True)
class ConnectedPerson(Record):
    name: str = ""
    connected_entity: str | None = None
    relationship: str | None = None
    #: how they are connected ("director", "substantial_shareholder", ...; English only)
    relationship_kind: str | None = None
    #: whom they are connected through ("the Company", or a party; English only)
    counterpart: str | None = None


@dataclass(frozen=True)
class Directors(Record):
    executive: tuple[str, ...] = ()
    non_executive: tuple[str, ...] = ()
    independent_non_executive: tuple[str, ...] = ()

    def by_category(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(category, names) in the contract's order."""
        for category in CATEGORIES:
            yield category, getattr(self, category)

    def __bool__(self) -> bool:
        return any(names for _, names in self.by_category())


def _items(cls: type[R]) -> Any:
    def read(value: Any) -> tuple[R, ...]:
        if not isinstance(value, list | tuple):
            return ()
        return tuple(cls.from_json(v) for v in value if isinstance(v, Mapping))

    return read


def _evidence(value: Any) -> dict[str, Evidence]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): Evidence.from_json(v) for k, v in value.items() if isinstance(v, Mapping)}


def _language(value: Any) -> str:
    return "en" if value is None else str(value)


@dataclass(frozen=True)
class Extraction(Record):
    """One announcement's facts (../shared/extraction.schema.json), each with its evidence."""

    company: str | None = None
    stock_code: str | None = None
    announcement_date: str | None = None
    title: str | None = None
    language: str = "en"
    transaction_types: tuple[str, ...] = ()
    listing_rules_chapters: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    annual_caps: tuple[AnnualCap, ...] = ()
    connected_persons: tuple[ConnectedPerson, ...] = ()
    directors: Directors = field(default_factory=Directors)
    abstained_directors: tuple[str, ...] = ()
    #: fact path ("annual_caps[0]", "directors.executive[1]", "stock_code") -> its evidence
    evidence: Mapping[str, Evidence] = field(default_factory=dict)
    #: cross-checks that failed (extract/checks.py), and reading notes
    warnings: tuple[str, ...] = ()
    #: actual amounts of past periods (beside the contract; absent when none were read, so
    #: extractions without them print exactly as before)
    historical_amounts: tuple[HistoricalAmount, ...] = ()

    READ_AS: ClassVar[dict[str, Callable[[Any], Any]]] = {"language": _language}

    @classmethod
    def empty(cls, language: str = "en") -> Extraction:
        """Nothing found: every field present and empty."""
        return cls(language=language)

    def evidence_for(self, path: str) -> Evidence | None:
        """The evidence of the fact at `path`, else of its first sub-field ("parties[0].name");
        None without a sentence."""
        item = self.evidence.get(path)
        if item is None:
            item = next((v for k, v in self.evidence.items() if k.startswith(path + ".")), None)
        return item if item is not None and item.text else None

    def names_in(self, role: str) -> list[str]:
        """The names the contract lists for a person's role ("executive", "abstained",
        "connected_person"), in order: position i is the fact at `f"{path}[{i}]"`."""
        path = ROLE_PATHS.get(role, "")
        if path.startswith("directors."):
            return list(getattr(self.directors, path.split(".", 1)[1]))
        if path == "abstained_directors":
            return list(self.abstained_directors)
        if path == "connected_persons":
            return [p.name for p in self.connected_persons]
        return []


# -- the schema --------------------------------------------------------------------------------
@cache
def schema() -> JSON:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_errors(data: Any) -> list[str]:
    """What in `data` breaks the contract's JSON Schema (dates checked too); [] when valid."""
    from jsonschema import Draft202012Validator, FormatChecker  # a test-time dependency

    validator = Draft202012Validator(schema(), format_checker=FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]


def validate_json(data: Any) -> JSON:
    """`data` when it follows the schema; else ContractError naming the first problems."""
    errors = schema_errors(data)
    if errors:
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise ContractError("; ".join(errors[:3]) + more)
    return data
