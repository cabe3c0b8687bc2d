"""Pydantic shapes of the JSON API, so the OpenAPI schema documents every response.

The HTML pages render the same objects, which keeps each page and its `/api/` twin in step.
Money goes out as a JSON number in units (the extraction contract's convention), exact for
every integer amount; stored values stay `Decimal`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Amount = Annotated[Decimal, PlainSerializer(_number, return_type=float, when_used="json")]


class Evidence(BaseModel):
    page: int | None = None
    text: str


class Correction(BaseModel):
    """A reviewer's correction of an extracted fact (kept across re-extractions)."""

    fields: dict[str, str | int | float | None] = Field(description="the corrected values")
    machine: dict[str, str | int | float | None] = Field(
        {}, description="what the extractor had for those fields"
    )
    note: str = ""
    reviewer: str = ""
    at: str | None = Field(None, description="when it was made or last changed (ISO)")


class ReviewNote(BaseModel):
    """A reviewer accepted the filing as it stands."""

    note: str
    reviewer: str = ""
    at: dt.datetime


class FilingSummary(BaseModel):
    news_id: str
    stock_code: str
    stock_codes: list[str] = []
    stock_name: str = ""
    title: str
    headline: str = ""
    published_at: dt.datetime
    language: str = "en"
    url: str = Field(description="this filing's page here")
    document_url: str = Field("", description="the original on HKEXnews")


class Party(BaseModel):
    name: str
    full_name: str | None = None
    chinese_name: str | None = None
    human_corrected: bool = False
    correction: Correction | None = None
    evidence: Evidence | None = None


class Agreement(BaseModel):
    name: str
    date: dt.date | None = None
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    parties: list[str] = []
    human_corrected: bool = False
    correction: Correction | None = None
    evidence: Evidence | None = None


class AnnualCap(BaseModel):
    amount: Amount
    currency: str
    period_end: dt.date | None = None
    period_label: str | None = None
    agreement: str | None = None
    category: str | None = None
    human_corrected: bool = False
    correction: Correction | None = None
    evidence: Evidence | None = None


class ConnectedPerson(BaseModel):
    name: str
    person_id: int | None = None
    connected_entity: str | None = None
    relationship: str | None = None
    human_corrected: bool = False
    correction: Correction | None = None
    evidence: Evidence | None = None


class Director(BaseModel):
    name: str
    person_id: int | None = None
    role: Literal["executive", "non_executive", "independent_non_executive"]
    abstained: bool = False
    human_corrected: bool = False
    correction: Correction | None = None
    evidence: Evidence | None = None


class Abstention(BaseModel):
    name: str
    person_id: int | None = None
    evidence: Evidence | None = None


class Filing(FilingSummary):
    file_type: str = ""
    status: str
    stored_copy_url: str | None = Field(None, description="our stored copy of the file")
    paired_news_id: str | None = Field(None, description="the other language's edition")
    revised: bool = False
    company: str | None = None
    announcement_date: dt.date | None = None
    transaction_types: list[str] = []
    listing_rules_chapters: list[str] = []
    extractor_version: int | None = None
    extracted_at: dt.datetime | None = None
    needs_review: bool = False
    review_reason: str | None = None
    reviewed: ReviewNote | None = Field(None, description="accepted by a reviewer")
    corrections: int = Field(0, description="facts corrected by a reviewer")
    parties: list[Party] = []
    agreements: list[Agreement] = []
    annual_caps: list[AnnualCap] = []
    connected_persons: list[ConnectedPerson] = []
    directors: list[Director] = []
    abstentions: list[Abstention] = []
    warnings: list[str] = []


class Mention(BaseModel):
    role: str
    name_as_written: str
    evidence: Evidence | None = None


class PersonFiling(BaseModel):
    filing: FilingSummary
    roles: list[str]
    mentions: list[Mention]


class YearCount(BaseModel):
    year: int
    filings: int


class CompanyRef(BaseModel):
    stock_code: str
    stock_name: str
    filings: int
    first: dt.datetime
    last: dt.datetime
    roles: list[str] = []


