"""extract/pipe.py: every component declares what it writes and reads, so spaCy's
`analyze_pipes` finds both pipelines in order and names a component moved before one it needs."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from extract.pipe import FactPipe, attrs
from extract.pipeline import build_pipeline
from extract.zh import build_nlp


def problems(nlp: Language) -> dict[str, list[str]]:
    """The components whose requirements no earlier component assigns, with those."""
    found = nlp.analyze_pipes(pretty=False)["problems"]
    return {name: sorted(missing) for name, missing in found.items() if missing}


@pytest.mark.parametrize("build", [build_pipeline, build_nlp], ids=["en", "zh"])
def test_pipeline_order_meets_every_requirement(build) -> None:  # noqa: ANN001
    nlp = build()
    assert problems(nlp) == {}
    assert all(nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


def test_english_component_before_the_facts_it_reads_is_reported() -> None:
    nlp = spacy.blank("en")
    for name in ("fw_sentences_v1", "fw_parties_v1", "fw_definitions_v1", "fw_agreements_v1"):
        nlp.add_pipe(name)
    assert problems(nlp) == {
        "fw_parties_v1": ["doc._.fw[agreements]", "doc._.fw[definitions]"],
        "fw_agreements_v1": ["doc._.fw[announcement_date]", "doc._.fw[title]"],
    }


def test_english_component_before_the_span_ruler_is_reported() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("fw_chapters_v1")
    nlp.add_pipe("span_ruler", name="fw_entities", config={"spans_key": "fw"})
    assert problems(nlp) == {"fw_chapters_v1": ["doc.spans"]}


def test_chinese_component_before_the_normaliser_is_reported() -> None:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_abstain_v1")
    nlp.add_pipe("fw_zh_norm_v1")
    assert problems(nlp) == {"fw_zh_abstain_v1": ["doc._.fw[norm]"]}


@pytest.mark.parametrize("build", [build_pipeline, build_nlp], ids=["en", "zh"])
def test_every_component_is_a_fact_pipe_that_declares_what_it_writes(build) -> None:  # noqa: ANN001
    nlp = build()
    for name, pipe in nlp.pipeline:
        if name == "fw_entities":  # spaCy's own span ruler
            continue
        assert isinstance(pipe, FactPipe), name
        assert set(attrs(pipe.writes)) <= set(nlp.get_pipe_meta(name).assigns), name
