"""The web app through FastAPI's TestClient, on SQLite and PostgreSQL (db_engine fixture).

Covers what issue 6 promises: pages render, stored strings are escaped, subscriptions need
the token, hostile queries never 500, unknown ids 404, the JSON twins, CSV, OpenAPI.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import inspect
from test_web_seed import HOSTILE, KINGSOFT_EN, KINGSOFT_ZH, XIAOMI, seed

import web

TOKEN = "test-admin-token-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class Site:
    client: TestClient
    lei_id: int
    engine: object


@pytest.fixture
def site(db_engine, tmp_path, monkeypatch) -> Site:
    monkeypatch.setenv("FILINGWATCH_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "test-secret")
    ids = seed(db_engine, tmp_path / "files")
    client = TestClient(web.create_app(db_engine), raise_server_exceptions=False)
    return Site(client, ids["lei_id"], db_engine)


def test_web_pages_render(site):
    c = site.client
    for url, expect in [
        ("/search", "Latest filings"),
        ("/search?q=xiaomi", "<mark>"),
        ("/search?q=雷軍", "持續關連交易"),
        (f"/filings/{KINGSOFT_EN}", "RMB 8,000,000"),
        (f"/people/{site.lei_id}", "Jun LEI"),
        ("/companies/03888", "Beijing Xiaomi"),
        ("/companies/3888", "KINGSOFT"),
    ]:
        r = c.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert expect in r.text, url
        assert "script-src" not in r.headers["content-security-policy"]  # no script at all
    assert c.get("/", follow_redirects=False).headers["location"] == "/search"
    assert c.get("/static/style.css").status_code == 200


def test_web_filing_page_shows_facts_with_evidence(site):
    r = site.client.get(f"/filings/{KINGSOFT_EN}")
    html = r.text
    for text in ("Chengdu Digital Entertainment", "北京小米科技有限責任公司", "Agreement",
                 "1 Jan 2012", "Jun LEI", "Non-executive director", "Abstained"):  # fmt: skip
        assert text in html
    # The cap's evidence, with the amount marked, and its page.
    assert "is <mark>RMB8 million</mark>." in html
    assert re.search(r"p\. 1</span>", html)
    assert f'href="/people/{site.lei_id}"' in html
    assert "https://www1.hkexnews.hk/listedco/" in html  # the original
    assert f'href="/filings/{KINGSOFT_EN}/file"' in html  # the stored copy
    assert f'href="/filings/{KINGSOFT_ZH}"' in html  # the other edition


def test_web_stored_copy_is_served_sandboxed(site):
    r = site.client.get(f"/filings/{KINGSOFT_EN}/file")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert r.headers["content-security-policy"] == "sandbox"
    assert site.client.get(f"/filings/{XIAOMI}/file").status_code == 404  # no stored copy


def test_web_script_in_stored_strings_is_shown_as_text(site):
    c = site.client
    for url in (f"/filings/{HOSTILE}", "/search?q=connected", "/companies/00666", "/search"):
        html = c.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html and "<svg onload" not in html and "<b>EVIL" not in html
    html = c.get(f"/filings/{HOSTILE}").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # not evaluated as a template either
    assert "javascript:" not in html  # a stored javascript: URL is not made a link
    # JSON carries the raw string, as data.
    assert c.get(f"/api/filings/{HOSTILE}").json()["title"].startswith("<script>")


def test_web_unknown_ids_are_404_pages(site):
    c = site.client
    for url in ("/filings/nope", "/filings/" + "9" * 40, "/people/999999", "/people/abc",
                "/companies/99999", "/companies/abc", "/no/such/page",
                "/feeds/subscriptions/1.atom?token=x" if False else "/filings/1/file"):  # fmt: skip
        r = c.get(url)
        assert r.status_code == 404, url
        assert "text/html" in r.headers["content-type"]
        assert "Not found" in r.text
    for url in ("/api/filings/nope", "/api/people/424242", "/api/companies/12345", "/api/x"):
        r = c.get(url)
        assert r.status_code == 404, url
        assert isinstance(r.json()["detail"], str)


def test_web_bad_query_syntax_is_400_with_a_readable_message(site):
    r = site.client.get("/search", params={"q": '"annual cap'})
    assert r.status_code == 400
    assert "could not be run" in r.text and 'value="&#34;annual cap"' in r.text
    r = site.client.get("/api/search", params={"q": '"annual cap'})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert isinstance(detail, str) and 5 < len(detail) < 300 and "\n" not in detail


HOSTILE_QUERIES = [
    '"unbalanced',
    "a\x00b",
    "x" * 10240,
    "'; DROP TABLE announcement; --",
    "((((",
    "AND OR NOT",
    "*",
    "-",
    '"',
    "NEAR(a b",
    '雷軍"',
    "%_\\",
    "<script>alert(1)</script>",
    "title:x OR",
    "0x00 \x1b[31m",
]


@pytest.mark.parametrize("path", ["/search", "/api/search"])
def test_web_hostile_queries_never_500(site, path):
    for q in HOSTILE_QUERIES:
        r = site.client.get(path, params={"q": q})
        assert r.status_code in (200, 400), (path, q[:40], r.status_code, r.text[:300])
    for params in (
        {"stock": "abc"}, {"stock": "1" * 99}, {"year": "abc"}, {"year": "99999"},
        {"cap_min": "1e999"}, {"cap_min": "-5"}, {"cap_max": "NaN"}, {"cap_min": "9" * 40},
        {"page": "-1"}, {"page": "99999999999999999999"}, {"per_page": "0"},
        {"sort": "DROP"}, {"currency": "'; --"}, {"transaction_type": "x\x00"},
        {"language": "xx"}, {"person": "a\x00" * 500}, {"q": "x", "page": "500"},
    ):  # fmt: skip
        r = site.client.get(path, params={"q": "connected", **params})
        assert r.status_code in (200, 400), (path, params, r.status_code, r.text[:300])
    for raw in ("q=%FF%FE%ED%A0%80", "q=%00", "q=%", "q=%zz&stock=%C0%AF", "page=%ff"):
        r = site.client.get(f"{path}?{raw}")  # invalid UTF-8 and broken escapes, as sent
        assert r.status_code in (200, 400), (path, raw, r.status_code, r.text[:300])
    assert "announcement" in inspect(site.engine).get_table_names()


def test_web_hostile_queries_on_exports_and_feeds(site):
    for path in ("/search.csv", "/feeds/search.atom"):
        for q in HOSTILE_QUERIES:
            r = site.client.get(path, params={"q": q})
            assert r.status_code in (200, 400), (path, q[:40], r.status_code, r.text[:300])
        r = site.client.get(f"{path}?q=%FF%FE%00&stock=x&cap_min=NaN&page=-1")
        assert r.status_code == 400


def test_web_json_twins(site):
    c = site.client
    r = c.get("/api/search", params={"q": "xiaomi"})
    body = r.json()
    assert r.status_code == 200 and body["paging"]["total"] == 2
    assert {h["news_id"] for h in body["hits"]} == {KINGSOFT_EN, XIAOMI}
    assert any("<mark>" in h["snippet"] for h in body["hits"])
    assert {v["value"] for v in body["facets"]["stock"]} == {"03888", "01810"}
    assert c.get("/api/search", params={"stock": "1810"}).json()["paging"]["total"] == 1
    got = c.get("/api/search", params={"q": "connected", "currency": "HKD", "cap_min": "1b"})
    assert [h["news_id"] for h in got.json()["hits"]] == [XIAOMI]
    assert c.get("/api/search").status_code == 400  # nothing asked

    f = c.get(f"/api/filings/{KINGSOFT_EN}").json()
    assert f["annual_caps"][0]["amount"] == 8000000
    assert f["annual_caps"][0]["currency"] == "RMB"
    assert f["annual_caps"][0]["evidence"] == {
        "page": 1,
        "text": "Annual cap for the period ending 31 December 2012 is RMB8 million.",
    }
    assert f["connected_persons"][0]["person_id"] == site.lei_id
    assert [a["name"] for a in f["abstentions"]] == ["Jun LEI"]
    assert f["stored_copy_url"] == f"/filings/{KINGSOFT_EN}/file"

    p = c.get(f"/api/people/{site.lei_id}").json()
    assert p["paging"]["total"] == 2
    assert [x["filing"]["news_id"] for x in p["filings"]] == [XIAOMI, KINGSOFT_EN]
    assert {x["stock_code"] for x in p["companies"]} == {"03888", "01810"}
    assert [y["year"] for y in p["timeline"]] == [2012, 2019]
    assert "abstained" in p["roles"]
    # The Chinese name is read off the Chinese edition of the same filing, and back again.
    assert p["chinese_name"] == "雷軍" and p["other_edition_person_id"]
    zh = c.get(f"/api/people/{p['other_edition_person_id']}").json()
    assert zh["display_name"] == "雷軍" and zh["english_name"] == "Jun LEI"
    assert zh["other_edition_person_id"] == site.lei_id
    assert "雷軍" in c.get(f"/people/{site.lei_id}").text

    co = c.get("/api/companies/01810").json()
    assert co["stock_name"] == "XIAOMI-W"
    assert co["annual_caps"][0]["amount"] == 1200000000


def test_web_csv_export(site):
    r = site.client.get("/search.csv", params={"q": "connected", "sort": "date"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {"news_id", "title", "url", "stock_code"} <= set(rows[0])
    assert rows[0]["news_id"] == HOSTILE  # newest first
    assert rows[0]["url"].endswith(f"/filings/{HOSTILE}")
    (kingsoft,) = [row for row in rows if row["stock_code"] == "03888"]  # one per filing
    assert kingsoft["other_edition"] == KINGSOFT_ZH and "Beijing Xiaomi" in kingsoft["parties"]
    assert (kingsoft["largest_cap"], kingsoft["largest_cap_currency"]) == ("8000000", "RMB")
    assert kingsoft["connected_persons"] == "Jun LEI"
    assert site.client.get("/search.csv", params={"q": '"open'}).status_code == 400


def test_web_openapi_documents_the_api(site):
    spec = site.client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/search", "/api/filings/{news_id}", "/api/people/{person_id}",
                 "/api/companies/{stock_code}", "/api/subscriptions"):  # fmt: skip
        assert "get" in paths[path], path
    assert "post" in paths["/api/subscriptions"]
    assert "delete" in paths["/api/subscriptions/{sub_id}"]
    schemas = spec["components"]["schemas"]
    assert {"SearchResponse", "Filing", "Person", "Company", "Subscription"} <= set(schemas)
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert not any(p.startswith("/search") or p.startswith("/filings") for p in paths)


def _new(c: TestClient, **extra) -> dict:
    r = c.post("/api/subscriptions", json={"name": "LEI Jun", "chinese_name": "雷軍", **extra},
               headers=AUTH)  # fmt: skip
    assert r.status_code == 201, r.text
    return r.json()


def test_web_api_subscriptions_need_the_token(site):
    c = site.client
    body = {"name": "LEI Jun"}
    assert c.post("/api/subscriptions", json=body).status_code == 401
    wrong = {"Authorization": "Bearer no"}
    assert c.post("/api/subscriptions", json=body, headers=wrong).status_code == 403
    assert c.get("/api/subscriptions").status_code == 401
    sub = _new(c, aliases=["Mr. Jun LEI"], channel="email", target="a@example.com")
    assert sub["aliases"] == ["Mr. Jun LEI"] and sub["active"] is True
    assert "/unsubscribe/" in sub["unsubscribe_url"] and "sig=" in sub["unsubscribe_url"]
    listed = c.get("/api/subscriptions", headers=AUTH).json()
    assert [s["id"] for s in listed] == [sub["id"]]
    url = f"/api/subscriptions/{sub['id']}"
    assert c.delete(url).status_code == 401
    assert c.delete(url, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert c.get("/api/subscriptions", headers=AUTH).json() != []
    assert c.delete(url, headers=AUTH).status_code == 204
    assert c.delete(url, headers=AUTH).status_code == 404
    bad = c.post("/api/subscriptions", json={"name": "X", "channel": "email"}, headers=AUTH)
    assert bad.status_code == 400 and "e-mail" in bad.json()["detail"]


def test_web_html_subscriptions_need_the_token(site):
    c = site.client
    assert c.get("/subscriptions").status_code == 401  # the sign-in form
    r = c.post("/subscriptions", data={"name": "LEI Jun"}, follow_redirects=False)
    assert r.status_code == 401
    r = c.post("/subscriptions", data={"name": "LEI Jun", "token": "nope"})
    assert r.status_code == 403
    assert c.get("/api/subscriptions", headers=AUTH).json() == []
    r = c.post("/subscriptions/login", data={"token": "nope"})
    assert r.status_code == 403 and "not right" in r.text
    r = c.post("/subscriptions/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.cookies.get("fw_admin")
    assert cookie and TOKEN not in cookie
    page = c.get("/subscriptions")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    # The cookie alone is not enough: a cross-site form would not know the CSRF field.
    assert c.post("/subscriptions", data={"name": "LEI Jun"}).status_code == 403
    r = c.post("/subscriptions", data={"name": "LEI Jun", "csrf": csrf, "roles": "director"},
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    [sub] = c.get("/api/subscriptions", headers=AUTH).json()
    assert sub["roles"] == ["director"]
    assert "LEI Jun" in c.get("/subscriptions").text
    c.cookies.clear()
    assert c.post(f"/subscriptions/{sub['id']}/delete").status_code == 401
    r = c.post(f"/subscriptions/{sub['id']}/delete", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    assert c.get("/api/subscriptions", headers=AUTH).json() == []


def test_web_subscriptions_disabled_without_admin_token(db_engine, monkeypatch):
    monkeypatch.delenv("FILINGWATCH_ADMIN_TOKEN", raising=False)
    c = TestClient(web.create_app(db_engine))
    assert c.get("/subscriptions").status_code == 403
    r = c.post("/api/subscriptions", json={"name": "x"}, headers={"Authorization": "Bearer "})
    assert r.status_code in (401, 403)
    r = c.post("/api/subscriptions", json={"name": "x"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and "FILINGWATCH_ADMIN_TOKEN" in r.json()["detail"]


def test_web_signed_unsubscribe_and_feed(site):
    c = site.client
    sub = _new(c)
    path = sub["unsubscribe_url"].removeprefix("http://testserver")
    confirm = c.get(path)
    assert confirm.status_code == 200 and "Unsubscribe?" in confirm.text
    tampered = path.replace(f"/unsubscribe/{sub['id']}", f"/unsubscribe/{sub['id'] + 1}")
    assert c.get(tampered).status_code == 403
    assert c.get(path.split("?")[0]).status_code == 403
    sig = path.split("sig=")[1]
    assert c.post(f"/unsubscribe/{sub['id']}", data={"sig": "0" * 32}).status_code == 403
    done = c.post(f"/unsubscribe/{sub['id']}", data={"sig": sig})
    assert done.status_code == 200 and "Unsubscribed" in done.text
    assert c.get("/api/subscriptions", headers=AUTH).json()[0]["active"] is False

    feed = sub["feed_url"].removeprefix("http://testserver")
    r = c.get(feed)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in r.text
    assert c.get(feed.split("?")[0]).status_code == 403
    # An unsubscribe signature is not a feed token.
    assert c.get(f"/feeds/subscriptions/{sub['id']}.atom?token={sig}").status_code == 403


def test_web_search_feed(site):
    r = site.client.get("/feeds/search.atom", params={"q": "xiaomi"})
    assert r.status_code == 200
    assert r.text.count("<entry>") == 2 and "<mark>" not in r.text
    assert site.client.get("/feeds/search.atom").status_code == 400


def test_web_result_cache_reuses_facets_across_pages(monkeypatch):
    from web import search_query

    cache = search_query.ResultCache(60)
    cache.put(("a",), 1)
    assert cache.get(("a",)) == 1
    monkeypatch.setattr(search_query.time, "monotonic", lambda: 10**12)
    assert cache.get(("a",)) is None  # expired
    assert search_query.ResultCache(0).get(("a",)) is None
    small = search_query.ResultCache(60, size=2)
    for key in "abc":
        small.put((key,), key)
    assert small.get(("a",)) is None and small.get(("c",)) == "c"


def test_web_search_pages_share_cached_facets(site, monkeypatch):
    import store

    calls = []
    real = store.search

    def spy(*args, **kwargs):
        calls.append(kwargs.get("facets", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "search", spy)
    c = site.client
    first = c.get("/api/search", params={"q": "connected", "per_page": "1"}).json()
    second = c.get("/api/search", params={"q": "connected", "per_page": "1", "page": "2"}).json()
    again = c.get("/api/search", params={"q": "connected", "per_page": "1"}).json()
    assert calls == [True, False]  # page 2 skipped the facets; page 1 again came from memory
    assert first["facets"] == second["facets"] and first == again
    assert first["hits"] != second["hits"]


def test_web_threads_per_worker_follow_the_backend_unless_set(db_engine, monkeypatch):
    """SQLite work is CPU in the process: 2 threads per worker; PostgreSQL keeps 40."""
    import anyio.to_thread

    def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    monkeypatch.delenv("FILINGWATCH_WEB_THREADS", raising=False)
    with TestClient(web.create_app(db_engine)) as client:
        expected = 2 if db_engine.dialect.name == "sqlite" else 40
        assert client.portal.call(tokens) == expected
        assert client.get("/search?q=lease").status_code == 200
    monkeypatch.setenv("FILINGWATCH_WEB_THREADS", "3")
    with TestClient(web.create_app(db_engine)) as client:
        assert client.portal.call(tokens) == 3


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_web_csv_export_defuses_formulas_in_every_text_cell(site):
    """A stock name, headline or document URL from the exchange's pages may start a formula
    as much as a title: every text cell is defused, the score (our number) is left alone."""
    import datetime as dt

    import store

    with store.session(site.engine) as s:
        store.upsert_announcement(
            s,
            {"news_id": "-2020999", "stock_code": "+0999", "stock_name": '=HYPERLINK("x")',
             "title": "=1+1", "headline": "@SUM(A1)", "language": "en",
             "document_url": "-1+cmd|' /C calc'!A0", "text": "formulaword", "sha256": "f",
             "published_at": dt.datetime(2020, 2, 2, tzinfo=store.HK)},
        )  # fmt: skip
        s.commit()
    r = site.client.get("/search.csv", params={"q": "formulaword"})
    assert r.status_code == 200
    header, row = list(csv.reader(io.StringIO(r.text)))
    cells = dict(zip(header, row, strict=True))
    assert float(cells.pop("score")) >= 0
    assert cells["stock_name"] == '\'=HYPERLINK("x")' and cells["headline"] == "'@SUM(A1)"
    for name, value in cells.items():
        assert not value.startswith(FORMULA_STARTS), (name, value)


def test_web_links_never_come_from_the_host_header(site, db_engine, monkeypatch):
    """Feed, unsubscribe and export links are relative, or built on FILINGWATCH_PUBLIC_URL:
    a forged Host header must not put an attacker's host into signed links."""
    evil = {"Host": "evil.example", **AUTH}
    sub = site.client.post("/api/subscriptions", json={"name": "LEI Jun"}, headers=evil).json()
    listed = site.client.get("/api/subscriptions", headers=evil).json()
    page = site.client.get("/subscriptions", headers=evil).text
    feed = site.client.get("/feeds/search.atom", params={"q": "xiaomi"}, headers=evil).text
    export = site.client.get("/search.csv", params={"q": "xiaomi"}, headers=evil).text
    for text in (str(sub), str(listed), feed, export, page):
        assert "evil.example" not in text
    assert sub["feed_url"].startswith("/feeds/subscriptions/")
    assert sub["unsubscribe_url"].startswith("/unsubscribe/")
    monkeypatch.setenv("FILINGWATCH_PUBLIC_URL", "https://fw.example.org/")
    client = TestClient(web.create_app(db_engine))
    sub = client.get("/api/subscriptions", headers=evil).json()[0]
    assert sub["feed_url"].startswith("https://fw.example.org/feeds/subscriptions/")
    assert sub["unsubscribe_url"].startswith("https://fw.example.org/unsubscribe/")
    feed = client.get("/feeds/search.atom", params={"q": "xiaomi"}, headers=evil).text
    assert "https://fw.example.org/filings/" in feed and "evil.example" not in feed
    export = client.get("/search.csv", params={"q": "xiaomi"}, headers=evil).text
    assert "https://fw.example.org/filings/" in export
    monkeypatch.setenv("FILINGWATCH_PUBLIC_URL", "javascript:alert(1)")  # unusable: relative
    sub = TestClient(web.create_app(db_engine)).get("/api/subscriptions", headers=AUTH).json()[0]
    assert sub["feed_url"].startswith("/feeds/subscriptions/")