class Page(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class Person(BaseModel):
    id: int
    display_name: str
    chinese_name: str | None = Field(
        None, description="known, or read off the Chinese editions of the same filings"
    )
    english_name: str | None = Field(
        None, description="for a person named in Chinese: the English editions' name"
    )
    other_edition_person_id: int | None = Field(
        None, description="the same person as recorded from the other language's editions"
    )
    names_as_written: list[str]
    roles: list[str]
    companies: list[CompanyRef]
    timeline: list[YearCount]
    filings: list[PersonFiling]
    paging: Page


class CompanyParty(BaseModel):
    name: str
    full_name: str | None = None
    chinese_name: str | None = None
    filings: int
    last_seen: dt.datetime


class CompanyConnectedPerson(BaseModel):
    name: str
    person_id: int | None = None
    connected_entities: list[str]
    filings: int
    last_seen: dt.datetime


class CompanyCap(BaseModel):
    amount: Amount
    currency: str
    period_end: dt.date | None = None
    period_label: str | None = None
    agreement: str | None = None
    category: str | None = None
    news_id: str
    published_at: dt.datetime


class Company(BaseModel):
    stock_code: str
    stock_name: str
    filings: list[FilingSummary]
    paging: Page
    parties: list[CompanyParty]
    connected_persons: list[CompanyConnectedPerson]
    annual_caps: list[CompanyCap]
    timeline: list[YearCount]


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class EditionLink(BaseModel):
    news_id: str
    language: str
    url: str


class HitCap(BaseModel):
    amount: Amount
    currency: str
    period_end: dt.date | None = None
    period_label: str | None = None


class SearchHit(FilingSummary):
    id: int | None = Field(None, description="the filing's id here (the facts export's filing_id)")
    score: float | None = None
    snippet: str = Field("", description="HTML: escaped text with <mark> around matches")
    other_edition: EditionLink | None = Field(
        None, description="the same filing in the other language (one result per filing)"
    )
    parties: list[str] = []
    largest_cap: HitCap | None = Field(None, description="the filing's largest annual cap")
    connected_persons: list[str] = []


class FactRow(BaseModel):
    """One cap, party or person of a matching filing: a row of the facts export."""

    filing_id: int
    news_id: str
    published_at: dt.datetime
    stock_code: str
    stock_name: str
    language: str
    kind: Literal["cap", "party", "person"]
    name: str = ""
    role: str = ""
    detail: str = ""
    chinese_name: str = ""
    amount: Amount | None = None
    currency: str = ""
    period_end: dt.date | None = None
    period_label: str = ""
    evidence_page: int | None = None
    evidence_text: str = ""
    human_corrected: bool = Field(False, description="a reviewer corrected this fact")


class FactsResponse(BaseModel):
    query: str
    filters: dict[str, str | list[str]]
    filings: int = Field(description="matching filings exported (at most 5,000)")
    rows: list[FactRow]


class SearchResponse(BaseModel):
    query: str
    filters: dict[str, str | list[str]]
    sort: Literal["relevance", "date"]
    paging: Page
    total_exact: bool = Field(True, description="False when total is a lower bound")
    complete: bool = Field(
        True, description="False: hits and facets come from the newest matches only (narrow it)"
    )
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]


class SubscriptionIn(BaseModel):
    """A director to follow: the name, other spellings, and where alerts go."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300, examples=["LEI Jun"])
    aliases: list[Annotated[str, Field(max_length=300)]] = Field([], max_length=20)
    chinese_name: str | None = Field(None, max_length=100, examples=["雷軍"])
    stock_codes: list[Annotated[str, Field(pattern=r"^\d{1,5}$")]] = Field([], max_length=50)
    transaction_types: list[Annotated[str, Field(max_length=100)]] = Field([], max_length=10)
    roles: list[Literal["director", "connected", "abstained"]] = Field(
        [], description="only alert for these roles (default: any)"
    )
    min_cap_amount: Amount | None = Field(
        None, ge=0, description="only filings with a cap this big"
    )
    channel: Literal["email", "webhook", "feed"] = "feed"
    target: str | None = Field(None, max_length=1000, description="e-mail address or URL")


class Subscription(BaseModel):
    id: int
    name: str
    aliases: list[str]
    chinese_name: str | None
    stock_codes: list[str]
    transaction_types: list[str] = []
    roles: list[str] = []
    min_cap_amount: Amount | None = None
    channel: str
    target: str | None
    active: bool
    created_at: dt.datetime
    feed_url: str = Field(description="signed Atom feed of this subscription's alerts")
    unsubscribe_url: str = Field(description="signed one-click unsubscribe link")


class ErrorOut(BaseModel):
    detail: str


#: The JSON Schemas committed under docs/ (tests/test_cli_store.py checks they are current):
#: `filingwatch search --json` prints a SearchResponse, `search --facts --json` a FactsResponse,
#: the same shapes as /api/search and /api/search/facts. Regenerate: `python -m web.schemas`.
PUBLISHED = {
    "search.schema.json": (SearchResponse, "filingwatch search results"),
    "search-facts.schema.json": (FactsResponse, "filingwatch search facts"),
}


def published_schema(name: str) -> dict:
    model, title = PUBLISHED[name]
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


if __name__ == "__main__":
    import json
    from pathlib import Path

    docs = Path(__file__).resolve().parent.parent / "docs"
    for file_name in PUBLISHED:
        text = json.dumps(published_schema(file_name), indent=2, ensure_ascii=False) + "\n"
        (docs / file_name).write_text(text, encoding="utf-8")
