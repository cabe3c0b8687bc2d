"""Every HKEXnews URL, built from one base URL.

This is the only module that knows the exchange's host and paths (hkexnews.md §1.1, §1.2, §1.5,
§3), so the offline replica and the real site differ by `FILINGWATCH_BASE_URL` alone.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

from store import settings as env

DEFAULT_BASE_URL = "https://www1.hkexnews.hk"
SEARCH_PATH = "/search/titleSearchServlet.do"  # case-sensitive: lower case is a 404
STOCK_LOOKUP_PATH = "/search/prefix.do"
DOCUMENTS_PATH = "/listedco/listconews/"  # every filing's documents live below it (§3)
ALL = "-2"
"""`t1code`/`t2code`/`t2Gcode` value meaning "all" in HKEX's own form."""


def resolve_base_url(explicit: str | None = None) -> str:
    """The argument, else `FILINGWATCH_BASE_URL`, else the real site; no trailing slash."""
    url = explicit or env.get("FILINGWATCH_BASE_URL") or DEFAULT_BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base URL must be http(s)://host[:port], got {url!r}")
    return url.rstrip("/")


def build_search_url(
    base_url: str,
    *,
    date_from: date,
    date_to: date,
    language: str = "en",
    row_range: int = 100,
    stock_id: int = -1,
    category: int = 0,
    t1code: str = ALL,
    t2code: str = ALL,
    sort_dir: int = 1,
) -> str:
    """The title-search servlet query, in the canonical parameter order.

    `category` 0 = listed, 1 = delisted securities (dropping it shrinks results: keep it);
    `searchType` 1 (headline category) when a category is chosen, else 0 ("All");
    `sortDir` 1 = oldest first, so rows that arrive during a crawl append at the end;
    `rowRange` counts from the first row (cumulative), clamped by the server at 10,000.
    """
    filtered = t1code != ALL or t2code != ALL
    params = [
        ("sortDir", sort_dir),
        ("sortByOptions", "DateTime"),
        ("category", category),
        ("market", "SEHK"),
        ("stockId", stock_id),
        ("documentType", -1),
        ("fromDate", date_from.strftime("%Y%m%d")),
        ("toDate", date_to.strftime("%Y%m%d")),
        ("title", ""),
        ("searchType", 1 if filtered else 0),
        ("t1code", t1code),
        ("t2Gcode", ALL),
        ("t2code", t2code),
        ("rowRange", row_range),
        ("lang", servlet_language(language)),
    ]
    return f"{base_url}{SEARCH_PATH}?{urlencode(params)}"


def build_stock_lookup_url(base_url: str, code: str, *, delisted: bool = False) -> str:
    """prefix.do (JSONP). `lang` must be upper-case `EN`: lower case answers an empty body."""
    params = [
        ("callback", "callback"),
        ("lang", "EN"),
        ("type", "I" if delisted else "A"),
        ("name", code),
        ("market", "SEHK"),
    ]
    return f"{base_url}{STOCK_LOOKUP_PATH}?{urlencode(params)}"


def build_file_url(base_url: str, file_link: str) -> str:
    """`FILE_LINK` is site-relative (`/listedco/listconews/sehk/2026/0211/2026021100854.pdf`).

    Absolute links are re-based onto `base_url`, so a crawl of the replica never escapes to
    the real site.
    """
    link = file_link.strip()
    if "://" in link:
        parts = urlsplit(link)
        link = parts.path + (f"?{parts.query}" if parts.query else "")
    if not link.startswith("/"):
        link = "/" + link
    return f"{base_url}{link}"


def is_document_path(path: str) -> bool:
    """Whether a site path is under the documents tree (`/listedco/listconews/`, any case:
    the 2011-2019 folders are upper-case `SEHK`), not navigation or the site's chrome."""
    return path.lower().startswith(DOCUMENTS_PATH)


def servlet_language(language: str) -> str:
    """Our `en`/`zh` -> the servlet's `EN`/`ZH` (anything else silently means English there)."""
    try:
        return {"en": "EN", "zh": "ZH"}[language]
    except KeyError:
        raise ValueError(f"language must be 'en' or 'zh', got {language!r}") from None
