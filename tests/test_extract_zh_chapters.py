"""fw_zh_chapters_v1: Listing Rules chapters cited as chapters."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _chapters(text: str, use_rules: bool = False) -> list[str]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    nlp.add_pipe("fw_zh_chapters_v1", config={"use_rules": use_rules})
    return [f["value"] for f in doc_utils.facts(nlp(text))["listing_rules_chapters"]]


@pytest.mark.parametrize(
    ("text", "chapters"),
    [
        ("須遵守上市規則第14A章的申報規定。", ["14A"]),
        ("须遵守上市规则第十四A章的申报规定。", ["14A"]),
        ("根據上市規則第14及14A章，該交易構成須予披露及關連交易。", ["14", "14A"]),
        ("根據上市規則第14章及第14A章。", ["14", "14A"]),
        ("根據上市規則第14A.76條獲全面豁免。", []),
        ("《公司（清盤及雜項條文）條例》（香港法例第32章）", []),
        ("證券及期貨條例（香港法例第 571 章）第XV部", []),
        ("董事是否根據上市規則第4章第29段及參考", []),
        ("根據上市規則第4章第29(7)段之責任", []),
        ("由於百分比率均低於5%，訂立租賃協議並不構成上市規則第14章項下之須予公佈交易。", []),
        (
            "因此，根據上市規則第14A章，該交易構成關連交易。由於百分比率低於5%，"
            "該交易不構成上市規則第14章項下之須予公佈交易。",
            ["14A"],
        ),
    ],
)
def test_chapters(text: str, chapters: list[str]) -> None:
    assert _chapters(text) == chapters


def test_rules_count_when_asked() -> None:
    assert _chapters("根據上市規則第14A.76條獲全面豁免。", use_rules=True) == ["14A"]
