"""The deals as flat tables for export: agreements, agreement-years (caps), the cap history.

Why flat rows of text: CSV (and any other flat format) needs columns fixed up front and
values already written out; the exporter only writes them.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from store.deal_view import DealSummary, all_deals

AGREEMENT_COLUMNS = ("agreement_id", "stock_code", "name", "date", "parties", "filings",
                     "original_news_id", "roles", "years_over_cap")  # fmt: skip
CAP_COLUMNS = ("agreement_id", "stock_code", "agreement", "period_end", "period_label",
               "category", "currency", "cap", "cap_kind", "cap_news_id", "actual",
               "actual_partial", "actual_news_id", "utilisation_pct", "exceeded")  # fmt: skip
CAP_HISTORY_COLUMNS = ("agreement_id", "stock_code", "agreement", "period_end", "category",
                       "currency", "amount", "kind", "superseded", "news_id",
                       "published_at")  # fmt: skip

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def deal_tables(engine: Engine) -> dict[str, Table]:
    """{"agreements": ..., "caps": ..., "cap_history": ...}: each (columns, rows of text)."""
    deals = all_deals(engine)
    return {
        "agreements": (AGREEMENT_COLUMNS, [_agreement(d) for d in deals]),
        "caps": (CAP_COLUMNS, [row for d in deals for row in _years(d)]),
        "cap_history": (CAP_HISTORY_COLUMNS, [row for d in deals for row in _history(d)]),
    }


def _agreement(d: DealSummary) -> tuple[str, ...]:
    original = next((f.news_id for f in d.filings if f.role == "original"), None)
    values = (d.id, d.stock_code, d.name, d.date, "; ".join(d.parties), len(d.filings),
              original, "; ".join(f.role for f in d.filings),
              sum(1 for y in d.years if y.exceeded))  # fmt: skip
    return tuple(_text(v) for v in values)


def _years(d: DealSummary) -> list[tuple[str, ...]]:
    return [
        tuple(
            _text(v)
            for v in (
                d.id,
                d.stock_code,
                d.name,
                y.period_end,
                y.period_label,
                y.category,
                y.currency,
                y.cap,
                y.cap_kind,
                y.cap_news_id,
                y.actual,
                y.partial if y.actual is not None else None,
                y.actual_news_id,
                y.utilisation,
                y.exceeded,
            )
        )  # fmt: skip
        for y in d.years
    ]


def _history(d: DealSummary) -> list[tuple[str, ...]]:
    return [
        tuple(
            _text(v)
            for v in (
                d.id,
                d.stock_code,
                d.name,
                c.period_end,
                c.category,
                c.currency,
                c.amount,
                c.kind,
                c.superseded,
                c.news_id,
                c.published_at.isoformat(),
            )
        )  # fmt: skip
        for c in d.caps
    ]
