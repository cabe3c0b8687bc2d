"""Personal names as printed before an honorific: 雷軍先生, 張宏江博士, Frank SIXT先生.

HKEX Chinese text writes every director with an honorific, and the honorific is the one reliable
end marker of a name in unsegmented text. We scan back from it over at most four Han characters
(compound surnames: 歐陽, 司徒) and stop at punctuation and at the few characters that close the
words that precede names (董事, 主席, 為, 及, 包括).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.patterns import strings


def _cut(candidate: str) -> str:
    """Drop a word that precedes names (股東, 董事, 主席 …) and keep a 4-character name only
    with a compound surname (歐陽, 司徒 …) — otherwise its first character belongs before it."""
    for word in strings("name_context", language="zh", kind="word_before"):
        i = candidate.rfind(word)
        if i >= 0 and len(candidate) - (i + len(word)) >= 2:
            candidate = candidate[i + len(word) :]
    surnames = set(strings("name_context", language="zh", kind="surname"))
    compound = any(
        candidate.startswith(s)
        for s in strings("name_context", language="zh", kind="compound_surname")
    )
    married = (
        candidate[0] in surnames and candidate[1] in surnames
    )  # 蕭林美娟: husband's name first
    if len(candidate) == 4 and not (compound or married):
        candidate = candidate[1:]
    return candidate


_STOP = set('、，,；;：:。.\n\t \f()（）「」『』"“”及與為由即之的兼任或對向於除')
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def honorific_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in strings("honorifics", language="zh")))


def name_before(norm: str, end: int, printed: str) -> tuple[int, str] | None:
    """The name ending at `end` (where an honorific starts): (start, name as printed)."""
    i = end
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    stop = i
    if i > 0 and re.match(r"[A-Za-z.]", norm[i - 1]):
        j = i
        while j > 0 and re.match(r"[A-Za-z.'\- ]", norm[j - 1]):
            j -= 1
        name = printed[j:stop].strip(" ,.")
        if len(name) >= 2:
            return j + (len(printed[j:stop]) - len(printed[j:stop].lstrip(" ,."))), name
        return None
    j = i
    while j > 0 and i - j < 4 and _HAN.match(norm[j - 1]) and norm[j - 1] not in _STOP:
        j -= 1
    if i - j < 2:
        return None
    name = _cut(norm[j:i])
    j = i - len(name)
    return j, printed[j:stop]


def names_with_honorifics(
    norm: str, printed: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str]]:
    """(name start, honorific end, name) for every honorific-marked name in norm[start:end]."""
    end = len(norm) if end is None else end
    out = []
    for m in honorific_re().finditer(norm, start, end):
        # 太平紳士 follows a name and an honorific ("李先生，太平紳士"): never a name of its own
        if m.group(0) == "太平紳士":
            continue
        found = name_before(norm, m.start(), printed)
        if found and found[0] >= start:
            out.append((found[0], m.end(), found[1]))
    return out
