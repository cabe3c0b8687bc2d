"""Pair the English and Chinese editions of one HKEX filing, and link names across them.

HKEXnews lists the two editions as separate rows: different news ids (the Chinese one usually the
English one + 1), a `_c` file, the same stock codes, the same release minute, and the same
headline category written in each language. We pair on exactly those signals: stock codes must be
equal, release times within `WINDOW`, and headline categories equal once both are mapped to their
shared codes (`patterns/headline_categories.jsonl`). When one issuer releases two filings in the
same minute and category, adjacency of news ids decides, and facts both extractions agree on (cap
amounts, dates) break the tie; the assignment is one-to-one and greedy from the closest pair, so
two filings can never share an edition.

From a pair whose editions are both extracted, each English party is aligned with its Chinese
counterpart (the Chinese name the English edition prints in its definitions, else the position in
the list) and each director with the director at the same place in the same role of the board
paragraph (both editions list the board in one order). The Chinese names go on the English
Party and Person rows, and the Chinese-script person rows the Chinese filings created are merged
into the English person (so one person page lists every filing, in both scripts); each edition's
facts_text gets the other edition's names, so a search in either script finds both; and a
subscription with no Chinese name learns the one its person has been paired with, so it alerts on
filings that print only the Chinese name.

Every read and write goes through one `store.pairing(engine)` transaction (store/editions.py);
this module only decides what to pair and which names go where.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import store
from extract.patterns import load
from extract.zh.normalise import normalise
from store import Announcement, Person, Status

if TYPE_CHECKING:
    from store.editions import Pairing
    from store.engine import Engine

log = logging.getLogger(__name__)

WINDOW = dt.timedelta(minutes=5)
#: Key in a stored extraction naming the other edition it was linked with.
LINK_KEY = "linked_edition"
ROLES = ("executive", "non_executive", "independent_non_executive")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    """Headline category name (English or Chinese, normalised) -> its shared code."""
    out: dict[str, str] = {}
    for row in load("headline_categories", "zh"):
        out[_cat_key(row["en"])] = row["code"]
        out[_cat_key(row["zh"])] = row["code"]
    return out


def _cat_key(name: str) -> str:
    return re.sub(r"\s+", " ", normalise(name).strip().lower())


def category(t1: str | None, t2: list[str] | None) -> tuple[str | None, frozenset[str]]:
    """(tier-1, tier-2s) as codes where known; an unknown name stays as '?name'."""
    table = _categories()

    def code(name: str) -> str:
        name = name.strip()
        if name.isdigit():
            return name
        return table.get(_cat_key(name), "?" + _cat_key(name))

    return (code(t1) if t1 else None), frozenset(code(n) for n in t2 or [] if n.strip())


@dataclass
class Edition:
    """What pairing needs to know about one stored announcement."""

    id: int
    news_id: str
    language: str
    codes: frozenset[str]
    published_at: dt.datetime
    t1: str | None
    t2: frozenset[str]
    paired: str | None
    extraction: dict | None = None
    facts: frozenset = field(default_factory=frozenset)


def _facts(extraction: dict | None) -> frozenset:
    """Language-free facts two editions of one filing share: cap amounts and the date."""
    if not extraction:
        return frozenset()
    out = {
        ("cap", round(float(c["amount"]), 2), c.get("currency"))
        for c in extraction.get("annual_caps") or []
        if c.get("amount") is not None
    }
    if extraction.get("announcement_date"):
        out.add(("date", extraction["announcement_date"]))
    return frozenset(out)


def _edition(row: Announcement) -> Edition:
    t1, t2 = category(row.headline_t1, row.headline_t2)
    codes = frozenset(c for c in (row.stock_codes or [row.stock_code]) if c)
    return Edition(
        row.id,
        row.news_id,
        row.language,
        codes,
        row.published_at,
        t1,
        t2,
        row.paired_news_id,
        row.extraction,
        _facts(row.extraction),
    )


def compatible(en: Edition, zh: Edition) -> bool:
    """Could these be the two editions of one filing? (Never pairs across stocks or categories.)"""
    if en.language != "en" or zh.language != "zh" or en.codes != zh.codes:
        return False
    if abs(en.published_at - zh.published_at) > WINDOW:
        return False
    if en.t1 and zh.t1 and not (en.t1.startswith("?") or zh.t1.startswith("?")):
        if en.t1 != zh.t1:
            return False
    known_en = {c for c in en.t2 if not c.startswith("?")}
    known_zh = {c for c in zh.t2 if not c.startswith("?")}
    if len(known_en) == len(en.t2) and len(known_zh) == len(zh.t2):
        return en.t2 == zh.t2
    return not (known_en and known_zh) or bool(known_en & known_zh)


def cost(en: Edition, zh: Edition) -> tuple:
    """Smaller is likelier: release-time gap, news-id distance from EN+1, facts in conflict."""
    minutes = abs((en.published_at - zh.published_at).total_seconds()) / 60
    try:
        distance = abs(int(zh.news_id) - int(en.news_id) - 1)
    except ValueError:
        distance = 10**9
    conflict = 0
    if en.facts and zh.facts:
        conflict = len(en.facts ^ zh.facts)
    return (conflict, minutes, distance)


def match(editions: list[Edition]) -> list[tuple[Edition, Edition]]:
    """One-to-one pairs among unpaired editions, closest first."""
    english = [e for e in editions if e.language == "en" and not e.paired]
    chinese = [e for e in editions if e.language == "zh" and not e.paired]
    by_codes: dict[frozenset[str], list[Edition]] = {}
    for zh in chinese:
        by_codes.setdefault(zh.codes, []).append(zh)
    edges = [
        (cost(en, zh), en.id, zh.id, en, zh)
        for en in english
        for zh in by_codes.get(en.codes, [])
        if compatible(en, zh)
    ]
    taken: set[int] = set()
    pairs = []
    for _, _, _, en, zh in sorted(edges, key=lambda x: x[:3]):
        if en.id in taken or zh.id in taken:
            continue
        taken.update((en.id, zh.id))
        pairs.append((en, zh))
    return pairs


# -- aligning names ---------------------------------------------------------------------------


def align_parties(en_x: dict, zh_x: dict) -> list[tuple[dict, dict]]:
    """(English party, Chinese party) pairs: by the printed Chinese name, else by position."""
    en_parties = list(en_x.get("parties") or [])
    zh_parties = list(zh_x.get("parties") or [])
    pairs: list[tuple[dict, dict]] = []
    left_zh = list(zh_parties)
    left_en = []
    for p in en_parties:
        key = normalise(p.get("chinese_name") or "")
        hit = next(
            (
                z
                for z in left_zh
                if key
                and key
                in {normalise(z.get("full_name") or ""), normalise(z.get("chinese_name") or "")}
            ),
            None,
        )
        if hit is None and p.get("name") == "Company":
            hit = next((z for z in left_zh if normalise(z.get("name") or "") == "本公司"), None)
        if hit is None:
            left_en.append(p)
            continue
        left_zh.remove(hit)
        pairs.append((p, hit))
    if left_en and len(left_en) == len(left_zh):
        pairs += list(zip(left_en, left_zh, strict=True))
    return pairs


def align_people(en_x: dict, zh_x: dict) -> dict[str, str]:
    """English person name -> Chinese name, from the board paragraph by role and position, then
    abstentions and connected persons where their lists line up the same way."""
    names: dict[str, str] = {}
    en_d, zh_d = en_x.get("directors") or {}, zh_x.get("directors") or {}
    for role in ROLES:
        en_list, zh_list = en_d.get(role) or [], zh_d.get(role) or []
        if len(en_list) == len(zh_list):
            names.update(zip(en_list, zh_list, strict=True))
    for key in ("abstained_directors",):
        en_list, zh_list = en_x.get(key) or [], zh_x.get(key) or []
        if len(en_list) == len(zh_list):
            for e, z in zip(en_list, zh_list, strict=True):
                names.setdefault(e, z)
    party_names = {p.get("name") for p in en_x.get("parties") or []}
    en_cp = [c["name"] for c in en_x.get("connected_persons") or [] if c["name"] not in party_names]
    zh_party = {p.get("name") for p in zh_x.get("parties") or []}
    zh_cp = [c["name"] for c in zh_x.get("connected_persons") or [] if c["name"] not in zh_party]
    if len(en_cp) == len(zh_cp):
        for e, z in zip(en_cp, zh_cp, strict=True):
            names.setdefault(e, z)
    return {e: z for e, z in names.items() if _CJK.search(z) and not _CJK.search(e)}


def _new_names(present: str | None, names: list[str]) -> list[str]:
    """The names, each once, that the facts_text does not hold yet."""
    present = present or ""
    return [
        n for n in dict.fromkeys(n.strip() for n in names if n and n.strip()) if n not in present
    ]


def link(pairing: Pairing, en_row: Announcement, zh_row: Announcement) -> int:
    """Store what one extracted pair teaches: Chinese names on English parties and persons, each
    edition's names in the other's facts_text. Returns how many names were newly linked."""
    en_x, zh_x = en_row.extraction or {}, zh_row.extraction or {}
    count = 0
    parties = align_parties(en_x, zh_x)
    for en_p, zh_p in parties:
        chinese = zh_p.get("full_name") or zh_p.get("chinese_name")
        if not chinese or not _CJK.search(chinese):
            continue
        count += pairing.name_parties(en_row.id, en_p.get("name"), chinese)
    people = align_people(en_x, zh_x)
    done: set[int] = set()
    for name_as_written, person in pairing.mentioned_persons(en_row.id):
        chinese = people.get(name_as_written)
        if chinese is None or person.id in done:
            continue
        done.add(person.id)
        if not person.chinese_name:
            pairing.name_person(person, chinese)
            count += 1
        elif normalise(person.chinese_name) != normalise(chinese):
            log.info(
                "person %s already has Chinese name %s; pair %s/%s says %s",
                person.display_name,
                person.chinese_name,
                en_row.news_id,
                zh_row.news_id,
                chinese,
            )
    zh_names = [zh_x.get("company")]
    zh_names += [n for _, z in parties for n in (z.get("name"), z.get("full_name"))]
    zh_names += list(people.values())
    en_names = [en_x.get("company")]
    en_names += [n for e, _ in parties for n in (e.get("name"), e.get("full_name"))]
    en_names += list(people)
    for row, names, other in ((en_row, zh_names, zh_row), (zh_row, en_names, en_row)):
        pairing.cross_index(row, _new_names(row.facts_text, names), {LINK_KEY: other.news_id})
    return count


def _chinese_only(name: str) -> bool:
    return bool(_CJK.search(name)) and not re.search(r"[A-Za-z]", name)


def merge_chinese_persons(pairing: Pairing) -> int:
    """Point every mention of a Chinese-script person (雷軍, as a Chinese filing names him) at the
    English person a pair has linked to that Chinese name, and drop the Chinese-only row.

    Only when exactly one English person carries the name (compared script-free: 刘志伟 is
    劉志偉): a common Chinese name shared by two linked people stays apart. Runs over every
    person, so a filing published only in Chinese joins its person on the next run."""
    by_chinese: dict[str, list[Person]] = {}
    chinese_rows: list[Person] = []
    for person in pairing.persons():
        if _chinese_only(person.display_name):
            chinese_rows.append(person)
        elif person.chinese_name:
            by_chinese.setdefault(normalise(person.chinese_name), []).append(person)
    merged = 0
    for zh_person in chinese_rows:
        targets = by_chinese.get(normalise(zh_person.display_name)) or []
        if len(targets) != 1:
            continue
        pairing.merge_person(zh_person, into=targets[0])
        merged += 1
    pairing.flush()
    return merged


def learn_subscription_names(pairing: Pairing) -> int:
    """Give a subscription without a Chinese name the one its person has been paired with.

    Only when exactly one paired person answers to the subscription's name key, so a common
    romanised name never borrows a stranger's Chinese name."""
    learned = 0
    for sub in pairing.subscriptions_without_chinese_name():
        keys = {store.name_key(n) for n in [sub.name, *(sub.aliases or [])] if n}
        keys.discard("")
        if not keys:
            continue
        found = pairing.chinese_names_of(keys)
        chinese = {c for c in found if c and _CJK.search(c)}
        if len(chinese) == 1:
            pairing.name_subscription(sub, chinese.pop())
            learned += 1
    return learned


