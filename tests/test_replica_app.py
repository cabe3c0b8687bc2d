"""The replica's document and script routes (crawler/replica/app.py, files.py, manifest.py)."""

from __future__ import annotations

import hashlib
import io
import re
from urllib.parse import urljoin

import httpx
import pytest
from pdfminer.high_level import extract_text


@pytest.fixture(scope="module")
def manifest(replica) -> dict:
    return replica.manifest()


def test_app_every_file_in_the_manifest_is_served_with_its_sha256(manifest):
    assert manifest["count"] == len(manifest["announcements"]) > 0
    with httpx.Client(timeout=30) as client:
        for a in manifest["announcements"]:
            response = client.get(a["url"])
            assert response.status_code == 200, a["url"]
            assert hashlib.sha256(response.content).hexdigest() == a["sha256"]
            assert len(response.content) == a["size"]
            expected = "application/pdf" if a["file_link"].endswith(".pdf") else "text/html"
            assert response.headers["content-type"].startswith(expected)


def test_app_file_links_follow_the_hkexnews_pattern(manifest):
    pattern = re.compile(r"/listedco/listconews/sehk/(\d{4})/(\d{4})/(\d{8})\d{5}(_c)?\.(pdf|htm)")
    for a in manifest["announcements"]:
        m = pattern.fullmatch(a["file_link"])
        assert m, a["file_link"]
        day = a["release_time"][:10].replace("-", "")
        assert m[1] + m[2] == day and m[3] == day
        assert (m[4] == "_c") == (a["language"] == "zh")


