"""web/graph.py and web/graph_svg.py: the connection pages and /api/graph through FastAPI's
TestClient, on SQLite and PostgreSQL (the seeded filings of tests/graph_helpers.py)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from graph_helpers import at, filing, seed_ckh

import web


@pytest.fixture
def client(db_engine, add_announcement) -> TestClient:
    seed_ckh(add_announcement)
    filing(add_announcement, "x1", "00002", "XIAOMI CORP", at(2024, 2, 5),
           directors={"executive": ["WONG Hon Kit"]})  # fmt: skip
    return TestClient(web.create_app(db_engine), raise_server_exceptions=False)


def _wong_key(client: TestClient) -> str:
    answer = client.get("/api/graph", params={"person": "WONG Hon Kit"}).json()["results"]
    (ckh,) = [r for r in answer if r["person"]["stock_codes"] == ["00001"]]
    return ckh["person"]["key"]


def test_api_graph_answers_as_of_a_date(client):
    before = client.get("/api/graph", params={"person": "Wong Hon-Kit", "as_of": "2024-02-01"})
    assert before.status_code == 200
    results = before.json()["results"]
    assert len(results) == 2, "the namesake at 00002 is another person"
    ckh = next(r for r in results if r["person"]["stock_codes"] == ["00001"])
    assert [(k["kind"], k["target"], k["end"]) for k in ckh["links"]] == [
        ("directorship", "company:00001", "2024-03-15")
    ]
    after = client.get("/api/graph", params={"key": ckh["person"]["key"], "as_of": "2024-04-01"})
    assert after.json()["results"][0]["links"] == []
    deep = client.get("/api/graph", params={"company": "1", "depth": "2"}).json()["results"][0]
    assert {"person", "company", "org"} <= {n["kind"] for n in deep["nodes"]}


@pytest.mark.parametrize(
    ("params", "status", "detail"),
    [
        ({"person": "X", "as_of": "soon"}, 400, "not a date: 'soon'"),
        ({"person": "X", "depth": "7"}, 400, "depth must be 1 to 4"),
        ({"person": "X", "depth": "two"}, 400, "depth must be 1 to 4"),
        ({}, 400, "ask about one person"),
    ],
)
def test_api_graph_bad_questions_are_one_line(client, params, status, detail):
    answer = client.get("/api/graph", params=params)
    assert answer.status_code == status and detail in answer.json()["detail"]


def test_person_page_draws_the_neighbourhood_as_svg(client):
    key = _wong_key(client)
    page = client.get(f"/graph/people/{key}", params={"as_of": "2024-02-01"})
    assert page.status_code == 200
    html = page.text
    assert "<svg" in html and "<script" not in html
    assert 'data-node="company:00001"' in html and "CKH HOLDINGS" in html
    assert 'href="/graph/companies/00001?as_of=2024-02-01"' in html
    assert re.search(r'<path class="link directorship"', html)
    gone = client.get(f"/graph/people/{key}", params={"as_of": "2024-04-01"}).text
    assert "<path" not in gone and "No connections on 2024-04-01." in gone


def test_company_page_and_name_lookup(client):
    company = client.get("/graph/companies/1", params={"depth": "2"})
    assert company.status_code == 200 and 'data-node="company:00001"' in company.text
    assert "LI Tzar Kai" in company.text
    assert client.get("/graph/companies/99999").status_code == 404
    assert client.get("/graph/people/nobody").status_code == 404
    many = client.get("/graph/people", params={"name": "WONG Hon Kit"})
    assert many.status_code == 200 and "2 people" in many.text
    one = client.get("/graph/people", params={"name": "LI Ka Shing"}, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"].startswith("/graph/people/")
    # from a person page (one name-key row): the people it was split into, by issuer
    row_id = one.headers["location"].rsplit("/", 1)[1].split("-")[0]
    by_row = client.get("/graph/people", params={"person_id": row_id}, follow_redirects=False)
    assert by_row.headers["location"] == one.headers["location"]
    wong_row = _wong_key(client).split("-")[0]
    split = client.get("/graph/people", params={"person_id": wong_row})
    assert split.status_code == 200 and "2 people" in split.text
    assert client.get("/graph/people").status_code == 400
    person_page = client.get(f"/people/{wong_row}").text
    assert f'href="/graph/people?person_id={wong_row}"' in person_page


def test_labels_are_escaped_in_the_svg(db_engine, add_announcement):
    filing(add_announcement, "h1", "00009", "<script>alert(1)</script> HOLDINGS", at(2024, 1, 1),
           directors={"executive": ["CHAN <b>Tai</b> Man"]})  # fmt: skip
    client = TestClient(web.create_app(db_engine))
    html = client.get("/graph/companies/9").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_api_graph_is_documented_in_openapi(client):
    schema = client.get("/openapi.json").json()
    answer = schema["paths"]["/api/graph"]["get"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"]["$ref"].endswith("/GraphAnswer")
    assert {"GraphLink", "GraphNode", "Neighbourhood"} <= set(schema["components"]["schemas"])
