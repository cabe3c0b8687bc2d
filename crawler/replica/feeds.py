"""The "latest listed company information" feeds.

URLs: `/ncms/json/eds/lci{sehk,gem}{1,7}rels{d}{e,c}_{n}.json`.

Why: hkexnews.md §4.1 and §7 list them; monitors poll them. The replica's "latest day" is its
last day. Items are newest first, `newsId` is a number here (a string in the servlet), and a
filing listed under several stocks carries them all in `stock`.
"""

from __future__ import annotations

import re
import time

from .catalogue import Catalogue, Filing

PAGE_SIZE = 100
FEED_NAME = re.compile(
    r"lci(?P<market>sehk|gem)(?P<range>[17])rels(?P<d>d)(?P<lang>[ec])_(?P<page>\d+)"
)


def feed(catalogue: Catalogue, name: str) -> dict | None:
    """The feed page called `name` (without `.json`), or None when there is no such page."""
    match = FEED_NAME.fullmatch(name)
    if not match:
        return None
    language = "zh" if match["lang"] == "c" else "en"
    days = int(match["range"])
    first = catalogue.last_day.toordinal() - days + 1
    items = [] if match["market"] == "gem" else [
        f for f in catalogue.by_language[language] if f.released.date().toordinal() >= first
    ]  # fmt: skip
    items.reverse()
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = int(match["page"])
    if page < 1 or page > pages:
        return None
    return {
        "genDate": str(int(time.time() * 1000)),
        "maxNumOfFile": pages,
        "newsInfoLst": [_item(f) for f in items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]],
    }


def _item(f: Filing) -> dict:
    row = f.row()
    return {
        "newsId": f.news_id,
        "lTxt": f.long_text,
        "sTxt": f.short_text,
        "title": row["TITLE"],
        "ext": "pdf" if f.file_link.endswith(".pdf") else "htm",
        "size": f.file_info,
        "webPath": f.file_link,
        "market": "SEHK",
        "multi": 1 if f.attachments else 0,
        "stock": [{"sc": c, "sn": n} for c, n in zip(f.stock_codes, f.stock_names, strict=False)],
        "relTime": f.date_time,
        "t1Code": f.doc.t1code,
        "t2Code": ",".join(f.doc.t2codes),
    }