def test_web_admin_pages_are_never_stored(site):
    """Subscriptions, signed-in pages and API answers holding signed links or the token
    send Cache-Control: no-store; public pages may be cached."""
    c = site.client
    sub = c.post("/api/subscriptions", json={"name": "LEI Jun"}, headers=AUTH).json()
    private = [
        c.get("/subscriptions"),  # the sign-in form
        c.get("/api/subscriptions", headers=AUTH),
        c.post("/api/subscriptions", json={"name": "HO Ka Chun"}, headers=AUTH),
        c.get(sub["unsubscribe_url"]),
        c.get(sub["feed_url"]),
        c.post("/subscriptions/login", data={"token": TOKEN}, follow_redirects=False),
    ]
    assert c.cookies.get("fw_admin")
    private += [c.get("/subscriptions"), c.get("/search?q=xiaomi")]  # signed in
    assert [r.status_code for r in private] == [401, 200, 201, 200, 200, 303, 200, 200]
    for r in private:
        assert r.headers["cache-control"] == "no-store", r.request.url
    c.cookies.clear()
    assert "no-store" not in c.get("/search?q=xiaomi").headers.get("cache-control", "")


def test_web_head_answers_wherever_get_does(site):
    c = site.client
    for url in ("/search", "/search?q=xiaomi", f"/filings/{KINGSOFT_EN}", "/companies/03888",
                f"/people/{site.lei_id}", "/api/search?q=xiaomi", "/search.csv?q=xiaomi",
                "/feeds/search.atom?q=xiaomi", "/static/style.css", "/filings/nope",
                "/api/search?q=%22open"):  # fmt: skip
        get, head = c.get(url), c.head(url)
        assert head.status_code == get.status_code, url
        assert head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"], url
    assert c.head("/subscriptions/logout").status_code == 405  # POST only: still refused


