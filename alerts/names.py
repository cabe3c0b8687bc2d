"""Person-name matching that knows how Hong Kong filings write a person's name.

The same director appears as "LEI Jun", "Mr. Jun LEI", "Lei Jun", "雷軍" or "Tat Joel, CHANG";
a different director who shares a surname ("LEI Ming", "CHAN Tai Ming" against "CHAN Tai Man")
must not match. Rather than one fuzzy ratio over the whole string (which scores "CHAN Tai Man"
and "CHAN Tai Ming" at 90+), a name is parsed into a surname, a Chinese given name (romanised
syllables, joined: "Hong Jiang" = "HongJiang" = "Hong-jiang") and English names ("George"), and
the parts are compared with rules that follow the conventions:

- the surname is the part written in capitals; when nothing is in capitals both orders
  (surname first, surname last) are tried;
- the Chinese given names must be equal, syllable for syllable: "Tai Man" is never "Tai Ming";
- an English name present on one side only costs a little ("LU Guangming" is "Guangming George
  LU"); different English names on both sides veto the match;
- a name with no Chinese given name on one side may match on surname + English name alone, at
  a lower score; English names tolerate a typo (rapidfuzz ratio >= 87, five letters or more);
- a few common surname romanisation variants (LEE/LI, CHAN/CHEN, ...) match at a lower score;
- Chinese names match exactly (after dropping titles like 先生/女士); a Chinese name written on
  both sides that differs vetoes the match.

`name_score` returns the best score over the subscription's names and the name that gave it,
so an alert can say why it fired. A score >= `MATCH_THRESHOLD` is a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

import store

MATCH_THRESHOLD = 85.0

#: Score of each way a match can be made (100 = the same name, written the same way).
SCORE_EXACT = 100.0
SCORE_ENGLISH_NAME_ON_ONE_SIDE = 95.0
SCORE_ENGLISH_SUBSET = 92.0
SCORE_SURNAME_AND_ENGLISH_ONLY = 88.0
SURNAME_VARIANT_PENALTY = 6.0
ENGLISH_FUZZY_MIN = 87.0

_TITLES = {
    "mr", "mister", "ms", "mrs", "miss", "madam", "madame", "dr", "doctor", "prof",
    "professor", "sir", "dame", "lady", "lord", "ir", "rev", "honourable", "honorable", "the",
}  # fmt: skip
#: Post-nominal honours and qualifications seen after HK names ("LEI Jun, JP").
_POST_NOMINALS = {
    "sbs", "jp", "bbs", "mh", "gbs", "gbm", "obe", "mbe", "cbe", "phd", "esq", "fcpa",
    "fca", "cpa", "acca", "fcca", "cfa", "llb", "mba", "jr", "sr",
}  # fmt: skip
_CJK_TITLES = ("先生", "女士", "小姐", "太太", "夫人", "博士", "教授", "醫生", "医生", "律師")

#: Groups of romanisations of one surname; a match across a group scores a little lower.
_SURNAME_VARIANTS = [
    {"lee", "li"}, {"chan", "chen"}, {"wong", "wang", "huang"}, {"cheung", "chang", "zhang"},
    {"lau", "liu"}, {"ng", "wu"}, {"ho", "he"}, {"chow", "zhou", "chau"}, {"yeung", "yang"},
    {"lam", "lin"}, {"kwok", "guo"}, {"leung", "liang"}, {"tsang", "zeng"}, {"hsu", "xu"},
    {"tse", "xie"}, {"chiu", "zhao"}, {"choi", "cai", "tsoi"}, {"szeto", "situ"},
    {"yip", "ye"}, {"lo", "luo", "law"}, {"koo", "gu", "ku"}, {"tam", "tan"},
    {"au", "ou"}, {"auyeung", "ouyang"}, {"tsui", "xu", "hsu"}, {"fung", "feng"},
]  # fmt: skip
_VARIANT_OF: dict[str, set[str]] = {}
for _group in _SURNAME_VARIANTS:
    for _name in _group:
        _VARIANT_OF.setdefault(_name, set()).update(_group)

#: English given names that happen to spell like romanised Chinese syllables ("Alan" = a+lan).
_ENGLISH_LOOKALIKES = {
    "alan", "allan", "anna", "anson", "ben", "ian", "jan", "jason", "jean", "jim", "joan",
    "joe", "kate", "ken", "kim", "leo", "lena", "lisa", "luke", "may", "mike", "nina", "rosa",
    "sam", "sean", "simon", "tina", "tom", "jane", "jo", "adam", "dan", "don", "hana",
    "hanna", "helen", "jose", "noah", "sue", "gina", "lee", "ray", "rene", "dean", "ada", "tim",
}  # fmt: skip

#: One romanised syllable, Cantonese or Mandarin ("Tat", "Kwok", "Keung", "Jun"), for a word
#: written on its own or one piece of a hyphenated/camel-case name ("Hong-jiang", "HongJiang").
_SYLLABLE = re.compile(
    r"(?:tsz|zh|ch|sh|ts|sz|kw|gw|ng|hs|[bpmfdtnlgkhjqxrzcswy])?[aeiouü]{1,3}(?:ng|n|m|p|t|k|h)?"
    r"|tsz|sze|sz|ng|m"
)
#: One Mandarin pinyin syllable, to split a joined given name ("Guangming" = guang + ming).
#: Stricter than `_SYLLABLE`: with Cantonese codas, "Jonathan" would split into jo+nat+han.
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcswy])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu"
    r"|ua|uo|ui|ue|a|o|e|i|u|v|ü)"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PAREN = re.compile(r"[(（][^)）]*[)）]")


@dataclass(frozen=True)
class ParsedName:
    """One reading of a romanised name: surname, Chinese given name (joined), English names."""

    surname: str
    chinese_given: str
    english: frozenset[str]


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def name_score(subscription_names: Sequence[str], written_name: str) -> tuple[float, str | None]:
    """The best score of `written_name` against any of a subscription's names, and that name.

    `subscription_names` holds the name, its aliases and the Chinese name, in any mix. Returns
    `(0.0, None)` when nothing matches at all; compare the score with `MATCH_THRESHOLD`.
    """
    best: tuple[float, str | None] = (0.0, None)
    written_cjk = chinese_part(written_name)
    own_cjk = [chinese_part(n) for n in subscription_names if is_chinese(n)]
    if written_cjk and own_cjk:
        if written_cjk in own_cjk:
            alias = next(n for n in subscription_names if chinese_part(n) == written_cjk)
            return SCORE_EXACT, alias
        return best  # a different Chinese name written beside the person: a different person
    for alias in subscription_names:
        if is_chinese(alias) and not _latin_part(alias).strip():
            continue
        score = romanised_score(alias, written_name)
        if score > best[0]:
            best = (score, alias)
    return best


def is_match(subscription_names: Sequence[str], written_name: str) -> bool:
    return name_score(subscription_names, written_name)[0] >= MATCH_THRESHOLD


def match_keys(name: str) -> set[str]:
    """Surnames (with their romanisation variants) and the Chinese name a name could match on.

    Two names whose keys are disjoint can never match, so a matcher can skip scoring them.
    """
    keys: set[str] = set()
    cjk = chinese_part(name)
    if cjk:
        keys.add(cjk)
    for parsed in parse_name(name):
        keys.add(parsed.surname)
        keys.update(_VARIANT_OF.get(parsed.surname, ()))
    return keys


def chinese_part(name: str) -> str:
    """The Chinese characters of a name, without titles, in one script: "雷軍先生" -> "雷军"."""
    cjk = store.fold("".join(_CJK.findall(name)))  # 雷军 = 雷軍
    for title in map(store.fold, _CJK_TITLES):
        if cjk.endswith(title) and len(cjk) > len(title) + 1:
            cjk = cjk[: -len(title)]
    return cjk


def romanised_score(a: str, b: str) -> float:
    """Score two romanised names, trying every reading of each (surname first or last)."""
    best = 0.0
    for pa in parse_name(a):
        for pb in parse_name(b):
            best = max(best, _score_parsed(pa, pb))
    return best


@lru_cache(maxsize=65536)
def parse_name(name: str) -> tuple[ParsedName, ...]:
    """Every plausible reading of a romanised name; several when capitals don't say the surname.

    "Tat Joel, CHANG" -> (chang, "tat", {joel}); "Lei Jun" -> (lei, "jun") and (jun, "lei").
    """
    parts = [_tokens(p) for p in _latin_part(name).split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return ()
    readings: list[tuple[list[str], list[str]]] = []  # (surname tokens, given tokens)
    tokens = [t for p in parts for t in p]
    runs = _caps_runs(tokens)
    if runs and len(runs[0][1]) < len(tokens):
        # capitals say which is the surname: "Tat Joel, CHANG", "LU Guangming, George"
        for start, run in runs:
            readings.append((run, tokens[:start] + tokens[start + len(run) :]))
    elif len(parts) >= 2:  # "Chang, Tat Joel" is usually surname first; try both
        first, rest = parts[0], [t for p in parts[1:] for t in p]
        readings += [(first, rest), (rest, first)]
    elif len(tokens) >= 2:
        readings += [(tokens[:1], tokens[1:]), (tokens[-1:], tokens[:-1])]
    else:
        readings.append((tokens, []))
    seen: dict[ParsedName, None] = {}
    for surname, given in readings:
        parsed = _build(surname, given)
        if parsed.surname:
            seen[parsed] = None
    return tuple(seen)


def _latin_part(name: str) -> str:
    text = _PAREN.sub(" ", name)
    text = _CJK.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _tokens(part: str) -> list[str]:
    """Words of one comma-separated part, titles and honours removed, hyphens joined."""
    part = part.replace("’", "").replace("'", "")
    part = re.sub(r"\s*-\s*", "-", part)
    raw = re.findall(r"[A-Za-z.\-]+", part)
    while raw and (raw[0].lower().rstrip(".") in _TITLES or raw[0].lower() == "hon."):
        raw = raw[1:]  # "Hon." only with its dot: "Hon" is also a given-name syllable
    words = [w.replace(".", "").strip("-") for w in raw]
    return [w for w in words if w and w.lower() not in _POST_NOMINALS]


def _caps_runs(tokens: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of consecutive all-capital words (the surname, possibly double: "AU YEUNG")."""
    runs: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(tokens):
        if tokens[i].isupper() and len(tokens[i]) > 1:
            j = i
            while j < len(tokens) and tokens[j].isupper() and len(tokens[j]) > 1:
                j += 1
            runs.append((i, tokens[i:j]))
            i = j
        else:
            i += 1
    return runs


