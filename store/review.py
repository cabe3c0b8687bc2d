"""The review queue: filings a person should look at, and what reviewers decided.

A filing is in the queue for each reason it has: the extractor flagged it (`needs_review`,
with `review_reason`) or a cross-check warned (`announcement.warnings`). A reviewer either
accepts it as it stands (`accept`: a `ReviewDecision` with a note, covering the reasons it has
now; a new reason later brings it back) or corrects a fact (`correct`: a `FactCorrection`,
re-applied after every extraction by `save_extraction`). Filings are named by news id, never
by row id. The write functions flush; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from store.corrections import (
    DIRECTOR_ROLES,
    KINDS,
    MATCH_FIELDS,
    corrected_paths,
    facts_of,
    same_value,
)
from store.facts import parse_amount, save_extraction
from store.models import (
    Announcement,
    FactCorrection,
    ReviewDecision,
    Status,
    now_hk,
)

STATES = ("open", "reviewed", "corrected", "all")
REASON_KINDS = ("flagged", "warning")
_FACT = re.compile(r"^(cap|party|agreement|person|director)[:#\s]?(\d+)$", re.I)
_SCALE = {"": 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "mn": 10**6,
          "b": 10**9, "bn": 10**9, "billion": 10**9}  # fmt: skip
_AMOUNT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([a-z]*)\s*$", re.I)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_DATE_FIELDS = ("period_end", "date", "term_start", "term_end")
_OPTIONAL = ("full_name", "chinese_name", "connected_entity", "relationship", "period_label")


class ReviewError(ValueError):
    """A review request that cannot be done; the message is one line for the user."""


@dataclass
class Reason:
    kind: str  # "flagged" or "warning"
    text: str


@dataclass
class Decision:
    note: str
    reviewer: str
    decided_at: dt.datetime
    reasons: list[str]


@dataclass
class ReviewItem:
    news_id: str
    stock_code: str
    stock_name: str
    title: str
    published_at: dt.datetime
    language: str
    reasons: list[Reason] = field(default_factory=list)
    decision: Decision | None = None
    corrections: int = 0

    @property
    def reviewed(self) -> bool:
        """Accepted, and no reason has appeared since."""
        if self.decision is None:
            return False
        return all(r.text in self.decision.reasons for r in self.reasons)

    @property
    def state(self) -> str:
        """open (a reason nobody accepted), reviewed, corrected (no reason, facts corrected)
        or clear (nothing to review)."""
        if self.reviewed:
            return "reviewed"
        if self.reasons:
            return "open"
        return "corrected" if self.corrections else "clear"


@dataclass
class QueueCounts:
    by_status: dict[str, int]
    needs_review: int
    reviewed: int
    corrected: int
    corrections: int


def review_queue(
    session: Session,
    *,
    state: str = "open",
    kind: str | None = None,
    stock: str | None = None,
    text: str | None = None,
) -> list[ReviewItem]:
    """The queue, newest filing first. `state`: open (default), reviewed, corrected or all;
    `kind`: flagged or warning; `stock`: a stock code; `text`: words in a reason."""
    if state not in STATES:
        raise ReviewError(f"state must be one of {', '.join(STATES)}, not {state!r}")
    if kind is not None and kind not in REASON_KINDS:
        raise ReviewError(f"kind must be flagged or warning, not {kind!r}")
    if stock is not None and not re.fullmatch(r"\d{1,5}", stock.strip()):
        raise ReviewError(f"stock must be a stock code like 03888, not {stock!r}")
    A = Announcement
    decided = select(ReviewDecision.announcement_id)
    corrected = select(FactCorrection.announcement_id)
    stmt = select(
        A.id, A.news_id, A.stock_code, A.stock_name, A.title, A.published_at, A.language,
        A.needs_review, A.review_reason, A.warnings,
    ).where(
        or_(A.needs_review.is_(True), A.warning_count > 0, A.id.in_(decided), A.id.in_(corrected))
    )  # fmt: skip
    if stock:
        stmt = stmt.where(A.stock_code == stock.strip().zfill(5))
    rows = session.exec(stmt.order_by(A.published_at.desc(), A.news_id)).all()
    ids = [r.id for r in rows]
    decisions = _latest_decisions(session, ids)
    counts = _correction_counts(session, ids)
    needle = (text or "").casefold().strip()
    out = []
    for r in rows:
        item = ReviewItem(
            news_id=r.news_id, stock_code=r.stock_code, stock_name=r.stock_name or "",
            title=r.title or "", published_at=r.published_at, language=r.language or "",
            reasons=_reasons(r.needs_review, r.review_reason, r.warnings),
            decision=decisions.get(r.id), corrections=counts.get(r.id, 0),
        )  # fmt: skip
        if state == "open" and (item.reviewed or not item.reasons):
            continue
        if state == "reviewed" and not item.reviewed:
            continue
        if state == "corrected" and not item.corrections:
            continue
        if kind and not any(x.kind == kind for x in item.reasons):
            continue
        if needle and not any(needle in x.text.casefold() for x in item.reasons):
            continue
        out.append(item)
    return out


def review_item(session: Session, news_id: str) -> tuple[ReviewItem, Announcement]:
    """One filing's queue entry (whatever its state) and its row; ReviewError if unknown."""
    row = _announcement(session, news_id)
    item = ReviewItem(
        news_id=row.news_id, stock_code=row.stock_code, stock_name=row.stock_name or "",
        title=row.title or "", published_at=row.published_at, language=row.language or "",
        reasons=_reasons(row.needs_review, row.review_reason, row.warnings),
        decision=_latest_decisions(session, [row.id]).get(row.id),
        corrections=_correction_counts(session, [row.id]).get(row.id, 0),
    )  # fmt: skip
    return item, row


