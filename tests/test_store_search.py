import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

import store
from store import QueryError, SearchFilters, search

SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
KINGSOFT = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text())
HK = store.HK


def ext(**kw):
    return {"transaction_types": [], "parties": [], "annual_caps": [], **kw}


@pytest.fixture
def corpus(add_announcement):
    ids = {}
    ids["kingsoft"] = add_announcement(
        "CONTINUING CONNECTED TRANSACTION",
        (SAMPLES / "kingsoft-2012-05-24.txt").read_text(),
        extraction=KINGSOFT,
        stock_code="03888",
        stock_name="KINGSOFT",
        published_at=datetime(2012, 5, 24, 19, 0, tzinfo=HK),
    )
    ids["lease"] = add_announcement(
        "CONNECTED TRANSACTION - TENANCY AGREEMENT",
        "The framework agreement for the lease of office premises. Annual caps apply.",
        extraction=ext(
            transaction_types=["connected transaction"],
            parties=[{"name": "Landlord Co", "full_name": "Harbour Landlord Company Limited"}],
            annual_caps=[{"amount": 12207200.50, "currency": "HKD", "period_end": "2021-12-31"}],
            connected_persons=[{"name": "Mr. WONG Kar Wai", "connected_entity": "Landlord Co"}],
        ),
        stock_code="00001",
        published_at=datetime(2021, 3, 1, 0, 30, tzinfo=HK),  # 2021 in Hong Kong, 2020 in UTC? no
    )
    ids["disposal"] = add_announcement(
        "DISCLOSEABLE TRANSACTION - DISPOSAL OF SUBSIDIARY",
        "The disposal of Tencent shares under a sale agreement <script>alert(1)</script>.",
        extraction=ext(
            transaction_types=["discloseable transaction"],
            annual_caps=[{"amount": 1200000000, "currency": "USD", "period_end": None}],
        ),
        stock_code="00700",
        stock_codes=["00700", "80700"],
        published_at=datetime(2023, 1, 1, 2, 0, tzinfo=HK),  # 2022-12-31 in UTC
        headline="Announcements and Notices - [Discloseable Transaction]",
        headline_t1="10000",
    )
    ids["zh"] = add_announcement(
        "持續關連交易",
        "董事會宣佈，雷軍先生為本公司非執行董事。北京小米科技有限責任公司為關連人士。",
        extraction=ext(
            transaction_types=["continuing connected transaction"],
            directors={"non_executive": ["雷軍"]},
        ),
        stock_code="03888",
        language="zh",
        published_at=datetime(2012, 5, 24, 19, 0, tzinfo=HK),
    )
    return ids


def found(engine, query, **filters):
    return [h.id for h in search(engine, query, SearchFilters(**filters), per_page=50).hits]


def test_store_search_single_word(db_engine, corpus):
    assert found(db_engine, "xiaomi") == [corpus["kingsoft"]]
    assert found(db_engine, "XIAOMI") == [corpus["kingsoft"]]


def test_store_search_phrase(db_engine, corpus):
    assert found(db_engine, '"framework agreement"') == [corpus["lease"]]
    assert found(db_engine, '"agreement framework"') == []


def test_store_search_or(db_engine, corpus):
    assert set(found(db_engine, "tenancy OR tencent")) == {corpus["lease"], corpus["disposal"]}


def test_store_search_exclusion(db_engine, corpus):
    both = set(found(db_engine, "agreement"))
    assert {corpus["lease"], corpus["disposal"]} <= both
    assert corpus["lease"] not in found(db_engine, "agreement -tenancy")
    assert corpus["disposal"] in found(db_engine, "agreement -tenancy")
    assert corpus["lease"] not in found(db_engine, 'agreement -"office premises"')


def test_store_search_prefix(db_engine, corpus):
    assert found(db_engine, "xiao*") == [corpus["kingsoft"]]
    assert set(found(db_engine, "dispos*")) == {corpus["disposal"]}


def test_store_search_stock_codes_and_names_are_indexed(db_engine, corpus):
    assert set(found(db_engine, "80700")) == {corpus["disposal"]}
    assert found(db_engine, "kingsoft", language="en") == [corpus["kingsoft"]]


def test_store_search_facts_text_is_indexed(db_engine, corpus):
    assert found(db_engine, '"Harbour Landlord"') == [corpus["lease"]]


