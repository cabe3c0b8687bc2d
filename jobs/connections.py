"""The connection graph with time: who was connected to whom, through what, and when.

Built in memory from the stored filings (store.graph_sources), one edition per filing (the
English one when both are stored, so the two editions' facts count once):

- **Directorships** of an issuer, from its board paragraphs (a director, or one who abstained,
  is on the board on the filing's date), connected persons who are its directors, and its
  appointment and resignation announcements. A directorship runs from the first filing that
  shows the person on the board (or the appointment's date) to the resignation's date; before
  the first filing nothing is known, so it is not shown as of earlier dates. Who came or went
  is read from announcements whose headline is "Change in Directors ..." (or whose title says
  appointment / resignation), in jobs/board_changes.py.
- **Shareholdings** (controlling / substantial shareholder) and **family links** (the
  connected person's `relationship_kind`, through its `counterpart`), from the filing's date
  on, without an end: filings state them, they do not say when they stop.
- **Connected-person links per agreement**: the connected person to the issuer through each
  agreement of the filing, over the agreement's term (else from its date, else the filing's).

`Graph.neighbourhood(node, as_of, depth)` answers "who was connected to whom on date D".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import store
from extract.contract_types import Extraction
from jobs.board_changes import changes_in, is_change_in_directors, periods
from jobs.people import People, is_the_issuer, issuer_keys, org_key, parsed, resolve
from store import FilingSource, GraphSources

DIRECTOR_ROLES = ("executive", "non_executive", "independent_non_executive", "abstained")
OWNERSHIP_KINDS = frozenset({"controlling_shareholder", "substantial_shareholder"})
OFFICER_KINDS = frozenset({"director", "chief_executive", "supervisor"})
KINDS = ("directorship", "ownership", "family", "connected", "associate")


@dataclass(frozen=True)
class Node:
    id: str  # "person:<key>", "company:<stock code>" or "org:<org key>"
    kind: str  # person / company / org
    label: str
    stock_code: str | None = None
    person_key: str | None = None


@dataclass
class Link:
    """One connection: `source` (a person) to `target`, of one kind, over [start, end].

    A directorship's end is the resignation's date, the first day off the board; the others'
    end is the last day (an agreement's term end)."""

    source: str
    target: str
    kind: str
    role: str
    start: dt.date | None
    end: dt.date | None
    filings: set[str] = field(default_factory=set)
    agreement: str | None = None

    def active(self, on: dt.date) -> bool:
        if self.start is not None and on < self.start:
            return False
        if self.end is None:
            return True
        return on < self.end if self.kind == "directorship" else on <= self.end

    def as_json(self) -> dict:
        return {
            "source": self.source, "target": self.target, "kind": self.kind, "role": self.role,
            "start": _iso(self.start), "end": _iso(self.end), "agreement": self.agreement,
            "filings": sorted(self.filings),
        }  # fmt: skip


@dataclass
class AgreementFact:
    """An agreement as one filing states it, with its caps and connected persons."""

    key: str  # "<stock code>|<filing key>|<agreement name>"
    issuer: str  # company node id
    name: str
    date: dt.date | None
    term_start: dt.date | None
    term_end: dt.date | None
    parties: list[str]  # node ids
    caps: list[tuple[Decimal, str, dt.date | None, str | None]]  # amount, currency, end, label
    persons: set[str]  # connected person node ids
    filing_key: str
    news_id: str


@dataclass(frozen=True)
class Subgraph:
    center: str
    as_of: dt.date | None
    depth: int
    nodes: list[Node]
    links: list[Link]

    def as_json(self) -> dict:
        return {
            "center": self.center,
            "as_of": _iso(self.as_of),
            "depth": self.depth,
            "nodes": [n.__dict__ for n in self.nodes],
            "links": [link.as_json() for link in self.links],
        }


@dataclass
class Graph:
    people: People
    nodes: dict[str, Node]
    links: list[Link]
    agreements: list[AgreementFact]
    _adjacency: dict[str, list[Link]] | None = field(default=None, repr=False)

    def neighbourhood(self, center: str, as_of: dt.date | None = None, depth: int = 1) -> Subgraph:
        """The nodes within `depth` links of `center`, over the links active on `as_of`
        (every link ever when None)."""
        around = self._around()
        reached, frontier = {center}, [center]
        used: dict[int, Link] = {}
        for _ in range(max(0, depth)):
            step: list[str] = []
            for node in frontier:
                for link in around.get(node, ()):
                    if as_of is not None and not link.active(as_of):
                        continue
                    used[id(link)] = link
                    other = link.target if link.source == node else link.source
                    if other not in reached:
                        reached.add(other)
                        step.append(other)
            frontier = step
        for node in frontier:  # links among the outermost ring's nodes
            for link in around.get(node, ()):
                if link.source in reached and link.target in reached:
                    if as_of is None or link.active(as_of):
                        used[id(link)] = link
        nodes = [self.nodes[n] for n in sorted(reached, key=lambda n: (n != center, n))]
        links = sorted(used.values(), key=lambda k: (k.source, k.target, k.kind, k.role))
        return Subgraph(center, as_of, depth, nodes, links)

    def _around(self) -> dict[str, list[Link]]:
        """Every node's links (built once: the graph does not change once built)."""
        if self._adjacency is None:
            adjacency: dict[str, list[Link]] = defaultdict(list)
            for link in self.links:
                adjacency[link.source].append(link)
                adjacency[link.target].append(link)
            self._adjacency = dict(adjacency)
        return self._adjacency

    def person_nodes(self, name: str) -> list[Node]:
        return [self.nodes[f"person:{e.key}"] for e in self.people.find(name)]


def build_graph(sources: GraphSources, texts: dict[int, str] | None = None) -> Graph:
    """The graph of these filings; `texts` are the change-in-directors filings' texts (by id)."""
    extractions = parsed(sources)
    people = resolve(sources, extractions)
    builder = _Builder(sources, people, extractions)
    builder.run(texts or {})
    return Graph(people, builder.nodes, builder.finish(), list(builder.agreements.values()))


def load_graph(engine: store.Engine) -> Graph:
    """Read the store and build the graph (the texts of change-in-directors filings too)."""
    sources = store.graph_sources(engine)
    ids = [f.announcement_id for f in sources.filings if is_change_in_directors(f)]
    return build_graph(sources, store.texts_of(engine, ids))


class _Builder:
    def __init__(
        self, sources: GraphSources, people: People, extractions: dict[int, Extraction]
    ) -> None:
        self.sources, self.people, self.extractions = sources, people, extractions
        self.nodes: dict[str, Node] = {}
        self.links: dict[tuple, Link] = {}
        self.board: dict[tuple[str, str], list[tuple[dt.date, int, str, str]]] = defaultdict(list)
        self.agreements: dict[str, AgreementFact] = {}
        self.issuer_of_org: dict[str, str] = {}
        self.mentions: dict[int, list] = defaultdict(list)
        self.keys_of: dict[int, set[str]] = defaultdict(set)  # person id -> its name keys
        for m in sources.mentions:
            self.mentions[m.announcement_id].append(m)
            self.keys_of[m.person_id].add(m.name_key)
        self.by_key_at: dict[tuple[str, str], int] | None = None  # built on first need

    # -- nodes ---------------------------------------------------------------------------------
    def person(self, person_id: int, stock_code: str) -> str | None:
        entity = self.people.entity_of(person_id, stock_code)
        if entity is None:
            return None
        node_id = f"person:{entity.key}"
        self.nodes.setdefault(node_id, Node(node_id, "person", entity.name, None, entity.key))
        return node_id

    def company(self, f: FilingSource) -> str:
        node_id = f"company:{f.stock_code}"
        node = self.nodes.get(node_id)
        if node is None or (f.language == "en" and f.stock_name and node.label != f.stock_name):
            self.nodes[node_id] = Node(node_id, "company", f.stock_name or f.stock_code,
                                       f.stock_code)  # fmt: skip
        return node_id

    def org(self, name: str, f: FilingSource) -> str | None:
        if is_the_issuer(name):
            return self.company(f)
        key = org_key(name)
        if not key:
            return None
        if key in self.issuer_of_org:
            return f"company:{self.issuer_of_org[key]}"
        node_id = f"org:{key}"
        known = self.nodes.get(node_id)
        if known is None or len(name.strip()) > len(known.label):  # the fullest name shows
            self.nodes[node_id] = Node(node_id, "org", name.strip())
        return node_id

    def link(
        self,
        source: str,
        target: str,
        kind: str,
        role: str,
        start: dt.date | None,
        end: dt.date | None,
        filing_key: str,
        agreement: str | None = None,
    ) -> None:
        key = (source, target, kind, role, agreement)
        found = self.links.get(key)
        if found is None:
            self.links[key] = Link(source, target, kind, role, start, end, {filing_key}, agreement)
            return
        found.filings.add(filing_key)
        found.start = _earliest(found.start, start)
        found.end = None if found.end is None or end is None else max(found.end, end)

    # -- reading -------------------------------------------------------------------------------
    def run(self, texts: dict[int, str]) -> None:
        for f in self.sources.filings:
            for key in issuer_keys(f, self.extractions[f.announcement_id]):
                self.issuer_of_org.setdefault(key, f.stock_code)
            self.company(f)
        for f in _one_edition_each(self.sources.filings):
            self.read_filing(f)
        for f in self.sources.filings:
            if f.announcement_id in texts:
                self.read_changes(f, texts[f.announcement_id])

    def read_filing(self, f: FilingSource) -> None:
        x = self.extractions[f.announcement_id]
        day = f.published_at.date()
        issuer = self.company(f)
        by_key = {m.name_key: m for m in self.mentions[f.announcement_id]}
        # a Chinese mention merged into its English person keys as the English name
        by_written = {m.name_as_written: m for m in self.mentions[f.announcement_id]}
        for m in self.mentions[f.announcement_id]:
            if m.role in DIRECTOR_ROLES:
                node = self.person(m.person_id, f.stock_code)
                if node:
                    role = "director" if m.role == "abstained" else m.role
                    self.board[(node, issuer)].append((day, 0, role, f.filing_key))
        agreements = [self.agreement(f, x, a) for a in x.agreements]
        for cp in x.connected_persons:
            m = by_written.get(" ".join(cp.name.split())) or by_key.get(store.name_key(cp.name))
            node = self.person(m.person_id, f.stock_code) if m else None
            if node is None:
                continue
            self.connected(f, node, cp, day, agreements)

    def agreement(self, f: FilingSource, x: Extraction, a) -> AgreementFact:  # noqa: ANN001
        key = f"{f.stock_code}|{f.filing_key}|{a.name}"
        caps = [
            (amount, c.currency or "", _date(c.period_end), c.period_label)
            for c in x.annual_caps
            if (c.agreement in (None, "", a.name) or len(x.agreements) == 1)
            and (amount := _decimal(c.amount)) is not None
        ]
        parties = [p for p in (self.org(n, f) for n in a.parties) if p]
        fact = AgreementFact(
            key, self.company(f), a.name, _date(a.date), _date(a.term_start),
            _date(a.term_end), parties, caps, set(), f.filing_key, f.news_id,
        )  # fmt: skip
        self.agreements[key] = fact
        return fact

    def connected(self, f: FilingSource, node: str, cp, day: dt.date,  # noqa: ANN001
                  agreements: list[AgreementFact]) -> None:  # fmt: skip
        issuer = self.company(f)
        kind = cp.relationship_kind or ""
        through = cp.counterpart or cp.connected_entity
        if kind in OFFICER_KINDS:
            target = self.org(through or "the Company", f)
            if target == issuer:
                self.board[(node, issuer)].append((day, 0, kind, f.filing_key))
            elif target:
                self.link(node, target, "directorship", kind, day, None, f.filing_key)
        elif kind in OWNERSHIP_KINDS:
            target = self.org(through or "the Company", f)
            if target:
                self.link(node, target, "ownership", kind, day, None, f.filing_key)
        elif kind == "family_member" and cp.counterpart:
            relative = self.relative(cp.counterpart, f)
            if relative and relative != node:
                self.link(node, relative, "family", _family_word(cp.relationship), day, None,
                          f.filing_key)  # fmt: skip
        if cp.connected_entity and not is_the_issuer(cp.connected_entity):
            target = self.org(cp.connected_entity, f)
            if target and target != issuer:
                role = kind or "connected person"
                self.link(node, target, "associate", role, day, None, f.filing_key)
        role = kind or "connected person"
        for a in agreements or [None]:
            start = (a.term_start or a.date) if a else None
            self.link(node, issuer, "connected", role, start or day, a.term_end if a else None,
                      f.filing_key, a.name if a else None)  # fmt: skip
            if a is not None:
                a.persons.add(node)

    def relative(self, name: str, f: FilingSource) -> str | None:
        """The node of a relative named in a filing: a known person of the issuer, else a
        person node of that name at the issuer."""
        key = store.name_key(name)
        if not key:
            return None
        if self.by_key_at is None:
            self.by_key_at = {}
            for (person_id, code), _entity in self.people.by_occurrence.items():
                for m_key in self.keys_of.get(person_id, ()):
                    self.by_key_at.setdefault((m_key, code), person_id)
        person_id = self.by_key_at.get((key, f.stock_code))
        if person_id is not None:
            return self.person(person_id, f.stock_code)
        node_id = f"person:{key.replace(' ', '_')}@{f.stock_code}"
        self.nodes.setdefault(node_id, Node(node_id, "person", name.strip()))
        return node_id

    def read_changes(self, f: FilingSource, text: str) -> None:
        """Appointments and resignations of an issuer's known people (jobs/board_changes.py)."""
        issuer = self.company(f)
        known: dict[str, list[str]] = {}  # node -> the names it goes by
        for entity in self.people.entities.values():
            if f.stock_code in entity.stock_codes:
                node = f"person:{entity.key}"
                self.nodes.setdefault(node, Node(node, "person", entity.name, None, entity.key))
                known[node] = [*entity.names, *entity.chinese_names]
        for node, event in changes_in(text, known, f.published_at.date(), f.filing_key):
            self.board[(node, issuer)].append(event)

    def finish(self) -> list[Link]:
        """The links, with the board events turned into directorship periods."""
        for (node, issuer), events in self.board.items():
            for p in periods(events):
                link = Link(node, issuer, "directorship", p.role, p.start, p.end, p.filings)
                self.links[(node, issuer, "directorship", p.start, p.end)] = link
        return list(self.links.values())


def _one_edition_each(filings: list[FilingSource]) -> list[FilingSource]:
    """One edition per filing: the English one when both are stored."""
    chosen: dict[str, FilingSource] = {}
    for f in filings:
        if f.filing_key not in chosen or f.language == "en":
            chosen[f.filing_key] = f
    return list(chosen.values())


def _family_word(relationship: str | None) -> str:
    m = re.search(r"\b(father|mother|brother|sister|son|daughter|spouse|wife|husband|parent|"
                  r"child|nephew|niece|uncle|aunt|cousin|grandson|granddaughter|[a-z]+-in-law)\b",
                  relationship or "", re.I)  # fmt: skip
    return m.group(1).lower() if m else "family member"


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