def test_app_head_and_range_requests(manifest):
    pdf = next(a for a in manifest["announcements"] if a["file_link"].endswith(".pdf"))
    head = httpx.head(pdf["url"])
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == pdf["size"]
    assert head.headers["accept-ranges"] == "bytes"
    part = httpx.get(pdf["url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content.startswith(b"%PDF")
    assert len(part.content) == 100
    assert part.headers["content-range"] == f"bytes 0-99/{pdf['size']}"
    tail = httpx.get(pdf["url"], headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and len(tail.content) == 10
    beyond = httpx.get(pdf["url"], headers={"Range": f"bytes={pdf['size']}-"})
    assert beyond.status_code == 416


def test_app_missing_files_and_robots_are_real_404_pages(replica_url, manifest):
    pdf = next(a for a in manifest["announcements"] if a["file_link"].endswith(".pdf"))
    for path in (pdf["file_link"].replace(".pdf", "9.pdf"), "/robots.txt",
                 pdf["file_link"].upper()):  # fmt: skip
        response = httpx.get(replica_url + path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<title>Hong Kong Exchanges and Clearing Limited</title>" in response.text
        assert len(response.content) > 1000


def test_app_multi_files_landing_page_links_pdfs_in_a_news_id_folder(manifest):
    multi = [a for a in manifest["announcements"] if a["file_type"] == "multi"]
    assert multi
    for a in multi:
        page = httpx.get(a["url"])
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        links = re.findall(r'href="([^"]+\.(?:pdf|htm))"', page.text)
        resolved = [urljoin(a["url"], link) for link in links]
        assert resolved == [att["url"] for att in a["attachments"]] and len(links) >= 2
        for att in a["attachments"]:
            assert f"/{a['news_id']}/" in att["file_link"]
            body = httpx.get(att["url"]).content
            assert hashlib.sha256(body).hexdigest() == att["sha256"]
    hrefs = {a["slug"]: re.findall(r'href="([^"]+)"', httpx.get(a["url"]).text) for a in multi}
    assert any(h and not h[0].startswith("/") for h in hrefs.values())  # relative to the page
    assert any(h and h[0].startswith("/listedco/") for h in hrefs.values())  # site paths
    kinds = {att["file_link"].rsplit(".", 1)[1] for a in multi for att in a["attachments"]}
    assert kinds == {"pdf", "htm"}


def test_app_multi_files_circular_carries_connected_transaction_facts(manifest):
    """The announcement + circular filing: real PDFs, the circular's caps in the filing's gold."""
    (entry,) = [a for a in manifest["announcements"] if a["slug"].endswith("gen00006-ct")]
    assert [att["label"] for att in entry["attachments"]] == ["Announcement", "Circular"]
    gold = httpx.get(entry["gold_url"]).json()
    assert "continuing connected transaction" in gold["transaction_types"]
    assert "connected transaction" in gold["transaction_types"] and gold["annual_caps"]
    circular = httpx.get(entry["attachments"][1]["url"]).content
    text = extract_text(io.BytesIO(circular))
    assert circular.startswith(b"%PDF-") and "THIS CIRCULAR IS IMPORTANT" in text
    assert all(cap["agreement"] in " ".join(text.split()) for cap in gold["annual_caps"])


def test_app_pdfs_have_extractable_text_in_both_languages(manifest):
    zh = next(a for a in manifest["announcements"]
              if a["language"] == "zh" and a["file_link"].endswith(".pdf"))  # fmt: skip
    text = extract_text(io.BytesIO(httpx.get(zh["url"]).content))
    assert re.search(r"[\u4e00-\u9fff]{4}", text)
    en = next(a for a in manifest["announcements"]
              if a["language"] == "en" and a["file_link"].endswith(".pdf"))  # fmt: skip
    text = extract_text(io.BytesIO(httpx.get(en["url"]).content))
    assert en["stock_codes"][0] in text


def test_app_stock_and_category_scripts(replica_url, manifest):
    stocks = httpx.get(f"{replica_url}/ncms/script/eds/activestock_sehk_e.json").json()
    assert {"i": 7609, "c": "00700", "n": "TENCENT", "s": stocks[[s["c"] for s in stocks].index(
        "00700")]["s"]} in stocks  # fmt: skip
    codes = {s["c"] for s in stocks}
    assert all(c in codes for a in manifest["announcements"] for c in a["stock_codes"])
    zh = httpx.get(f"{replica_url}/ncms/script/eds/activestock_sehk_c.json").json()
    assert any(s["n"] == "騰訊控股" for s in zh)
    tier1 = httpx.get(f"{replica_url}/ncms/script/eds/tierone_e.json").json()
    assert {"code": "10000", "name": "Announcements and Notices"} == {
        k: tier1[0][k] for k in ("code", "name")}  # fmt: skip
    tier2 = httpx.get(f"{replica_url}/ncms/script/eds/tiertwo_c.json").json()
    cct = next(t for t in tier2 if t["code"] == "11300")
    assert list(cct) == ["t2Gcode", "count", "code", "name", "t1code"]
    assert cct["name"] == "持續關連交易" and cct["t2Gcode"] == "1" and cct["count"] > 0
    groups = httpx.get(f"{replica_url}/ncms/script/eds/tiertwogrp_c.json").json()
    assert {"code": "1", "name": "關連交易", "t1code": "10000"} in groups
    assert httpx.get(f"{replica_url}/ncms/script/eds/nothing_e.json").status_code == 404


def test_app_gold_and_text_of_a_generated_announcement(replica_url, manifest):
    generated = next(a for a in manifest["announcements"]
                     if a["source"] == "generated" and a["language"] == "en")  # fmt: skip
    gold = httpx.get(generated["gold_url"]).json()
    assert gold["stock_code"] == generated["stock_codes"][0]
    text = httpx.get(f"{replica_url}/_replica/text/{generated['slug']}").text
    assert gold["company"].upper() in text


def test_app_latest_listed_company_information_feed(replica_url, manifest):
    body = httpx.get(f"{replica_url}/ncms/json/eds/lcisehk7relsde_1.json").json()
    assert list(body) == ["genDate", "maxNumOfFile", "newsInfoLst"]
    items = body["newsInfoLst"]
    english = [a for a in manifest["announcements"] if a["language"] == "en"]
    assert len(items) == min(100, len(english))
    assert isinstance(items[0]["newsId"], int)
    assert items[0]["newsId"] == max(int(a["news_id"]) for a in english)  # newest first
    assert {"sc", "sn"} == set(items[0]["stock"][0])
    zh = httpx.get(f"{replica_url}/ncms/json/eds/lcisehk1relsdc_1.json").json()
    assert all(i["webPath"].endswith(("_c.pdf", "_c.htm")) for i in zh["newsInfoLst"])
    missing = f"{replica_url}/ncms/json/eds/lcisehk7relsde_{body['maxNumOfFile'] + 1}.json"
    assert httpx.get(missing).status_code == 404


def test_app_root_redirects_to_the_home_page(replica_url):
    response = httpx.get(f"{replica_url}/")
    assert response.status_code == 302 and response.headers["location"] == "/index.htm"
    assert httpx.get(f"{replica_url}/index.htm").status_code == 200
