"""The company page (`/companies/{stock_code}`): filings, counterparties, caps over time."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, HTTPException, Request

import store
from web import data
from web.deps import engine_of
from web.people import page_number
from web.render import page

router = APIRouter(include_in_schema=False)


def company_or_404(request: Request, raw_code: str):
    code = data.normalise_stock_code(raw_code)
    company = (
        data.load_company(engine_of(request), code, page=page_number(request)) if code else None
    )
    if company is None:
        raise HTTPException(404, f"No filings for stock code {raw_code[:20]!r}.")
    return company


@router.get("/companies/{stock_code}", name="company")
def company_page(request: Request, stock_code: str):
    company = company_or_404(request, stock_code)
    deals = store.company_deals(engine_of(request), company.stock_code)
    # Caps of filings that are part of an agreement show under it, once (not per edition).
    in_deals = {n for d in deals for f in d.filings for n in (f.news_id, f.paired_news_id) if n}
    loose = [cap for cap in company.annual_caps if cap.news_id not in in_deals]
    # Bars of the caps chart are scaled within each currency: RMB and HKD do not compare.
    largest: dict[str, float] = defaultdict(float)
    for cap in loose:
        largest[cap.currency] = max(largest[cap.currency], float(cap.amount))
    max_year = max((y.filings for y in company.timeline), default=1)
    return page(
        request,
        "company.html",
        {"c": company, "deals": deals, "loose_caps": loose, "largest": largest,
         "max_year": max_year},
    )  # fmt: skip
