"""extract/lexeme_flags.py: the span ruler given lexeme flags finds the spans spaCy's own
REGEX / IN / NOT_IN tests find."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from extract import tokenizer as _tokenizer  # noqa: F401  (registers fw_tokenizer_v1)
from extract.document import build_text
from extract.lexeme_flags import WORD_ATTRS, compile_patterns
from extract.patterns import load

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "crawler" / "replica" / "corpus", ROOT / "tests" / "fixtures" / "others" / "dev"]

ODD = (
    "On 1st JANUARY, 2024 and March 3 2025 Mr. CHAN Tai Man, Dato' Sri Lee Kok and Tan Sri "
    "Ong met Ms Wong-Lam; HK$1,000 million, US$3.2m, RMB 80,000 thousand, Stock Code: 00700, "
    "chapters 14A and Chapter 20; Mr. Company, Dr. The, Madam Ho Yin-ling, Sir."
)


def _ruler(compiled: bool):  # noqa: ANN202 - a spaCy Language
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "fw_tokenizer_v1"}}})
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": "fw",
            "phrase_matcher_attr": "LOWER",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "validate": not compiled,
        },
    )
    rows = list(load("entities"))
    ruler.add_patterns(compile_patterns(nlp.vocab, rows) if compiled else rows)
    return nlp


def _spans(nlp, text: str) -> list[tuple[str, int, int]]:  # noqa: ANN001
    doc = nlp(text)
    return [(s.label_, s.start, s.end) for s in doc.spans["fw"]]


def test_compiled_steps_leave_no_word_test_to_python() -> None:
    compiled = compile_patterns(spacy.blank("en").vocab, load("entities"))
    token_patterns = [row["pattern"] for row in compiled if isinstance(row["pattern"], list)]
    steps = [step for pattern in token_patterns for step in pattern]
    assert steps and not any(
        isinstance(value, dict) for step in steps for attr, value in step.items()
        if attr.upper() in WORD_ATTRS
    )  # fmt: skip
    assert any(attr.startswith("FLAG") for step in steps for attr in step)


def test_flags_find_the_spans_spacy_finds() -> None:
    """Every corpus and dev text and a sentence of awkward cases, the compiled ruler built
    first so that most words reach the vocabulary after their flags were added."""
    compiled, plain = _ruler(compiled=True), _ruler(compiled=False)
    texts = [ODD] + [
        build_text(p.read_text("utf-8").split("\f"))[0]
        for folder in FOLDERS
        for p in sorted(folder.glob("*.txt"))
    ]
    labels = set()
    for text in texts:
        found = _spans(compiled, text)
        assert found == _spans(plain, text)
        labels.update(label for label, _, _ in found)
    assert {"DATE", "MONEY", "PERSON", "STOCK_CODE", "CHAPTER", "TXN_TYPE"} <= labels


def test_awkward_cases_are_matched_as_written() -> None:
    doc = _ruler(compiled=True)(ODD)
    found = {(s.label_, s.text) for s in doc.spans["fw"]}
    assert ("DATE", "1st JANUARY, 2024") in found  # IN on LOWER
    assert ("PERSON", "Mr. CHAN Tai Man") in found
    assert ("STOCK_CODE", "Stock Code: 00700") in found
    assert not any(text.startswith(("Mr. Company", "Dr. The")) for _, text in found)  # NOT_IN


def test_a_bad_pattern_is_refused_as_written() -> None:
    with pytest.raises(ValueError, match="bad pattern"):
        compile_patterns(spacy.blank("en").vocab, [{"label": "X", "pattern": [{"TXET": "a"}]}])
