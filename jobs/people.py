"""People as entities: one person per real person, across issuers and editions.

The store files mentions under a name key (store/names.py), so "WONG Hon Kit" at two issuers
is one Person row there. Here that row is split by issuer: each (name-key person, stock code)
is an *occurrence*, and occurrences join into one person only when something links them
(explicit rules over union-find, in the order they are tried):

1. **The Chinese name.** Two occurrences that share a Chinese name (compared in one script)
   join when they are at the same issuer, or have the same English key too. A name written
   only in Chinese at another issuer is the namesake case again (nothing but the name links
   them), so it joins nobody there. An occurrence's Chinese names are those its mentions
   wrote, and those the paired Chinese edition prints in the same place of the board
   paragraph (`align_board`).
2. **A shared company.** The same English key at two issuers, and both occurrences connected
   to the same third company (a connected entity or the company they are connected through).
3. **A filing naming both roles.** A filing of issuer A names the person and names issuer B
   (as a party, a connected entity or a counterpart; B by its stock short name or the company
   name its filings print, `issuer_keys`); the same key at issuer B joins.

An occurrence is the same issuer's people under one name key: two namesakes on one board
would be one person here, as they are in the store (the filings give nothing to tell them
apart by).

Otherwise two namesakes at two issuers stay two people. A person's filings are counted by
filing, not by edition: the English and Chinese editions of one filing are one filing
(`FilingSource.filing_key`). nomenklatura was considered: it brings duckdb, scikit-learn,
scipy and textual for what is here a dozen lines of union-find over three rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import store
from extract.contract_types import Extraction
from store import FilingSource, GraphSources

Occurrence = tuple[int, str]  # (name-key person id, stock code)

_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: words that say nothing about which company is meant ("Limited", "Holdings", ...)
_COMPANY_NOISE = frozenset(
    "limited ltd co company the inc corp corporation group holdings holding plc llc"
    " 有限公司 股份有限公司 集團 控股".split()
)
_WORD = re.compile(r"[^\W_]+")
_THE_COMPANY = frozenset({"company", "本公司", "公司", ""})
_BOARD_ROLES = ("executive", "non_executive", "independent_non_executive")


@lru_cache(maxsize=65536)
def org_key(name: str | None) -> str:
    """A company's name as a key: words sorted, lower case, one Chinese script, without the
    words every company name carries ("Kingsoft Corporation Limited" = "KINGSOFT CORP")."""
    text = store.fold(unicodedata.normalize("NFKC", name or "").casefold())
    words = [w for w in _WORD.findall(text) if w not in _COMPANY_NOISE]
    return " ".join(sorted(words))


_SHARE_MARKER = re.compile(r"\s*-\s*(?:W|S|SW|B|R|P|SWR)\s*$", re.I)


def issuer_keys(f: FilingSource, x: Extraction) -> set[str]:
    """The company keys a filing's issuer goes by: its stock short name without the share
    marker ("XIAOMI-W" = "XIAOMI"), and the company name its extraction read off the page."""
    keys = {org_key(_SHARE_MARKER.sub("", f.stock_name or "")), org_key(x.company)}
    return keys - {""}


def is_the_issuer(name: str | None) -> bool:
    """ "the Company" / 本公司: the filing's own issuer."""
    return org_key(name) in _THE_COMPANY


@dataclass(frozen=True)
class PersonEntity:
    """One real person, as far as the filings tell."""

    key: str  # stable across rebuilds: "<person id>-<stock code>" of its first occurrence
    name: str  # the English name most often written, else the Chinese one
    names: tuple[str, ...]  # every spelling written, English and Chinese
    chinese_names: tuple[str, ...]
    stock_codes: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]
    filings: tuple[str, ...]  # filing keys: each filing once, whichever editions name them
    linked_by: tuple[str, ...]  # the rules that joined its occurrences ("chinese name", ...)

    @property
    def filing_count(self) -> int:
        return len(self.filings)


@dataclass(frozen=True)
class People:
    entities: dict[str, PersonEntity]  # by key
    by_occurrence: dict[Occurrence, str]  # occurrence -> entity key

    def entity_of(self, person_id: int, stock_code: str) -> PersonEntity | None:
        key = self.by_occurrence.get((person_id, stock_code))
        return self.entities.get(key) if key else None

    def find(self, name: str) -> list[PersonEntity]:
        """People answering to `name` (its name key, or its Chinese characters), most filings
        first: several when namesakes were not linked."""
        key, chinese = store.name_key(name), store.chinese_part(name)
        found = [
            e
            for e in self.entities.values()
            if (key and key in {store.name_key(n) for n in e.names})
            or (chinese and chinese in {store.chinese_part(c) for c in e.chinese_names})
        ]
        return sorted(found, key=lambda e: (-e.filing_count, e.key))

    def of_person_id(self, person_id: int) -> list[PersonEntity]:
        """The people a name-key person row was split into (one per unlinked issuer)."""
        keys = {k for (pid, _), k in self.by_occurrence.items() if pid == person_id}
        return sorted((self.entities[k] for k in keys), key=lambda e: (-e.filing_count, e.key))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Occurrence, Occurrence] = {}
        self.reasons: dict[Occurrence, set[str]] = defaultdict(set)

    def add(self, item: Occurrence) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: Occurrence) -> Occurrence:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Occurrence, b: Occurrence, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        low, high = sorted((ra, rb))
        self.parent[high] = low
        self.reasons[low] |= self.reasons.pop(high, set()) | {reason}


