"""extract/zh/doc_utils.py and fw_zh_norm_v1: offsets, sentences, lines and token norms."""

from __future__ import annotations

from pathlib import Path

import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils

ZH_DEV = Path(__file__).resolve().parent / "fixtures" / "others_zh" / "dev"


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


def _bounds_by_walking(text: str, idx: int) -> tuple[int, int]:
    """sentence_bounds as first written, a character at a time: the oracle for the bisecting one."""
    idx = max(0, min(idx, len(text) - 1)) if text else 0
    s = idx
    while s > 0 and text[s - 1] not in "。！？!?\n\f":
        s -= 1
    e = idx
    while e < len(text) and text[e] not in "\n\f":
        if text[e] in "。！？!?":
            e += 1
            break
        e += 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


ODD_TEXTS = [
    "", " ", "\n", "甲", "甲。", "。。", " 甲 。 \n\n 乙！ ", "無句號的一行", "a!b?c\fd\u3000。",
]  # fmt: skip


def test_sentence_bounds_agree_with_a_walk_at_every_offset() -> None:
    zh_texts = [p.read_text("utf-8") for p in sorted(ZH_DEV.glob("*.txt"))][:5]
    assert zh_texts
    for text in ODD_TEXTS + zh_texts:
        doc = _doc(text)
        for idx in range(-1, len(text) + 2):
            assert doc_utils.sentence_bounds(doc, idx) == _bounds_by_walking(text, idx)


def test_sentences_up_to_an_offset_are_a_prefix_of_all_of_them() -> None:
    text = "第一句。第二句！\n第三行\n\n第四行。"
    doc = _doc(text)
    every = list(doc_utils.sentences(doc))
    assert list(doc_utils.sentences(doc, 0, 9)) == every[:2]  # the third is found at 9
    assert list(doc_utils.sentences(doc, 0, 10)) == every[:3]
    assert [text[s:e] for s, e in doc_utils.sentences(doc, 5)] == ["第二句！", "第三行", "第四行。"]
    assert list(doc_utils.sentences(doc)) == every  # found once, the same each time
