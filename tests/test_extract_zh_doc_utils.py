"""extract/zh/doc_utils.py and fw_zh_norm_v1: offsets, sentences, lines and token norms."""

from __future__ import annotations

import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _doc(text: str):  # noqa: ANN202 - a spaCy Doc
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    return nlp(text)


def test_token_norms_are_traditional_so_one_pattern_matches_both_scripts() -> None:
    doc = _doc("持续关连交易")
    assert "".join(t.norm_ for t in doc) == "持續關連交易"
    assert doc_utils.text(doc) == "持续关连交易"
    assert doc_utils.norm(doc) == "持續關連交易"


def test_sentences_end_at_full_stops_and_line_breaks() -> None:
    doc = _doc("第一句。第二句！\n第三行\n\n第四行。")
    text = doc_utils.text(doc)
    assert [text[s:e] for s, e in doc_utils.sentences(doc)] == [
        "第一句。",
        "第二句！",
        "第三行",
        "第四行。",
    ]


def test_sentence_bounds_of_an_offset() -> None:
    doc = _doc("甲。乙丙丁，戊己。")
    s, e = doc_utils.sentence_bounds(doc, 3)
    assert doc_utils.text(doc)[s:e] == "乙丙丁，戊己。"


def test_lines_count_form_feeds_as_breaks() -> None:
    doc = _doc("一\n二\f三")
    text = doc_utils.text(doc)
    assert [text[s:e] for s, e in doc_utils.lines(doc)] == ["一", "二", "三"]
