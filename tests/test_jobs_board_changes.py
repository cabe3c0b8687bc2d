"""jobs/board_changes.py: who resigned or was appointed, when, and directorship periods."""

from __future__ import annotations

import datetime as dt

from graph_helpers import CHANGE_HEADLINE, RESIGNATION, at

from jobs.board_changes import changes_in, effective, flat, is_change_in_directors, periods
from store import FilingSource

D = dt.date
KNOWN = {"person:wong": ["WONG Hon Kit", "黃漢傑"], "person:chow": ["CHOW Woo Mo Fong"],
         "person:li": ["LI Ka Shing"]}  # fmt: skip


def test_change_in_directors_is_read_from_the_headline_or_the_title():
    base = dict(announcement_id=1, news_id="n", paired_news_id=None, stock_code="00001",
                stock_name="X", language="en", published_at=at(2024, 1, 1), headline="",
                headline_t1=None, extraction=None)  # fmt: skip
    change = CHANGE_HEADLINE["headline_t2"]
    assert is_change_in_directors(FilingSource(**base, title="", headline_t2=change))
    assert is_change_in_directors(FilingSource(**base, title="辭任執行董事", headline_t2=[]))
    title = "CONNECTED TRANSACTION"
    assert not is_change_in_directors(FilingSource(**base, title=title, headline_t2=[]))


def test_resignations_and_appointments_of_known_names_with_their_effective_dates():
    found = changes_in(RESIGNATION, KNOWN, D(2024, 3, 1), "c1")
    assert found == [
        ("person:wong", (D(2024, 3, 15), 1, "resigned", "c1")),
        ("person:chow", (D(2024, 3, 15), 0, "appointed", "c1")),
    ]
    undated = changes_in("Mr. LI Ka-shing has retired from the Board.", KNOWN, D(2024, 5, 2), "x")
    assert undated == [("person:li", (D(2024, 5, 2), 1, "resigned", "x"))]
    assert changes_in("Mr. LI Ka Shing chaired the meeting.", KNOWN, D(2024, 5, 2), "x") == []
    zh = changes_in("黄汉杰先生已辭任執行董事，自2024年4月1日起生效。", KNOWN, D(2024, 3, 20), "z")
    assert zh == [("person:wong", (D(2024, 4, 1), 1, "resigned", "z"))]


def test_names_and_dates_are_read_whatever_their_punctuation_or_script():
    assert flat("Mr. Wong Hon-Kit,") == " mr wong hon kit "
    assert flat("黃漢傑") == flat("黄汉杰")
    assert effective("with effect from 1 Apr 2024") == D(2024, 4, 1)
    assert effective("with effect from 31 February 2024") is None
    assert effective("於2024年4月1日舉行") is None, "a date without 生效 is not an effective date"


def test_periods_from_sightings_appointments_and_resignations():
    events = [(D(2024, 1, 5), 0, "executive", "a1"), (D(2024, 2, 1), 0, "executive", "a2"),
              (D(2024, 3, 15), 1, "resigned", "c1"), (D(2025, 1, 1), 0, "appointed", "c2"),
              (D(2024, 12, 20), 0, "non_executive", "c2")]  # fmt: skip
    got = [(p.start, p.end, p.role, sorted(p.filings)) for p in periods(events)]
    assert got == [
        (D(2024, 1, 5), D(2024, 3, 15), "executive", ["a1", "a2", "c1"]),
        (D(2025, 1, 1), None, "director", ["c2"]),  # the appointing filing's board is not a start
    ]
    (ended,) = periods([(D(2024, 3, 1), 1, "resigned", "c9")])
    assert (ended.start, ended.end) == (None, D(2024, 3, 1))
