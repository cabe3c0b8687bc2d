"""web/graph_svg.py: the radial layout keeps every node on the canvas and near the node it was
reached from; the drawing escapes labels and bends parallel links apart."""

from __future__ import annotations

import math

from jobs.connections import Graph, Link, Node, Subgraph
from jobs.people import People
from web.graph_svg import HEIGHT, WIDTH, layout, render_svg


def _star(depth: int = 3, fan: int = 4) -> tuple[Graph, Subgraph]:
    """A centre with `fan` children, each with `fan` children, ... `depth` rings out."""
    nodes = {"company:c": Node("company:c", "company", "<Centre & Co>", "c")}
    links: list[Link] = []
    ring = ["company:c"]
    for level in range(1, depth + 1):
        nxt = []
        for parent in ring:
            for i in range(fan if level == 1 else 2):
                node = f"org:{parent}-{i}"
                nodes[node] = Node(node, "org", node)
                links.append(Link(node, parent, "associate", "r", None, None, {"f"}))
                nxt.append(node)
        ring = nxt
    graph = Graph(People({}, {}), nodes, links, [])
    return graph, graph.neighbourhood("company:c", None, depth)


def _angle(x: float, y: float) -> float:
    return math.atan2(y - HEIGHT / 2, x - WIDTH / 2)


def test_every_node_is_on_the_canvas_and_each_ring_further_out():
    _, sub = _star()
    places = layout(sub)
    assert len(places) == len(sub.nodes) == 1 + 4 + 8 + 16
    for x, y, level in places.values():
        assert 20 <= x <= WIDTH - 20 and 20 <= y <= HEIGHT - 40, (x, y, level)
    radius = {level: math.hypot(x - WIDTH / 2, y - HEIGHT / 2) for x, y, level in places.values()}
    assert radius[0] < radius[1] < radius[2] < radius[3]


def test_children_sit_near_their_parent():
    _, sub = _star(depth=2)
    places = layout(sub)
    for node, (x, y, level) in places.items():
        if level == 2:
            parent = node.removeprefix("org:").rsplit("-", 1)[0]
            px, py, _ = places[parent]
            gap = abs(math.remainder(_angle(x, y) - _angle(px, py), 2 * math.pi))
            assert gap < math.pi / 4, (node, gap)


def test_labels_are_escaped_and_parallel_links_bend_apart():
    graph, sub = _star(depth=1, fan=1)
    only = sub.links[0]
    sub.links.append(Link(only.source, only.target, "ownership", "r", None, None, {"f"}))
    svg = str(render_svg(graph, sub, {}))
    assert "&lt;Centre &amp; Co&gt;" in svg and "<Centre" not in svg
    paths = [p.split('d="')[1].split('"')[0] for p in svg.split("<path")[1:]]
    assert len(paths) == 2 and paths[0] != paths[1]
