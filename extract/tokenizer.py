"""The tokenizer: spaCy's English rules, but money stays one token ("HK$1.5bn", "US$3.2m"),
and every chunk it meets is kept in its cache.

The blank English tokenizer splits "US$" off as a currency prefix and "m" off as a unit
suffix, so "US$3.2m" became three tokens and a money pattern had to reassemble it. We keep
the rules and add (1) a `token_match` for whole money strings, checked before affixes are
split, and (2) a prefix rule that no longer splits "US$"/"$" when a digit follows.

The cache (`ChunkCachingTokenizer`): spaCy saves a whitespace-delimited chunk's tokens to its
cache only until the first special case of a call ("Mr.", "'s"; `has_special` is one flag per
call, spacy/tokenizer.pyx `_save_cached`), so in a filing nearly every chunk was split into
affixes again on every filing: ~3.7 ms of spaCy's time on a 4,400-character one. A chunk's
tokens do not depend on its neighbours, so each chunk not seen before is tokenized once more
on its own, which saves it (a chunk holding a special case is still not saved, as spaCy
wants); later filings find their chunks there. At most `CACHED_CHUNKS` are fed so: memory
stays bounded. The tokens are the same (tests/test_extract_tokenizer.py).
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex

from extract.money import MONEY_TOKEN

#: distinct chunks fed to the tokenizer on their own, at most (spaCy keeps each one's tokens:
#: some 100 bytes a chunk)
CACHED_CHUNKS = 200_000


class ChunkCachingTokenizer(Tokenizer):
    """spaCy's Tokenizer that also saves each new chunk of a text to its cache (module doc)."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        seen: set[str] = self.__dict__.setdefault("_seen", set())
        if len(seen) < CACHED_CHUNKS:
            new = set(text.split()).difference(seen)
            for chunk in new:
                super().__call__(chunk)
            seen.update(new)
        return doc


@spacy.registry.tokenizers("fw_tokenizer_v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        default = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        tokenizer = like(default, ChunkCachingTokenizer)
        customise(tokenizer, nlp)
        return tokenizer

    return make


def like(tokenizer: Tokenizer, kind: type[Tokenizer] = Tokenizer) -> Tokenizer:
    """A new tokenizer of `kind` with `tokenizer`'s rules and an empty cache."""
    return kind(
        tokenizer.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


def customise(tokenizer: Tokenizer, nlp: Language) -> None:
    prefixes = []
    for p in nlp.Defaults.prefixes or []:
        if p in ("US\\$", "\\$", "C\\$", "A\\$"):
            prefixes.append(p + "(?![0-9])")
        else:
            prefixes.append(p)
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.token_match = MONEY_TOKEN.match
