"""Pure parsing of HKEXnews answers: bytes in, items out, no network.

Every quirk listed in ../shared/hkexnews.md §1.3-§1.5 and §5 is handled here, so the spider only
paginates. Parse errors are typed (`PayloadError` and subclasses) and carry a one-line reason;
a row that cannot be read is reported, never silently dropped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crawler.items import AnnouncementItem, StockRef
from crawler.urls import build_file_url

HK = ZoneInfo("Asia/Hong_Kong")
ROW_RANGE_CAP = 10_000
"""The servlet clamps `rowRange` here: more rows than this need a smaller date window."""

_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # PostgreSQL rejects NUL; none is text
_PREFIX = re.compile(
    r"^\s*\((?P<tag>Headlines Revised|Cancelled since Headlines Superseded and Replaced)\)\s*"
)
_BREADCRUMB = re.compile(r"^(?P<t1>.*?)\s*-\s*\[(?P<t2>.*)\]\s*$", re.DOTALL)
_T2_SPLIT = re.compile(r"\s+/\s+")
_DATE_TIME = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})")  # strptime is 10x slower
_JSONP = re.compile(r"^\s*[\w$.]+\s*\((?P<body>.*)\)\s*;?\s*$", re.DOTALL)
_LANGUAGES = {"E": "en", "EN": "en", "C": "zh", "ZH": "zh"}


class PayloadError(ValueError):
    """An answer that is not the JSON we expect; `str()` is a one-line reason."""


class EmptyPayload(PayloadError):
    """HTTP 200 with an empty body: HKEXnews's soft throttling (retry later)."""


class MalformedPayload(PayloadError):
    """Not JSON, or JSON of the wrong shape: the format may have changed."""


@dataclass
class SearchPage:
    """One answer of `titleSearchServlet.do`.

    `null_result` is True when `result` was the string "null": the server's answer both for
    "nothing matched" and for "query refused" (the spider decides which, see its docstring).
    """

    items: list[AnnouncementItem]
    record_count: int
    has_next_row: bool
    row_range: int
    loaded: int
    language: str
    null_result: bool = False
    row_errors: list[str] = field(default_factory=list)


def parse_search_page(body: bytes | str, *, base_url: str, language: str = "en") -> SearchPage:
    """Parse a title-search answer.

    Expects the envelope of hkexnews.md §1.3, e.g.
    `{"result": "[{\\"NEWS_ID\\": ...}]", "hasNextRow": false, "rowRange": 100,
    "lang": "E", "loadedRecord": 2, "recordCnt": 2}` — `result` is itself JSON text.
    `language` is what was asked for; the envelope's `lang` echo wins when present, because
    the server silently falls back to English for a language it does not know.
    """
    text = _decode(body)
    if not text.strip():
        raise EmptyPayload("empty body (HKEXnews soft throttling?)")
    try:
        envelope = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedPayload(
            f"results page is not JSON ({exc.msg} at {exc.pos}): {_snippet(text)}"
        ) from None
    if not isinstance(envelope, dict) or "result" not in envelope:
        raise MalformedPayload(f"results page has no 'result' field: {_snippet(text)}")
    language = _LANGUAGES.get(str(envelope.get("lang", "")).upper(), language)
    raw = envelope["result"]
    null_result = raw is None or (isinstance(raw, str) and raw.strip() in ("", "null"))
    rows: list[Any] = []
    if not null_result:
        if isinstance(raw, str):
            try:
                rows = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise MalformedPayload(
                    f"'result' is not JSON text ({exc.msg} at {exc.pos}): {_snippet(raw)}"
                ) from None
        else:
            rows = raw  # tolerate a server that stops double-encoding
        if rows is None:
            null_result, rows = True, []
        if not isinstance(rows, list):
            raise MalformedPayload(f"'result' is not a list of rows: {_snippet(str(raw))}")
    items: list[AnnouncementItem] = []
    errors: list[str] = []
    for index, row in enumerate(rows):
        try:
            items.append(parse_row(row, base_url=base_url, language=language))
        except PayloadError as exc:
            news_id = row.get("NEWS_ID", "?") if isinstance(row, dict) else "?"
            errors.append(f"row {index} (NEWS_ID {news_id}): {exc}")
    return SearchPage(
        items=items,
        record_count=_int(envelope.get("recordCnt"), default=len(rows)),
        has_next_row=bool(envelope.get("hasNextRow", False)),
        row_range=_int(envelope.get("rowRange"), default=len(rows)),
        loaded=_int(envelope.get("loadedRecord"), default=len(rows)),
        language=language,
        null_result=null_result,
        row_errors=errors,
    )


