"""What the filing page reads: one filing's row, the person ids of the names it gives, its
latest review decision, and where its stored copy is.

Why one view: the page needs three small reads of one filing, done on one connection with
statements built once (building a statement costs more than running it from the cache);
never the big texts (the document and its search columns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.engine import Engine

from store.engine import session
from store.filing_lists import SUMMARY_COLUMNS, FilingSummaryRow
from store.models import Announcement, ConnectedPerson, PersonMention, ReviewDecision

_A, _M, _C, _D = Announcement, PersonMention, ConnectedPerson, ReviewDecision
_ANN_ID = bindparam("announcement_id")
FILING_ROW = select(
    *SUMMARY_COLUMNS, _A.file_type, _A.status, _A.file_path, _A.paired_news_id, _A.revised,
    _A.extraction, _A.transaction_types, _A.extractor_version, _A.extracted_at,
    _A.needs_review, _A.review_reason,
).where(_A.news_id == bindparam("news_id"))  # fmt: skip
# Person ids by name as written: directors' mentions first, then connected persons.
FILING_PEOPLE = union_all(
    select(_M.name_as_written, _M.person_id, literal(0).label("src"))
    .where(_M.announcement_id == _ANN_ID),
    select(_C.name, _C.person_id, literal(1).label("src")).where(_C.announcement_id == _ANN_ID),
).order_by("src")  # fmt: skip
FILING_DECISION = (
    select(_D.note, _D.reviewer, _D.decided_at, _D.reasons)
    .where(_D.announcement_id == _ANN_ID)
    .order_by(_D.id.desc())
    .limit(1)
)
STORED_COPY = select(_A.file_path, _A.file_type).where(_A.news_id == bindparam("news_id"))


@dataclass(frozen=True)
class FilingRow(FilingSummaryRow):
    """A filing as its page shows it (its summary's columns, then these); `extraction` is the
    stored contract JSON as it is."""

    file_type: str
    status: str
    file_path: str | None
    paired_news_id: str | None
    revised: bool
    extraction: Any
    transaction_types: list[str]
    extractor_version: int | None
    extracted_at: dt.datetime | None
    needs_review: bool
    review_reason: str | None


@dataclass(frozen=True)
class NamedPerson:
    """A name as the filing writes it, and the person it was filed under."""

    name: str
    person_id: int | None


@dataclass(frozen=True)
class LatestDecision:
    """The filing's latest review decision (store/review.py) and the reasons it covered."""

    note: str
    reviewer: str
    decided_at: dt.datetime
    reasons: list[str]


@dataclass(frozen=True)
class FilingView:
    filing: FilingRow
    people: list[NamedPerson]  # directors' mentions first, then connected persons
    decision: LatestDecision | None


@dataclass(frozen=True)
class StoredCopy:
    path: str
    file_type: str


def filing_view(engine: Engine, news_id: str) -> FilingView | None:
    """The filing with news id `news_id`, or None."""
    with engine.connect() as conn:  # Core rows: the ORM's per-row machinery is not needed
        a = conn.execute(FILING_ROW, {"news_id": news_id}).first()
        if a is None:
            return None
        named = conn.execute(FILING_PEOPLE, {"announcement_id": a.id}).all()
        decision = conn.execute(FILING_DECISION, {"announcement_id": a.id}).first()
    row = a._mapping
    filing = FilingRow(
        **{k: row[k] for k in FilingRow.__dataclass_fields__ if k not in _CLEANED},
        stock_codes=list(a.stock_codes or []),
        status=str(a.status.value if hasattr(a.status, "value") else a.status),
        revised=bool(a.revised),
        transaction_types=list(a.transaction_types or []),
        needs_review=bool(a.needs_review),
    )
    return FilingView(
        filing=filing,
        people=[NamedPerson(name, person_id) for name, person_id, _src in named],
        decision=LatestDecision(d.note, d.reviewer, d.decided_at, list(d.reasons or []))
        if (d := decision) is not None
        else None,
    )


_CLEANED = ("stock_codes", "status", "revised", "transaction_types", "needs_review")


def stored_copy(engine: Engine, news_id: str) -> StoredCopy | None:
    """Where the filing's stored copy is, if it has one."""
    with session(engine) as s:
        row = s.connection().execute(STORED_COPY, {"news_id": news_id}).first()
    if row is None or not row[0]:
        return None
    return StoredCopy(path=row[0], file_type=row[1] or "")
