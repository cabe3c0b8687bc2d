"""Matching on SQLite and PostgreSQL: one alert per (subscription, filing), ever, and only new."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from alerts_helpers import add_filing
from sqlmodel import select

import store
from alerts import SubscriptionError, create_subscription, match_new
from alerts.subscriptions import delete_subscription, list_subscriptions

EVIDENCE = "Mr. Lei Jun, a non-executive Director, is interested in the Agreement."


def _alerts(engine):
    with store.session(engine) as s:
        return list(s.exec(select(store.Alert).order_by(store.Alert.id)))


def _sub(engine, **kw):
    kw.setdefault("channel", "feed")
    return create_subscription(engine, kw.pop("name", "LEI Jun"), **kw)


def test_alerts_matching_one_alert_per_pair_ever(db_engine):
    sub = _sub(db_engine, chinese_name="雷軍")
    ann = add_filing(db_engine, "1001", [("Jun LEI", "non_executive", EVIDENCE)])
    add_filing(db_engine, "1002", [("LEI Ming", "executive", "LEI Ming is a director.")])
    assert match_new(db_engine) == 1
    assert match_new(db_engine) == 0  # a re-run (or a re-extraction) adds nothing
    (alert,) = _alerts(db_engine)
    assert (alert.subscription_id, alert.announcement_id) == (sub.id, ann)
    assert alert.person_name == "Jun LEI"
    assert alert.role == "non_executive"
    assert alert.evidence_text == EVIDENCE
    assert alert.matched_alias == "LEI Jun"
    assert alert.score == 100.0
    assert alert.status == "pending"


def test_alerts_matching_only_filings_discovered_after_subscribing(db_engine):
    old = add_filing(
        db_engine,
        "2001",
        [("LEI Jun", "abstained", "Mr. Lei Jun abstained.")],
        discovered_at=store.now_hk() - dt.timedelta(days=1),
    )
    sub = _sub(db_engine)
    new = add_filing(db_engine, "2002", [("LEI Jun", "abstained", "Mr. Lei Jun abstained.")])
    assert match_new(db_engine) == 1
    assert [a.announcement_id for a in _alerts(db_engine)] == [new]
    # asked for explicitly, the archive is matched too (once)
    assert match_new(db_engine, include_history_for=[sub.id]) == 1
    assert sorted(a.announcement_id for a in _alerts(db_engine)) == sorted([old, new])
    assert match_new(db_engine, include_history_for=[sub.id]) == 0


def test_alerts_matching_filters_role_stock_type_and_cap(db_engine):
    director = _sub(db_engine, roles=["director"])
    connected = _sub(db_engine, roles=["connected"])
    stock = _sub(db_engine, stock_codes=["1810"])
    kind = _sub(db_engine, transaction_types=["connected transaction"])
    big = _sub(db_engine, min_cap_amount=10_000_000)
    add_filing(
        db_engine,
        "3001",
        [("Jun LEI", "non_executive", None)],
        caps=[(8_000_000, "RMB")],
        transaction_types=["discloseable transaction"],
    )
    add_filing(
        db_engine,
        "3002",
        [("Jun LEI", "connected_person", "Mr. Lei holds 30% of Beijing Xiaomi.")],
        stock_code="01810",
        caps=[(20_000_000, "HKD")],
    )
    match_new(db_engine)
    by_sub: dict[int, list[str]] = {}
    with store.session(db_engine) as s:
        for alert, ann in s.exec(
            select(store.Alert, store.Announcement).join(
                store.Announcement, store.Announcement.id == store.Alert.announcement_id
            )
        ):
            by_sub.setdefault(alert.subscription_id, []).append(ann.news_id)
    assert by_sub[director.id] == ["3001"]
    assert by_sub[connected.id] == ["3002"]
    assert by_sub[stock.id] == ["3002"]
    assert by_sub[kind.id] == ["3002"]
    assert by_sub[big.id] == ["3002"]


def test_alerts_matching_two_editions_of_one_filing_alert_once(db_engine):
    _sub(db_engine, chinese_name="雷軍")
    add_filing(db_engine, "4002", [("雷軍", "non_executive", None)], language="zh")
    add_filing(
        db_engine,
        "4001",
        [("Jun LEI", "non_executive", EVIDENCE)],
        paired_news_id="4002",
    )
    assert match_new(db_engine) == 1
    (alert,) = _alerts(db_engine)
    assert alert.person_name == "Jun LEI"  # the English edition is preferred


def test_alerts_matching_unpaired_editions_are_known_by_stock_and_minute(db_engine):
    _sub(db_engine, chinese_name="雷軍")
    add_filing(db_engine, "4102", [("雷軍", "abstained", None)], language="zh")
    add_filing(db_engine, "4101", [("Jun LEI", "abstained", None)])  # same stock, same minute
    add_filing(db_engine, "4103", [("Jun LEI", "executive", None)])  # another English filing
    add_filing(db_engine, "4104", [("雷軍", "executive", None)], language="zh", stock_code="01810")
    assert match_new(db_engine) == 3
    with store.session(db_engine) as s:
        alerted = {
            ann.news_id
            for _, ann in s.exec(
                select(store.Alert, store.Announcement).join(
                    store.Announcement, store.Announcement.id == store.Alert.announcement_id
                )
            )
        }
    assert alerted == {"4101", "4103", "4104"}


def test_alerts_matching_uses_the_linked_persons_name(db_engine):
    """A Chinese-only filing names 何家俊; the store linked him to the Person "HO Ka Chun"."""
    _sub(db_engine, name="HO Ka Chun")
    _sub(db_engine, name="HO Chun Yin")
    add_filing(
        db_engine,
        "4201",
        [("何家俊", "abstained", "何家俊先生已放棄投票。")],
        language="zh",
        display_names={"何家俊": "HO Ka Chun"},
        chinese_names={"何家俊": "何家俊"},
    )
    assert match_new(db_engine) == 1
    (alert,) = _alerts(db_engine)
    assert (alert.person_name, alert.matched_alias) == ("何家俊", "HO Ka Chun")


def test_alerts_matching_leads_with_connected_role_and_finds_json_evidence(db_engine):
    _sub(db_engine)
    extraction = {
        "connected_persons": [{"name": "Jun LEI", "relationship": "holds over 30% of Xiaomi"}],
        "evidence": {"connected_persons[0]": {"page": 1, "text": "Mr. Lei is connected."}},
    }
    add_filing(
        db_engine,
        "5001",
        [("Jun LEI", "non_executive", None), ("Jun LEI", "connected_person", None)],
        extraction=extraction,
    )
    assert match_new(db_engine) == 1
    (alert,) = _alerts(db_engine)
    assert alert.role == "connected_person"
    assert alert.evidence_text == "Mr. Lei is connected."


def test_alerts_matching_concurrent_matchers_make_one_row(db_engine):
    _sub(db_engine)
    for i in range(5):
        add_filing(db_engine, f"60{i}", [("LEI Jun", "executive", None)])
    counts: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            counts.append(match_new(db_engine))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(counts) == 5
    assert len(_alerts(db_engine)) == 5


def test_alerts_matching_subscription_validation_and_delete(db_engine):
    with pytest.raises(SubscriptionError):
        create_subscription(db_engine, "LEI Jun", channel="email", target="not-an-address")
    with pytest.raises(SubscriptionError):
        create_subscription(db_engine, "LEI Jun", channel="webhook", target="ftp://x")
    with pytest.raises(SubscriptionError):
        create_subscription(db_engine, "LEI Jun", channel="feed", roles=["chairman"])
    a = create_subscription(db_engine, "LEI Jun", channel="email", target="a@example.com")
    b = create_subscription(db_engine, "LEI Jun", channel="webhook", target="http://x/hook")
    assert a.secret and b.secret and a.secret != b.secret and len(a.secret) == 64
    add_filing(db_engine, "7001", [("LEI Jun", "executive", None)])
    assert match_new(db_engine) == 2
    assert delete_subscription(db_engine, a.id) is True
    assert delete_subscription(db_engine, a.id) is False
    assert [s.id for s in list_subscriptions(db_engine)] == [b.id]
    assert [x.subscription_id for x in _alerts(db_engine)] == [b.id]


def test_alerts_matching_explains_with_the_name_as_written_before_the_chinese_name(db_engine):
    """The person is linked to 雷軍, but the filing printed "Jun LEI": that is why it fired."""
    _sub(db_engine, chinese_name="雷軍")
    add_filing(
        db_engine,
        "4301",
        [("Jun LEI", "non_executive", EVIDENCE)],
        chinese_names={"Jun LEI": "雷軍"},
    )
    assert match_new(db_engine) == 1
    (alert,) = _alerts(db_engine)
    assert (alert.person_name, alert.matched_alias) == ("Jun LEI", "LEI Jun")


def test_alerts_matching_a_simplified_subscription_alerts_on_a_traditional_filing(db_engine):
    """Issue 12: a subscription to 雷军 (Simplified) matches a filing printing 雷軍."""
    sub = _sub(db_engine, name="雷军", chinese_name="雷军")
    ann = add_filing(db_engine, "9001", [("雷軍", "non_executive", None)], language="zh")
    assert match_new(db_engine) == 1
    (alert,) = _alerts(db_engine)
    assert (alert.subscription_id, alert.announcement_id) == (sub.id, ann)
    assert alert.person_name == "雷軍" and alert.score == 100.0
