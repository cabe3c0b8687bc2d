"""jobs/graph_views.py: the graph's questions as the CLI and web ask them, and the cache that
keeps one built graph per database while nothing in it changes (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from graph_helpers import at, filing, seed_ckh

from jobs.graph_views import (
    GraphQueryError,
    cached_graph,
    describe,
    graph_json,
    neighbourhoods,
    parse_day,
)


def test_the_cache_keeps_a_graph_until_a_filing_is_extracted(db_engine, add_announcement):
    seed_ckh(add_announcement)
    first = cached_graph(db_engine)
    assert cached_graph(db_engine) is first
    filing(add_announcement, "n1", "00001", "CKH HOLDINGS", at(2024, 5, 1),
           directors={"executive": ["NEW Comer"]})  # fmt: skip
    second = cached_graph(db_engine)
    assert second is not first and second.person_nodes("NEW Comer")


def test_neighbourhoods_describe_and_json(db_engine, add_announcement):
    seed_ckh(add_announcement)
    graph = cached_graph(db_engine)
    (sub,) = neighbourhoods(graph, person="WONG Hon Kit", as_of=dt.date(2024, 2, 1))
    lines = describe(graph, sub)
    assert lines[0].startswith("WONG Hon Kit [") and lines[0].endswith("as of 2024-02-01")
    assert "-[directorship: executive]-> CKH HOLDINGS" in lines[1]
    (after,) = neighbourhoods(graph, person="WONG Hon Kit", as_of=dt.date(2024, 4, 1))
    assert describe(graph, after)[1:] == ["  no connections on 2024-04-01"]
    (data,) = graph_json(graph, [sub])["results"]
    assert data["person"]["name"] == "WONG Hon Kit" and data["links"][0]["end"] == "2024-03-15"
    assert neighbourhoods(graph, company="1")[0].center == "company:00001"
    assert neighbourhoods(graph, company="00777") == []
    assert neighbourhoods(graph, person_key="no-such") == []


def test_bad_questions_are_graph_query_errors():
    assert parse_day(None) is None and parse_day(" 2024-01-31 ") == dt.date(2024, 1, 31)
    with pytest.raises(GraphQueryError, match="not a date: '31/01/2024'"):
        parse_day("31/01/2024")
    with pytest.raises(GraphQueryError, match="depth must be 1 to 4, not 0"):
        neighbourhoods(None, person="X", depth=0)  # type: ignore[arg-type]
    with pytest.raises(GraphQueryError, match="one person"):
        neighbourhoods(None, person="X", company="1")  # type: ignore[arg-type]