def test_store_search_chinese_two_characters(db_engine, corpus):
    assert found(db_engine, "雷軍") == [corpus["zh"]]
    hit = search(db_engine, "雷軍").hits[0]
    assert "<mark>雷軍</mark>" in hit.snippet


def test_store_search_chinese_one_and_many_characters(db_engine, corpus):
    assert found(db_engine, "雷") == [corpus["zh"]]
    assert found(db_engine, "雷軍先生") == [corpus["zh"]]
    assert set(found(db_engine, "小米科技")) == {corpus["zh"], corpus["kingsoft"]}
    assert found(db_engine, "雷軍先生為本公司") == [corpus["zh"]]
    assert found(db_engine, "雷軍太太") == []


def test_store_search_chinese_in_party_names_and_title(db_engine, corpus):
    assert found(db_engine, "成都金山") == [corpus["kingsoft"]]
    assert found(db_engine, "關連") == [corpus["zh"]]


def test_store_search_chinese_with_boolean_operators(db_engine, corpus):
    assert set(found(db_engine, "雷軍 OR tenancy")) == {corpus["zh"], corpus["lease"]}
    assert found(db_engine, "關連 -雷軍") == []
    assert found(db_engine, "connected -雷軍", language="zh") == []


def test_store_search_snippet_is_escaped_and_marked(db_engine, corpus):
    (hit,) = search(db_engine, "tencent").hits
    assert "<mark>Tencent</mark>" in hit.snippet
    assert "<script" not in hit.snippet


def test_store_search_hit_fields(db_engine, corpus):
    (hit,) = search(db_engine, "xiaomi").hits
    assert (hit.news_id, hit.stock_code, hit.stock_name, hit.language) == (
        "n1",
        "03888",
        "KINGSOFT",
        "en",
    )
    assert hit.published_at == datetime(2012, 5, 24, 19, 0, tzinfo=HK)
    assert hit.score > 0


def test_store_search_filter_stock(db_engine, corpus):
    assert set(found(db_engine, "", stock_codes=["3888"])) == {corpus["kingsoft"], corpus["zh"]}
    assert found(db_engine, "", stock_codes=["80700"]) == [corpus["disposal"]]


def test_store_search_filter_dates_are_hong_kong_days(db_engine, corpus):
    assert found(db_engine, "", date_from=date(2023, 1, 1)) == [corpus["disposal"]]
    assert found(db_engine, "", date_from=date(2021, 3, 1), date_to=date(2021, 3, 1)) == [
        corpus["lease"]
    ]
    assert found(db_engine, "", date_to=date(2022, 12, 31)) == [
        corpus["lease"],
        corpus["zh"],
        corpus["kingsoft"],
    ]


def test_store_search_filter_category_and_type(db_engine, corpus):
    assert found(db_engine, "", category="discloseable") == [corpus["disposal"]]
    assert set(found(db_engine, "", transaction_type="Continuing Connected Transaction")) == {
        corpus["kingsoft"],
        corpus["zh"],
    }


def test_store_search_filter_party(db_engine, corpus):
    assert found(db_engine, "", party="xiaomi") == [corpus["kingsoft"]]
    assert found(db_engine, "", party="北京小米") == [corpus["kingsoft"]]
    assert found(db_engine, "", party="harbour landlord") == [corpus["lease"]]
    assert found(db_engine, "", party="100%") == []


def test_store_search_filter_person(db_engine, corpus):
    assert found(db_engine, "", person="Mr. LEI Jun") == [corpus["kingsoft"]]
    assert found(db_engine, "", person="雷軍") == [corpus["zh"]]
    assert found(db_engine, "", person="Kar Wai WONG") == [corpus["lease"]]
    assert found(db_engine, "", person="LEI") == [corpus["kingsoft"]]


def test_store_search_filter_cap_range_and_currency(db_engine, corpus):
    assert found(db_engine, "", cap_min=Decimal("12207200.50"), cap_max="12207200.50") == [
        corpus["lease"]
    ]
    assert found(db_engine, "", cap_min=1_000_000_000) == [corpus["disposal"]]
    assert found(db_engine, "", currency="rmb") == [corpus["kingsoft"]]
    assert found(db_engine, "", currency="HKD", cap_min=20_000_000) == []


