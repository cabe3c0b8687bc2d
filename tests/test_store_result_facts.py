"""store.result_facts: a hit's key facts and the flat facts table, on SQLite and PostgreSQL."""

from datetime import datetime
from decimal import Decimal

import store
from store.result_facts import key_facts

HK = store.HK
EXTRACTION = {
    "transaction_types": ["connected transaction"],
    "parties": [{"name": "Beijing Xiaomi", "full_name": "Beijing Xiaomi Technology Co., Ltd.",
                 "chinese_name": "北京小米科技有限責任公司"}, {"name": "=cmd|' /C calc'!A0"}],
    "annual_caps": [
        {"amount": 8000000, "currency": "RMB", "period_end": "2012-12-31"},
        {"amount": "12,000,000", "currency": "RMB", "period_end": "2013-12-31",
         "period_label": "year ending 31 December 2013"},
        {"amount": "not a number", "currency": "RMB"},
    ],
    "connected_persons": [{"name": "Jun LEI", "connected_entity": "Beijing Xiaomi",
                           "relationship": "director"}],
    "directors": {"executive": ["HongJiang ZHANG"], "non_executive": ["Jun LEI"]},
    "evidence": {"annual_caps[1]": {"page": 3, "text": "RMB12 million for 2013."},
                 "parties[0].full_name": {"page": 1, "text": "Beijing Xiaomi means ..."},
                 "connected_persons[0]": {"page": 2, "text": "Mr. Jun LEI ..."}},
}  # fmt: skip


def test_store_result_facts_key_facts_and_rows(db_engine, add_announcement):
    when = datetime(2012, 5, 24, 19, 0, tzinfo=HK)
    filing = add_announcement(extraction=EXTRACTION, news_id="2012052400123", published_at=when,
                              stock_code="03888", stock_name="KINGSOFT")  # fmt: skip
    bare = add_announcement(news_id="2012052400999", published_at=when)
    with db_engine.connect() as conn:
        facts = key_facts(conn, [filing, bare])
    assert facts[bare] == store.KeyFacts()
    got = facts[filing]
    assert got.parties == ["Beijing Xiaomi", "=cmd|' /C calc'!A0"]
    assert got.connected_persons == ["Jun LEI"]
    cap = got.largest_cap  # the largest, with its period; an unreadable amount is skipped
    assert (cap.amount, cap.currency, cap.period_label) == (
        Decimal("12000000"),
        "RMB",
        "year ending 31 December 2013",
    )

    rows = store.fact_rows(db_engine, [bare, filing])
    assert [(r.kind, r.name, r.role) for r in rows] == [
        ("cap", "", ""), ("cap", "", ""),
        ("party", "Beijing Xiaomi", ""), ("party", "=cmd|' /C calc'!A0", ""),
        ("person", "Jun LEI", "connected"),
        ("person", "HongJiang ZHANG", "executive"), ("person", "Jun LEI", "non_executive"),
    ]  # fmt: skip
    assert {(r.filing_id, r.news_id, r.stock_code) for r in rows} == {
        (filing, "2012052400123", "03888")}  # fmt: skip
    assert rows[0].published_at == when
    assert [r.evidence_page for r in rows] == [None, 3, 1, None, 2, None, None]
    assert rows[2].chinese_name == "北京小米科技有限責任公司"
    assert rows[4].detail == "Beijing Xiaomi; director"
    assert set(store.FACT_COLUMNS) >= {"filing_id", "news_id", "published_at", "stock_code",
                                       "kind", "amount", "currency", "evidence_page"}  # fmt: skip


def test_store_result_facts_rows_mark_a_reviewers_correction(db_engine, add_announcement):
    filing = add_announcement(extraction=EXTRACTION, news_id="2012052400123")
    with store.session(db_engine) as s:
        store.correct(s, "2012052400123", "cap:1", {"amount": "9m"}, note="p. 1 says RMB9 million")
        s.commit()
    rows = [r for r in store.fact_rows(db_engine, [filing]) if r.kind == "cap"]
    assert [(r.amount, r.human_corrected) for r in rows] == [
        (Decimal("9000000"), True),
        (Decimal("12000000"), False),
    ]
