"""What the company page reads: a stock's filings (one page), its counterparties, connected
persons and annual caps, and the name to show.

Why one view on one session: the page is a handful of reads over the same stock's filings,
each bounded (parties 100, connected persons 2,000, caps 500) so a busy stock stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from store.engine import session
from store.filing_lists import SUMMARY_COLUMNS, FilingSummaryRow, summary_row
from store.models import Announcement, AnnualCap, ConnectedPerson, Party


@dataclass(frozen=True)
class CompanyParty:
    """A counterparty by name, over the stock's filings."""

    name: str
    full_name: str | None
    chinese_name: str | None
    filings: int
    last_seen: dt.datetime


@dataclass(frozen=True)
class CompanyConnectedMention:
    """One connected person as one filing names them (the page groups them by name)."""

    name: str
    person_id: int | None
    connected_entity: str | None
    published_at: dt.datetime
    announcement_id: int


@dataclass(frozen=True)
class CompanyCapRow:
    amount: Decimal
    currency: str
    period_end: dt.date | None
    period_label: str | None
    agreement: str | None
    category: str | None
    news_id: str
    published_at: dt.datetime


@dataclass(frozen=True)
class CompanyView:
    stock_code: str
    stock_name: str | None  # the English edition's latest name, else the newest
    published: list[dt.datetime]  # every filing's date (the timeline; their count is the total)
    page: int  # the page asked for, or the last one when past it
    filings: list[FilingSummaryRow]  # that page, newest first
    parties: list[CompanyParty]  # most filings first
    connected: list[CompanyConnectedMention]
    annual_caps: list[CompanyCapRow]  # by period end, then date


def company_view(
    engine: Engine, stock_code: str, page: int = 1, per_page: int = 50
) -> CompanyView | None:
    """The stock's page of filings and its facts; None when no filing has that stock code."""
    A, P, C, K = Announcement, Party, ConnectedPerson, AnnualCap
    with session(engine) as s:
        dates = s.exec(select(A.published_at).where(A.stock_code == stock_code)).all()
        total = len(dates)
        if total == 0:
            return None
        page = min(page, max(1, math.ceil(total / per_page)))
        anns = s.exec(
            select(*SUMMARY_COLUMNS)
            .where(A.stock_code == stock_code)
            .order_by(A.published_at.desc(), A.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        ).all()
        ids = select(A.id).where(A.stock_code == stock_code).scalar_subquery()
        party_rows = s.exec(
            select(P.name, func.max(P.full_name), func.max(P.chinese_name),
                   func.count(func.distinct(P.announcement_id)), func.max(A.published_at))
            .join(A, A.id == P.announcement_id)
            .where(P.announcement_id.in_(ids))
            .group_by(P.name)
            .order_by(func.count(func.distinct(P.announcement_id)).desc(), P.name)
            .limit(100)
        ).all()  # fmt: skip
        cp_rows = s.exec(
            select(C.name, C.person_id, C.connected_entity, A.published_at, A.id)
            .join(A, A.id == C.announcement_id)
            .where(C.announcement_id.in_(ids))
            .limit(2000)
        ).all()
        cap_rows = s.exec(
            select(K, A.news_id, A.published_at)
            .join(A, A.id == K.announcement_id)
            .where(K.announcement_id.in_(ids))
            .order_by(K.period_end, A.published_at)
            .limit(500)
        ).all()
        latest_name = s.exec(
            select(A.stock_name).where(A.stock_code == stock_code)
            .order_by((A.language == "en").desc(), A.published_at.desc()).limit(1)
        ).first()  # fmt: skip
    return CompanyView(
        stock_code=stock_code,
        stock_name=latest_name,
        published=list(dates),
        page=page,
        filings=[summary_row(a) for a in anns],
        parties=[CompanyParty(*row) for row in party_rows],
        connected=[CompanyConnectedMention(*row) for row in cp_rows],
        annual_caps=[
            CompanyCapRow(
                amount=Decimal(k.amount),
                currency=k.currency,
                period_end=k.period_end,
                period_label=k.period_label,
                agreement=k.agreement,
                category=k.category,
                news_id=news_id,
                published_at=published,
            )
            for k, news_id, published in cap_rows
        ],
    )
