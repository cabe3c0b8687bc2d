"""crawler.parsing on saved payloads shaped like hkexnews.md's records, one pitfall each."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crawler.parsing import (
    EmptyPayload,
    MalformedPayload,
    clean_text,
    normalise_stock_code,
    parse_datetime,
    parse_headline,
    parse_search_page,
    parse_stock_lookup,
    split_joined,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hkexnews"
BASE = "http://127.0.0.1:9"
HK = ZoneInfo("Asia/Hong_Kong")


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="module")
def page():
    return parse_search_page(load("search_en.json"), base_url=BASE)


def by_id(page, news_id: str):
    return next(item for item in page.items if item.news_id == news_id)


def test_parsing_result_is_double_encoded_json(page) -> None:
    assert [item.news_id for item in page.items] == [
        "12022263", "12292377", "12290001", "12290002", "12290003", "12290004",
    ]  # fmt: skip
    assert page.record_count == 6 and not page.has_next_row and not page.null_result


def test_parsing_verbatim_record(page) -> None:
    item = by_id(page, "12022263")
    assert item.stock_codes == ["01461"] and item.stock_names == ["ZHONGTAIFUTURES"]
    assert item.title == "Articles of Association"
    assert item.published_at == datetime(2026, 2, 11, 19, 10, tzinfo=HK)
    assert item.document_url == f"{BASE}/listedco/listconews/sehk/2026/0211/2026021100854.pdf"
    assert item.file_urls == [item.document_url]
    assert item.language == "en" and item.file_type == "PDF" and not item.multi_file


def test_parsing_br_joined_codes_and_names_keep_all(page) -> None:
    item = by_id(page, "12292377")
    assert item.stock_codes == ["00700", "80700"]
    assert item.stock_names == ["TENCENT", "TENCENT-R"]
    assert item.store_fields()["stock_code"] == "00700"


def test_parsing_trailing_br_leaves_no_empty_code(page) -> None:
    item = by_id(page, "12290001")
    assert item.stock_codes == ["03888"] and item.stock_names == ["KINGSOFT"]


def test_parsing_title_tags_stripped_then_entities_unescaped_newlines_folded(page) -> None:
    assert by_id(page, "12290001").title == (
        "DISCLOSEABLE AND CONNECTED TRANSACTION / ACQUISITION OF 51% EQUITY INTEREST "
        "IN CHENGDU & BEIJING TARGETS <NOT A TAG>"
    )


def test_parsing_headline_tiers(page) -> None:
    item = by_id(page, "12290001")
    assert item.headline_t1 == "Announcements and Notices"
    assert item.headline_t2 == ["Discloseable Transaction", "Connected Transaction"]
    assert not item.revised


def test_parsing_headlines_revised_prefix_sets_flag(page) -> None:
    item = by_id(page, "12290002")
    assert item.revised and not item.cancelled
    assert item.headline == "Announcements and Notices - [Continuing Connected Transaction]"
    assert item.headline_t2 == ["Continuing Connected Transaction"]


def test_parsing_multi_files_row_is_htm_landing_page(page) -> None:
    item = by_id(page, "12290003")
    assert item.multi_file and item.file_type == "HTM"
    assert item.document_url.endswith("/2026082100139.htm")
    assert item.headline_t1 == "Documents on Display" and item.headline_t2 == []


def test_parsing_tier1_only_headline(page) -> None:
    item = by_id(page, "12290004")
    assert item.headline_t1 == "Proxy Forms" and item.headline_t2 == []


def test_parsing_chinese_language_from_envelope_lang() -> None:
    page = parse_search_page(load("search_zh.json"), base_url=BASE, language="en")
    item = page.items[0]
    assert item.language == "zh" and item.stock_names == ["京投交通科技"]
    assert item.headline_t1 == "財務報表/環境、社會及管治資料" and item.headline_t2 == ["年報"]
    assert item.document_url.endswith("_c.pdf")


def test_parsing_string_null_result_is_no_rows() -> None:
    page = parse_search_page(load("search_null.json"), base_url=BASE)
    assert page.null_result and page.items == [] and page.record_count == 0


def test_parsing_has_next_row_and_record_count() -> None:
    page = parse_search_page(load("search_has_next.json"), base_url=BASE)
    assert page.has_next_row and page.record_count == 2582 and len(page.items) == 2


@pytest.mark.parametrize("body", [b"", b"   \n", ""])
def test_parsing_empty_body_is_soft_throttle_error(body) -> None:
    with pytest.raises(EmptyPayload):
        parse_search_page(body, base_url=BASE)


@pytest.mark.parametrize("name", ["search_malformed.txt", "search_truncated.txt"])
def test_parsing_malformed_page_is_typed_one_line_error(name) -> None:
    with pytest.raises(MalformedPayload) as info:
        parse_search_page(load(name), base_url=BASE)
    assert "\n" not in str(info.value)


def test_parsing_result_not_json_text() -> None:
    with pytest.raises(MalformedPayload, match="'result' is not JSON"):
        parse_search_page(b'{"result": "[{oops", "recordCnt": 1}', base_url=BASE)


def test_parsing_envelope_without_result() -> None:
    with pytest.raises(MalformedPayload, match="no 'result'"):
        parse_search_page(b'{"error": "x"}', base_url=BASE)


def test_parsing_bad_rows_are_reported_not_dropped() -> None:
    page = parse_search_page(load("search_bad_rows.json"), base_url=BASE)
    assert page.items == []
    assert len(page.row_errors) == 2
    assert "DD/MM/YYYY HH:MM" in page.row_errors[0]
    assert "NEWS_ID" in page.row_errors[1]


def test_parsing_datetime_is_aware_hong_kong() -> None:
    value = parse_datetime("01/03/2026 00:05")
    assert value.utcoffset().total_seconds() == 8 * 3600
    assert value.isoformat() == "2026-03-01T00:05:00+08:00"
    with pytest.raises(MalformedPayload):
        parse_datetime("2026-03-01 00:05")


def test_parsing_split_joined_variants() -> None:
    assert split_joined("00700<br/>80700") == ["00700", "80700"]
    assert split_joined("01346<br/>") == ["01346"]
    assert split_joined("A<BR>B<br />C") == ["A", "B", "C"]
    assert split_joined("") == []


def test_parsing_clean_text_order() -> None:
    assert clean_text("a&lt;b&gt;c") == "a<b>c"
    assert clean_text("<i>x</i>\r\n y&#x3b;") == "x y;"


def test_parsing_cancelled_prefix() -> None:
    t1, t2, revised, cancelled, headline = parse_headline(
        "(Cancelled since Headlines Superseded and Replaced) Circulars - [Major Transaction]"
    )
    assert cancelled and not revised and t1 == "Circulars" and t2 == ["Major Transaction"]
    assert headline == "Circulars - [Major Transaction]"


def test_parsing_stock_lookup_matches_code_exactly() -> None:
    ref = parse_stock_lookup(load("prefix_285.jsonp"), "285")
    assert ref is not None and ref.stock_id == 20247 and ref.code == "00285"
    assert parse_stock_lookup(load("prefix_285.jsonp"), "2850") is None


def test_parsing_stock_lookup_bom_and_no_match() -> None:
    ref = parse_stock_lookup(load("prefix_700.jsonp"), "00700")
    assert ref is not None and ref.stock_id == 7609 and ref.name == "TENCENT"
    assert parse_stock_lookup(load("prefix_empty.jsonp"), "00700") is None
    with pytest.raises(EmptyPayload):
        parse_stock_lookup(b"", "00700")


def test_parsing_stock_code_normalised() -> None:
    assert normalise_stock_code("700") == "00700"
    with pytest.raises(ValueError):
        normalise_stock_code("70O")
