"""crawler.urls: every HKEXnews URL from one base URL, and no other module knows the host."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.urls import (
    DEFAULT_BASE_URL,
    build_file_url,
    build_search_url,
    build_stock_lookup_url,
    resolve_base_url,
)

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"


def test_urls_search_canonical_parameter_order() -> None:
    url = build_search_url(BASE, date_from=date(2024, 1, 1), date_to=date(2024, 1, 31),
                           row_range=100)  # fmt: skip
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE}/search/titleSearchServlet.do"
    assert [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)] == [
        "sortDir", "sortByOptions", "category", "market", "stockId", "documentType", "fromDate",
        "toDate", "title", "searchType", "t1code", "t2Gcode", "t2code", "rowRange", "lang",
    ]  # fmt: skip
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params["fromDate"] == "20240101" and params["toDate"] == "20240131"
    assert params["category"] == "0" and params["market"] == "SEHK"
    assert params["stockId"] == "-1" and params["t1code"] == "-2" and params["searchType"] == "0"
    assert params["lang"] == "EN" and params["rowRange"] == "100"


def test_urls_search_with_stock_category_and_chinese() -> None:
    url = build_search_url(BASE, date_from=date(2024, 1, 1), date_to=date(2024, 12, 31),
                           language="zh", stock_id=7609, category=1, t1code="10000",
                           t2code="11300")  # fmt: skip
    params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    assert params["lang"] == "ZH" and params["stockId"] == "7609" and params["category"] == "1"
    assert params["searchType"] == "1" and params["t2code"] == "11300"
    assert params["t2Gcode"] == "-2"


def test_urls_unknown_language_is_refused_not_silently_english() -> None:
    with pytest.raises(ValueError):
        build_search_url(BASE, date_from=date(2024, 1, 1), date_to=date(2024, 1, 2),
                         language="tc")  # fmt: skip


def test_urls_stock_lookup_upper_case_lang() -> None:
    params = dict(parse_qsl(urlsplit(build_stock_lookup_url(BASE, "00700")).query))
    assert params == {"callback": "callback", "lang": "EN", "type": "A", "name": "00700",
                      "market": "SEHK"}  # fmt: skip
    assert "type=I" in build_stock_lookup_url(BASE, "00700", delisted=True)


def test_urls_file_url_relative_and_rebased() -> None:
    link = "/listedco/listconews/sehk/2026/0211/2026021100854.pdf"
    assert build_file_url(BASE, link) == BASE + link
    assert build_file_url(BASE, "https://www1.hkexnews.hk" + link) == BASE + link


def test_urls_base_url_from_argument_env_or_default(monkeypatch) -> None:
    monkeypatch.delenv("FILINGWATCH_BASE_URL", raising=False)
    assert resolve_base_url() == DEFAULT_BASE_URL
    monkeypatch.setenv("FILINGWATCH_BASE_URL", BASE + "/")
    assert resolve_base_url() == BASE
    assert resolve_base_url("http://10.0.0.1:1") == "http://10.0.0.1:1"
    with pytest.raises(ValueError):
        resolve_base_url("ftp://x")


def test_urls_is_the_only_crawler_module_naming_the_real_host() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "crawler").rglob("*.py")
        if "replica" not in path.parts
        and path.name != "urls.py"
        and "hkexnews.hk" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
