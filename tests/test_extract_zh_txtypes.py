"""fw_zh_txtypes_v1: the transaction types an announcement declares, in either script."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _types(text: str) -> list[str]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_header_v1", "fw_zh_txtypes_v1"):
        nlp.add_pipe(pipe)
    return [f["value"] for f in doc_utils.facts(nlp(text))["transaction_types"]]


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        ("因此，協議項下的交易構成本公司的持續關連交易。", ["continuing connected transaction"]),
        ("因此，协议项下的交易构成本公司的持续关连交易。", ["continuing connected transaction"]),
        (
            "收購事項構成本公司的須予披露的交易及關連交易。",
            ["discloseable transaction", "connected transaction"],
        ),
        (
            "根据上市规则第14章，出售事项构成本公司的非常重大的出售事项。",
            ["very substantial disposal"],
        ),
        ("收購事項構成本公司的主要交易，惟並不構成反收購。", ["major transaction"]),
        ("該等交易屬於本公司的非常重大收購事項。", ["very substantial acquisition"]),
        # simplified wording of 主要交易 (major transaction)
        ("根据上市规则第14章，收购事项构成本公司的重大交易。", ["major transaction"]),
        (
            "因此，该交易构成本公司的重大及关连交易。",
            ["major transaction", "connected transaction"],
        ),
        ("任何與北京小米的交易可能構成本公司的關連交易。", []),
        ("倘若年度上限獲超出，該等交易將構成主要交易。", []),
        ("董事認為交易條款公平合理。", []),
    ],
)
def test_types_in_sentences(sentence: str, types: list[str]) -> None:
    assert _types(sentence) == types


def test_the_title_declares_its_types() -> None:
    text = "（股份代號：01937）\n\n关连交易\n向关连附属公司提供委托贷款\n\n正文。"
    assert _types(text) == ["connected transaction"]


@pytest.mark.parametrize(
    ("title", "types"),
    [
        ("須予披露及關連交易", ["discloseable transaction", "connected transaction"]),
        ("主要及关连交易", ["major transaction", "connected transaction"]),
        ("非常重大收購事項及關連交易", ["very substantial acquisition", "connected transaction"]),
    ],
)
def test_a_coordinated_title_declares_each_type(title: str, types: list[str]) -> None:
    assert _types(f"（股份代號：02636）\n\n{title}\n\n正文。") == types
