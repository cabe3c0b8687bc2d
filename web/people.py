"""The person page (`/people/{id}`): every filing naming one person, across companies."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from web import data, search_query
from web.deps import engine_of
from web.formatting import highlight, name_needles
from web.render import page

router = APIRouter(include_in_schema=False)


def parse_id(raw: str, what: str) -> int:
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPException(404, f"No {what} with id {raw[:20]!r}.")
    return int(raw)


def page_number(request: Request) -> int:
    try:
        return search_query.parse_int(request.query_params.get("page"), "page", 1, 10**6, 1) or 1
    except search_query.BadQuery as exc:
        raise HTTPException(400, str(exc)) from None


def person_or_404(request: Request, raw_id: str):
    person_id = parse_id(raw_id, "person")
    person = data.load_person(engine_of(request), person_id, page=page_number(request))
    if person is None:
        raise HTTPException(404, f"No person with id {person_id}.")
    return person


@router.get("/people/{person_id}", name="person")
def person_page(request: Request, person_id: str):
    person = person_or_404(request, person_id)
    needles = [n for name in person.names_as_written for n in name_needles(name)]
    max_year = max((y.filings for y in person.timeline), default=1)
    return page(
        request,
        "person.html",
        {
            "person": person,
            "mark": lambda text: highlight(text, needles),
            "max_year": max_year,
        },
    )
