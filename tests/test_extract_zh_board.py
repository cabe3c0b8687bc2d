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


@pytest.mark.parametrize(
    "opening", ["截至本通告日期，", "於本通告日期，", "7.  於本通告日期，", "截至本公告日期，"]
)
def test_paragraph_openings_of_real_issuers(opening: str) -> None:
    board = _board(
        f"{opening}本公司執行董事為廖莉萍女士（聯席主席）及何澤宇先生。本公司非執行董事為"
        "田軼先生（聯席主席）及邊文斌先生。本公司獨立非執行董事為朱凱勤先生及鄧社堅先生。"
    )
    assert board == {
        "executive": ["廖莉萍", "何澤宇"],
        "non_executive": ["田軼", "邊文斌"],
        "independent_non_executive": ["朱凱勤", "鄧社堅"],
    }


def test_a_list_of_directors_under_role_headings() -> None:
    text = (
        "董事名單與其角色和職能\n\n本公司董事會成員載列如下。\n\n執行董事\n廖莉萍女士（聯席主席）\n"
        "何澤宇先生\n\n非執行董事\n田軼先生（聯席主席）\n\n獨立非執行董事\n朱凱勤先生\n林至頴先生\n\n"
        "本公司已設立三個董事委員會。下表提供各董事會成員所擔任的職務。\n\n"
        "董事  審核委員會  薪酬委員會\n\n朱凱勤先生  主席  成員\n"
    )
    assert _board(text) == {
        "executive": ["廖莉萍", "何澤宇"],
        "non_executive": ["田軼"],
        "independent_non_executive": ["朱凱勤", "林至頴"],
    }


def test_a_board_laid_out_in_role_columns() -> None:
    text = (
        "於本公告日期，董事會成員如下：\n\n執行董事：  非執行董事：  獨立非執行董事：\n"
        "林德信先生（主席）  劉志雄先生  駱家榮先生\n林曉琳女士  余錦華女士  胡詩韻女士\n"
        "黎國峰先生  賀啟明先生  馮浩天先生\n"
    )
    assert _board(text) == {
        "executive": ["林德信", "林曉琳", "黎國峰"],
        "non_executive": ["劉志雄", "余錦華", "賀啟明"],
        "independent_non_executive": ["駱家榮", "胡詩韻", "馮浩天"],
    }


def test_the_role_in_brackets_after_an_english_name_and_a_title() -> None:
    text = (
        "於本公告日期，董事會包括：\n曹文傑先生（Mr. Cho Man Kit）（主席兼執行董事）\n"
        "唐耀華博士（Dr. Tong Yiu Wah）（非執行董事）\n"
        "邱曉峰先生（Mr. Yau Hiu Fung）（獨立非執行董事）\n"
    )
    assert _board(text) == {
        "executive": ["曹文傑"],
        "non_executive": ["唐耀華"],
        "independent_non_executive": ["邱曉峰"],
    }
