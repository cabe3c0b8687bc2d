"""One Chinese script for comparing: 林强 and 林強, 雷军 and 雷軍 are the same name.

HKEX issuers print Traditional Chinese, mainland issuers and users often type Simplified. Every
comparison of Chinese text (the search index and query, person keys, name matching) goes through
`fold`, which maps each CJK character to its Simplified form with OpenCC's Traditional-to-
Simplified tables (many-to-one, so folding is the natural equivalence). It maps one character to
one character, so offsets into folded text are offsets into the printed text too (snippets mark
the printed characters). The text users see is always the text as printed.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


class _Table(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _converter("t2s").convert(char) if _CJK.match(char) else char
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_TABLE = _Table()


def fold(text: str) -> str:
    """`text` with every CJK character in its Simplified form; same length, other text kept."""
    if not text or not _CJK.search(text):
        return text
    return text.translate(_TABLE)


def script_variants(text: str) -> set[str]:
    """The ways `text` may be stored as printed: as typed, Simplified, and Traditional as Hong
    Kong, Taiwan and generic OpenCC write it (for exact comparisons with printed names)."""
    if not _CJK.search(text or ""):
        return {text}
    simplified = fold(text)
    return {text, simplified} | {_converter(c).convert(simplified) for c in ("s2hk", "s2tw", "s2t")}
