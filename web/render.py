"""The Jinja environment: autoescape on for every template, plus our display filters.

Templates never use `|safe`; the only Markup they receive comes from `formatting.highlight`
(which escapes for itself) and from the store's search snippets (escaped by the store).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from web import formatting

_STRAY_TAG = re.compile(r"<(?!/?mark>)")
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

ROLE_LABELS = {
    "executive": "Executive director",
    "non_executive": "Non-executive director",
    "independent_non_executive": "Independent non-executive director",
    "connected_person": "Connected person",
    "abstained": "Abstained from voting",
}


_PAIRS = "filingwatch.query_pairs"


def _pair(key: str, value: object) -> str:
    return f"{quote_plus(key)}={quote_plus(str(value))}"


def _query(request: Request, **changes: Any) -> str:
    """The current query string with some parameters replaced (None removes one).

    A search page builds some fifty links from one query string, so each parameter is
    encoded once per request (kept in the request's scope), not once per link."""
    pairs = request.scope.get(_PAIRS)
    if pairs is None:
        pairs = [(k, _pair(k, v)) for k, v in request.query_params.multi_items()]
        request.scope[_PAIRS] = pairs
    out = [encoded for k, encoded in pairs if k not in changes]
    for key, value in changes.items():
        if value is None or value == "":
            continue
        if isinstance(value, list | tuple):
            out.extend(_pair(key, v) for v in value)
        else:
            out.append(_pair(key, value))
    return "&".join(out)


def _make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        # Compiled once per process: no stat() of each template file on every render.
        auto_reload=False,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        money=formatting.money,
        money_short=formatting.money_short,
        date=formatting.date,
        datetime_hk=formatting.datetime_hk,
        http_url=formatting.http_url,
        role_label=lambda r: ROLE_LABELS.get(str(r), str(r).replace("_", " ")),
    )
    env.globals.update(query=_query)
    return env


templates = Jinja2Templates(env=_make_env())


def page(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
):
    """Render `name` with the context every page needs (the current path for the nav)."""
    ctx = {"nav": request.url.path.split("/")[1] if request.url.path != "/" else "search"}
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def safe_snippet(snippet: str | None) -> Markup:
    """The store's snippets are already HTML-escaped with `<mark>` around matches: the one
    place stored text is trusted as HTML. Belt and braces: any `<` that does not open or close
    a `<mark>` is escaped again, so a store bug cannot become script injection."""
    return Markup(_STRAY_TAG.sub("&lt;", snippet or ""))
