"""Filings as a list shows them: the summary row and the newest filings.

Why a row of its own: a list never needs a filing's text or extraction JSON (they are
large), so these views read only the columns a list row shows (`SUMMARY_COLUMNS`), and the
pages (store/filing_view.py, store/person_view.py, store/company_view.py) share them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from store.engine import session
from store.models import Announcement

A = Announcement
SUMMARY_COLUMNS = (A.id, A.news_id, A.stock_code, A.stock_codes, A.stock_name, A.title,
                   A.headline, A.published_at, A.language, A.document_url)  # fmt: skip


@dataclass(frozen=True)
class FilingSummaryRow:
    """One filing in a list: never its text or extraction."""

    id: int
    news_id: str
    stock_code: str
    stock_codes: list[str]
    stock_name: str
    title: str
    headline: str
    published_at: dt.datetime
    language: str
    document_url: str


def summary_row(row: Any) -> FilingSummaryRow:
    """The summary of a row selected with `SUMMARY_COLUMNS` (first, in that order, or by name)."""
    return FilingSummaryRow(
        id=row.id,
        news_id=row.news_id,
        stock_code=row.stock_code,
        stock_codes=list(row.stock_codes or []),
        stock_name=row.stock_name,
        title=row.title,
        headline=row.headline,
        published_at=row.published_at,
        language=row.language,
        document_url=row.document_url,
    )


def recent_filings(engine: Engine, limit: int = 20) -> list[FilingSummaryRow]:
    """The newest filings, newest first (the search page before anything is searched)."""
    with session(engine) as s:
        rows = s.exec(
            select(*SUMMARY_COLUMNS).order_by(A.published_at.desc(), A.id.desc()).limit(limit)
        ).all()
    return [summary_row(r) for r in rows]