def test_web_search_over_its_budget_is_a_400_and_is_not_run_again(db_engine, tmp_path, monkeypatch):
    """A search out of time answers 400 "narrow it"; asking again within the cache time is
    answered from memory instead of holding a request thread for the whole budget again."""
    import store

    monkeypatch.setenv("FILINGWATCH_WEB_SEARCH_SECONDS", "0.000001")
    seed(db_engine, tmp_path / "files")
    client = TestClient(web.create_app(db_engine))
    first = client.get("/api/search", params={"q": "connected"})
    assert first.status_code == 400 and "narrow it" in first.json()["detail"]
    calls = []
    real = store.search
    monkeypatch.setattr(store, "search", lambda *a, **k: calls.append(a) or real(*a, **k))
    again = client.get("/search", params={"q": "connected", "page": "2"})
    assert again.status_code == 400 and "narrow it" in again.text
    assert calls == []


def test_web_search_has_every_cli_filter_under_the_cli_names(site):
    c = site.client

    def news(**params) -> list[str]:
        r = c.get("/api/search", params={"sort": "date", **params})
        assert r.status_code == 200, r.text
        return [h["news_id"] for h in r.json()["hits"]]

    assert news(q="connected") == [HOSTILE, XIAOMI, KINGSOFT_EN]
    # a date range (HK days) and a headline category narrow, as --from/--to/--category do
    assert news(q="connected", **{"from": "2019-03-01", "to": "2019-03-01"}) == [XIAOMI]
    assert news(q="connected", **{"to": "2012-05-24"}) == [KINGSOFT_EN]
    assert news(category="Continuing Connected Transaction") == [KINGSOFT_EN]
    assert news(type="connected transaction", lang="en", stock="1810") == [XIAOMI]
    assert news(year="2012") == [KINGSOFT_EN]
    # older names still work, and the page moves to the current ones
    assert news(q="connected", date_from="2019-03-01", date_to="2019-03-01") == [XIAOMI]
    r = c.get("/search", params={"transaction_type": "connected transaction"},
              follow_redirects=False)  # fmt: skip
    assert r.status_code == 307 and r.headers["location"] == "/search?type=connected+transaction"


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"q": "x", "date_frm": "2012-01-01"}, "Unknown parameter 'date_frm'"),
        ({"q": "x", "from": "2012-13-01"}, "must be a date like 2012-05-24"),
        ({"q": "x", "from": "2013-01-01", "to": "2012-01-01"}, "is after the last day"),
        ({"q": "x", "from": "2013-01-01", "year": "2012"}, "not both"),
        ({"q": "x", "type": "friendly"}, "Unknown transaction type"),
        ({"q": "x", "lang": "fr"}, "must be en or zh"),
        ({"q": "x", "per_page": "201"}, "between 1 and 200"),
        ({"q": "x", "from": "2012-01-01", "date_from": "2012-01-02"}, "more than once"),
    ],
)
def test_web_unknown_or_malformed_parameters_are_a_400_with_one_line(site, params, reason):
    api = site.client.get("/api/search", params=params)
    assert api.status_code == 400
    detail = api.json()["detail"]
    assert reason in detail and "\n" not in detail
    page = site.client.get("/search", params=params)
    assert page.status_code == 400 and str(escape(detail)) in page.text
    for path in ("/search.csv", "/search/facts.csv", "/feeds/search.atom", "/api/search/facts"):
        assert site.client.get(path, params=params).status_code == 400, path