def test_store_search_filter_bad_amount_is_query_error(db_engine, corpus):
    with pytest.raises(QueryError, match="cap-min"):
        search(db_engine, "", SearchFilters(cap_min="lots"))


def test_store_search_filters_combine_with_text(db_engine, corpus):
    assert found(db_engine, "transaction", stock_codes=["00700"], currency="USD") == [
        corpus["disposal"]
    ]


def test_store_search_facets(db_engine, corpus):
    result = search(db_engine, "")
    assert result.total == 4 and result.total_exact
    facets = result.facets
    assert facets["stock"][0] == ("03888", 2)
    assert ("80700", 1) in facets["stock"]
    assert facets["year"] == [("2023", 1), ("2021", 1), ("2012", 2)]
    assert ("continuing connected transaction", 2) in facets["transaction_type"]
    assert sorted(facets["currency"]) == [("HKD", 1), ("RMB", 1), ("USD", 1)]


def test_store_search_facets_follow_the_query(db_engine, corpus):
    facets = search(db_engine, "tencent").facets
    assert facets["stock"] == [("00700", 1), ("80700", 1)]
    assert facets["currency"] == [("USD", 1)]


def test_store_search_pagination_and_sort(db_engine, add_announcement):
    for day in range(1, 8):
        add_announcement(
            "QUARTERLY LEASE UPDATE" if day % 2 else "LEASE",
            "lease " * day,
            published_at=datetime(2024, 1, day, 9, 0, tzinfo=HK),
        )
    first = search(db_engine, "lease", page=1, per_page=3, sort="date")
    second = search(db_engine, "lease", page=2, per_page=3, sort="date")
    last = search(db_engine, "lease", page=3, per_page=3, sort="date")
    assert first.total == 7 and first.pages == 3
    dates = [h.published_at.day for h in first.hits + second.hits + last.hits]
    assert dates == [7, 6, 5, 4, 3, 2, 1]
    relevance = [h.score for h in search(db_engine, "lease").hits]
    assert relevance == sorted(relevance, reverse=True)
    assert search(db_engine, "lease", page=9).hits == []


def test_store_search_count_limit_reports_an_estimate(db_engine, add_announcement):
    for _ in range(5):
        add_announcement("LEASE")
    result = search(db_engine, "lease", count_limit=3)
    assert (result.total, result.total_exact) == (3, False)


def test_store_search_bad_sort_and_page(db_engine, corpus):
    with pytest.raises(QueryError):
        search(db_engine, "x", sort="random")
    with pytest.raises(QueryError):
        search(db_engine, "x", page=0)


def test_store_search_index_follows_insert_update_delete(db_engine, add_announcement):
    aid = add_announcement("PLACING OF NEW SHARES", "zebra placing")
    assert found(db_engine, "zebra") == [aid]
    with store.session(db_engine) as s:
        row = s.get(store.Announcement, aid)
        row.text = "giraffe placing 長頸鹿公司"
        s.add(row)
        s.commit()
    assert found(db_engine, "zebra") == []
    assert found(db_engine, "giraffe") == [aid]
    assert found(db_engine, "長頸鹿") == [aid]
    with store.session(db_engine) as s:
        store.save_extraction(
            s, aid, {"parties": [{"name": "Okapi Ltd"}]}, text="x", extractor_version=1
        )
        s.commit()
    assert found(db_engine, "okapi") == [aid]
    assert found(db_engine, "giraffe") == []
    with store.session(db_engine) as s:
        s.delete(s.get(store.Announcement, aid))
        s.commit()
    assert found(db_engine, "okapi") == []
    assert found(db_engine, "placing") == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "OR",
        "-",
        "*",
        "'; DROP TABLE announcement; --",
        "x" * 10_000,
        "a\x00b",
        "\x00",
        'NEAR(a b) AND title:x OR "',
        "a & b | !c <-> d:*",
        "%_\\",
        "雷'; --",
    ],
)
def test_store_search_hostile_queries_get_an_answer_or_a_query_error(db_engine, corpus, query):
    try:
        result = search(db_engine, query)
    except QueryError as error:
        assert "\n" not in str(error)
    else:
        assert result.total >= 0
    with db_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM announcement")).scalar_one() == 4
