"""The replica's title-search servlet and stock lookup, over HTTP (crawler/replica/servlet.py).

Each test states one rule of ../shared/hkexnews.md §1 as the spider will meet it.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta

import httpx
import pytest

FIELDS = ["FILE_INFO", "NEWS_ID", "SHORT_TEXT", "TOTAL_COUNT", "DOD_WEB_PATH", "STOCK_NAME",
          "TITLE", "FILE_TYPE", "DATE_TIME", "LONG_TEXT", "STOCK_CODE", "FILE_LINK"]  # fmt: skip
ENVELOPE = ["result", "hasNextRow", "sortList", "rowRange", "lang", "loadedRecord", "recordCnt"]


@pytest.fixture(scope="module")
def manifest(replica) -> dict:
    return replica.manifest(sha256=False)


@pytest.fixture(scope="module")
def window(manifest) -> tuple[date, date]:
    r = manifest["replica"]
    return date.fromisoformat(r["first_day"]), date.fromisoformat(r["last_day"])


def search(url: str, start: date, end: date, **overrides: str) -> httpx.Response:
    params = {
        "sortDir": "0", "sortByOptions": "DateTime", "category": "0", "market": "SEHK",
        "stockId": "-1", "documentType": "-1", "fromDate": f"{start:%Y%m%d}",
        "toDate": f"{end:%Y%m%d}", "title": "", "searchType": "0", "t1code": "-2",
        "t2Gcode": "-2", "t2code": "-2", "rowRange": "100", "lang": "EN",
    }  # fmt: skip
    params.update(overrides)
    return httpx.get(f"{url}/search/titleSearchServlet.do", params=params, timeout=30)


def rows_of(response: httpx.Response) -> list[dict]:
    result = response.json()["result"]
    return [] if result == "null" else json.loads(result)


def test_servlet_envelope_keys_in_order_and_result_is_a_json_string(replica_url, window):
    response = search(replica_url, *window)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ENVELOPE
    assert isinstance(body["result"], str)
    rows = json.loads(body["result"])
    assert body["sortList"] == "[[0,0]]" and body["lang"] == "E"
    assert body["loadedRecord"] == len(rows) and body["recordCnt"] >= len(rows)


def test_servlet_rows_have_the_twelve_string_fields_in_order(replica_url, window):
    rows = rows_of(search(replica_url, *window))
    assert rows
    for row in rows:
        assert list(row) == FIELDS
        assert all(isinstance(v, str) for v in row.values())
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row["DATE_TIME"])
        assert row["TOTAL_COUNT"] == str(len(rows)) or int(row["TOTAL_COUNT"]) > len(rows)
        assert row["FILE_LINK"].startswith("/listedco/listconews/sehk/")


def test_servlet_every_manifest_filing_is_listed_once_per_language(replica_url, window, manifest):
    for lang, code in (("EN", "en"), ("ZH", "zh")):
        rows = rows_of(search(replica_url, *window, lang=lang, rowRange="10000"))
        expected = {a["news_id"] for a in manifest["announcements"] if a["language"] == code}
        assert sorted(r["NEWS_ID"] for r in rows) == sorted(expected)


def test_servlet_sorts_newest_first_by_default_and_oldest_first_with_sortdir_1(replica_url, window):
    def key(row: dict) -> tuple:
        d, t = row["DATE_TIME"].split()
        return tuple(reversed(d.split("/"))) + (t, int(row["NEWS_ID"]))

    newest = rows_of(search(replica_url, *window))
    oldest = rows_of(search(replica_url, *window, sortDir="1"))
    assert [key(r) for r in newest] == sorted((key(r) for r in newest), reverse=True)
    assert [key(r) for r in oldest] == sorted(key(r) for r in oldest)


def test_servlet_rowrange_counts_from_the_first_row(replica_url, window):
    five = search(replica_url, *window, rowRange="5").json()
    ten = search(replica_url, *window, rowRange="10").json()
    assert five["loadedRecord"] == 5 and five["hasNextRow"] is True
    assert json.loads(ten["result"])[:5] == json.loads(five["result"])
    everything = search(replica_url, *window, rowRange="10000").json()
    assert everything["hasNextRow"] is False
    assert everything["loadedRecord"] == everything["recordCnt"]


def test_servlet_rowrange_is_clamped_at_10000(replica_url, window):
    body = search(replica_url, *window, rowRange="50000").json()
    assert body["rowRange"] == 10000


@pytest.mark.parametrize(
    "overrides",
    [
        {"category": ""},  # dropping category
        {"market": ""},  # dropping market
        {"fromDate": "2026-01-01"},  # bad date format
    ],
)
def test_servlet_silent_zero_for_refused_queries(replica_url, window, overrides):
    body = search(replica_url, *window, **overrides).json()
    assert body["result"] == "null" and body["recordCnt"] == 0 and body["loadedRecord"] == 0
    assert body["hasNextRow"] is False


def test_servlet_all_categories_without_stock_limited_to_one_month(replica_url, window):
    start, end = window
    wide = search(replica_url, end - timedelta(days=40), end).json()
    assert wide["result"] == "null" and wide["recordCnt"] == 0
    # with a category, or with a stock, up to 12 months are fine
    category = search(replica_url, end - timedelta(days=40), end, t1code="10000").json()
    assert category["recordCnt"] > 0


def test_servlet_window_over_twelve_months_is_a_silent_zero(replica_url, window):
    start, end = window
    ok = search(replica_url, date(end.year - 1, end.month, end.day), end, t1code="10000").json()
    assert ok["recordCnt"] > 0
    too_long = search(replica_url, date(end.year - 1, end.month, end.day) - timedelta(days=1),
                      end, t1code="10000").json()  # fmt: skip
    assert too_long["result"] == "null" and too_long["recordCnt"] == 0


def test_servlet_headline_search_before_2007_06_25_is_a_silent_zero(replica_url):
    body = search(replica_url, date(2007, 6, 1), date(2007, 7, 31), searchType="1",
                  t1code="10000").json()  # fmt: skip
    assert body["result"] == "null" and body["recordCnt"] == 0


def test_servlet_t1code_and_t2code_filter(replica_url, window, manifest):
    rows = rows_of(search(replica_url, *window, t1code="10000", t2code="11300", rowRange="10000"))
    expected = [a for a in manifest["announcements"]
                if a["language"] == "en" and "11300" in a["t2codes"]]  # fmt: skip
    assert len(rows) == len(expected) > 0
    assert all("Continuing Connected Transaction" in r["LONG_TEXT"] for r in rows)
    monthly = rows_of(search(replica_url, *window, t1code="51500", rowRange="10000"))
    assert all(r["LONG_TEXT"] == "Monthly Returns" for r in monthly)


def test_servlet_comma_joined_t2code_is_not_json(replica_url, window):
    response = search(replica_url, *window, t2code="11200,11300")
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()


def test_servlet_title_is_a_case_insensitive_substring(replica_url, window):
    rows = rows_of(search(replica_url, *window, title="board MEETING", rowRange="10000"))
    assert rows
    assert all("board meeting" in html.unescape(r["TITLE"]).lower() for r in rows)


def test_servlet_stock_filter_uses_the_internal_id_from_prefix_do(replica_url, window, manifest):
    code = next(a["stock_codes"][0] for a in manifest["announcements"] if a["language"] == "en")
    response = httpx.get(f"{replica_url}/search/prefix.do",
                         params={"callback": "callback", "lang": "EN", "type": "A",
                                 "name": code, "market": "SEHK"})  # fmt: skip
    match = re.fullmatch(r"callback\((.*)\);", response.text)
    assert match
    info = [s for s in json.loads(match[1])["stockInfo"] if s["code"] == code]
    assert len(info) == 1 and isinstance(info[0]["stockId"], int)
    rows = rows_of(search(replica_url, *window, stockId=str(info[0]["stockId"]), rowRange="10000"))
    expected = [a for a in manifest["announcements"]
                if a["language"] == "en" and code in a["stock_codes"]]  # fmt: skip
    assert len(rows) == len(expected)
    assert all(code in r["STOCK_CODE"].split("<br/>") for r in rows)
    # the 5-digit code itself is not a stock id
    assert rows_of(search(replica_url, *window, stockId=str(int(code)) + "999")) == []


def test_servlet_lang_zh_gives_chinese_editions_and_anything_else_english(replica_url, window,
                                                                          manifest):  # fmt: skip
    zh = search(replica_url, *window, lang="zh", rowRange="10000").json()
    assert zh["lang"] == "C"
    rows = json.loads(zh["result"])
    assert rows and all(r["FILE_LINK"].endswith(("_c.pdf", "_c.htm")) for r in rows)
    assert all(re.search(r"[\u4e00-\u9fff]", r["LONG_TEXT"]) for r in rows)
    assert any(re.search(r"[\u4e00-\u9fff]", r["STOCK_NAME"]) for r in rows)
    by_id = {a["news_id"]: a for a in manifest["announcements"]}
    paired = [r for r in rows if by_id[r["NEWS_ID"]]["edition_of"]]
    assert paired
    for r in paired:
        assert int(r["NEWS_ID"]) == int(by_id[r["NEWS_ID"]]["edition_of"]) + 1
    for spelling in ("TC", "C", "en", "xx"):
        assert search(replica_url, *window, lang=spelling).json()["lang"] == "E"


def test_servlet_rows_show_the_sites_oddities(replica_url, window, manifest):
    rows = rows_of(search(replica_url, *window, rowRange="10000"))
    multi = [r for r in rows if r["FILE_INFO"] == "Multi-Files"]
    assert multi and all(r["FILE_TYPE"] == "" and r["FILE_LINK"].endswith(".htm") for r in multi)
    assert any(r["SHORT_TEXT"].startswith("(Headlines Revised)") for r in rows)
    joined = [r for r in rows if "<br/>" in r["STOCK_CODE"]]
    assert joined
    assert all(len(r["STOCK_CODE"].split("<br/>")) == len(r["STOCK_NAME"].split("<br/>"))
               for r in joined)  # fmt: skip
    assert any("&#x2f;" in r["TITLE"] for r in rows)
    assert any("&amp;" in r["TITLE"] for r in rows)
    assert any("\n" in r["TITLE"] for r in rows)
    titles = {a["news_id"]: a["title"] for a in manifest["announcements"]}
    assert all(html.unescape(r["TITLE"]) == titles[r["NEWS_ID"]] for r in rows)


def test_servlet_answers_post_with_405_and_other_casing_with_404(replica_url):
    post = httpx.post(f"{replica_url}/search/titleSearchServlet.do")
    assert post.status_code == 405
    assert "HTTP method POST is not supported by this URL" in post.text
    assert httpx.get(f"{replica_url}/search/titlesearchservlet.do").status_code == 404


def test_servlet_gzips_when_asked(replica_url, window):
    response = search(replica_url, *window)  # httpx sends Accept-Encoding: gzip
    assert response.headers.get("content-encoding") == "gzip"
    assert response.json()["recordCnt"] > 0


def test_prefix_do_returns_prefix_matches_so_clients_must_match_the_code(replica_url):
    response = httpx.get(f"{replica_url}/search/prefix.do",
                         params={"callback": "callback", "lang": "EN", "type": "A",
                                 "name": "285", "market": "SEHK"})  # fmt: skip
    payload = json.loads(re.fullmatch(r"callback\((.*)\);", response.text)[1])
    codes = [s["code"] for s in payload["stockInfo"]]
    assert payload["more"] == "1" and {"00285", "02858", "28500"} <= set(codes)
    empty = httpx.get(f"{replica_url}/search/prefix.do",
                      params={"callback": "callback", "lang": "EN", "name": "ZZZZZZ"})  # fmt: skip
    assert empty.text == 'callback({"more":"0","stockInfo":[]});'
    lower = httpx.get(f"{replica_url}/search/prefix.do", params={"lang": "en", "name": "285"})
    assert lower.status_code == 200 and len(lower.content) <= 2


def test_prefix_do_in_chinese_and_by_name(replica_url):
    response = httpx.get(f"{replica_url}/search/prefix.do",
                         params={"callback": "cb", "lang": "ZH", "name": "00700"})  # fmt: skip
    payload = json.loads(re.fullmatch(r"cb\((.*)\);", response.text)[1])
    assert payload["stockInfo"] == [{"stockId": 7609, "code": "00700", "name": "騰訊控股"}]
    by_name = httpx.get(f"{replica_url}/search/prefix.do", params={"lang": "EN", "name": "tenc"})
    assert '"code":"00700"' in by_name.text


def test_servlet_clamp_leaves_hasnextrow_true_beyond_10000_rows(tmp_path):
    """In process: 10,000+ rows are cheap to fake by repeating filings."""
    from crawler.replica.catalogue import build_catalogue
    from crawler.replica.config import ReplicaConfig
    from crawler.replica.servlet import title_search

    cat = build_catalogue(ReplicaConfig(days=1, per_day=0, corpus_dir=tmp_path,
                                        today=date(2026, 3, 16), cache_dir=None))  # fmt: skip
    cat.by_language["en"] = cat.by_language["en"] * (10_050 // len(cat.by_language["en"]) + 1)
    params = {"category": "0", "market": "SEHK", "fromDate": "20260316", "toDate": "20260316",
              "rowRange": "50000", "lang": "EN"}  # fmt: skip
    body = json.loads(title_search(cat, params))
    assert body["rowRange"] == 10_000 and body["loadedRecord"] == 10_000
    assert body["hasNextRow"] is True and body["recordCnt"] > 10_000
