"""Pydantic shapes of `/api/graph` (jobs.graph_json's answer), for the OpenAPI schema."""

from __future__ import annotations

from pydantic import BaseModel, Field


class GraphNode(BaseModel):
    id: str = Field(description='"person:<key>", "company:<stock code>" or "org:<company key>"')
    kind: str = Field(description="person, company (a listed issuer) or org (another company)")
    label: str
    stock_code: str | None = None
    person_key: str | None = None


class GraphLink(BaseModel):
    source: str = Field(description="a node id: the person")
    target: str
    kind: str = Field(description="directorship, ownership, family, connected or associate")
    role: str
    start: str | None = Field(None, description="first day (ISO); null: not known")
    end: str | None = Field(
        None,
        description="a directorship's first day off the board; else the last day; null: open",
    )
    agreement: str | None = None
    filings: list[str] = Field(description="the filings stating it (one news id per filing)")


class GraphPerson(BaseModel):
    key: str
    name: str
    names: list[str]
    chinese_names: list[str]
    stock_codes: list[str]
    filings: int = Field(description="filings naming them, each once whatever its editions")
    linked_by: list[str] = Field(description="what joined them across issuers, if anything")


class Neighbourhood(BaseModel):
    center: str
    as_of: str | None
    depth: int
    nodes: list[GraphNode]
    links: list[GraphLink]
    person: GraphPerson | None = None


class GraphAnswer(BaseModel):
    results: list[Neighbourhood] = Field(
        description="one per person answering to the name (namesakes apart), or the company's"
    )