def test_web_one_result_per_filing_with_key_facts(site):
    body = site.client.get("/api/search", params={"q": "xiaomi"}).json()
    (hit,) = [h for h in body["hits"] if h["stock_code"] == "03888"]
    assert hit["news_id"] == KINGSOFT_EN
    assert hit["other_edition"] == {"news_id": KINGSOFT_ZH, "language": "zh",
                                    "url": f"/filings/{KINGSOFT_ZH}"}  # fmt: skip
    assert hit["parties"] == ["Chengdu Digital Entertainment", "Beijing Xiaomi"]
    assert hit["largest_cap"]["amount"] == 8000000 and hit["largest_cap"]["currency"] == "RMB"
    assert hit["largest_cap"]["period_end"] == "2012-12-31"
    assert hit["connected_persons"] == ["Jun LEI"]
    # both editions match the stock filter: one filing, counted once, in the facets too
    both = site.client.get("/api/search", params={"stock": "03888"}).json()
    assert both["paging"]["total"] == 1 and [h["news_id"] for h in both["hits"]] == [KINGSOFT_EN]
    assert {v["label"] for v in both["facets"]["stock"]} == {"03888 KINGSOFT"}
    assert both["facets"]["year"] == [{"value": "2012", "label": "2012", "count": 1}]
    assert {"Beijing Xiaomi"} <= {v["value"] for v in both["facets"]["party"]}
    assert "Jun LEI" in {v["value"] for v in both["facets"]["person"]}
    zh = site.client.get("/api/search", params={"stock": "03888", "lang": "zh"}).json()
    assert [(h["news_id"], h["other_edition"]["news_id"]) for h in zh["hits"]] == [
        (KINGSOFT_ZH, KINGSOFT_EN)]  # fmt: skip
    page = site.client.get("/search", params={"q": "xiaomi"}).text
    assert "Largest cap" in page and "RMB" in page and "8,000,000" in page
    assert f'href="/filings/{KINGSOFT_ZH}"' in page and "Beijing Xiaomi" in page


