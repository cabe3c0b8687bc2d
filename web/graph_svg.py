"""A neighbourhood drawn as inline SVG on the server: no script, nothing fetched.

Why radial: the centre is who was asked about; its direct links sit on one ring and the next
step's on an outer ring, each near the node it was reached from, so a reader sees at once
who is one link away and who two. Nodes are links (`<a>`) to their own graph page, with the
same as-of date; every line has a `<title>` saying what the link is and when it held.
"""

from __future__ import annotations

import math
from collections import defaultdict
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from jobs import Graph, Node, Subgraph

WIDTH, HEIGHT = 800, 680
RINGS = (0, 150, 235, 300)
COLOURS = {
    "directorship": "#2563eb",
    "ownership": "#b45309",
    "family": "#be185d",
    "connected": "#059669",
    "associate": "#6b7280",
}
FILLS = {"person": "#dbeafe", "company": "#fde68a", "org": "#e5e7eb"}


def node_href(node: Node, query: dict[str, str]) -> str | None:
    """The node's own graph page, keeping the as-of date and depth."""
    suffix = f"?{urlencode(query)}" if query else ""
    if node.kind == "company" and node.stock_code:
        return f"/graph/companies/{quote(node.stock_code)}{suffix}"
    if node.kind == "person" and node.person_key:
        return f"/graph/people/{quote(node.person_key)}{suffix}"
    return None


def layout(sub: Subgraph) -> dict[str, tuple[float, float, int]]:
    """(x, y, ring) of every node: the centre, then each step out on its ring."""
    around: dict[str, set[str]] = defaultdict(set)
    for link in sub.links:
        around[link.source].add(link.target)
        around[link.target].add(link.source)
    ring = {sub.center: 0}
    parent: dict[str, str] = {}
    frontier = [sub.center]
    while frontier:
        step = []
        for node in frontier:
            for other in sorted(around[node]):
                if other not in ring:
                    ring[other] = ring[node] + 1
                    parent[other] = node
                    step.append(other)
        frontier = step
    children: dict[str, list[str]] = defaultdict(list)
    for node, up in parent.items():
        children[up].append(node)
    width: dict[str, int] = {}

    def leaves(node: str) -> int:  # how much of the circle a node's subtree needs
        width[node] = max(1, sum(leaves(c) for c in sorted(children[node])))
        return width[node]

    leaves(sub.center)
    cx, cy = WIDTH / 2, HEIGHT / 2
    places = {sub.center: (cx, cy, 0)}

    def place(node: str, start: float, end: float) -> None:
        """Each child gets a slice of its parent's sector, as wide as its subtree needs."""
        at = start
        for child in sorted(children[node]):
            share = (end - start) * width[child] / width[node]
            theta = at + share / 2
            level = ring[child]
            radius = RINGS[min(level, len(RINGS) - 1)] + 40 * max(0, level - len(RINGS) + 1)
            places[child] = (cx + radius * math.cos(theta), cy + radius * math.sin(theta), level)
            place(child, at, at + share)
            at += share

    place(sub.center, -math.pi / 2, 3 * math.pi / 2)
    return places


def _edge(graph: Graph, link, places: dict, bend: float) -> str:  # noqa: ANN001
    """One link as a path, bent by `bend` pixels so that links between one pair stay apart."""
    (x1, y1, _), (x2, y2, _) = places[link.source], places[link.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    mx = (x1 + x2) / 2 - bend * (y2 - y1) / length
    my = (y1 + y2) / 2 + bend * (x2 - x1) / length
    when = f"{link.start or '?'} to {link.end or 'now'}"
    what = f"{graph.nodes[link.source].label} – {link.kind} ({link.role}) – "
    what += f"{graph.nodes[link.target].label}, {when}"
    return (
        f'<path class="link {link.kind}" d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} '
        f'{x2:.1f},{y2:.1f}" fill="none" stroke="{COLOURS.get(link.kind, "#999")}" '
        f'stroke-width="2"><title>{escape(what)}</title></path>'
    )


def render_svg(graph: Graph, sub: Subgraph, query: dict[str, str]) -> Markup:
    """The neighbourhood as an `<svg>` element (escaped: labels are filings' text)."""
    places = layout(sub)
    parts = [
        f'<svg class="graph" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="graph-title">',
        f'<title id="graph-title">Connections of {escape(graph.nodes[sub.center].label)}'
        f"{escape(f' on {sub.as_of}' if sub.as_of else '')}</title>",
    ]
    pairs: dict[frozenset[str], list] = defaultdict(list)
    for link in sub.links:
        if link.source in places and link.target in places:
            pairs[frozenset((link.source, link.target))].append(link)
    for links in pairs.values():
        for i, link in enumerate(links):
            parts.append(_edge(graph, link, places, (i - (len(links) - 1) / 2) * 22))
    for node_id, (x, y, level) in places.items():
        node = graph.nodes[node_id]
        radius = 26 if level == 0 else 16
        label = node.label if len(node.label) <= 28 else node.label[:27] + "…"
        body = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{FILLS.get(node.kind, "#eee")}"'
            f' stroke="#374151" stroke-width="{2 if level == 0 else 1}"/>'
            f'<text x="{x:.1f}" y="{y + radius + 14:.1f}" text-anchor="middle" '
            f'font-size="{13 if level == 0 else 11}">{escape(label)}</text>'
            f"<title>{escape(node.label)}</title>"
        )
        href = node_href(node, query) if node_id != sub.center else None
        cls = f"node {node.kind}" + (" center" if level == 0 else "")
        if href:
            parts.append(f'<a href="{escape(href)}" class="{cls}" data-node="{escape(node_id)}">'
                         f"{body}</a>")  # fmt: skip
        else:
            parts.append(f'<g class="{cls}" data-node="{escape(node_id)}">{body}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
