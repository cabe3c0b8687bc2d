"""Token patterns whose tests read only a word's own text, compiled to lexeme flags.

spaCy's Matcher evaluates a REGEX, IN or NOT_IN test on TEXT, ORTH or LOWER by calling Python
for every token of every document, and it tries every pattern's first step at every token:
in the span ruler that was the largest cost of our NLP. Such a test depends only on the
word, so here each token step's tests become one boolean lexeme flag (`Vocab.add_flag`):
computed once per distinct word in the vocabulary and checked by the Matcher in C. The
patterns in extract/patterns stay as they are written (and are validated as written); only
what the Matcher is given changes, and it finds the same spans (tests/test_extract_lexeme_flags.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import LOWER
from spacy.schemas import validate_token_pattern
from spacy.vocab import Vocab

WORD_ATTRS = ("TEXT", "ORTH", "LOWER")  # a lexeme's own strings: the same for every token
OPERATORS = ("REGEX", "IN", "NOT_IN")
FIRST_FLAG = 19  # spaCy's own flags (IS_ALPHA ... IS_CURRENCY) end at 18; FLAG19-FLAG63 are free


def compile_patterns(vocab: Vocab, patterns: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The span ruler's pattern rows with every word-only test folded into a lexeme flag.

    Raises ValueError on a pattern spaCy's validator rejects (the ruler is then given
    compiled patterns, which its validator does not know)."""
    flags: dict[tuple, str] = {}  # one flag per distinct set of tests, shared by patterns
    out = []
    for row in patterns:
        pattern = row["pattern"]
        if isinstance(pattern, list):
            errors = validate_token_pattern(pattern)
            if errors:
                raise ValueError(f"bad pattern {row!r}: {'; '.join(errors)}")
            pattern = [_step(vocab, step, flags) for step in pattern]
        out.append({**row, "pattern": pattern})
    return out


def _step(vocab: Vocab, step: dict[str, Any], flags: dict[tuple, str]) -> dict[str, Any]:
    """One token step: its word-only tests replaced by one flag, the rest kept."""
    tests = {a: v for a, v in step.items() if a.upper() in WORD_ATTRS and _foldable(v)}
    if not tests:
        return step
    key = tuple(sorted((a.upper(), repr(sorted(v.items()))) for a, v in tests.items()))
    if key not in flags:
        free = [b for b in range(FIRST_FLAG, 64) if b not in vocab.lex_attr_getters]
        if not free:
            raise ValueError("no lexeme flag left for the span ruler's patterns")
        flags[key] = f"FLAG{vocab.add_flag(_tester(vocab, tests), free[0])}"
    kept = {a: v for a, v in step.items() if a not in tests}
    return {flags[key]: True, **kept}


def _foldable(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(op in OPERATORS for op in value)


def _tester(vocab: Vocab, tests: dict[str, dict[str, Any]]) -> Callable[[str], bool]:
    """A word's flag: all the step's tests, as spaCy's REGEX (re.search), IN and NOT_IN read
    them, on the word's text or its LOWER (the vocabulary's own lower-casing)."""
    lower = vocab.lex_attr_getters[LOWER]
    checks: list[tuple[bool, Callable[[str], bool]]] = []
    for attr, ops in tests.items():
        of_lower = attr.upper() == "LOWER"
        for op, value in ops.items():
            if op == "REGEX":
                checks.append((of_lower, re.compile(value).search))
            elif op == "IN":
                checks.append((of_lower, frozenset(value).__contains__))
            else:
                members = frozenset(value)
                checks.append((of_lower, lambda s, members=members: s not in members))

    def test(word: str) -> bool:
        low = lower(word)
        return all(bool(check(low if of_lower else word)) for of_lower, check in checks)

    return test
