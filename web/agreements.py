"""The agreement page (`/agreements/{id}`) and its JSON (`/api/agreements/{id}`): one deal's
filings, cap timeline, agreement-years and utilisation."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request

import store
from web.deal_chart import utilisation_svg
from web.deps import engine_of
from web.render import page

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def deal_or_404(request: Request, deal_id: str) -> store.DealSummary:
    ok = deal_id.isdigit() and len(deal_id) <= 9
    deal = store.deal_view(engine_of(request), int(deal_id)) if ok else None
    if deal is None or not deal.filings:
        raise HTTPException(404, f"No agreement {deal_id[:20]!r}.")
    return deal


@router.get("/agreements/{deal_id}", name="agreement")
def agreement_page(request: Request, deal_id: str):
    deal = deal_or_404(request, deal_id)
    return page(request, "agreement.html", {"d": deal, "chart": utilisation_svg(deal.years)})


@api_router.get("/agreements/{deal_id}")
def api_agreement(request: Request, deal_id: str) -> dict:
    """An agreement across filings: its filings and their parts (original, revision,
    supplement, renewal, termination), every cap as set, and each agreement-year's cap, actual
    amount, utilisation (%) and whether the actual exceeded the cap. Money is decimal text."""
    return _json(dataclasses.asdict(deal_or_404(request, deal_id)))


def _json(value: object) -> object:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
