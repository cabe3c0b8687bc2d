"""extract/zh/pipeline.py: extract_zh(pages) is the contract, with language zh and evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from extract import extract_pages
from extract.zh import build_nlp, extract_zh

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
SCHEMA_PATHS = [
    ROOT / "tests" / "fixtures" / "extraction.schema.json",
    ROOT.parent / "shared" / "extraction.schema.json",
]


def _schema() -> dict:
    path = next(p for p in SCHEMA_PATHS if p.exists())
    return json.loads(path.read_text(encoding="utf-8"))


def _pages(slug: str) -> list[str]:
    return (CORPUS / f"{slug}.txt").read_text(encoding="utf-8").split("\n\f\n")


def test_the_pipeline_is_a_blank_zh_with_char_segmentation_and_our_components() -> None:
    nlp = build_nlp()
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "char"
    assert all(name.startswith("fw_zh_") for name in nlp.pipe_names)


def test_every_chinese_gold_output_follows_the_contract() -> None:
    validator = Draft202012Validator(_schema(), format_checker=FormatChecker())
    for path in sorted(CORPUS.glob("*_c.txt")):
        out = extract_zh(_pages(path.stem))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(out)]
        assert not errors, (path.stem, errors)
        assert out["language"] == "zh"


def test_every_fact_has_evidence_with_its_page() -> None:
    out = extract_zh(_pages("02636-20241220-framework-agreements-renewal_c"))
    ev = out["evidence"]
    assert ev["annual_caps[0]"]["page"] == 3
    assert "520,000" in ev["annual_caps[0]"]["text"]
    assert ev["announcement_date"]["page"] == 4
    assert ev["directors.executive[0]"]["text"].startswith("於本公告日期")
    for i in range(len(out["annual_caps"])):
        assert f"annual_caps[{i}]" in ev


def test_the_english_dispatch_sends_chinese_here() -> None:
    out = extract_pages(_pages("00862-20240920-gas-supply-cct_c"), "zh")
    assert out["language"] == "zh" and out["company"] == "東方子午能源控股有限公司"


def test_empty_input_is_an_empty_contract_not_a_crash() -> None:
    out = extract_zh([""])
    assert out["stock_code"] is None and out["annual_caps"] == [] and out["parties"] == []


def _long_chinese_pages() -> tuple[list[str], dict[str, int]]:
    """The gas-supply announcement spread over 601 pages of 1.1 million characters: header on
    page 1, definitions on page 40 (past the first pages every chunk repeats), agreement,
    connected person and cap on page 300, board on page 601."""
    import random

    lines = (CORPUS / "00862-20240920-gas-supply-cct_c.txt").read_text(encoding="utf-8")
    lines = lines.split("\n")
    rng = random.Random(3)
    words = "本集團於回顧期內持續推進各區域辦事處之員工培訓設施維護系統檢討倉儲網絡季度規劃"

    def filler() -> str:
        return "\n".join("".join(rng.choice(words) for _ in range(59)) + "。" for _ in range(30))

    pages = [filler() for _ in range(601)]
    pages[0] = "\n".join(lines[:10])
    pages[39] = "\n".join(lines[40:51])
    pages[299] = "\n".join(lines[10:26]) + "\n\n" + filler()
    pages[600] = "\n".join(lines[52:60])
    return pages, {"header": 1, "definitions": 40, "caps": 300, "board": 601}


@pytest.mark.slow
def test_zh_pipeline_reads_a_document_over_spacys_length_limit_in_chunks() -> None:
    pages, at = _long_chinese_pages()
    assert sum(len(p) for p in pages) > 1_000_000  # spaCy's max_length
    out = extract_zh(pages)
    ev = out["evidence"]
    assert out["stock_code"] == "00862" and ev["stock_code"]["page"] == at["header"]
    assert out["company"] == "東方子午能源控股有限公司"
    assert [(c["amount"], c["agreement"]) for c in out["annual_caps"]] == [(80_000_000, "供氣協議")]
    assert ev["annual_caps[0]"]["page"] == at["caps"]
    assert [p["name"] for p in out["connected_persons"]] == ["瑞峰能源"]
    assert ev["connected_persons[0]"]["page"] == at["caps"]
    assert out["directors"]["executive"] == ["錢軍", "黃大偉"]
    assert len(out["directors"]["independent_non_executive"]) == 3
    assert {v["page"] for k, v in ev.items() if k.startswith("directors.")} == {at["board"]}
    assert {p["name"] for p in out["parties"]} == {"子午華東", "瑞峰能源"}
    assert {ev[f"parties[{i}]"]["page"] for i in range(2)} == {at["definitions"]}
    assert [a["name"] for a in out["agreements"]] == ["供氣協議"]
