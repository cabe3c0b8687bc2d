"""fw_zh_abstain_v1: directors who abstained from the board vote."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _abstained(text: str) -> list[str]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    nlp.add_pipe("fw_zh_abstain_v1")
    return [f["value"] for f in doc_utils.facts(nlp(text))["abstained_directors"]]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("因此，雷軍先生已就批准協議的董事會決議案放棄投票。", ["雷軍"]),
        ("刘志伟先生已就批准框架协议的董事会决议案放弃投票。", ["刘志伟"]),
        ("吳志強先生及吳志華先生已就批准該協議的董事會決議案放棄投票。", ["吳志強", "吳志華"]),
        ("何建國先生及方明先生已於相關董事會會議上迴避表決。", ["何建國", "方明"]),
        ("概無董事於該等交易中擁有重大權益，亦無董事須就董事會決議案放棄投票。", []),
        ("鉴于彼等的权益，周明德先生及周燕女士并无就相关董事会决议案投票。", ["周明德", "周燕"]),
    ],
)
def test_abstentions(text: str, names: list[str]) -> None:
    assert _abstained(text) == names


def test_simplified_wording_and_a_name_after_除() -> None:
    assert _abstained("董事长王建国先生及非执行董事邹海燕女士已就相关董事会决议案回避表决。") == [
        "王建国",
        "邹海燕",
    ]
    assert _abstained(
        "鄧志遠先生已就董事會決議案放棄投票。除鄧先生外，並無其他董事須就相關決議案放棄投票。"
    ) == ["鄧志遠"]