def accept(session: Session, news_id: str, note: str, reviewer: str = "") -> ReviewDecision:
    """Mark the filing reviewed as it stands, with a note; it leaves the queue."""
    item, row = review_item(session, news_id)
    note = _note(note)
    decision = ReviewDecision(
        announcement_id=row.id,
        reasons=[r.text for r in item.reasons],
        note=note,
        reviewer=reviewer.strip()[:200],
    )
    session.add(decision)
    session.flush()
    return decision


def correct(
    session: Session,
    news_id: str,
    fact: str,
    values: dict[str, Any],
    note: str,
    reviewer: str = "",
) -> FactCorrection:
    """Correct one fact ("cap:1", "party:2", "agreement:1", "person:1", "director:3", numbered
    as `facts_of` lists them) of a filing; the facts are re-stored at once with the correction
    applied, and every later extraction gets it too."""
    row = _announcement(session, news_id)
    if row.extraction is None or row.status != Status.extracted:
        raise ReviewError(f"filing {news_id} has no extracted facts to correct")
    kind, number = _parse_fact(fact)
    listed = facts_of(row.extraction)[kind]
    if not 1 <= number <= len(listed):
        have = f"it has {len(listed)}" if listed else "it has none"
        raise ReviewError(f"filing {news_id} has no {kind} {number} ({have})")
    target = listed[number - 1]
    fields = {
        name: value
        for name, value in clean_values(kind, values).items()
        if not same_value(target.get(name), value)
    }
    if not fields:
        raise ReviewError(f"nothing to correct: {kind} {number} already has those values")
    note = _note(note)
    if kind == "cap" and "period_end" in fields and "period_label" not in fields:
        fields["period_label"] = None  # the extracted label named the old period
    marks = corrected_paths(row.extraction)
    earlier = marks.get(target["path"])
    correction = session.get(FactCorrection, earlier["id"]) if earlier else None
    if correction is not None and correction.kind == kind:
        correction.fields = {**correction.fields, **fields}
        correction.note = note
        correction.reviewer = reviewer.strip()[:200] or correction.reviewer
        correction.updated_at = now_hk()
    else:
        machine = {**target, **(earlier or {}).get("machine", {})} if earlier else target
        correction = FactCorrection(
            announcement_id=row.id,
            kind=kind,
            match={f: machine.get(f) for f in MATCH_FIELDS[kind]},
            fields=fields,
            note=note,
            reviewer=reviewer.strip()[:200],
        )
    session.add(correction)
    session.flush()
    reapply(session, row)
    return correction


def reapply(session: Session, row: Announcement) -> Announcement:
    """Store the filing's facts again with its corrections (its extraction time is kept)."""
    extracted_at = row.extracted_at
    saved = save_extraction(
        session,
        row.id,
        row.extraction or {},
        text=row.text,
        extractor_version=row.extractor_version or 0,
        needs_review=row.needs_review,
        review_reason=row.review_reason,
    )
    saved.extracted_at = extracted_at
    session.add(saved)
    session.flush()
    return saved


