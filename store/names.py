"""Person names as Hong Kong filings write them: one parser, and one key for one person.

The same director appears as "WONG Hon-Kit", "WONG Hon Kit", "Hon-Kit WONG", "Mr. Wong Hon Kit"
or "Tat Joel, CHANG"; "Mr. WONG Kit" is somebody else. A name is parsed into a surname, a
Chinese given name (romanised syllables, joined: "Hon Kit" = "Hon-Kit" = "HonKit") and English
names ("Joel"), following the conventions:

- the surname is the word (or run of words: "AU YEUNG") written in capitals; when nothing is
  in capitals, a common surname at one end says which end (`SURNAMES`), else the first word;
- titles lead ("Mr.", "Dr.", "The Hon."; "Hon" alone is a given-name syllable) and honours
  follow ("JP", "GBM"); both are dropped, and so are parentheticals ("(Chairman)");
- Chinese characters are compared in one script (store/script.py), without 先生/女士.

`name_key` is the key the store files people under (Person.name_key), extract compares names
with (extract.names.person_key) and alerts narrows its matching with: the surname, the joined
Chinese given name and each English name or initial, sorted (so "Jun LEI" = "LEI Jun" =
"jun lei"); a name without Latin letters keys as its folded Chinese characters. `parse_name`
gives every plausible reading (both orders when capitals don't tell), for alerts' scoring.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from store.script import fold

TITLES = frozenset(
    "mr mister mrs ms miss mdm madam madame dr doctor prof professor sir dame lady lord ir rev"
    " honourable honorable the messrs dato datuk datin".split()
)
#: Post-nominal honours and qualifications seen after HK names ("LEI Jun, JP").
POST_NOMINALS = frozenset(
    "sbs jp bbs mh gbs gbm obe mbe cbe kbe phd esq fcpa fca cpa acca fcca cfa llb mba jr sr"
    " qc sc".split()
)
CJK_TITLES = ("先生", "女士", "小姐", "太太", "夫人", "博士", "教授", "醫生", "医生", "律師")

#: Surnames that are rarely a given-name syllable: at the start or end of a name written
#: without capitals, they say where the surname is ("Hon Kit Wong", "Wong Hon Kit").
COMMON_SURNAMES = frozenset(
    "chan wong cheung lau leung lee li tsang tse chow chau yeung ng lam kwok kwong tam tang lai"
    " lo law poon pang mak yip szeto au auyeung choi tsoi cheng chu chiu hui hsu xu wang zhang"
    " liu chen yang huang zhao zhou wu zhu guo lin gao luo zheng liang xie deng cao peng zeng"
    " xiao tian pan cai jiang du ye su ding ren shen yao cui zhong tan fan jin liao jia xia fu"
    " bai zou meng xiong qin qiu xue duan hou mao hao gong shao qian dai mo xiang siu shek"
    " suen sze tsui tung yau yim yung cheuk chiang chong fok hau ip koo ku lui lum mok mui"
    " ngai shiu shum sit sung woo yam lei".split()
)
#: Surnames that are also common given-name syllables ("Ka Ho", "Tai Man"): weaker evidence.
SURNAMES_ALSO_GIVEN = frozenset(
    "ho man kwan hung yu ko kam tai wai ching chung ling yan yuen hon sin to tong fong kan sun"
    " wan ma so lok kong song han feng dong yuan wei lu shi long tao wan yin ho he".split()
)
#: Two-word surnames written without capitals or hyphen ("Au Yeung Kwok Wai").
COMPOUND_SURNAMES = frozenset({("au", "yeung"), ("ou", "yang"), ("sze", "to"), ("si", "tu")})

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
#: "v" (ü) only after l or n ("lv", "nv"): else "Kevin" would split into ke+v+in.
_PINYIN = re.compile(
    r"[ln][vü]e?|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcswy])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu"
    r"|ua|uo|ui|ue|a|o|e|i|u)"
)
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_PAREN = re.compile(r"[(（][^)）]*[)）]")


@dataclass(frozen=True)
class ParsedName:
    """One reading of a romanised name: surname, Chinese given name (joined), English names,
    and initials (kept apart: an initial tells people apart but says too little to match on)."""

    surname: str
    chinese_given: str
    english: frozenset[str]
    initials: frozenset[str] = field(default=frozenset())

    def key(self) -> str:
        words = [self.surname, self.chinese_given, *self.english, *self.initials]
        return " ".join(sorted(w for w in words if w))


def name_key(name: str) -> str:
    """The one key of a person's name; "" when nothing is left (see the module docstring)."""
    reading = key_reading(name)
    if reading is not None:
        return reading.key()
    return chinese_part(name)