@dataclass
class _Seen:
    """What the mentions say about one occurrence."""

    names: Counter
    chinese: set[str]
    filings: set[str]
    orgs: set[str]  # org keys of third companies it is connected to
    latin_key: str  # the person row's name key when a mention here wrote it in Latin letters


def parsed(sources: GraphSources) -> dict[int, Extraction]:
    """Every filing's extraction read through the contract's type, once."""
    return {f.announcement_id: Extraction.from_json(f.extraction or {}) for f in sources.filings}


def resolve(sources: GraphSources, extractions: dict[int, Extraction] | None = None) -> People:
    """Split and join the name-key persons into people (see the module docstring);
    `extractions` are `parsed(sources)` when the caller has them already."""
    extractions = extractions if extractions is not None else parsed(sources)
    filings = {f.announcement_id: f for f in sources.filings}
    seen: dict[Occurrence, _Seen] = {}
    for m in sources.mentions:
        filing = filings.get(m.announcement_id)
        if filing is None:
            continue
        occ = (m.person_id, filing.stock_code)
        s = seen.get(occ)
        if s is None:
            s = seen[occ] = _Seen(Counter(), set(), set(), set(), "")
        if not s.latin_key and _LATIN.search(m.name_as_written):
            # (pairing merges a Chinese-script person into the English one: a mention written
            # only in Chinese carries the English key without saying the English name)
            s.latin_key = m.name_key
        s.names[m.name_as_written] += 1
        s.filings.add(filing.filing_key)
        if _CJK.search(m.name_as_written):
            s.chinese.add(store.chinese_part(m.name_as_written))
    _learn_from_editions(sources, filings, seen)
    named_orgs = _orgs_named(sources, filings, extractions, seen)

    links = _UnionFind()
    for occ in seen:
        links.add(occ)
    _join_by_chinese_name(seen, links)
    _join_by_shared_company(seen, links)
    _join_by_filing(extractions, named_orgs, seen, filings, links)
    return _entities(seen, links)


def _edition_pairs(
    filings: dict[int, FilingSource],
) -> Iterable[tuple[FilingSource, FilingSource]]:
    by_news = {f.news_id: f for f in filings.values()}
    for f in filings.values():
        other = by_news.get(f.paired_news_id or "")
        if f.language == "en" and other is not None and other.language == "zh":
            yield f, other


def _learn_from_editions(
    sources: GraphSources, filings: dict[int, FilingSource], seen: dict[Occurrence, _Seen]
) -> None:
    """Give each English mention the Chinese name its paired edition prints in its place."""
    by_announcement: dict[int, list] = defaultdict(list)
    for m in sources.mentions:
        by_announcement[m.announcement_id].append(m)
    for en, zh in _edition_pairs(filings):
        chinese = align_board(en.extraction or {}, zh.extraction or {})
        for m in by_announcement.get(en.announcement_id, []):
            name = chinese.get(m.name_as_written)
            if name:
                seen[(m.person_id, en.stock_code)].chinese.add(store.chinese_part(name))


def align_board(en_x: dict, zh_x: dict) -> dict[str, str]:
    """English name -> Chinese name, by role and place in the two editions' board paragraphs
    and abstentions (both list them in one order), where the lists are of one length. The
    same reading as jobs/editions.align_people's board part, without its import of the
    Chinese pipeline (spaCy: seconds to load)."""
    names: dict[str, str] = {}
    en_d, zh_d = en_x.get("directors") or {}, zh_x.get("directors") or {}
    pairs = [(en_d.get(r) or [], zh_d.get(r) or []) for r in _BOARD_ROLES]
    pairs.append((en_x.get("abstained_directors") or [], zh_x.get("abstained_directors") or []))
    for en_list, zh_list in pairs:
        if len(en_list) == len(zh_list):
            for e, z in zip(en_list, zh_list, strict=True):
                names.setdefault(e, z)
    return {e: z for e, z in names.items() if _CJK.search(z) and not _CJK.search(e)}


