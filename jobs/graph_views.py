"""Questions to the connection graph, as the CLI and the web ask them.

"Who was connected to whom on date D": the neighbourhood of a person (by name: every person
answering to it, namesakes apart) or of a company (by stock code), as JSON or as lines of text.
`cached_graph` keeps one built graph per database while nothing in it changed
(store.graph_version), so the web builds it once, not per request.
"""

from __future__ import annotations

import datetime as dt
import threading

import store
from jobs.connections import Graph, Subgraph, load_graph


class GraphQueryError(ValueError):
    """A question the graph cannot answer as asked (one line, for the user)."""


#: graphs kept, one per database (a server has one; a test run opens many)
KEEP = 4
_CACHE: dict[str, tuple[tuple, Graph]] = {}
_LOCK = threading.Lock()  # guards _CACHE
_BUILDING = threading.Lock()  # one build at a time: the others wait for it, then share it


def cached_graph(engine: store.Engine) -> Graph:
    """The engine's graph, rebuilt only when a filing was extracted or paired since."""
    url = store.url_of(engine)
    version = store.graph_version(engine)
    with _LOCK:
        hit = _CACHE.get(url)
    if hit is not None and hit[0] == version:
        return hit[1]
    with _BUILDING:
        with _LOCK:
            hit = _CACHE.get(url)
        if hit is not None and hit[0] == version:
            return hit[1]  # built while this request waited
        graph = load_graph(engine)
        with _LOCK:
            _CACHE.pop(url, None)
            _CACHE[url] = (version, graph)
            while len(_CACHE) > KEEP:  # the least recently built goes
                _CACHE.pop(next(iter(_CACHE)))
    return graph


def parse_day(text: str | None) -> dt.date | None:
    """An ISO date, or None for none given; else GraphQueryError."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise GraphQueryError(f"not a date: {text[:40]!r} (write YYYY-MM-DD)") from None


def neighbourhoods(
    graph: Graph,
    *,
    person: str | None = None,
    company: str | None = None,
    person_key: str | None = None,
    as_of: dt.date | None = None,
    depth: int = 1,
) -> list[Subgraph]:
    """The neighbourhoods asked for: one per person answering to `person`, or the company's,
    or the person with this key; [] when nobody answers."""
    if not 1 <= depth <= 4:
        raise GraphQueryError(f"depth must be 1 to 4, not {depth}")
    if sum(x is not None and x != "" for x in (person, company, person_key)) != 1:
        raise GraphQueryError("ask about one person (a name or a key) or one company")
    if person:
        centers = [n.id for n in graph.person_nodes(person)]
    elif company:
        code = company.strip().zfill(5)
        centers = [f"company:{code}"] if f"company:{code}" in graph.nodes else []
    else:
        centers = [f"person:{person_key}"] if f"person:{person_key}" in graph.nodes else []
    return [graph.neighbourhood(center, as_of, depth) for center in centers]


def describe(graph: Graph, sub: Subgraph) -> list[str]:
    """A neighbourhood as lines: the centre, then one line per link."""
    center = graph.nodes[sub.center]
    lines = [_heading(graph, center.id) + (f" as of {sub.as_of}" if sub.as_of else "")]
    for link in sorted(sub.links, key=lambda k: (k.kind, k.source, k.target)):
        when = f"{link.start or '?'} to {link.end or 'now'}"
        through = f" via {link.agreement}" if link.agreement else ""
        source, target = graph.nodes[link.source].label, graph.nodes[link.target].label
        lines.append(f"  {source} -[{link.kind}: {link.role.replace('_', ' ')}{through}]-> "
                     f"{target}  ({when}; {len(link.filings)} filing(s))")  # fmt: skip
    if len(lines) == 1:
        lines.append("  no connections" + (f" on {sub.as_of}" if sub.as_of else ""))
    return lines


def _heading(graph: Graph, node_id: str) -> str:
    node = graph.nodes[node_id]
    person = graph.people.entities.get(node.person_key or "")
    if person is None:
        return f"{node.label} ({node.stock_code or node.kind})"
    chinese = f" {'/'.join(person.chinese_names)}" if person.chinese_names else ""
    return (f"{node.label}{chinese} [{person.key}] at {', '.join(person.stock_codes)}:"
            f" {person.filing_count} filing(s)")  # fmt: skip


def graph_json(graph: Graph, subs: list[Subgraph]) -> dict:
    """The neighbourhoods as one JSON object (what `graph --json` and /api/graph answer)."""
    out = []
    for sub in subs:
        data = sub.as_json()
        person = graph.people.entities.get(graph.nodes[sub.center].person_key or "")
        if person is not None:
            data["person"] = {
                "key": person.key, "name": person.name, "names": list(person.names),
                "chinese_names": list(person.chinese_names),
                "stock_codes": list(person.stock_codes), "filings": person.filing_count,
                "linked_by": list(person.linked_by),
            }  # fmt: skip
        out.append(data)
    return {"results": out}