def search_keys(text: str) -> list[str]:
    """Keys a person filter's words may be part of: the name's key and, for two words or
    more, the words read as one given name ("Kar Wai" is part of "karwai wong")."""
    keys = [name_key(text)]
    tokens = [t for p in _parts(text) for t in p]
    if len(tokens) >= 2:
        keys.append(_build([], tokens).key())
    return [k for k in dict.fromkeys(keys) if k]


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def chinese_part(name: str) -> str:
    """The Chinese characters of a name, without titles, in one script: "雷軍先生" -> "雷军"."""
    cjk = fold("".join(_CJK.findall(name)))  # 雷军 = 雷軍
    for title in map(fold, CJK_TITLES):
        if cjk.endswith(title) and len(cjk) > len(title) + 1:
            cjk = cjk[: -len(title)]
    return cjk


@lru_cache(maxsize=65536)
def parse_name(name: str) -> tuple[ParsedName, ...]:
    """Every plausible reading of a romanised name; several when capitals don't say the surname.

    "Tat Joel, CHANG" -> (chang, "tat", {joel}); "Lei Jun" -> (lei, "jun") and (jun, "lei").
    """
    parts = _parts(name)
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


@lru_cache(maxsize=65536)
def key_reading(name: str) -> ParsedName | None:
    """The one reading a key is made of; None when the name has no Latin letters left.

    Capitals decide first; then one word before a comma ("Chang, Tat Joel"); then a common
    surname at the start, the end or after English names ("Peter Wong Hon Kit"); else the
    first word, as HK filings mostly write Chinese names surname first.
    """
    parts = _parts(name)
    tokens = [t for p in parts for t in p]
    if not tokens:
        return None
    runs = _caps_runs(tokens)
    if runs and len(runs[0][1]) < len(tokens):
        start, run = runs[0]
        return _build(run, tokens[:start] + tokens[start + len(run) :])
    if len(parts) >= 2 and len(parts[0]) == 1:
        return _build(parts[0], [t for p in parts[1:] for t in p])  # "Chang, Tat Joel"
    lower = [t.lower() for t in tokens]
    if len(tokens) >= 3 and tuple(lower[:2]) in COMPOUND_SURNAMES:
        return _build(tokens[:2], tokens[2:])
    at = _surname_position(lower)
    return _build(tokens[at : at + 1], tokens[:at] + tokens[at + 1 :])


def _surname_position(words: list[str]) -> int:
    """Where the surname is in a name written without capitals (see `key_reading`)."""
    if len(words) < 3:
        return 0  # two words key the same either way
    first, last = _surname_weight(words[0]), _surname_weight(words[-1])
    if last > first:
        return len(words) - 1
    if first == 0:
        for i, word in enumerate(words[1:-1], start=1):
            if _surname_weight(word) == 2 and not any(map(_is_chinese_given, words[:i])):
                return i  # "Peter Wong Hon Kit"
    return 0


def _surname_weight(word: str) -> int:
    word = word.replace("-", "")
    return 2 if word in COMMON_SURNAMES else 1 if word in SURNAMES_ALSO_GIVEN else 0


def _parts(name: str) -> list[list[str]]:
    """The words of each comma-separated part, without titles, honours or parentheticals."""
    parts = [_tokens(p) for p in _latin_part(name).split(",")]
    return [p for p in parts if p]


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
    after_the = False
    while raw and (
        raw[0].lower().rstrip(".") in TITLES
        or raw[0].lower() == "hon."
        or (after_the and raw[0].lower() == "hon")
    ):
        # "Hon." only with its dot, or after "The": "Hon" is also a given-name syllable
        after_the = raw[0].lower() == "the"
        raw = raw[1:]
    words = [w.replace(".", "").strip("-") for w in raw]
    return [w for w in words if w and w.lower() not in POST_NOMINALS]


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
    initials: set[str] = set()
    for word in given:
        lower = word.lower().replace("-", "")
        if len(word) == 1:
            initials.add(lower)
        elif _is_chinese_given(word):
            chinese.append(lower)
        else:
            english.add(lower)
    surname_key = "".join(surname).lower().replace("-", "")
    return ParsedName(surname_key, "".join(chinese), frozenset(english), frozenset(initials))


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


_WORD = re.compile(r"[^\W_]+")
_WORDS_KEY_DROPPED = frozenset(
    "mr mrs ms miss mdm madam dr prof professor sir dame hon honourable the"
    " jp sbs bbs mh gbs gbm obe mbe cbe kbe phd".split()
)


def words_key(name: str) -> str:
    """An order-free key of a company's name (Party.name_key): its words sorted, lower case.

    Not for people: it cannot tell a joined given name from two given names.
    """
    text = fold(unicodedata.normalize("NFKC", name or "").casefold())
    return " ".join(sorted(t for t in _WORD.findall(text) if t not in _WORDS_KEY_DROPPED))
