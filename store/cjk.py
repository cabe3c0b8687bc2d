"""Chinese, Japanese and Korean text: spotted here so both search backends can find substrings.

FTS5's unicode61 tokenizer and PostgreSQL's parser keep a run of CJK characters as one token,
so 雷軍 inside 雷軍先生 is not a token and cannot be found by word search. The store keeps the
CJK runs of each announcement in `announcement.cjk_text`, indexed by trigrams (FTS5 `trigram`,
PostgreSQL `pg_trgm`) and searched by substring.
"""

from __future__ import annotations

import re

from store.script import fold

CJK_CHARS = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0002ffff"  # CJK extensions B-F
)
_CJK = re.compile(f"[{CJK_CHARS}]")
_WORD = re.compile(r"[^\W_]+")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def cjk_runs(*texts: str | None) -> str:
    """The letter/digit runs holding a CJK character, one per line, in one script (store.script:
    林強 is indexed as 林强, and the query is folded the same way): what trigram search indexes."""
    runs = (
        fold(word)
        for text in texts
        if text and _CJK.search(text)  # most English text has none: skip the word split
        for word in _WORD.findall(text)
        if _CJK.search(word)
    )
    return "\n".join(runs)


def cjk_bigrams(runs: str) -> str:
    """Overlapping two-character tokens of each run, plus its last character alone.

    "雷軍先生" -> "雷軍 軍先 先生 生": a word index over these finds any 2-character substring
    as one token and any single character as a prefix, which trigram indexes cannot.
    """
    tokens: list[str] = []
    for run in runs.split():
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)
