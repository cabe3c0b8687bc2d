"""The English pipeline: spacy.blank("en") with our tokenizer, a span ruler and components.

Order matters: sentences and entity spans first, then the header and definitions every later
component reads, then agreements -> parties -> caps, directors before abstentions (names are
matched to the board list), connected persons after parties.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from extract import tokenizer as _tokenizer  # noqa: F401  (registers fw_tokenizer_v1)
from extract.components import (  # noqa: F401  (registers the factories)
    abstentions,
    agreements,
    caps,
    chapters,
    definitions,
    directors,
    header,
    historical,
    parties,
    persons,
    sentences,
    transactions,
)
from extract.lexeme_flags import compile_patterns
from extract.patterns import load

COMPONENTS = (
    "fw_sentences_v1",
    "fw_header_v1",
    "fw_definitions_v1",
    "fw_transaction_types_v1",
    "fw_chapters_v1",
    "fw_agreements_v1",
    "fw_parties_v1",
    "fw_caps_v1",
    "fw_historical_v1",
    "fw_directors_v1",
    "fw_abstentions_v1",
    "fw_connected_persons_v1",
)


def build_pipeline() -> Language:
    """A fresh pipeline (tests build their own; `get_pipeline` shares one per process)."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "fw_tokenizer_v1"}}})
    nlp.add_pipe("fw_sentences_v1")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="fw_entities",
        config={
            "spans_key": "fw",
            "phrase_matcher_attr": "LOWER",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "validate": False,  # compile_patterns validates the rows as written
        },
    )
    ruler.add_patterns(compile_patterns(nlp.vocab, load("entities")))
    for name in COMPONENTS[1:]:
        nlp.add_pipe(name)
    return nlp


@cache
def get_pipeline() -> Language:
    return build_pipeline()
