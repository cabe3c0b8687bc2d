"""The title-search servlet and the stock lookups, as pure functions of the query.

Why pure: every rule of hkexnews.md §1.2-§1.5 (silent zeros, the cumulative and clamped
rowRange, the double-encoded `result`, `lang` fallback, prefix matching) can then be read and
tested here without a server. The routes in app.py only translate HTTP to these calls.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from datetime import date

from .catalogue import Catalogue, Filing

MAX_ROW_RANGE = 10_000
DEFAULT_ROW_RANGE = 100
HEADLINE_START = date(2007, 6, 25)
DOCUMENT_TYPE_END = date(2007, 6, 24)
PREFIX_LIMIT = 50
ALL = ("-2", "-1", "")


class ServletError(Exception):
    """A query the real servlet answers with a non-JSON error page."""


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _parse_day(value: str | None) -> date | None:
    if not value or not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _row_range(value: str | None) -> int:
    try:
        n = int(value) if value is not None else DEFAULT_ROW_RANGE
    except ValueError:
        n = DEFAULT_ROW_RANGE
    return max(0, min(n, MAX_ROW_RANGE))


def language_of(value: str | None) -> str:
    """`ZH`/`zh` is the only Chinese spelling; anything else silently means English."""
    return "zh" if (value or "").upper() == "ZH" else "en"


def envelope(rows: list[Filing], total: int, row_range: int, language: str) -> str:
    """The JSON envelope, keys in the real order; `result` is itself JSON text, or "null"."""
    if total == 0:
        result = "null"
    else:
        result = "[" + ",".join(f.row_json(total) for f in rows) + "]"
    body = {
        "result": result,
        "hasNextRow": total > row_range,
        "sortList": "[[0,0]]",
        "rowRange": row_range,
        "lang": "C" if language == "zh" else "E",
        "loadedRecord": len(rows),
        "recordCnt": total,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def title_search(catalogue: Catalogue, params: Mapping[str, str]) -> str:
    """The servlet's answer to one GET, as JSON text. Raises ServletError for a bad t2code."""
    language = language_of(params.get("lang"))
    row_range = _row_range(params.get("rowRange"))
    t1code = params.get("t1code", "-2").strip()
    t2code = params.get("t2code", "-2").strip()
    if "," in t2code:
        raise ServletError("one t2code per request")
    matches = _matching(catalogue, params, language, t1code, t2code)
    if params.get("sortDir", "0") != "1":
        matches.reverse()
    return envelope(matches[:row_range], len(matches), row_range, language)


def _matching(catalogue: Catalogue, params: Mapping[str, str], language: str, t1code: str,
              t2code: str) -> list[Filing]:  # fmt: skip
    """Filings answering the query, oldest first; [] for every refused (silent zero) query."""
    category = params.get("category")
    if category not in ("0", "1") or params.get("market") != "SEHK":
        return []  # dropping category or market gives a silent zero
    start, end = _parse_day(params.get("fromDate")), _parse_day(params.get("toDate"))
    if start is None or end is None or end < start:
        return []
    if end > add_months(start, 12):
        return []  # windows over 12 months are refused
    search_type = params.get("searchType", "0").strip()
    headline_search = search_type == "1" or t1code not in ALL or t2code not in ALL
    if headline_search and start < HEADLINE_START:
        return []
    document_type = params.get("documentType", "-1").strip()
    all_categories = (
        t1code in ALL and t2code in ALL and (search_type != "2" or document_type in ALL)
    )
    stock_param = params.get("stockId", "-1").strip()
    if all_categories and stock_param in ALL and end > add_months(start, 1):
        return []  # all categories, all stocks: one month at most
    if search_type == "2" and start > DOCUMENT_TYPE_END:
        return []  # document-type search covers 1999-04-01 .. 2007-06-24 only
    stock_id = None
    if stock_param not in ALL:
        try:
            stock_id = int(stock_param)
        except ValueError:
            return []
    title = params.get("title", "").strip().casefold()
    delisted = category == "1"
    out = []
    for f in catalogue.by_language[language]:
        day = f.released.date()
        if day < start or day > end or f.delisted != delisted:
            continue
        if stock_id is not None and stock_id not in f.stock_ids:
            continue
        if t1code not in ALL and f.doc.t1code != t1code:
            continue
        if t2code not in ALL and t2code not in f.doc.t2codes:
            continue
        if title and title not in f.title.casefold():
            continue
        out.append(f)
    return out


def stock_lookup(catalogue: Catalogue, params: Mapping[str, str], partial: bool) -> str:
    """prefix.do / partial.do: JSONP `callback({"more":"1","stockInfo":[...]});`.

    Only `lang=EN`/`ZH` (upper case) work; anything else answers a near-empty body, as the
    real site does for `lang=en`.
    """
    callback = params.get("callback", "callback")
    if not re.fullmatch(r"[A-Za-z_$][\w$.]*", callback):
        callback = "callback"
    lang = params.get("lang", "")
    if lang not in ("EN", "ZH"):
        return "\r\n"
    language = "zh" if lang == "ZH" else "en"
    active = params.get("type", "A") != "I"
    stocks = catalogue.stocks.prefix_matches(params.get("name", ""), language, active, partial)
    payload = {
        "more": "1" if stocks else "0",
        "stockInfo": [
            {"stockId": s.stock_id, "code": s.code, "name": s.name(language)}
            for s in stocks[:PREFIX_LIMIT]
        ],
    }
    return f"{callback}({json.dumps(payload, ensure_ascii=False, separators=(',', ':'))});"