def _orgs_named(
    sources: GraphSources,
    filings: dict[int, FilingSource],
    extractions: dict[int, Extraction],
    seen: dict[Occurrence, _Seen],
) -> dict[int, set[str]]:
    """Every filing's named companies (org keys); and each occurrence's third companies."""
    named: dict[int, set[str]] = {}
    person_orgs: dict[int, dict[str, set[str]]] = {}
    for f in filings.values():
        x = extractions[f.announcement_id]
        names = {org_key(n) for p in x.parties for n in (p.name, p.full_name, p.chinese_name)}
        mine: dict[str, set[str]] = defaultdict(set)
        for cp in x.connected_persons:
            for company in (cp.connected_entity, cp.counterpart):
                if company and not is_the_issuer(company) and org_key(company):
                    names.add(org_key(company))
                    mine[store.name_key(cp.name)].add(org_key(company))
                    mine[" ".join(cp.name.split())].add(org_key(company))  # as written
        named[f.announcement_id] = names - _THE_COMPANY
        person_orgs[f.announcement_id] = mine
    own = {k for f in filings.values() for k in issuer_keys(f, extractions[f.announcement_id])}
    for m in sources.mentions:
        f = filings.get(m.announcement_id)
        if f is None:
            continue
        mine = person_orgs[m.announcement_id]
        orgs = mine.get(m.name_key, set()) | mine.get(m.name_as_written, set())
        seen[(m.person_id, f.stock_code)].orgs |= orgs - own
    return named


def _join_by_chinese_name(seen: dict[Occurrence, _Seen], links: _UnionFind) -> None:
    by_chinese: dict[str, list[Occurrence]] = defaultdict(list)
    for occ, s in seen.items():
        for name in s.chinese:
            if name:
                by_chinese[name].append(occ)
    for group in by_chinese.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                key_a, key_b = seen[a].latin_key, seen[b].latin_key
                if a[1] == b[1] or (key_a and key_a == key_b):
                    links.union(a, b, "chinese name")


def _by_key(seen: dict[Occurrence, _Seen]) -> dict[str, list[Occurrence]]:
    groups: dict[str, list[Occurrence]] = defaultdict(list)
    for occ, s in seen.items():
        if s.latin_key:
            groups[s.latin_key].append(occ)
    return groups


def _join_by_shared_company(seen: dict[Occurrence, _Seen], links: _UnionFind) -> None:
    for group in _by_key(seen).values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a[1] != b[1] and seen[a].orgs & seen[b].orgs:
                    links.union(a, b, "shared company")


def _join_by_filing(
    extractions: dict[int, Extraction],
    named_orgs: dict[int, set[str]],
    seen: dict[Occurrence, _Seen],
    filings: dict[int, FilingSource],
    links: _UnionFind,
) -> None:
    issuers: dict[str, set[str]] = defaultdict(set)  # org key -> stock codes
    for f in filings.values():
        for key in issuer_keys(f, extractions[f.announcement_id]):
            issuers[key].add(f.stock_code)
    groups = _by_key(seen)
    at_issuer: dict[str, dict[str, Occurrence]] = {
        key: {occ[1]: occ for occ in group} for key, group in groups.items()
    }
    filing_of_key = {f.filing_key: f for f in filings.values()}
    for key, group in groups.items():
        for occ in group:
            for filing_key in seen[occ].filings:
                f = filing_of_key[filing_key]
                for org in named_orgs.get(f.announcement_id, ()):
                    for code in issuers.get(org, ()):
                        other = at_issuer[key].get(code)
                        if other is not None and code != occ[1]:
                            links.union(occ, other, "filing naming both")


def _entities(seen: dict[Occurrence, _Seen], links: _UnionFind) -> People:
    groups: dict[Occurrence, list[Occurrence]] = defaultdict(list)
    for occ in seen:
        groups[links.find(occ)].append(occ)
    entities: dict[str, PersonEntity] = {}
    by_occurrence: dict[Occurrence, str] = {}
    for root, members in groups.items():
        members.sort()
        names: Counter = Counter()
        chinese: set[str] = set()
        filing_keys: set[str] = set()
        for occ in members:
            names.update(seen[occ].names)
            chinese |= seen[occ].chinese
            filing_keys |= seen[occ].filings
        latin = [n for n, _ in names.most_common() if _LATIN.search(n)]
        key = f"{members[0][0]}-{members[0][1]}"
        entities[key] = PersonEntity(
            key=key,
            name=(latin or [n for n, _ in names.most_common()] or [key])[0],
            names=tuple(sorted(names)),
            chinese_names=tuple(sorted(c for c in chinese if c)),
            stock_codes=tuple(sorted({code for _, code in members})),
            occurrences=tuple(members),
            filings=tuple(sorted(filing_keys)),
            linked_by=tuple(sorted(links.reasons.get(root, ()))),
        )
        for occ in members:
            by_occurrence[occ] = key
    return People(entities, by_occurrence)
