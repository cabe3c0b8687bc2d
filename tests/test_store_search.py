import importlib
import json
import os
import shutil
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import store
from store import QueryError, SearchFilters, search

SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
KINGSOFT = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text())
HK = store.HK
PG_ADMIN_URL = os.environ.get(
    "FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def ext(**kw):
    return {"transaction_types": [], "parties": [], "annual_caps": [], **kw}


def _add(engine, counter, title, text="", *, extraction=None, published_at=None, **fields):
    n = next(counter)
    values = {
        "news_id": f"n{n}",
        "stock_code": "00001",
        "stock_name": "CKH HOLDINGS",
        "title": title,
        "published_at": published_at or datetime(2024, 1, 1, 12, 0, tzinfo=HK),
        "text": text,
        "sha256": f"sha{n}",
        **fields,
    }
    with store.session(engine) as s:
        row, _ = store.upsert_announcement(s, values)
        if extraction is not None:
            store.save_extraction(s, row.id, extraction, text=text, extractor_version=1)
        s.commit()
        return row.id


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_db(request, tmp_path_factory):
    """One database per backend holding the corpus below, shared by the read-only tests."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("corpus") / "fw.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = store.make_engine(f"sqlite:///{path}")
        drop = None
    else:
        name = f"fw_corpus_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = store.make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
        store.upgrade(engine)
        drop = (admin, name)
    counter = iter(range(1, 1000))

    def add_announcement(*args, **kwargs):
        return _add(engine, counter, *args, **kwargs)

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
    yield engine, ids
    engine.dispose()
    if drop:
        admin, name = drop
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def corpus(corpus_db):
    return corpus_db[1]


@pytest.fixture
def engine(corpus_db):
    return corpus_db[0]


def found(engine, query, **filters):
    return [h.id for h in search(engine, query, SearchFilters(**filters), per_page=50).hits]


def test_store_search_single_word(engine, corpus):
    assert found(engine, "xiaomi") == [corpus["kingsoft"]]
    assert found(engine, "XIAOMI") == [corpus["kingsoft"]]


def test_store_search_phrase(engine, corpus):
    assert found(engine, '"framework agreement"') == [corpus["lease"]]
    assert found(engine, '"agreement framework"') == []


def test_store_search_phrases_of_common_words_match_as_on_sqlite(db_engine, add_announcement):
    """PostgreSQL answers a phrase of two listed words by its pair term (migration 0015), with
    no position check: the same filings as the phrase on SQLite, and not those that only hold
    both words apart or in the other order."""
    adjacent = add_announcement("NOTICE", "The annual cap for 2024 is HKD 5 million.")
    apart = add_announcement("NOTICE", "The cap on annual fees of the Tencent lease.")
    punctuated = add_announcement("NOTICE", "The lease of premises; its annual, cap and fees.")
    assert set(found(db_engine, '"annual cap"')) == {adjacent, punctuated}
    assert set(found(db_engine, '"Annual  CAP"')) == {adjacent, punctuated}
    assert found(db_engine, '"the annual cap"') == [adjacent]  # three words: pairs, then positions
    assert set(found(db_engine, '"annual cap" -tencent')) == {adjacent, punctuated}
    assert found(db_engine, '"annual cap" -"the annual"') == [punctuated]
    assert found(db_engine, '"annual cap" lease') == [punctuated]
    assert found(db_engine, '"annual cap" "the lease"') == [punctuated]
    assert set(found(db_engine, '"annual cap" OR fees')) == {adjacent, apart, punctuated}
    assert found(db_engine, '"cap annual"') == []
    assert found(db_engine, '"tencent lease"') == [apart]  # tencent is not listed: positions
    assert search(db_engine, '"annual cap"').total == 2


def test_store_search_splits_phrases_into_pair_terms():
    """fts.split_pairs: which phrases PostgreSQL answers by pair terms, and what is left for
    the words' index."""
    from store import fts
    from store.query import parse

    def split(query):
        rest, pairs = fts.split_pairs(parse(query))
        return (None if rest is None else fts.fts5_query(rest)), pairs

    assert split('"annual cap"') == (None, ("annual cap",))
    assert split('"annual cap" lease') == ('"lease"', ("annual cap",))
    assert split('"annual cap" -tencent') == ('(("annual" AND "cap") NOT ("tencent"))',
                                              ("annual cap",))  # fmt: skip
    assert split('"the annual cap"') == ('"the annual cap"', ("the annual", "annual cap"))
    assert split('"annual wombat"') == ('"annual wombat"', ())  # wombat: not a listed word
    assert split('"annual cap"*') == ('"annual cap"*', ())  # a prefix: positions
    assert split('"annual-cap"') == ('"annual cap"', ())  # PostgreSQL parses it otherwise
    assert split('"annual cap" OR lease') == ('("annual cap" OR "lease")', ())


def test_store_search_or(engine, corpus):
    assert set(found(engine, "tenancy OR tencent")) == {corpus["lease"], corpus["disposal"]}


def test_store_search_exclusion(engine, corpus):
    both = set(found(engine, "agreement"))
    assert {corpus["lease"], corpus["disposal"]} <= both
    assert corpus["lease"] not in found(engine, "agreement -tenancy")
    assert corpus["disposal"] in found(engine, "agreement -tenancy")
    assert corpus["lease"] not in found(engine, 'agreement -"office premises"')


def test_store_search_prefix(engine, corpus):
    assert found(engine, "xiao*") == [corpus["kingsoft"]]
    assert set(found(engine, "dispos*")) == {corpus["disposal"]}


def test_store_search_long_prefixes_find_every_term(db_engine, add_announcement):
    """A long prefix is expanded into its terms on SQLite (store.fts.expand_prefixes); with
    more terms than MAX_EXPANSION, or a non-ASCII prefix, FTS5 merges them itself."""
    from store import fts

    words = ["leases", "leasing", "leaseholder", "Leasé"]
    ids = [add_announcement(text=f"the {w} clause") for w in words]
    many = [add_announcement(text=f"code abcd{n:03d}") for n in range(fts.MAX_EXPANSION + 5)]
    assert set(found(db_engine, "leas*")) == set(ids)
    assert set(found(db_engine, "lease* -leasing")) - {ids[3]} == {ids[0], ids[2]}  # SQLite folds é
    assert set(found(db_engine, "abcd*")) == set(many)
    assert set(found(db_engine, "abcd00* OR leasi*")) == set(many[:10] + [ids[1]])
    assert ids[3] in found(db_engine, "Leasé*")  # not ASCII: FTS5 folds and merges it
    hit = search(db_engine, "leaseh*").hits[0]
    assert hit.id == ids[2] and "<mark>leaseholder</mark>" in hit.snippet


def test_store_search_stock_codes_and_names_are_indexed(engine, corpus):
    assert set(found(engine, "80700")) == {corpus["disposal"]}
    assert found(engine, "kingsoft", language="en") == [corpus["kingsoft"]]


def test_store_search_punctuated_words(engine, corpus):
    assert found(engine, "30%") == [corpus["kingsoft"]]
    assert found(engine, "arm's") == []
    assert found(engine, "co., ltd.") == [corpus["kingsoft"]]


def test_store_search_facts_text_is_indexed(engine, corpus):
    assert found(engine, '"Harbour Landlord"') == [corpus["lease"]]


def test_store_search_chinese_two_characters(engine, corpus):
    assert found(engine, "雷軍") == [corpus["zh"]]
    hit = search(engine, "雷軍").hits[0]
    assert "<mark>雷軍</mark>" in hit.snippet


def test_store_search_chinese_one_and_many_characters(engine, corpus):
    assert found(engine, "雷") == [corpus["zh"]]
    assert found(engine, "雷軍先生") == [corpus["zh"]]
    assert set(found(engine, "小米科技")) == {corpus["zh"], corpus["kingsoft"]}
    assert found(engine, "雷軍先生為本公司") == [corpus["zh"]]
    assert found(engine, "雷軍太太") == []


def test_store_search_chinese_in_party_names_and_title(engine, corpus):
    assert found(engine, "成都金山") == [corpus["kingsoft"]]
    assert found(engine, "關連") == [corpus["zh"]]


def test_store_search_chinese_with_boolean_operators(engine, corpus):
    assert set(found(engine, "雷軍 OR tenancy")) == {corpus["zh"], corpus["lease"]}
    assert found(engine, "關連 -雷軍") == []
    assert found(engine, "connected -雷軍", language="zh") == []


def test_store_search_snippet_is_escaped_and_marked(engine, corpus):
    (hit,) = search(engine, "tencent").hits
    assert "<mark>Tencent</mark>" in hit.snippet
    assert "<script" not in hit.snippet


def test_store_search_hit_fields(engine, corpus):
    (hit,) = search(engine, "xiaomi").hits
    assert (hit.news_id, hit.stock_code, hit.stock_name, hit.language) == (
        "n1",
        "03888",
        "KINGSOFT",
        "en",
    )
    assert hit.published_at == datetime(2012, 5, 24, 19, 0, tzinfo=HK)
    assert hit.score > 0


def test_store_search_filter_stock(engine, corpus):
    assert set(found(engine, "", stock_codes=["3888"])) == {corpus["kingsoft"], corpus["zh"]}
    assert found(engine, "", stock_codes=["80700"]) == [corpus["disposal"]]
    assert found(engine, "", stock_codes="80700") == [corpus["disposal"]]


def test_store_search_filter_dates_are_hong_kong_days(engine, corpus):
    assert found(engine, "", date_from=date(2023, 1, 1)) == [corpus["disposal"]]
    assert found(engine, "", date_from=date(2021, 3, 1), date_to=date(2021, 3, 1)) == [
        corpus["lease"]
    ]
    assert found(engine, "", date_to=date(2022, 12, 31)) == [
        corpus["lease"],
        corpus["zh"],
        corpus["kingsoft"],
    ]


def test_store_search_filter_category_and_type(engine, corpus):
    assert found(engine, "", category="discloseable") == [corpus["disposal"]]
    assert set(found(engine, "", transaction_type="Continuing Connected Transaction")) == {
        corpus["kingsoft"],
        corpus["zh"],
    }


def test_store_search_filter_party(engine, corpus):
    assert found(engine, "", party="xiaomi") == [corpus["kingsoft"]]
    assert found(engine, "", party="北京小米") == [corpus["kingsoft"]]
    assert found(engine, "", party="harbour landlord") == [corpus["lease"]]
    assert found(engine, "", party="100%") == []


def test_store_search_filter_person(engine, corpus):
    assert found(engine, "", person="Mr. LEI Jun") == [corpus["kingsoft"]]
    assert found(engine, "", person="雷軍") == [corpus["zh"]]
    assert found(engine, "", person="Kar Wai WONG") == [corpus["lease"]]
    assert found(engine, "", person="LEI") == [corpus["kingsoft"]]


def test_store_search_filter_cap_range_and_currency(engine, corpus):
    assert found(engine, "", cap_min=Decimal("12207200.50"), cap_max="12207200.50") == [
        corpus["lease"]
    ]
    assert found(engine, "", cap_min=1_000_000_000) == [corpus["disposal"]]
    assert found(engine, "", currency="rmb") == [corpus["kingsoft"]]
    assert found(engine, "", currency="HKD", cap_min=20_000_000) == []


def test_store_search_filter_bad_amount_is_query_error(engine, corpus):
    with pytest.raises(QueryError, match="cap-min"):
        search(engine, "", SearchFilters(cap_min="lots"))


def test_store_search_filters_combine_with_text(engine, corpus):
    assert found(engine, "transaction", stock_codes=["00700"], currency="USD") == [
        corpus["disposal"]
    ]


def test_store_search_facets(engine, corpus):
    result = search(engine, "")
    assert result.total == 4 and result.total_exact
    facets = result.facets
    assert facets["stock"][0] == ("03888", 2)
    assert ("80700", 1) in facets["stock"]
    assert facets["year"] == [("2023", 1), ("2021", 1), ("2012", 2)]
    assert ("continuing connected transaction", 2) in facets["transaction_type"]
    assert sorted(facets["currency"]) == [("HKD", 1), ("RMB", 1), ("USD", 1)]


def test_store_search_facets_follow_the_query(engine, corpus):
    facets = search(engine, "tencent").facets
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


def test_store_search_count_limit_reports_a_lower_bound(db_engine, add_announcement):
    for _ in range(5):
        add_announcement("LEASE")
    result = search(db_engine, "lease", count_limit=3, window=2)
    assert (result.total, result.total_exact, result.complete) == (3, False, False)


def test_store_search_count_beyond_the_window_applies_filters(db_engine, add_announcement):
    for n in range(6):
        add_announcement("LEASE", stock_code="00005" if n % 2 else "00001")
    result = search(db_engine, "lease", SearchFilters(stock_codes=["00005"]), window=1)
    assert (result.total, result.total_exact, result.complete) == (3, True, False)
    result = search(db_engine, "", SearchFilters(stock_codes=["00005"]), window=1)
    assert (result.total, result.total_exact, result.complete) == (3, True, False)


def test_store_search_window_bounds_ranking_but_not_the_count(db_engine, add_announcement):
    ids = [add_announcement("LEASE") for _ in range(5)]
    result = search(db_engine, "lease", window=3, sort="date")
    assert (result.total, result.total_exact, result.complete) == (5, True, False)
    assert {h.id for h in result.hits} == set(ids[-3:])
    assert result.facets["stock"] == [("00001", 3)]


def test_store_search_bad_sort_and_page(engine, corpus):
    with pytest.raises(QueryError):
        search(engine, "x", sort="random")
    with pytest.raises(QueryError):
        search(engine, "x", page=0)


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
def test_store_search_hostile_queries_get_an_answer_or_a_query_error(engine, corpus, query):
    try:
        result = search(engine, query)
    except QueryError as error:
        assert "\n" not in str(error)
    else:
        assert result.total >= 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM announcement")).scalar_one() == 4


def test_store_search_chinese_term_walks_newest_first_and_counts(db_engine, add_announcement):
    """A one-term Chinese query: newest first, bounded by the window, counted to the limit,
    and filters narrow it before the window (SQLite walks the trigram/bigram index)."""
    ids = [
        add_announcement(text=f"本公司之物業管理服務 {i}", stock_code="00700" if i < 5 else "00001")
        for i in range(25)
    ]
    kw = {"window": 10, "count_limit": 20, "per_page": 50, "sort": "date"}
    for term in ("物業管理", "物業", "業"):
        broad = search(db_engine, term, **kw)
        assert (broad.total, broad.total_exact, broad.complete) == (20, False, False)
        assert {h.id for h in broad.hits} == set(ids[-10:])
        narrow = search(db_engine, term, SearchFilters(stock_codes=["700"]), **kw)
        assert (narrow.total, narrow.total_exact, narrow.complete) == (5, True, True)
        assert {h.id for h in narrow.hits} == set(ids[:5])


def test_store_search_simplified_and_traditional_find_the_same_filings(db_engine, add_announcement):
    """Issue 12: 林强 and 林強 are one name in search, person filter and snippets."""
    traditional = add_announcement(
        text="本公司執行董事林強先生為關連人士。",
        extraction=ext(
            directors={"executive": ["林強"]},
            parties=[{"name": "北京小米", "chinese_name": "北京小米科技有限責任公司"}],
        ),
    )
    simplified = add_announcement(
        text="本公司执行董事林强先生为关连人士。",
        extraction=ext(directors={"executive": ["林强"]}),
    )
    both = {traditional, simplified}
    assert set(found(db_engine, "林强")) == set(found(db_engine, "林強")) == both
    assert set(found(db_engine, "關連人士")) == set(found(db_engine, "关连人士")) == both
    assert set(found(db_engine, "強")) == both  # one character, through the bigram index
    assert set(found(db_engine, "", person="林强")) == set(found(db_engine, "", person="林強"))
    assert set(found(db_engine, "", person="林強")) == both
    # printed 北京小米科技有限責任公司; typed in Simplified
    assert set(found(db_engine, "", party="小米科技有限责任")) == {traditional}
    snippets = {h.id: h.snippet for h in search(db_engine, "林强").hits}
    assert "<mark>林強</mark>" in snippets[traditional]  # the printed characters are marked
    assert "<mark>林强</mark>" in snippets[simplified]


def _pair(engine, en_id, zh_id):
    """Record two announcements as editions of one filing, as jobs.editions does."""
    with store.session(engine) as s:
        en, zh = s.get(store.Announcement, en_id), s.get(store.Announcement, zh_id)
        en.paired_news_id, zh.paired_news_id = zh.news_id, en.news_id
        s.add_all([en, zh])
        s.commit()


def test_store_search_one_result_per_filing(db_engine, add_announcement):
    when = datetime(2024, 3, 15, 19, 5, tzinfo=HK)
    zh_caps = ext(annual_caps=[{"amount": 8000000, "currency": "RMB", "period_end": "2024-12-31"}])
    en = add_announcement("CONNECTED TRANSACTION LEASE", "wombat lease 何家俊", published_at=when,
                          extraction=ext(annual_caps=zh_caps["annual_caps"], parties=[
                              {"name": "Company"}, {"name": "Wombat Leasing"}]))  # fmt: skip
    zh = add_announcement("關連交易 租賃", "wombat 租賃 何家俊", published_at=when, language="zh",
                          extraction=zh_caps)  # fmt: skip
    single = add_announcement("CONNECTED TRANSACTION", "wombat alone", published_at=when)
    before = search(db_engine, "wombat")
    assert before.total == 3  # not paired yet: two editions are two results
    _pair(db_engine, en, zh)

    result = search(db_engine, "wombat")
    assert result.total == 2 and {h.id for h in result.hits} == {single, en}
    hit = next(h for h in result.hits if h.id == en)
    assert hit.paired_news_id == "n2" and hit.language == "en"  # English by default
    assert dict(result.facets["currency"]) == {"RMB": 1}  # filings, not editions
    assert dict(result.facets["year"]) == {"2024": 2}
    assert result.facets["party"] == [("Wombat Leasing", 1)]  # "Company" (the filer) left out
    (cjk,) = search(db_engine, "何家俊").hits  # a Chinese query shows the Chinese edition
    assert (cjk.id, cjk.paired_news_id) == (zh, "n1")
    # --lang keeps that edition only, still linked to the other
    (only,) = search(db_engine, "wombat", SearchFilters(language="zh")).hits
    assert (only.id, only.paired_news_id) == (zh, "n1")
    assert search(db_engine, "", SearchFilters(stock_codes=["00001"])).total == 2
    # an edition that does not match is still linked
    (lease,) = search(db_engine, "lease").hits
    assert (lease.id, lease.paired_news_id) == (en, "n2")


def test_store_search_hits_carry_key_facts_and_facets_add_party_and_person(engine, corpus):
    result = search(engine, "xiaomi", SearchFilters(stock_codes=["03888"]))
    (hit,) = [h for h in result.hits if h.id == corpus["kingsoft"]]
    assert hit.facts.parties == ["Chengdu Digital Entertainment", "Beijing Xiaomi"]
    cap = hit.facts.largest_cap
    assert (cap.amount, cap.currency, str(cap.period_end)) == (8000000, "RMB", "2012-12-31")
    assert cap.period_label == "period ending 31 December 2012"
    assert hit.facts.connected_persons == ["Jun LEI"]
    assert ("Beijing Xiaomi", 1) in result.facets["party"]
    assert ("Jun LEI", 1) in result.facets["person"]
    assert result.stock_names["03888"] == "KINGSOFT"


def test_store_search_every_stock_facet_has_a_name(db_engine, add_announcement):
    # 86387 is only ever listed second (a multi-stock filing): it takes that filing's name
    codes = ["06387", "86387"]
    add_announcement(
        "DUAL COUNTER wombat", "wombat", stock_code="06387", stock_codes=codes,
        stock_name="EXAMPLE HOLDINGS",
    )  # fmt: skip
    result = search(db_engine, "wombat")
    assert {v for v, _ in result.facets["stock"]} == {"06387", "86387"}
    assert result.stock_names == {"06387": "EXAMPLE HOLDINGS", "86387": "EXAMPLE HOLDINGS"}


# --- SQLite and PostgreSQL answer alike (bench/search.py's generated filings) -------------------

#: The bench's ten queries and more filters, on a set small enough to load in seconds; a small
#: window and count limit make the bounded paths (window, count limit, rank-all) run too.
SAME_N, SAME_WINDOW, SAME_COUNT_LIMIT = 3_000, 60, 700


@pytest.fixture(scope="module")
def both_backends(tmp_path_factory):
    """(sqlite engine, postgresql engine, queries) over the same generated filings, loaded by
    store.bench_data's bulk loaders (which fill announcement_search as 0012's triggers do)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_search", Path(__file__).resolve().parents[1] / "bench" / "search.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from store.bench_data import PostgresBulkLoader, SqliteBulkLoader

    gen = bench.Generator(11)
    people = [name for name, _zh in gen.people]
    path = tmp_path_factory.mktemp("same") / "same.db"
    quiet = lambda _message: None  # noqa: E731
    loaders = [
        SqliteBulkLoader(path, people, quiet),
        PostgresBulkLoader(PG_ADMIN_URL, f"fw_same_{uuid.uuid4().hex[:10]}", people, quiet),
    ]
    for filings in bench.batches(gen, SAME_N):
        for loader in loaders:
            loader.write(bench.rows_for(filings, loaders[0].person_ids, loader.dialect))
    for loader in loaders:
        loader.finish()
    engines = [store.make_engine(loader.url) for loader in loaders]
    popular, other = gen.codes[0], gen.codes[1]
    queries = [(q, f) for _label, q, f in bench.queries(gen)] + [
        ("", SearchFilters(stock_codes=[popular, other])),
        ("", SearchFilters(date_from=date(2019, 2, 1), date_to=date(2021, 2, 15))),
        ("agreement", SearchFilters(language="zh")),
        ("supply", SearchFilters(cap_min=2_500_000, cap_max=90_000_000)),
        ("services", SearchFilters(transaction_type="major transaction", currency="RMB")),
        ("lease* -tenancy", SearchFilters(stock_codes=[other])),
        ('"annual cap" OR wharf', SearchFilters(date_from=date(2015, 1, 1))),
        # phrases of listed words: pair terms (migration 0015), alone or with more
        ('"annual cap" -licence', SearchFilters()),
        ('"sale and purchase agreement" "the board"', SearchFilters()),
        ('"framework agreement"', SearchFilters(stock_codes=[popular])),
        ("warehousing", SearchFilters(person=gen.people[0][0].split()[-1])),
        ("a*", SearchFilters()),
        ("雷 agreement", SearchFilters()),
    ]
    yield engines[0], engines[1], queries
    for engine in engines:
        engine.dispose()
    loaders[1].drop()


def _answer(engine, query, filters, sort):
    """What a user sees of a search: counts, facets, and (sorted by date) every hit of the
    window; by relevance, the first page's ids as a set of the window's."""
    result = search(
        engine, query, filters, per_page=SAME_WINDOW, sort=sort,
        window=SAME_WINDOW, count_limit=SAME_COUNT_LIMIT,
    )  # fmt: skip
    counts = (result.total, result.total_exact, result.complete)
    return counts, result.facets, [h.news_id for h in result.hits]


@pytest.mark.parametrize("span, range_cost", [(4_000, 4), (100, 0)])
def test_store_search_sqlite_and_postgresql_answer_alike(
    both_backends, monkeypatch, span, range_cost
):
    # (100, 0): PostgreSQL looks in the newest 100 ids first and always tries id ranges
    module = importlib.import_module("store.search")  # `store.search` is the function
    monkeypatch.setattr(module, "SPAN", span)
    monkeypatch.setattr(module, "RANGE_COST", range_cost)
    sqlite, postgresql, queries = both_backends
    bounded = ranked_all = 0
    for query, filters in queries:
        lite, pg = (_answer(e, query, filters, "date") for e in (sqlite, postgresql))
        assert lite == pg, (query, filters)
        counts, _facets, hits = lite
        bounded += not counts[2]
        ranked_all += (
            not counts[2] and counts[0] <= 5_000 and bool(query) and filters != SearchFilters()
        )
        lite_rel, pg_rel = (_answer(e, query, filters, "relevance") for e in (sqlite, postgresql))
        assert lite_rel[:2] == pg_rel[:2], (query, filters)
        # rankers differ (bm25, ts_rank_cd): the same filings, in each one's order
        assert set(lite_rel[2]) == set(pg_rel[2]) or not lite_rel[0][2], (query, filters)
    assert bounded >= 5 and ranked_all >= 2  # the bounded paths ran


def test_store_search_cap_filters_follow_a_new_extraction(db_engine, add_announcement):
    """The cap labels (PostgreSQL: announcement_search.labels, kept by annualcap's trigger)
    change with the caps: a re-extraction without the RMB cap drops the filing from its filter."""
    cap = {"amount": 8_000_000, "currency": "RMB", "period_end": "2012-12-31"}
    first = ext(annual_caps=[cap])
    row = add_announcement("LEASE", "lease", extraction=first)
    rmb = SearchFilters(currency="RMB", cap_min=5_000_000)
    assert [h.id for h in search(db_engine, "lease", rmb).hits] == [row]
    with store.session(db_engine) as s:
        second = ext(annual_caps=[{**cap, "currency": "HKD"}])
        store.save_extraction(s, row, second, text="lease", extractor_version=2)
        s.commit()
    assert search(db_engine, "lease", rmb).hits == []
    hkd = SearchFilters(currency="HKD", cap_min=5_000_000)
    assert [h.id for h in search(db_engine, "lease", hkd).hits] == [row]
