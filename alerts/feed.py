"""An Atom feed of one subscription's alerts (RFC 4287), for the web package to serve.

Entry ids are `urn:filingwatch:alert:<id>`, stable for the life of the alert, so feed readers
never show an alert twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import store
from alerts.message import build_message, one_line
from store import Engine

ATOM = "http://www.w3.org/2005/Atom"


class SubscriptionNotFound(LookupError):
    """No subscription with that id (the web layer answers 404)."""


def render_feed(engine: Engine, subscription_id: int, *, limit: int = 100) -> str:
    """The subscription's newest `limit` alerts as an Atom document (a UTF-8 XML string)."""
    found = store.feed_entries(engine, subscription_id, limit=limit)
    if found is None:
        raise SubscriptionNotFound(f"no subscription {subscription_id}")
    sub, entries = found
    messages = [
        (e.alert, build_message(e.alert, sub, e.announcement, e.also_roles)) for e in entries
    ]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"urn:filingwatch:subscription:{sub.id}")
    _text(feed, "title", f"filingwatch: {one_line(sub.name)}")
    updated = entries[0].alert.created_at if entries else sub.created_at
    _text(feed, "updated", updated.isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "filingwatch")
    for alert, msg in messages:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:filingwatch:alert:{alert.id}")
        _text(entry, "title", msg.subject)
        _text(entry, "updated", alert.created_at.isoformat())
        if msg.link:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=msg.link, rel="alternate")
        _text(entry, "summary", msg.text)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element