def parse_row(row: Any, *, base_url: str, language: str) -> AnnouncementItem:
    """One row of `result` (hkexnews.md §1.4): all values are strings."""
    if not isinstance(row, dict):
        raise MalformedPayload(f"row is not an object: {_snippet(str(row))}")
    news_id = str(row.get("NEWS_ID") or "").strip()
    if not news_id.isdigit():
        raise MalformedPayload(f"NEWS_ID missing or not a number: {news_id!r}")
    link = str(row.get("FILE_LINK") or "").strip()
    if not link:
        raise MalformedPayload("FILE_LINK missing")
    headline_text = str(row.get("LONG_TEXT") or row.get("SHORT_TEXT") or "")
    short_text = str(row.get("SHORT_TEXT") or "")
    t1, t2, revised, cancelled, headline = parse_headline(headline_text)
    _, _, short_revised, short_cancelled, _ = parse_headline(short_text)
    file_info = clean_text(str(row.get("FILE_INFO") or ""))
    file_type = clean_text(str(row.get("FILE_TYPE") or "")).upper()
    multi_file = file_info.lower() == "multi-files"
    if not file_type:
        file_type = _extension(link).upper() or "HTM"
    url = build_file_url(base_url, link)
    return AnnouncementItem(
        news_id=news_id,
        language=language,
        published_at=parse_datetime(str(row.get("DATE_TIME") or "")),
        stock_codes=split_joined(str(row.get("STOCK_CODE") or "")),
        stock_names=split_joined(str(row.get("STOCK_NAME") or "")),
        title=clean_text(str(row.get("TITLE") or "")),
        headline=headline,
        headline_t1=t1,
        headline_t2=t2,
        revised=revised or short_revised,
        cancelled=cancelled or short_cancelled,
        file_type=file_type,
        file_info=file_info,
        document_url=url,
        multi_file=multi_file,
        file_urls=[url],
    )


def parse_datetime(value: str) -> datetime:
    """`DD/MM/YYYY HH:MM`, Hong Kong time, no seconds: `"11/02/2026 19:10"`."""
    match = _DATE_TIME.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        day, month, year, hour, minute = (int(part) for part in match.groups())
        return datetime(year, month, day, hour, minute, tzinfo=HK)
    except ValueError:
        raise MalformedPayload(
            f"DATE_TIME {value!r} is not DD/MM/YYYY HH:MM (format may have changed)"
        ) from None


def split_joined(value: str) -> list[str]:
    """Codes or names joined by `<br/>` (`"00700<br/>80700"`, trailing `"01346<br/>"`): all."""
    parts = (clean_text(part) for part in _BR.split(value))
    return [part for part in parts if part]


def clean_text(value: str) -> str:
    """Strip tags first, then unescape entities (so `&lt;b&gt;` stays text), one line, no
    control characters."""
    text = html.unescape(_TAG.sub(" ", value))
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def parse_headline(value: str) -> tuple[str | None, list[str], bool, bool, str]:
    """`"(Headlines Revised) Announcements and Notices - [Discloseable Transaction / Connected
    Transaction]"` -> (tier-1 name, tier-2 names, revised, cancelled, breadcrumb without prefix).

    A tier-1 alone (`"Proxy Forms"`) has no tier-2 names; tier-2 names are joined by " / ".
    """
    text = clean_text(value)
    revised = cancelled = False
    while match := _PREFIX.match(text):
        tag = match.group("tag")
        if tag.startswith("Cancelled"):
            cancelled = True
        else:
            revised = True
        text = text[match.end() :]
    if not text:
        return None, [], revised, cancelled, ""
    crumb = _BREADCRUMB.match(text)
    if not crumb:
        return text, [], revised, cancelled, text
    t2 = [name.strip() for name in _T2_SPLIT.split(crumb.group("t2")) if name.strip()]
    return crumb.group("t1").strip() or None, t2, revised, cancelled, text


def parse_stock_lookup(body: bytes | str, code: str) -> StockRef | None:
    """prefix.do's JSONP: `callback({"more":"1","stockInfo":[{"stockId":7609,"code":"00700",
    "name":"TENCENT"}]});` -> the entry whose code is exactly `code` (prefix matches include
    warrants and CBBCs, so never take the first one)."""
    text = _decode(body).lstrip("\ufeff")
    if not text.strip():
        raise EmptyPayload("empty stock lookup answer (soft throttling, or lang not upper-case?)")
    match = _JSONP.match(text)
    payload = match.group("body") if match else text
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise MalformedPayload(f"stock lookup is not JSON(P): {exc.msg}") from None
    if not isinstance(data, dict):
        raise MalformedPayload("stock lookup answer is not an object")
    wanted = normalise_stock_code(code)
    for entry in data.get("stockInfo") or []:
        if isinstance(entry, dict) and str(entry.get("code", "")).strip() == wanted:
            try:
                stock_id = int(entry["stockId"])
            except (KeyError, TypeError, ValueError):
                raise MalformedPayload(f"stock {wanted} has no numeric stockId") from None
            return StockRef(code=wanted, stock_id=stock_id, name=str(entry.get("name", "")))
    return None


def normalise_stock_code(code: str) -> str:
    """`"700"` -> `"00700"`: HKEX codes are five digits, zero padded."""
    code = code.strip()
    if not code.isdigit() or len(code) > 5:
        raise ValueError(f"not a stock code: {code!r} (expected up to five digits)")
    return code.zfill(5)


def _decode(body: bytes | str) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8-sig", errors="replace")
    return body


def _int(value: Any, *, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _extension(link: str) -> str:
    tail = link.rsplit("/", 1)[-1].split("?", 1)[0]
    return tail.rsplit(".", 1)[-1] if "." in tail else ""


def _snippet(text: str, limit: int = 80) -> str:
    one_line = _SPACES.sub(" ", text).strip()
    return repr(one_line[:limit] + ("…" if len(one_line) > limit else ""))
