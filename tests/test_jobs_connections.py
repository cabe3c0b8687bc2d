"""jobs/connections.py: the connection graph with time, on SQLite and PostgreSQL.

A board paragraph puts a director on the board from the filing's date; a resignation
announcement ends it on the date it takes effect, so "who was connected on D" differs before
and after; shareholdings, family links and connected persons per agreement are links too."""

from __future__ import annotations

import datetime as dt

import pytest
from graph_helpers import at, filing, seed_ckh

from jobs.connections import Link, load_graph
from jobs.editions import pair_editions

D = dt.date


@pytest.fixture
def seeded(db_engine, add_announcement):
    seed_ckh(add_announcement)
    return load_graph(db_engine)


def _around(graph, name: str, on: dt.date | None, depth: int = 1) -> set[tuple[str, str, str]]:
    (node,) = graph.person_nodes(name)
    sub = graph.neighbourhood(node.id, on, depth)
    return {(sub_l.kind, graph.nodes[sub_l.source].label, graph.nodes[sub_l.target].label)
            for sub_l in sub.links}  # fmt: skip


def test_as_of_differs_before_and_after_a_resignation(seeded):
    director = ("directorship", "WONG Hon Kit", "CKH HOLDINGS")
    assert director in _around(seeded, "WONG Hon Kit", D(2024, 2, 1))
    assert director in _around(seeded, "WONG Hon Kit", D(2024, 3, 14)), "announced, not yet left"
    assert _around(seeded, "WONG Hon Kit", D(2024, 3, 15)) == set()
    assert _around(seeded, "WONG Hon Kit", D(2023, 12, 1)) == set(), "before any filing"
    assert director in _around(seeded, "WONG Hon Kit", None), "without a date: every link ever"
    (wong,) = [link for link in seeded.links if seeded.nodes[link.source].label == "WONG Hon Kit"]
    assert (wong.start, wong.end, wong.role) == (D(2024, 1, 5), D(2024, 3, 15), "executive")
    assert wong.filings == {"a1", "a2", "c1"}


def test_an_appointment_starts_a_directorship_on_its_effective_date(seeded):
    chow = ("directorship", "CHOW Woo Mo Fong", "CKH HOLDINGS")
    assert _around(seeded, "CHOW Woo Mo Fong", D(2024, 3, 10)) == set()
    assert chow in _around(seeded, "CHOW Woo Mo Fong", D(2024, 3, 15))


def test_shareholdings_family_and_agreements_are_links(seeded):
    links = _around(seeded, "LI Ka Shing", D(2024, 2, 1))
    assert ("ownership", "LI Ka Shing", "CKH HOLDINGS") in links
    assert ("associate", "LI Ka Shing", "Hutchison Whampoa Limited") in links
    assert ("family", "LI Tzar Kai", "LI Ka Shing") in links
    assert ("connected", "LI Ka Shing", "CKH HOLDINGS") in links
    (deal,) = [link for link in seeded.links if link.agreement == "Services Agreement"
               and seeded.nodes[link.source].label == "LI Ka Shing"]  # fmt: skip
    assert (deal.start, deal.end) == (D(2024, 1, 1), D(2026, 12, 31))
    assert not deal.active(D(2027, 1, 1)) and deal.active(D(2026, 12, 31))
    (agreement,) = seeded.agreements
    assert [(int(a), c) for a, c, _, _ in agreement.caps] == [(8000000, "HKD")]


def test_depth_two_reaches_the_other_directors_through_the_company(seeded):
    assert ("directorship", "LI Ka Shing", "CKH HOLDINGS") not in _around(
        seeded, "WONG Hon Kit", D(2024, 2, 1), depth=1
    )
    assert ("directorship", "LI Ka Shing", "CKH HOLDINGS") in _around(
        seeded, "WONG Hon Kit", D(2024, 2, 1), depth=2
    )


def test_a_resignation_without_a_sighting_is_known_only_to_have_ended():
    link = Link("person:x", "company:1", "directorship", "director", None, D(2024, 3, 1))
    assert link.active(D(2020, 1, 1)) and not link.active(D(2024, 3, 1))


def test_a_chinese_resignation_ends_the_directorship_on_its_effective_date(
    db_engine, add_announcement
):
    ZH_RESIGNATION = "董事會宣佈，黃漢傑先生已辭任執行董事，自2024年4月1日起生效。"  # noqa: N806
    filing(add_announcement, "z1", "00005", "匯豐控股", at(2024, 1, 5), language="zh",
           directors={"executive": ["黃漢傑", "王小明"]})  # fmt: skip
    filing(add_announcement, "z2", "00005", "匯豐控股", at(2024, 3, 20), language="zh",
           title="執行董事辭任", text=ZH_RESIGNATION,
           directors={"executive": ["王小明"]})  # fmt: skip
    graph = load_graph(db_engine)
    assert ("directorship", "黃漢傑", "匯豐控股") in _around(graph, "黃漢傑", D(2024, 3, 31))
    assert _around(graph, "黃漢傑", D(2024, 4, 1)) == set()
    assert ("directorship", "王小明", "匯豐控股") in _around(graph, "王小明", D(2024, 4, 1))


def test_a_chinese_only_filings_connected_person_is_linked(db_engine, add_announcement):
    """雷軍 was merged into LEI Jun by pairing; a later filing in Chinese only still links
    him to its agreement (its mention is found by the name it wrote)."""
    filing(add_announcement, "e1", "01810", "XIAOMI CORP", at(2024, 1, 5),
           directors={"executive": ["LEI Jun"]})  # fmt: skip
    filing(add_announcement, "e1c", "01810", "小米集團", at(2024, 1, 5), language="zh",
           directors={"executive": ["雷軍"]})  # fmt: skip
    pair_editions(db_engine)
    cp = {"name": "雷軍", "connected_entity": "順為資本", "relationship": "控股股東"}
    deal = {"name": "框架協議", "date": "2024-06-01", "term_start": None, "term_end": None,
            "parties": []}  # fmt: skip
    filing(add_announcement, "z1", "01810", "小米集團", at(2024, 6, 1), language="zh",
           persons=[cp], agreements=[deal])  # fmt: skip
    pair_editions(db_engine)  # the next run merges z1's 雷軍 into LEI Jun too
    graph = load_graph(db_engine)
    links = _around(graph, "LEI Jun", D(2024, 7, 1))
    assert ("connected", "LEI Jun", "XIAOMI CORP") in links
    assert ("associate", "LEI Jun", "順為資本") in links
