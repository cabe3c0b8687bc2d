"""fw_zh_board_v1: directors by role from the board paragraph, in its three layouts."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _board(text: str) -> dict[str, list[str]]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    nlp.add_pipe("fw_zh_board_v1")
    return {r: [d["value"] for d in v] for r, v in doc_utils.facts(nlp(text))["directors"].items()}


@pytest.mark.parametrize(
    "text",
    [
        "於本公告日期，執行董事為張宏江博士、王舜德先生及鄒濤先生；非執行董事為雷軍先生；"
        "及獨立非執行董事為張達義先生及王川先生。",
        "于本公告日期，董事会成员包括执行董事张宏江博士、王舜德先生及邹涛先生；非执行董事雷军先生；"
        "以及独立非执行董事张达义先生及王川先生。",
        "於本公告日期，董事會由執行董事張宏江博士、王舜德先生及鄒濤先生，非執行董事雷軍先生，"
        "以及獨立非執行董事張達義先生及王川先生組成。",
        "於本公告日期，董事會成員包括張宏江博士（執行董事）、王舜德先生（執行董事）、"
        "鄒濤先生（執行董事）、雷軍先生（非執行董事）、張達義先生（獨立非執行董事）及"
        "王川先生（獨立非執行董事）。",
    ],
)
def test_layouts(text: str) -> None:
    board = _board(text)
    assert len(board["executive"]) == 3 and board["executive"][0] in {"張宏江", "张宏江"}
    assert board["non_executive"] in (["雷軍"], ["雷军"])
    assert board["independent_non_executive"] in (["張達義", "王川"], ["张达义", "王川"])


def test_one_name_per_line() -> None:
    text = "於本公告日期，本公司董事為：\n\n執行董事：\n雷軍\n林斌\n\n獨立非執行董事：\n王川\n"
    assert _board(text) == {
        "executive": ["雷軍", "林斌"],
        "non_executive": [],
        "independent_non_executive": ["王川"],
    }


def test_no_board_paragraph_no_directors() -> None:
    assert _board("董事會謹此宣佈。") == {
        "executive": [],
        "non_executive": [],
        "independent_non_executive": [],
    }


def test_counted_groups_with_即() -> None:
    text = (
        "於本公告日期，董事會包括兩名執行董事，即雷軍先生及林斌先生；一名非執行董事，即劉芹先生；"
        "以及三名獨立非執行董事，即陳東升先生、王舜德先生及蔡金勇先生。"
    )
    assert _board(text) == {
        "executive": ["雷軍", "林斌"],
        "non_executive": ["劉芹"],
        "independent_non_executive": ["陳東升", "王舜德", "蔡金勇"],
    }
