"""What the agreement page, the company page and the CSV export read about deals.

Why computed here and not stored: a deal's caps are the caps of its filings, and each filing's
facts are replaced when it is re-extracted; reading them through the links keeps one truth.
Caps become a timeline per agreement-year: the first cap (proposed, or renewed when set by a
renewal), then each later filing's different cap for that year supersedes it (revised). The
actual amounts later filings report are set against the year they fall in (an actual of a
part-year, "ten months ended 31 October", counts as partial); each agreement-year has its
current cap, its actual, the utilisation and whether the actual exceeded the cap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.deals import base_key
from store.engine import session
from store.models import Announcement, AnnualCap, Deal, DealFiling, HistoricalAmount

#: a cap's status by the part its filing plays in the deal
CAP_KIND = {"original": "proposed", "renewal": "renewed", "revision": "revised",
            "supplement": "revised", "termination": "revised"}  # fmt: skip


@dataclass(frozen=True)
class DealFilingRow:
    news_id: str
    paired_news_id: str | None
    title: str
    published_at: dt.datetime
    role: str
    agreement_name: str


@dataclass(frozen=True)
class CapEntry:
    """One cap as one filing set it; `superseded` once a later filing set another."""

    period_end: dt.date | None
    period_label: str | None
    category: str | None
    amount: Decimal
    currency: str
    kind: str  # proposed / revised / renewed; reported: printed beside an actual amount
    news_id: str
    published_at: dt.datetime
    superseded: bool = False


@dataclass(frozen=True)
class ActualEntry:
    period_end: dt.date | None
    period_label: str | None
    category: str | None
    amount: Decimal
    currency: str
    news_id: str
    published_at: dt.datetime


@dataclass(frozen=True)
class AgreementYear:
    """One agreement-year: its current cap, the actual reported for it and the utilisation."""

    period_end: dt.date | None
    period_label: str | None
    category: str | None
    currency: str | None
    cap: Decimal | None
    cap_kind: str | None
    cap_news_id: str | None
    actual: Decimal | None
    actual_news_id: str | None
    partial: bool  # the actual covers part of the year only
    utilisation: Decimal | None  # percent, one decimal
    exceeded: bool


@dataclass(frozen=True)
class DealSummary:
    id: int
    stock_code: str
    name: str
    parties: list[str]
    date: dt.date | None
    filings: list[DealFilingRow] = field(default_factory=list)
    caps: list[CapEntry] = field(default_factory=list)  # by period, then date
    actuals: list[ActualEntry] = field(default_factory=list)
    years: list[AgreementYear] = field(default_factory=list)


def deal_view(engine: Engine, deal_id: int) -> DealSummary | None:
    """One deal with its filings, cap timeline and agreement-years; None if there is none."""
    with session(engine) as s:
        deal = s.get(Deal, deal_id)
        return None if deal is None else _summary(s, deal)


def company_deals(engine: Engine, stock_code: str) -> list[DealSummary]:
    """The issuer's deals, newest agreement first, each with its agreement-years."""
    with session(engine) as s:
        deals = s.exec(select(Deal).where(Deal.stock_code == stock_code).order_by(Deal.id)).all()
        out = [summary for d in deals if (summary := _summary(s, d)).filings]
    return sorted(out, key=lambda d: (d.filings[0].published_at if d.filings else None) or
                  dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)  # fmt: skip


def all_deals(engine: Engine) -> list[DealSummary]:
    """Every deal (the CSV export), by stock code then id."""
    with session(engine) as s:
        deals = s.exec(select(Deal).order_by(Deal.stock_code, Deal.id)).all()
        return [summary for d in deals if (summary := _summary(s, d)).filings]


@dataclass(frozen=True)
class FilingDeal:
    deal_id: int
    name: str
    role: str


def filing_deals(engine: Engine, news_id: str) -> list[FilingDeal]:
    """The deals a filing (or, for a Chinese edition, its English edition) is part of."""
    A, F, D = Announcement, DealFiling, Deal
    with session(engine) as s:
        row = s.exec(select(A.id, A.paired_news_id, A.language).where(A.news_id == news_id)).first()
        if row is None:
            return []
        ann_id = row[0]
        if row[2] == "zh" and row[1]:
            paired = s.exec(select(A.id).where(A.news_id == row[1])).first()
            ann_id = paired if paired is not None else ann_id
        rows = s.exec(
            select(D.id, D.name, F.role).join(F, F.deal_id == D.id)
            .where(F.announcement_id == ann_id).order_by(D.id)
        ).all()  # fmt: skip
    return [FilingDeal(*r) for r in rows]


