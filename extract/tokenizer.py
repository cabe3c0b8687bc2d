"""The tokenizer: spaCy's English rules, but money stays one token ("HK$1.5bn", "US$3.2m").

The blank English tokenizer splits "US$" off as a currency prefix and "m" off as a unit
suffix, so "US$3.2m" became three tokens and a money pattern had to reassemble it. We keep
the rules and add (1) a `token_match` for whole money strings, checked before affixes are
split, and (2) a prefix rule that no longer splits "US$"/"$" when a digit follows.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_prefix_regex

from extract.money import MONEY_TOKEN


@spacy.registry.tokenizers("fw_tokenizer_v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        tokenizer = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        customise(tokenizer, nlp)
        return tokenizer

    return make


def customise(tokenizer: Tokenizer, nlp: Language) -> None:
    prefixes = []
    for p in nlp.Defaults.prefixes or []:
        if p in ("US\\$", "\\$", "C\\$", "A\\$"):
            prefixes.append(p + "(?![0-9])")
        else:
            prefixes.append(p)
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.token_match = MONEY_TOKEN.match