def _build(surname: list[str], given: list[str]) -> ParsedName:
    chinese: list[str] = []
    english: set[str] = set()
    for word in given:
        if len(word) == 1:
            continue  # an initial says too little to match on
        lower = word.lower().replace("-", "")
        if _is_chinese_given(word):
            chinese.append(lower)
        else:
            english.add(lower)
    surname_key = "".join(surname).lower().replace("-", "")
    return ParsedName(surname_key, "".join(chinese), frozenset(english))


def _is_chinese_given(word: str) -> bool:
    """Whether a given-name word is romanised Chinese rather than an English name.

    "Tat", "Hong-jiang", "HongJiang" and "Guangming" are; "Joel", "George" and "Jonathan" are not.
    """
    pieces = [p for p in re.split(r"-|(?<=[a-z])(?=[A-Z])", word) if p]
    return all(_is_chinese_piece(p.lower()) for p in pieces)


@lru_cache(maxsize=16384)
def _is_chinese_piece(piece: str) -> bool:
    if piece in _ENGLISH_LOOKALIKES:
        return False
    return bool(_SYLLABLE.fullmatch(piece)) or _splits_into_pinyin(piece)


def _splits_into_pinyin(word: str) -> bool:
    if not word:
        return True
    for end in range(len(word), 0, -1):
        if _PINYIN.fullmatch(word[:end]) and _splits_into_pinyin(word[end:]):
            return True
    return False