def clean_values(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Checked, normalised field values for a correction of `kind`; ReviewError otherwise."""
    allowed = KINDS[kind][1]
    if not values:
        raise ReviewError(f"give at least one field to correct: {', '.join(allowed)}")
    out: dict[str, Any] = {}
    for name, raw in values.items():
        if name not in allowed:
            raise ReviewError(f"a {kind} has no field {name!r}; it has {', '.join(allowed)}")
        value = "" if raw is None else str(raw).strip()
        if name == "amount":
            out[name] = _amount(value)
        elif name == "currency":
            if not _CURRENCY.match(value.upper()):
                raise ReviewError(f"currency must be a code like HKD, RMB or USD, not {value!r}")
            out[name] = value.upper()
        elif name in _DATE_FIELDS:
            out[name] = _iso_date(name, value)
        elif name == "role":
            if value not in DIRECTOR_ROLES:
                raise ReviewError(f"role must be one of {', '.join(DIRECTOR_ROLES)}")
            out[name] = value
        elif name in _OPTIONAL:
            out[name] = " ".join(value.split())[:500] or None
        else:
            if not value:
                raise ReviewError(f"{name} cannot be empty")
            out[name] = " ".join(value.split())[:500]
    return out


def queue_counts(session: Session) -> QueueCounts:
    """Filings by status, and how many need review, were reviewed, were corrected."""
    A = Announcement
    by_status = {str(s.value if hasattr(s, "value") else s): n for s, n in session.exec(
        select(A.status, func.count()).group_by(A.status)
    ).all()}  # fmt: skip
    items = review_queue(session, state="all")
    return QueueCounts(
        by_status={s.value: by_status.get(s.value, 0) for s in Status},
        needs_review=sum(1 for i in items if i.reasons and not i.reviewed),
        reviewed=sum(1 for i in items if i.reviewed),
        corrected=sum(1 for i in items if i.corrections),
        corrections=session.exec(select(func.count()).select_from(FactCorrection)).one(),
    )


def _reasons(needs_review: bool, review_reason: str | None, warnings: Any) -> list[Reason]:
    out = []
    if needs_review:
        out.append(Reason("flagged", review_reason or "flagged for review"))
    out += [Reason("warning", str(w)) for w in warnings or []]
    return out


def _latest_decisions(session: Session, ids: list[int]) -> dict[int, Decision]:
    if not ids:
        return {}
    D = ReviewDecision
    out: dict[int, Decision] = {}
    for d in session.exec(select(D).where(D.announcement_id.in_(ids)).order_by(D.id)).all():
        out[d.announcement_id] = Decision(d.note, d.reviewer, d.decided_at, list(d.reasons))
    return out


def _correction_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    C = FactCorrection
    stmt = select(C.announcement_id, func.count()).where(C.announcement_id.in_(ids))
    return dict(session.exec(stmt.group_by(C.announcement_id)).all())


def _announcement(session: Session, news_id: str) -> Announcement:
    news_id = (news_id or "").strip()
    row = session.exec(select(Announcement).where(Announcement.news_id == news_id)).first()
    if row is None:
        raise ReviewError(f"no filing with news id {news_id[:40]!r}")
    return row


def _parse_fact(fact: str) -> tuple[str, int]:
    m = _FACT.match((fact or "").strip())
    if not m:
        raise ReviewError(
            f"name the fact as KIND:N (cap:1, party:2, agreement:1, person:1, director:3), "
            f"not {fact!r}"
        )
    return m.group(1).lower(), int(m.group(2))


def _note(note: str | None) -> str:
    note = " ".join((note or "").split())
    if not note:
        raise ReviewError("a note is required: say what you checked or why")
    return note[:2000]


def _amount(value: str) -> int | float:
    m = _AMOUNT.match(value)
    scale = _SCALE.get(m.group(2).lower()) if m else None
    amount = parse_amount(m.group(1)) if m and scale else None
    if amount is None or amount <= 0:
        raise ReviewError(f"amount must be a number in units like 8000000 or 8m, not {value!r}")
    amount *= Decimal(scale)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _iso_date(name: str, value: str) -> str | None:
    if not value:
        if name == "period_end":
            raise ReviewError("period_end cannot be empty")
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ReviewError(f"{name} must be a date like 2012-12-31, not {value!r}") from None