def linked(en_row: Announcement, zh_row: Announcement) -> bool:
    """Has this pair's linking been stored since both editions were last extracted?

    `link` marks each edition's stored extraction with the other's news id; a re-extraction
    replaces the extraction (and resets facts_text), which drops the mark, so linking is redone."""
    return (en_row.extraction or {}).get(LINK_KEY) == zh_row.news_id and (
        zh_row.extraction or {}
    ).get(LINK_KEY) == en_row.news_id


def pair_editions(engine: Engine) -> int:
    """Pair every unpaired English/Chinese edition stored, link names; returns new pairs.

    Idempotent: a pair is made once; linking is redone only where a re-extraction has reset an
    edition's facts_text. The documents' text columns are never loaded."""
    with store.pairing(engine) as pairing:
        rows = pairing.editions()
        by_news = {r.news_id: r for r in rows}
        by_id = {r.id: r for r in rows}
        pairs = match([_edition(r) for r in rows if not r.paired_news_id])
        for en, zh in pairs:
            pairing.record_pair(by_id[en.id], by_id[zh.id])
        pairing.flush()
        for en_row in rows:
            zh_row = by_news.get(en_row.paired_news_id or "")
            if (
                en_row.language != "en"
                or zh_row is None
                or en_row.status != Status.extracted
                or zh_row.status != Status.extracted
                or linked(en_row, zh_row)
            ):
                continue
            link(pairing, en_row, zh_row)
        pairing.flush()
        merge_chinese_persons(pairing)
        learn_subscription_names(pairing)
    log.info("paired %d editions", len(pairs))
    return len(pairs)
