"""The connection graph pages (`/graph/people/{key}`, `/graph/companies/{code}`, a name's
people at `/graph/people?name=`) and `/api/graph`: who was connected to whom on a date.

The graph is built from the store once and kept while nothing changes (jobs.cached_graph);
the drawing is server-rendered SVG (web/graph_svg.py), so the pages need no script.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from jobs import (
    Graph,
    GraphQueryError,
    Subgraph,
    cached_graph,
    graph_json,
    neighbourhoods,
    parse_day,
)
from web import data
from web.deps import engine_of
from web.graph_schemas import GraphAnswer
from web.graph_svg import COLOURS, node_href, render_svg
from web.render import page

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def _ask(request: Request, **who: str | None) -> tuple[Graph, list[Subgraph], dict[str, str]]:
    """The graph, the neighbourhoods asked for, and the query to keep in links; 400 on a bad
    date or depth."""
    params = request.query_params
    as_of, depth = params.get("as_of") or None, params.get("depth") or "1"
    try:
        if not depth.isdigit():
            raise GraphQueryError(f"depth must be 1 to 4, not {depth[:10]!r}")
        graph = cached_graph(engine_of(request))
        subs = neighbourhoods(graph, as_of=parse_day(as_of), depth=int(depth), **who)
    except GraphQueryError as exc:
        raise HTTPException(400, str(exc)) from None
    keep = {k: v for k, v in (("as_of", as_of), ("depth", depth)) if v and v != "1"}
    return graph, subs, keep


def _graph_page(request: Request, graph: Graph, sub: Subgraph, keep: dict[str, str]):
    center = graph.nodes[sub.center]
    person = graph.people.entities.get(center.person_key or "")
    rows = [
        {
            "link": link,
            "source": graph.nodes[link.source],
            "target": graph.nodes[link.target],
            "source_href": node_href(graph.nodes[link.source], keep),
            "target_href": node_href(graph.nodes[link.target], keep),
        }
        for link in sorted(sub.links, key=lambda k: (k.kind, k.start or k.end or 0, k.source))
    ]
    return page(
        request,
        "graph.html",
        {
            "center": center, "person": person, "sub": sub, "rows": rows,
            "svg": render_svg(graph, sub, keep), "colours": COLOURS,
            "as_of": keep.get("as_of", ""), "depth": int(keep.get("depth", "1")),
        },
    )  # fmt: skip


@router.get("/graph/people", name="graph_people")
def people_by_name(request: Request, name: str = "", person_id: str = ""):
    """Everyone answering to a name (or filed under one person page's id, `person_id`): one
    person straight to their graph, else a list to choose from."""
    if not name.strip() and not person_id.isdigit():
        raise HTTPException(400, "Give a name: /graph/people?name=LEI+Jun")
    graph = cached_graph(engine_of(request))
    if person_id.isdigit():
        found = graph.people.of_person_id(int(person_id[:12]))
        name = found[0].name if found else person_id
    else:
        found = graph.people.find(name)
    if len(found) == 1:
        return RedirectResponse(f"/graph/people/{found[0].key}", status_code=303)
    return page(request, "graph_people.html", {"name": name, "people": found}, status_code=200)


@router.get("/graph/people/{key}", name="graph_person")
def person_graph(request: Request, key: str):
    graph, subs, keep = _ask(request, person_key=key[:40])
    if not subs:
        raise HTTPException(404, f"No person with key {key[:40]!r}.")
    return _graph_page(request, graph, subs[0], keep)


@router.get("/graph/companies/{stock_code}", name="graph_company")
def company_graph(request: Request, stock_code: str):
    code = data.normalise_stock_code(stock_code)
    if not code:
        raise HTTPException(404, f"No filings for stock code {stock_code[:20]!r}.")
    graph, subs, keep = _ask(request, company=code)
    if not subs:
        raise HTTPException(404, f"No filings for stock code {stock_code[:20]!r}.")
    return _graph_page(request, graph, subs[0], keep)


@api_router.get("/graph", response_model=GraphAnswer)
def graph_api(
    request: Request,
    person: str | None = Query(None, description='A name: "LEI Jun" or 雷軍 (namesakes apart)'),
    company: str | None = Query(None, description="Or a stock code"),
    key: str | None = Query(None, description="Or a person's key (from an earlier answer)"),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the links of that day"),
    depth: str = Query("1", description="1 to 4 links out"),
) -> dict:
    """Who was connected to whom on `as_of` (every link ever without it): the neighbourhood
    of each person answering to the name, or of the company; `results` is [] for nobody."""
    graph, subs, _ = _ask(request, person=person, company=company, person_key=key)
    return graph_json(graph, subs)
