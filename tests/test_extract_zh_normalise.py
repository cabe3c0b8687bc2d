"""extract/zh/normalise.py and the pattern files: simplified and traditional match alike."""

from __future__ import annotations

import pytest

from extract.patterns import FOLDERS, load
from extract.zh.normalise import normalise, to_simplified


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("持续关连交易", "持續關連交易"),
        ("人民币12207.2千元", "人民幣12207.2千元"),
        ("须予披露的交易", "須予披露的交易"),
        ("非常重大的收购事项", "非常重大的收購事項"),
        ("（股份代号：０１９３７）", "(股份代號:01937)"),
        ("于本公告日期，董事会成员包括执行董事", "於本公告日期，董事會成員包括執行董事"),
        ("上市规则第14A章", "上市規則第14A章"),
    ],
)
def test_simplified_and_full_width_become_traditional_ascii(printed: str, expected: str) -> None:
    assert normalise(printed) == expected


def test_length_is_preserved_so_offsets_point_into_the_printed_text() -> None:
    text = "中水环保控股有限公司（股份代号：03871）\n人民币350百万元，"
    assert len(normalise(text)) == len(text)


def test_the_chinese_comma_is_kept_it_separates_clauses_not_thousands() -> None:
    assert normalise("2025年，2026年") == "2025年，2026年"


def test_names_are_never_rewritten_where_the_mapping_is_ambiguous() -> None:
    # 范 (a surname) and 余 are left alone: we match on patterns, we never output our rewrite
    assert normalise("范先生及余女士") == "范先生及余女士"


@pytest.mark.parametrize("name", sorted(p.stem for p in FOLDERS["zh"].glob("*.jsonl")))
def test_every_pattern_file_loads(name: str) -> None:
    assert load(name, "zh")


@pytest.mark.parametrize(
    "name", ["transaction_types", "currencies", "multipliers", "director_roles", "abstention"]
)
def test_patterns_written_in_traditional_match_their_simplified_form(name: str) -> None:
    for row in (r for r in load(name, "zh") if "pattern" in r):
        simplified = to_simplified(row["pattern"])
        assert normalise(simplified) == row["pattern"], (row["pattern"], simplified)
