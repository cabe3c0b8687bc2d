"""The filing page (`/filings/{news_id}`) and the stored copy of its file."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

import store
from web import data
from web.deps import engine_of
from web.formatting import date_needles, highlight, name_needles
from web.render import page

router = APIRouter(include_in_schema=False)


def filing_or_404(request: Request, news_id: str):
    filing = data.load_filing(engine_of(request), news_id) if len(news_id) <= 32 else None
    if filing is None:
        raise HTTPException(404, f"No filing with news id {news_id[:40]!r}.")
    return filing


def evidence_html(kind: str, fact) -> object:
    """The fact's evidence sentence with the fact itself marked in it."""
    if fact.evidence is None:
        return None
    if kind == "party":
        needles = [fact.name, fact.full_name or "", fact.chinese_name or ""]
        return highlight(fact.evidence.text, needles)
    if kind == "agreement":
        needles = [fact.name, *fact.parties, *date_needles(fact.date, fact.term_start,
                                                          fact.term_end)]  # fmt: skip
        return highlight(fact.evidence.text, needles)
    if kind == "cap":
        return highlight(fact.evidence.text, date_needles(fact.period_end), money_too=True)
    if kind == "connected":
        needles = [*name_needles(fact.name), fact.connected_entity or ""]
        return highlight(fact.evidence.text, needles)
    return highlight(fact.evidence.text, name_needles(fact.name))


@router.get("/filings/{news_id}", name="filing")
def filing_page(request: Request, news_id: str):
    filing = filing_or_404(request, news_id)
    deals = store.filing_deals(engine_of(request), news_id)
    return page(request, "filing.html", {"f": filing, "ev": evidence_html, "deals": deals})


@router.get("/filings/{news_id}/file", name="filing_file")
def stored_copy(request: Request, news_id: str):
    """Serve our copy of the file. HTML copies are sandboxed (no scripts, own origin)."""
    found = data.stored_file(engine_of(request), news_id) if len(news_id) <= 32 else None
    if found is None:
        raise HTTPException(404, "No stored copy of this filing.")
    path = Path(found[0])
    if not path.is_file():
        raise HTTPException(404, "The stored copy is missing from disk.")
    media = mimetypes.guess_type(path.name)[0]
    if found[1].upper() == "PDF" or path.suffix.lower() == ".pdf":
        media = "application/pdf"
    elif found[1].upper() in ("HTM", "HTML") or path.suffix.lower() in (".htm", ".html"):
        media = "text/html"
    return FileResponse(
        path,
        media_type=media or "application/octet-stream",
        filename=f"{news_id}{path.suffix}",
        content_disposition_type="inline",
        headers={"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff"},
    )