def _summary(s: Session, deal: Deal) -> DealSummary:
    A, F = Announcement, DealFiling
    rows = s.exec(
        select(F.announcement_id, F.role, F.agreement_name, A.news_id, A.paired_news_id,
               A.title, A.published_at)
        .join(A, A.id == F.announcement_id)
        .where(F.deal_id == deal.id)
        .order_by(A.published_at, A.id)
    ).all()  # fmt: skip
    filings = [DealFilingRow(r[3], r[4], r[5] or "", r[6], r[1], r[2]) for r in rows]
    role_of = {r[0]: r[1] for r in rows}
    order = {r[0]: i for i, r in enumerate(rows)}
    key = deal.deal_key.split("#")[0]
    alone = _filings_with_one_deal(s, list(role_of))
    caps = [
        (k, news_id, published)
        for k, news_id, published in s.exec(
            select(AnnualCap, A.news_id, A.published_at)
            .join(A, A.id == AnnualCap.announcement_id)
            .where(AnnualCap.announcement_id.in_(list(role_of)))
        ).all()
        if _ours(k.agreement, key, k.announcement_id in alone)
    ]
    caps.sort(key=lambda c: (order[c[0].announcement_id], c[0].id))
    actuals = [
        (h, news_id, published)
        for h, news_id, published in s.exec(
            select(HistoricalAmount, A.news_id, A.published_at)
            .join(A, A.id == HistoricalAmount.announcement_id)
            .where(HistoricalAmount.announcement_id.in_(list(role_of)))
        ).all()
        if _ours(h.agreement, key, h.announcement_id in alone)
    ]
    actuals.sort(key=lambda a: (order[a[0].announcement_id], a[0].id))
    # a deal whose caps and actuals name one category at most (or none) has one row a year,
    # whichever filing named it; only a deal split into categories keeps them apart
    split = len({_category(x[0].category, True) for x in [*caps, *actuals]} - {""}) > 1
    cap_entries = _timeline(caps, role_of, split)
    # caps printed beside actual amounts: shown for a year none of the deal's filings set
    held = {(c.period_end, _category(c.category, split)) for c in cap_entries}
    for h, news_id, published in actuals:
        slot = (h.period_end, _category(h.category, split))
        if h.kind == "cap" and slot not in held:
            held.add(slot)
            cap_entries.append(_entry(h, "reported", news_id, published))
    actual_entries = [
        ActualEntry(
            h.period_end,
            h.period_label,
            h.category,
            Decimal(h.amount),
            h.currency,
            news_id,
            published,
        )  # fmt: skip
        for h, news_id, published in actuals
        if h.kind == "actual"
    ]
    return DealSummary(
        id=deal.id,
        stock_code=deal.stock_code,
        name=deal.name,
        parties=list(deal.parties or []),
        date=deal.date,
        filings=filings,
        caps=sorted(cap_entries, key=lambda c: (c.period_end or dt.date.max, c.published_at)),
        actuals=actual_entries,
        years=_years(cap_entries, actual_entries, split),
    )


def _entry(row: AnnualCap | HistoricalAmount, kind: str, news_id: str,
           published: dt.datetime) -> CapEntry:  # fmt: skip
    return CapEntry(row.period_end, row.period_label, row.category, Decimal(row.amount),
                    row.currency, kind, news_id, published)  # fmt: skip


def _filings_with_one_deal(s: Session, ids: list[int]) -> set[int]:
    """Filings linked to one deal only: their caps without an agreement are that deal's."""
    counts: dict[int, int] = defaultdict(int)
    for ann_id in s.exec(
        select(DealFiling.announcement_id).where(DealFiling.announcement_id.in_(ids))
    ).all():
        counts[ann_id] += 1
    return {i for i, n in counts.items() if n == 1}


def _ours(agreement: str | None, key: str, alone: bool) -> bool:
    return base_key(agreement) == key if agreement else alone


def _category(category: str | None, split: bool) -> str:
    return (category or "").strip().lower() if split else ""


def _timeline(caps: list, role_of: dict[int, str], split: bool) -> list[CapEntry]:
    """Each cap in filing order; a later different cap for the same year supersedes."""
    current: dict[tuple, int] = {}
    out: list[CapEntry] = []
    for k, news_id, published in caps:
        slot = (k.period_end, _category(k.category, split))
        kind = CAP_KIND.get(role_of.get(k.announcement_id, ""), "proposed")
        if slot in current:
            before = out[current[slot]]
            if before.amount == Decimal(k.amount) and before.currency == k.currency:
                continue  # restated, not changed
            out[current[slot]] = replace(before, superseded=True)
            if kind == "proposed":
                kind = "revised"
        current[slot] = len(out)
        out.append(_entry(k, kind, news_id, published))
    return out


def _years(caps: list[CapEntry], actuals: list[ActualEntry], split: bool) -> list[AgreementYear]:
    live = {(c.period_end, _category(c.category, split)): c for c in caps if not c.superseded}
    found: dict[tuple, tuple[ActualEntry, bool]] = {}
    for a in actuals:
        slot, partial = _year_of(a, live, split)
        held = found.get(slot)
        if held is None or held[1] or not partial:  # a full year beats a part-year
            found[slot] = (a, partial)
    out = []
    for slot in sorted(set(live) | set(found), key=lambda s: (s[0] or dt.date.max, s[1])):
        cap = live.get(slot)
        actual, partial = found.get(slot, (None, False))
        utilisation = None
        exceeded = False
        if cap is not None and actual is not None and actual.currency == cap.currency:
            if cap.amount:
                utilisation = (actual.amount * 100 / cap.amount).quantize(Decimal("0.1"))
            exceeded = actual.amount > cap.amount
        out.append(
            AgreementYear(
                period_end=slot[0],
                period_label=(cap or actual).period_label,
                category=(cap or actual).category,
                currency=(cap or actual).currency,
                cap=cap.amount if cap else None,
                cap_kind=cap.kind if cap else None,
                cap_news_id=cap.news_id if cap else None,
                actual=actual.amount if actual else None,
                actual_news_id=actual.news_id if actual else None,
                partial=partial,
                utilisation=utilisation,
                exceeded=exceeded,
            )
        )
    return out


def _year_before(end: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return end.replace(year=end.year - 1)
    except ValueError:
        return end.replace(year=end.year - 1, day=28)


def _year_of(a: ActualEntry, live: dict[tuple, CapEntry], split: bool) -> tuple[tuple, bool]:
    """The agreement-year an actual belongs to: its own period end, else the cap year that
    contains it (a part-year)."""
    slot = (a.period_end, _category(a.category, split))
    if slot in live or a.period_end is None:
        return slot, False
    for end, category in live:
        if end is None or category != slot[1]:
            continue
        if _year_before(end) < a.period_end < end:
            return (end, category), True
    return slot, False
