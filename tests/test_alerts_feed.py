"""The Atom feed of a subscription's alerts: valid Atom, stable ids, the why of each alert."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from alerts_helpers import add_filing

import store
from alerts import SubscriptionNotFound, create_subscription, match_new, render_feed

A = "{http://www.w3.org/2005/Atom}"


def test_alerts_feed_lists_the_subscriptions_alerts(db_engine):
    sub = create_subscription(db_engine, "LEI Jun", chinese_name="雷軍", channel="feed")
    other = create_subscription(db_engine, "CHAN Tai Man", channel="feed")
    add_filing(db_engine, "8001", [("Jun LEI", "non_executive", "Mr. Lei is a director.")])
    add_filing(
        db_engine,
        "8002",
        [("雷軍", "connected_person", "雷軍先生為關連人士。"), ("雷軍", "abstained", None)],
        language="zh",
        stock_code="01810",  # another filing, not the Chinese edition of 8001
    )
    add_filing(db_engine, "8003", [("CHAN Tai Ming", "executive", None)])
    assert match_new(db_engine) == 2

    xml = render_feed(db_engine, sub.id)
    root = ET.fromstring(xml)
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}id") == f"urn:filingwatch:subscription:{sub.id}"
    assert root.findtext(f"{A}author/{A}name") == "filingwatch"
    entries = root.findall(f"{A}entry")
    assert len(entries) == 2
    ids = {e.findtext(f"{A}id") for e in entries}
    assert all(i.startswith("urn:filingwatch:alert:") for i in ids)
    links = {e.find(f"{A}link").get("href") for e in entries}
    assert links == {
        "http://replica.test/listedco/8001.pdf",
        "http://replica.test/listedco/8002.pdf",
    }
    summaries = " ".join(e.findtext(f"{A}summary") for e in entries)
    assert "Mr. Lei is a director." in summaries
    assert "雷軍先生為關連人士。" in summaries
    assert "also: director abstaining from voting" in summaries
    assert 'matched your name "雷軍" (score 100)' in summaries
    assert render_feed(db_engine, sub.id) == xml  # stable: readers never see duplicates

    empty = ET.fromstring(render_feed(db_engine, other.id))
    assert empty.findall(f"{A}entry") == []


def test_alerts_feed_unknown_subscription(db_engine):
    with pytest.raises(SubscriptionNotFound):
        render_feed(db_engine, 424242)


def test_alerts_feed_stays_valid_xml_with_control_characters_in_names(db_engine):
    """A row from before names were checked, a name and evidence as a filing printed them:
    characters XML cannot hold are made spaces, so the feed still parses."""
    with store.session(db_engine) as s:
        sub = store.Subscription(name="LEI\x0bJun", channel="feed", secret="s")
        s.add(sub)
        s.commit()
        sub_id = sub.id
    add_filing(db_engine, "8101", [("Jun\x1bLEI", "executive", "Mr.\x0cLei is a director.")])
    assert match_new(db_engine) == 1
    root = ET.fromstring(render_feed(db_engine, sub_id))
    assert root.findtext(f"{A}title") == "filingwatch: LEI Jun"
    (entry,) = root.findall(f"{A}entry")
    assert entry.findtext(f"{A}title").startswith("Jun LEI named as executive director")
    assert "Mr. Lei is a director." in entry.findtext(f"{A}summary")
