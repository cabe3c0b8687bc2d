"""cli.py `graph` and `export --format ftm`: the people graph from the command line, on SQLite
and PostgreSQL (the seeded filings of tests/graph_helpers.py)."""

from __future__ import annotations

import json

from graph_helpers import at, filing, seed_ckh
from test_jobs_ftm import validate
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), env={"COLUMNS": "400"})


def test_graph_as_of_differs_before_and_after_the_resignation(
    db_url, db_engine, add_announcement, monkeypatch
):
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    seed_ckh(add_announcement)
    before = run("graph", "--person", "Mr. Wong Hon-Kit", "--as-of", "2024-02-01")
    assert before.exit_code == 0, before.output
    assert before.output.splitlines()[0].startswith("WONG Hon Kit [")
    assert "-[directorship: executive]-> CKH HOLDINGS  (2024-01-05 to 2024-03-15" in before.output
    after = run("graph", "--person", "WONG Hon Kit", "--as-of", "2024-04-01", "--json")
    assert after.exit_code == 0, after.output
    (result,) = json.loads(after.output)["results"]
    assert result["links"] == [] and result["as_of"] == "2024-04-01"
    assert result["person"]["filings"] == 2  # the board paragraphs; the resignation is text
    wide = json.loads(run("graph", "--company", "1", "--depth", "2", "--json").output)
    (company,) = wide["results"]
    labels = {n["label"] for n in company["nodes"]}
    assert {"WONG Hon Kit", "LI Ka Shing", "LI Tzar Kai", "CHOW Woo Mo Fong"} <= labels


def test_namesakes_are_answered_apart(db_url, db_engine, add_announcement, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["WONG Hon Kit"]})  # fmt: skip
    filing(add_announcement, "b1", "00002", "XIAOMI CORP", at(2024, 2, 5),
           directors={"executive": ["WONG Hon Kit"]})  # fmt: skip
    out = json.loads(run("graph", "--person", "WONG Hon Kit", "--json").output)["results"]
    assert [r["person"]["stock_codes"] for r in out] == [["00001"], ["00002"]]


def test_graph_errors_are_one_line(db_url, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    for args, message in (
        (("--person", "X", "--as-of", "yesterday"), "not a date: 'yesterday'"),
        (("--person", "X", "--depth", "9"), "depth must be 1 to 4"),
        ((), "ask about one person"),
        (("--person", "Nobody HERE"), "nobody and nothing by that name"),
    ):
        result = run("graph", *args)
        assert result.exit_code in (1, 2) and message in result.output, result.output
        assert "Traceback" not in result.output


def test_export_ftm_streams_valid_entities(db_url, db_engine, add_announcement, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    seed_ckh(add_announcement)
    result = run("export", "--format", "ftm")
    assert result.exit_code == 0, result.output
    entities = [json.loads(line) for line in result.output.splitlines()]
    validate(entities)
    assert {e["schema"] for e in entities} >= {"Person", "Company", "Directorship", "Contract"}
    bad = run("export", "--format", "xml")
    assert bad.exit_code == 2 and "unknown export format 'xml'" in bad.output