def _score_parsed(a: ParsedName, b: ParsedName) -> float:
    if a.surname == b.surname:
        penalty = 0.0
    elif b.surname in _VARIANT_OF.get(a.surname, ()):
        penalty = SURNAME_VARIANT_PENALTY
    else:
        return 0.0
    score = _score_given(a, b)
    return max(score - penalty, 0.0) if score else 0.0


def _score_given(a: ParsedName, b: ParsedName) -> float:
    if a.chinese_given and b.chinese_given:
        if a.chinese_given != b.chinese_given:
            return 0.0
        if a.english and b.english:
            if not _english_overlap(a.english, b.english):
                return 0.0  # "Guangming George LU" vs "Guangming Peter LU"
            return SCORE_EXACT if a.english == b.english else SCORE_ENGLISH_NAME_ON_ONE_SIDE
        if a.english or b.english:
            return SCORE_ENGLISH_NAME_ON_ONE_SIDE
        return SCORE_EXACT
    if a.chinese_given or b.chinese_given:
        # only one side gives the Chinese name: surname + a shared English name ("George LU")
        if a.english and b.english and _english_overlap(a.english, b.english):
            return SCORE_SURNAME_AND_ENGLISH_ONLY
        return 0.0
    if not (a.english and b.english):
        return 0.0  # a bare surname is never enough
    small, large = sorted((a.english, b.english), key=len)
    if not all(_english_overlap({w}, large) for w in small):
        return 0.0  # "Thomas John SMITH" vs "Thomas Peter SMITH"
    return SCORE_EXACT if a.english == b.english else SCORE_ENGLISH_SUBSET


def _english_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of English names share one, allowing a typo in longer names."""
    b = list(b)
    for x in a:
        for y in b:
            if x == y:
                return True
            if min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= ENGLISH_FUZZY_MIN:
                return True
    return False
