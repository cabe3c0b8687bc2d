"""web/render.py: the `query` helper builds the search page's links from the current query
string; it encodes each parameter once per request and must give what urlencode gives."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request

from web import render


def _request(query_string: str) -> Request:
    scope = {"type": "http", "method": "GET", "path": "/search", "headers": [],
             "query_string": query_string.encode()}  # fmt: skip
    return Request(scope)


RAW = "q=%22annual+cap%22+%E9%9B%B7%E8%BB%8D&stock=03888&stock=01810&year=2021&page=3&x=a%26b%3Dc"


def test_query_replaces_removes_and_keeps_the_rest():
    request = _request(RAW)
    params = parse_qsl(RAW)
    assert render._query(request) == urlencode(params)
    assert render._query(request, page=None) == urlencode([p for p in params if p[0] != "page"])
    assert render._query(request, page=4) == urlencode(
        [p for p in params if p[0] != "page"] + [("page", "4")]
    )
    assert render._query(request, stock="00001", page="") == urlencode(
        [p for p in params if p[0] not in ("stock", "page")] + [("stock", "00001")]
    )
    assert render._query(request, stock=["1", "2 3"], year=None) == urlencode(
        [p for p in params if p[0] not in ("stock", "year")] + [("stock", "1"), ("stock", "2 3")]
    )
    # Earlier calls changed nothing that later ones see (the pairs are cached per request).
    assert render._query(request) == urlencode(params)
    assert dict(parse_qsl(render._query(request, q="雷軍 & co")))["q"] == "雷軍 & co"


def test_query_is_cached_per_request_not_shared():
    first, second = _request("q=a&page=2"), _request("q=b")
    assert render._query(first, page=None) == "q=a"
    assert render._query(second, page=None) == "q=b"
    assert render._query(_request(""), page=2) == "page=2"


def test_templates_are_compiled_once_per_process():
    assert render.templates.env.auto_reload is False
