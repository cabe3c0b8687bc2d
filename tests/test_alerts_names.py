"""Person-name matching: a table of how HK filings write names, and who must NOT match."""

from __future__ import annotations

import pytest

from alerts.names import MATCH_THRESHOLD, name_score

SUB = ["LEI Jun", "雷軍"]

# (subscription names, name as written in a filing, should match?)
PAIRS: list[tuple[list[str], str, bool]] = [
    # --- the same person, written the ways HK filings write him ---------------------------
    (SUB, "LEI Jun", True),
    (SUB, "Jun LEI", True),
    (SUB, "Lei Jun", True),
    (SUB, "Jun Lei", True),
    (SUB, "LEI JUN", True),
    (SUB, "Mr. LEI Jun", True),
    (SUB, "Mr Jun LEI", True),
    (SUB, "Mr. Jun LEI (Chairman)", True),
    (SUB, "Dr. Lei Jun, JP", True),
    (SUB, "Jun, LEI", True),
    (SUB, "LEI, Jun", True),
    (SUB, "雷軍", True),
    (SUB, "雷軍先生", True),
    (SUB, "Mr. LEI Jun (雷軍)", True),
    (["Tat Joel CHANG"], "Tat Joel, CHANG", True),
    (["Tat Joel CHANG"], "Mr. CHANG Tat Joel", True),
    (["Tat Joel CHANG"], "Prof. Tat Joel CHANG", True),
    (["HongJiang ZHANG"], "Hong Jiang ZHANG", True),
    (["HongJiang ZHANG"], "Mr. ZHANG Hong-jiang", True),
    (["HongJiang ZHANG"], "Hongjiang Zhang", True),
    (["Hong Jiang ZHANG"], "HongJiang ZHANG", True),
    (["Guangming George LU"], "LU Guangming", True),
    (["Guangming George LU"], "Mr. Guangming George LU", True),
    (["Guangming George LU"], "George LU", True),
    (["Guangming George LU"], "LU Guangming, George", True),
    (["CHAN Tai Man"], "Mr. Chan Tai-man", True),
    (["CHAN Tai Man"], "Tai Man CHAN", True),
    (["CHAN Tai Man"], "Ms. CHAN Tai Man, BBS, JP", True),
    (["WONG Shun Tak"], "Shun-tak WONG", True),
    (["AU-YEUNG Kwok Wai"], "AU YEUNG Kwok Wai", True),
    (["Jonathan SMITH"], "Jonathon SMITH", True),  # an English-name typo
    (["LEE Ka Shing"], "LI Ka Shing", True),  # a surname romanisation variant
    (["Sir LEE Ka Shing"], "Mr. Lee Ka-shing", True),
    (["Jun LEI", "雷军"], "雷军", True),  # a simplified-script alias
    (["Mr. Tsz Wai NG"], "NG Tsz Wai", True),
    # --- different people who share a surname (or a given name) ---------------------------
    (SUB, "LEI Ming", False),
    (SUB, "Ming LEI", False),
    (SUB, "LEI Jun Ming", False),
    (SUB, "JUN Wei", False),
    (SUB, "LEI", False),  # a bare surname says nothing
    (SUB, "雷明", False),
    (SUB, "Mr. LEI Jun (雷明)", False),  # the Chinese name says it is someone else
    (["CHAN Tai Man"], "CHAN Tai Ming", False),
    (["CHAN Tai Man"], "CHAN Man Tai", False),
    (["CHAN Tai Man"], "CHAN Tai", False),
    (["CHAN Tai Man"], "CHAN Siu Man", False),
    (["Siu Ming CHAN"], "Siu Min CHAN", False),
    (["Guangming George LU"], "Guangming Peter LU", False),
    (["Guangming George LU"], "Peter LU", False),
    (["Guangming George LU"], "LU Guangping", False),
    (["HongJiang ZHANG"], "ZHANG Hong", False),
    (["HongJiang ZHANG"], "ZHANG Jiang Hong", False),
    (["Tat Joel CHANG"], "Joel Tat CHEN", False),
    (["Tat Joel CHANG"], "CHANG Tat Wing", False),
    (["Thomas John SMITH"], "Thomas Peter SMITH", False),
    (["Daniel SMITH"], "Danielle SMITH", False),
    (["WONG Shun Tak"], "WONG Shun Kit", False),
    (["LEE Ka Shing"], "LI Ka Shun", False),
    (["Pak Kwan KAU"], "Chi Ping LAU", False),
]


def test_alerts_names_table_is_large_enough():
    assert len(PAIRS) >= 40
    assert sum(1 for *_, m in PAIRS if not m) >= 20  # precision is tested as much as recall


@pytest.mark.parametrize(("names", "written", "expected"), PAIRS, ids=[p[1] for p in PAIRS])
def test_alerts_names_table(names: list[str], written: str, expected: bool):
    score, alias = name_score(names, written)
    assert (score >= MATCH_THRESHOLD) is expected, (score, alias)
    if expected:
        assert alias in names


def test_alerts_names_reports_the_alias_that_matched():
    score, alias = name_score(["Lei Jun", "雷軍"], "雷軍先生")
    assert (score, alias) == (100.0, "雷軍")
    score, alias = name_score(["Lei Jun", "Jun LEI"], "Mr. Jun LEI")
    assert score == 100.0 and alias in {"Lei Jun", "Jun LEI"}


def test_alerts_names_partial_forms_score_lower_than_exact():
    exact, _ = name_score(["Guangming George LU"], "Guangming George LU")
    no_english, _ = name_score(["Guangming George LU"], "LU Guangming")
    english_only, _ = name_score(["Guangming George LU"], "George LU")
    assert exact > no_english > english_only >= MATCH_THRESHOLD
