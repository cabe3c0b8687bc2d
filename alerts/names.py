"""Person-name matching that knows how Hong Kong filings write a person's name.

The same director appears as "LEI Jun", "Mr. Jun LEI", "Lei Jun", "雷軍" or "Tat Joel, CHANG";
a different director who shares a surname ("LEI Ming", "CHAN Tai Ming" against "CHAN Tai Man")
must not match. Rather than one fuzzy ratio over the whole string (which scores "CHAN Tai Man"
and "CHAN Tai Ming" at 90+), a name is parsed by the store's one name parser
(`store.parse_name`, store/names.py: a surname, a Chinese given name of joined syllables,
"Hong Jiang" = "HongJiang" = "Hong-jiang", and English names such as "George"), and the parts
are compared here with rules that follow the conventions:

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

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from store import ParsedName, chinese_part, parse_name

MATCH_THRESHOLD = 85.0

#: Score of each way a match can be made (100 = the same name, written the same way).
SCORE_EXACT = 100.0
SCORE_ENGLISH_NAME_ON_ONE_SIDE = 95.0
SCORE_ENGLISH_SUBSET = 92.0
SCORE_SURNAME_AND_ENGLISH_ONLY = 88.0
SURNAME_VARIANT_PENALTY = 6.0
ENGLISH_FUZZY_MIN = 87.0

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


def is_chinese(text: str) -> bool:
    return bool(chinese_part(text))


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
        score = romanised_score(alias, written_name)  # 0 for a name in Chinese only
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


def romanised_score(a: str, b: str) -> float:
    """Score two romanised names, trying every reading of each (surname first or last)."""
    best = 0.0
    for pa in parse_name(a):
        for pb in parse_name(b):
            best = max(best, _score_parsed(pa, pb))
    return best


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