def test_web_facts_export_one_row_per_fact(site):
    r = site.client.get("/search/facts.csv", params={"q": "xiaomi", "sort": "date"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    kingsoft = [row for row in rows if row["news_id"] == KINGSOFT_EN]
    (cap,) = [row for row in kingsoft if row["kind"] == "cap"]
    assert (cap["amount"], cap["currency"], cap["evidence_page"]) == ("8000000", "RMB", "1")
    assert cap["published_at"] == "2012-05-24 19:05" and cap["stock_code"] == "03888"
    parties = {row["name"]: row["evidence_page"] for row in kingsoft if row["kind"] == "party"}
    assert parties == {"Chengdu Digital Entertainment": "1", "Beijing Xiaomi": "1"}
    persons = {(row["name"], row["role"]) for row in kingsoft if row["kind"] == "person"}
    assert ("Jun LEI", "connected") in persons
    assert {row["news_id"] for row in rows} == {KINGSOFT_EN, XIAOMI}  # one edition per filing
    api = site.client.get("/api/search/facts", params={"q": "xiaomi"}).json()
    assert api["filings"] == 2 and len(api["rows"]) == len(rows)


def test_web_facts_export_defuses_formulas(site):
    r = site.client.get("/search/facts.csv", params={"stock": "00666"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows, r.text
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), row
