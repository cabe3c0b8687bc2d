"""The agreement page (`/agreements/{id}`): one deal's filings, cap timeline and utilisation."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

import store
from web.deal_chart import utilisation_svg
from web.deps import engine_of
from web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/agreements/{deal_id}", name="agreement")
def agreement_page(request: Request, deal_id: str):
    deal = (
        store.deal_view(engine_of(request), int(deal_id))
        if deal_id.isdigit() and len(deal_id) <= 9
        else None
    )
    if deal is None:
        raise HTTPException(404, f"No agreement {deal_id[:20]!r}.")
    return page(request, "agreement.html", {"d": deal, "chart": utilisation_svg(deal.years)})
