"""One person-name key: recompute person keys, split people the old key merged (issue 17).

The key before this revision dropped "hon" as a title and split names into sorted words, so
"WONG Hon-Kit" and "Mr. WONG Kit" were both "kit wong": one Person for two people. From this
revision the key keeps the Chinese given name whole ("honkit wong"; store/names.py). Here every
person's key is recomputed from its display name and every mention's and connected person's
from the name as written: a mention whose name keys differently moves to the Person of that
key (created when new), and persons whose new keys meet are merged into the older one. A
filing that wrote both people with the same role kept one mention under the old key;
`filingwatch reprocess` restores the other.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import opencc
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Frozen copy of store.script.fold and store.names.name_key at this revision.
_T2S = opencc.OpenCC("t2s")
_FOLDED: dict[int, str] = {}


def fold(text: str) -> str:
    for char in set(_CJK.findall(text)):
        if ord(char) not in _FOLDED:
            folded = _T2S.convert(char)
            _FOLDED[ord(char)] = folded if len(folded) == 1 else char
    return text.translate(_FOLDED)


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


class ParsedName(NamedTuple):  # a dataclass needs its module imported; alembic's is not
    """One reading of a romanised name: surname, Chinese given name (joined), English names,
    and initials (kept apart: an initial tells people apart but says too little to match on)."""

    surname: str
    chinese_given: str
    english: frozenset[str]
    initials: frozenset[str] = frozenset()

    def key(self) -> str:
        words = [self.surname, self.chinese_given, *self.english, *self.initials]
        return " ".join(sorted(w for w in words if w))


def name_key(name: str) -> str:
    """The one key of a person's name; "" when nothing is left (see the module docstring)."""
    reading = key_reading(name)
    if reading is not None:
        return reading.key()
    return chinese_part(name)


def chinese_part(name: str) -> str:
    """The Chinese characters of a name, without titles, in one script: "雷軍先生" -> "雷军"."""
    cjk = fold("".join(_CJK.findall(name)))  # 雷军 = 雷軍
    for title in map(fold, CJK_TITLES):
        if cjk.endswith(title) and len(cjk) > len(title) + 1:
            cjk = cjk[: -len(title)]
    return cjk


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


# The migration itself.


def upgrade() -> None:
    bind = op.get_bind()
    people = bind.execute(
        sa.text("SELECT id, name_key, display_name, chinese_name FROM person ORDER BY id")
    ).fetchall()
    if not people:
        return
    # Each person's new key; persons whose new keys meet merge into the oldest.
    owner: dict[str, int] = {}
    merged: dict[int, int] = {}  # dropped person -> the one kept
    final_key: dict[int, str] = {}
    for id_, old_key, display, _chinese in people:
        key = name_key(display or "") or old_key
        if key in owner:
            merged[id_] = owner[key]
        else:
            owner[key] = id_
            final_key[id_] = key
    chinese_of = {id_: chinese for id_, _k, _d, chinese in people}
    for dropped, kept in merged.items():
        if chinese_of.get(kept) is None and chinese_of.get(dropped):
            chinese_of[kept] = chinese_of[dropped]
    # Park every key that changes, so the unique index never sees two persons with one key.
    for id_, old_key, _d, _c in people:
        if final_key.get(id_) != old_key:
            bind.execute(
                sa.text("UPDATE person SET name_key = :k WHERE id = :i"),
                {"k": f"#0011#{id_}", "i": id_},
            )
    created = 0

    def person_for(name: str, current: int) -> int:
        """The person a name written as `name` belongs to, created when new."""
        nonlocal created
        key = name_key(name)
        current = merged.get(current, current)
        if not key or final_key.get(current) == key:
            return current
        if key not in owner:
            chinese = (
                name.strip() if _CJK.search(name) and not re.search("[A-Za-z]", name) else None
            )
            new_id = bind.execute(
                sa.text(
                    "INSERT INTO person (name_key, display_name, chinese_name)"
                    " VALUES (:k, :d, :c) RETURNING id"
                ),
                {"k": f"#0011#new{created}", "d": name.strip()[:300], "c": chinese},
            ).scalar_one()
            created += 1
            owner[key] = new_id
            final_key[new_id] = key
        return owner[key]

    mentions = bind.execute(
        sa.text(
            "SELECT id, person_id, announcement_id, role, name_as_written FROM personmention"
            " ORDER BY id"
        )
    ).fetchall()
    taken: set[tuple[int, int, str]] = set()
    moves: list[tuple[int, int, int, str]] = []
    drops: list[int] = []
    for id_, person_id, announcement_id, role, written in mentions:
        target = person_for(written or "", person_id)
        slot = (target, announcement_id, str(role))
        if slot in taken:
            drops.append(id_)  # the same person, role and filing twice: keep the first
            continue
        taken.add(slot)
        if target != person_id:
            moves.append((id_, target, announcement_id, str(role)))
    if drops:
        bind.execute(sa.text("DELETE FROM personmention WHERE id = :i"), [{"i": i} for i in drops])
    _move_mentions(bind, moves)
    connected = bind.execute(
        sa.text("SELECT id, person_id, name FROM connectedperson WHERE person_id IS NOT NULL")
    ).fetchall()
    for id_, person_id, name in connected:
        target = person_for(name or "", person_id)
        if target != person_id:
            bind.execute(
                sa.text("UPDATE connectedperson SET person_id = :p WHERE id = :i"),
                {"p": target, "i": id_},
            )
    for dropped in merged:
        bind.execute(sa.text("DELETE FROM person WHERE id = :i"), {"i": dropped})
    old_keys = {id_: key for id_, key, _d, _c in people}
    for id_, key in final_key.items():
        if old_keys.get(id_) != key:
            bind.execute(
                sa.text("UPDATE person SET name_key = :k WHERE id = :i"), {"k": key, "i": id_}
            )
    for kept in set(merged.values()):
        bind.execute(
            sa.text("UPDATE person SET chinese_name = :c WHERE id = :i"),
            {"c": chinese_of.get(kept), "i": kept},
        )


def _move_mentions(bind: sa.Connection, moves: list[tuple[int, int, int, str]]) -> None:
    """Move mentions to their persons through parking persons, so the unique (person, filing,
    role) index never sees two at once while persons swap mentions."""
    if not moves:
        return
    depth: dict[tuple[int, str], int] = {}
    parked: list[tuple[int, int]] = []
    for id_, _target, announcement_id, role in moves:
        slot = (announcement_id, role)
        parked.append((id_, depth.get(slot, 0)))
        depth[slot] = depth.get(slot, 0) + 1
    parking = [
        bind.execute(
            sa.text("INSERT INTO person (name_key, display_name) VALUES (:k, '') RETURNING id"),
            {"k": f"#0011#parking{n}"},
        ).scalar_one()
        for n in range(max(depth.values()))
    ]
    for id_, n in parked:
        bind.execute(
            sa.text("UPDATE personmention SET person_id = :p WHERE id = :i"),
            {"p": parking[n], "i": id_},
        )
    for id_, target, _a, _r in moves:
        bind.execute(
            sa.text("UPDATE personmention SET person_id = :p WHERE id = :i"),
            {"p": target, "i": id_},
        )
    for person in parking:
        bind.execute(sa.text("DELETE FROM person WHERE id = :i"), {"i": person})


def downgrade() -> None:
    """The new keys are kept: the old key would merge the split people again."""
