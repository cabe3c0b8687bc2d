"""extract/zh/names.py: a name ends at its honorific and starts after the words before it."""

from __future__ import annotations

import pytest

from extract.zh.names import names_with_honorifics
from extract.zh.normalise import normalise


def _names(text: str) -> list[str]:
    return [n for _, _, n in names_with_honorifics(normalise(text), text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("執行董事為張宏江博士、王舜德先生及鄒濤先生", ["張宏江", "王舜德", "鄒濤"]),
        ("本公司董事兼主要股東雷軍先生持有", ["雷軍"]),
        ("本公司董事兼主要股东雷军先生持有", ["雷军"]),
        ("獨立非執行董事為李文傑教授、溫志強先生及司徒詠儀女士", ["李文傑", "溫志強", "司徒詠儀"]),
        ("執行董事蕭啟明先生的配偶蕭林美娟女士全資擁有", ["蕭啟明", "蕭林美娟"]),
        ("執行董事歐陽健先生", ["歐陽健"]),
        ("非執行董事Frank SIXT先生", ["Frank SIXT"]),
        ("主席李和平先生", ["李和平"]),
    ],
)
def test_names(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_no_honorific_no_name() -> None:
    assert _names("董事（包括獨立非執行董事）認為條款公平合理") == []
