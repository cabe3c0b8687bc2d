"""fw_zh_connected_v1: the chain through which the counterparty is connected."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils

DEFS = """訂約方：(1)本公司；及(2){party}

「本公司」  指  峰鶴工程集團有限公司，一家有限公司
「{party}」  指  {full}，一家於香港註冊成立的有限公司
"""


def _connected(body: str, party: str, full: str) -> list[tuple[str, str | None]]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_definitions_v1", "fw_zh_board_v1", "fw_zh_connected_v1"):
        nlp.add_pipe(pipe)
    doc = nlp(body + "\n\n" + DEFS.format(party=party, full=full))
    return [(c["name"], c["connected_entity"]) for c in doc_utils.facts(doc)["connected_persons"]]


@pytest.mark.parametrize(
    ("body", "party", "full", "want"),
    [
        (
            "蓮花時裝由非執行董事吳志強先生全資擁有，而吳志強先生為董事會主席吳志華先生的胞弟。"
            "因此，蓮花時裝為吳志強先生的聯繫人及本公司的關連人士。",
            "蓮花時裝",
            "蓮花時裝有限公司",
            [("吳志強", "蓮花時裝")],
        ),
        (
            "曾氏海事由執行董事曾凱欣女士的父親曾永康先生擁有70%。因此，曾氏海事為曾凱欣女士的聯繫人，"
            "從而為本公司的關連人士。",
            "曾氏海事",
            "曾氏海事工程有限公司",
            [("曾永康", "曾氏海事"), ("曾凱欣", "曾氏海事")],
        ),
        (
            "本公司董事兼主要股東雷軍先生持有北京小米已發行股本30%以上。因此，北京小米為本公司的關連人士。",
            "北京小米",
            "北京小米科技有限責任公司",
            [("雷軍", "北京小米")],
        ),
        (
            "瑞峰能源持有子午華東40%股權，因此為本公司附屬公司層面的關連人士。",
            "瑞峰能源",
            "江蘇瑞峰能源集團有限公司",
            [("瑞峰能源", "瑞峰能源")],
        ),
        (
            "天和控股为本公司的控股股东，持有本公司已发行股份总数约58.91%，因此为本公司的关连人士。",
            "天和控股",
            "天和汽车控股集团有限公司",
            [("天和控股", "天和控股")],
        ),
    ],
)
def test_chains(body: str, party: str, full: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_connected(body, party, full)) == sorted(want)


def test_the_board_paragraph_is_not_a_chain() -> None:
    body = "於本公告日期，執行董事為曾凱欣女士；非執行董事為謝俊傑先生。"
    assert _connected(body, "曾氏海事", "曾氏海事工程有限公司") == []
