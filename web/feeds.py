"""Atom feeds: one per subscription (signed URL) and one per search.

The subscription feed is alerts/'s `render_feed` (one source of truth for what a subscriber
is sent, whatever the channel); the search feed is built here from search results.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

import alerts
import store
from web import search_query, security, subscription_actions
from web.deps import base_url, engine_of, settings_of
from web.people import parse_id

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str = ""
    category: str = ""


def _text(value: str) -> str:
    return _XML_BAD.sub("", value or "")


def render_atom(feed_id: str, title: str, link: str, entries: list[Entry]) -> bytes:
    """A valid Atom 1.0 document; ElementTree does all the escaping."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(title)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=link)
    updated = max((e.updated for e in entries), default=dt.datetime.now(store.HK))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "filingwatch"
    for e in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = e.id
        ET.SubElement(item, f"{{{ATOM}}}title").text = _text(e.title)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=e.link)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = e.updated.isoformat()
        if e.category:
            ET.SubElement(item, f"{{{ATOM}}}category", term=_text(e.category))
        if e.summary:
            ET.SubElement(item, f"{{{ATOM}}}summary").text = _text(e.summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@router.get("/feeds/subscriptions/{name}")
def subscription_feed(request: Request, name: str, token: str | None = None):
    if not name.endswith(".atom"):
        raise HTTPException(404, "Feeds end in .atom.")
    sub_id = parse_id(name.removesuffix(".atom"), "subscription")
    settings = settings_of(request)
    if not security.verify(settings, "feed", sub_id, token):
        raise HTTPException(403, "This feed link is not valid (the token is missing or altered).")
    engine = engine_of(request)
    sub = subscription_actions.get(engine, sub_id)
    if sub is None:
        raise HTTPException(404, "This subscription no longer exists.")
    try:
        body = alerts.render_feed(engine, sub_id)
    except alerts.SubscriptionNotFound:
        raise HTTPException(404, "This subscription no longer exists.") from None
    return Response(body, media_type=ATOM_TYPE)


@router.get("/feeds/search.atom")
def search_feed(request: Request):
    """The newest 50 filings matching a search: subscribe to a query in any feed reader."""
    try:
        p = search_query.parse(request.query_params)
        if not (p.q or p.has_filters):
            raise search_query.BadQuery("Give a query or a filter for the feed.")
        p.sort, p.page, p.per_page = "date", 1, 50
        result = search_query.run(
            engine_of(request),
            p,
            request.app.state.search_cache,
            request.app.state.settings.search_seconds,
        )
    except search_query.BadQuery as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=400)
    base = base_url(request)  # FILINGWATCH_PUBLIC_URL or "" (relative links)
    query = request.url.query
    entries = [
        Entry(
            id=f"{base}{h.url}" if base else f"urn:filingwatch:filing:{h.news_id}",
            title=f"{h.stock_code} {h.stock_name}: {h.title}",
            link=f"{base}{h.url}",
            updated=h.published_at,
            summary=html.unescape(re.sub(r"</?mark>", "", h.snippet)),
            category=h.headline,
        )
        for h in result.hits
    ]
    body = render_atom(
        f"{base}/feeds/search.atom?{query}" if base else f"urn:filingwatch:search:{query}",
        f"filingwatch search: {p.q or 'filtered filings'}",
        f"{base}/search?{query}",
        entries,
    )
    return Response(body, media_type=ATOM_TYPE)
