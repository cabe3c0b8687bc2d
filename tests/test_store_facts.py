import json
from decimal import Decimal
from pathlib import Path

from sqlmodel import select

import store

SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
SAMPLE = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text())


def stored(engine, table, announcement_id):
    with store.session(engine) as s:
        return s.exec(select(table).where(table.announcement_id == announcement_id)).all()


def test_store_facts_sample_becomes_rows(db_engine, add_announcement):
    aid = add_announcement(extraction=SAMPLE, text="sample text")
    parties = stored(db_engine, store.Party, aid)
    assert {p.chinese_name for p in parties} == {
        "成都金山數字娛樂科技有限公司",
        "北京小米科技有限責任公司",
    }
    (cap,) = stored(db_engine, store.AnnualCap, aid)
    assert (cap.amount, cap.currency, str(cap.period_end)) == (
        Decimal("8000000"),
        "RMB",
        "2012-12-31",
    )
    (cp,) = stored(db_engine, store.ConnectedPerson, aid)
    assert cp.person_id is not None and cp.connected_entity == "Beijing Xiaomi"
    roles = {(m.name_as_written, m.role) for m in stored(db_engine, store.PersonMention, aid)}
    assert ("Jun LEI", store.Role.abstained) in roles
    assert ("Jun LEI", store.Role.connected_person) in roles
    assert ("Jun LEI", store.Role.non_executive) in roles
    assert len(roles) == 9 + 2
    with store.session(db_engine) as s:
        row = s.get(store.Announcement, aid)
        lei = s.exec(select(store.Person).where(store.Person.name_key == "jun lei")).one()
    assert row.status == store.Status.extracted
    assert row.transaction_types == ["continuing connected transaction"]
    assert "Beijing Xiaomi Technology Co., Ltd." in row.facts_text
    assert lei.display_name == "Jun LEI"


def test_store_facts_decimal_round_trip(db_engine, add_announcement):
    caps = [
        {"amount": 12207200.50, "currency": "HKD", "period_end": "2013-03-31"},
        {"amount": 1200000000, "currency": "HKD", "period_end": None},
        {"amount": "98765432109.99", "currency": "usd", "period_end": None},
    ]
    aid = add_announcement(extraction={"annual_caps": caps})
    amounts = sorted(c.amount for c in stored(db_engine, store.AnnualCap, aid))
    assert amounts == [Decimal("12207200.50"), Decimal("1200000000"), Decimal("98765432109.99")]
    assert all(isinstance(a, Decimal) for a in amounts)


def test_store_facts_save_again_replaces_facts(db_engine, add_announcement):
    aid = add_announcement(extraction=SAMPLE)
    with store.session(db_engine) as s:
        store.save_extraction(
            s, aid, {"parties": [{"name": "Only One"}]}, text="", extractor_version=2
        )
        s.commit()
    assert [p.name for p in stored(db_engine, store.Party, aid)] == ["Only One"]
    assert stored(db_engine, store.AnnualCap, aid) == []
    assert stored(db_engine, store.PersonMention, aid) == []


def test_store_facts_people_are_shared_across_filings(db_engine, add_announcement):
    add_announcement(extraction={"directors": {"non_executive": ["Jun LEI"]}})
    add_announcement(extraction={"abstained_directors": ["Mr. LEI Jun"]})
    with store.session(db_engine) as s:
        people = s.exec(select(store.Person)).all()
    assert [p.name_key for p in people] == ["jun lei"]


def test_store_facts_bad_values_are_skipped_not_fatal(db_engine, add_announcement):
    extraction = {
        "annual_caps": [{"amount": "n/a", "currency": "HKD"}, {"amount": 5, "currency": None}],
        "agreements": [{"name": "Deal", "date": "31/12/2012"}],
        "directors": {"executive": ["", "Mr."]},
    }
    aid = add_announcement(extraction=extraction)
    assert stored(db_engine, store.AnnualCap, aid) == []
    (agreement,) = stored(db_engine, store.Agreement, aid)
    assert agreement.date is None
