import json

import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", url)
    monkeypatch.setenv("FILINGWATCH_CREATE_DB", "1")  # a new file outside ./data, on purpose
    return url


def run(*args):
    return runner.invoke(app, list(args))


def test_cli_store_db_upgrade_on_a_new_file(sqlite_url):
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "empty ->" in result.output
    again = run("db", "upgrade")
    assert again.exit_code == 0 and "empty" not in again.output


def test_cli_store_load_sample_then_search_both_backends(db_url, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    first = run("load-sample")
    assert first.exit_code == 0, first.output
    assert "new" in first.output
    assert "unchanged" in run("load-sample").output
    result = run("search", "xiaomi", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["total"] == 1
    (hit,) = payload["hits"]
    assert hit["news_id"] == "sample-kingsoft-2012-05-24"
    assert hit["published_at"] == "2012-05-24T19:00:00+08:00"
    assert "<mark>Xiaomi</mark>" in hit["snippet"]
    assert ["RMB", 1] in payload["facets"]["currency"]


def test_cli_store_search_table_and_filters(sqlite_url):
    run("load-sample")
    result = run(
        "search",
        "xiao*",
        "--person",
        "Mr. LEI Jun",
        "--stock",
        "3888",
        "--from",
        "2012-05-24",
        "--to",
        "2012-05-24",
        "--cap-min",
        "8000000",
        "--currency",
        "RMB",
        "--type",
        "continuing connected transaction",
    )
    assert result.exit_code == 0, result.output
    assert "KINGSOFT" in result.output and "1 filing for" in result.output
    none = run("search", "xiaomi", "--cap-min", "9000000")
    assert none.exit_code == 0 and "0 filings" in none.output


def test_cli_store_search_csv(sqlite_url):
    run("load-sample")
    result = run("search", '"annual cap"', "--csv")
    assert result.exit_code == 0, result.output
    header, row = result.output.strip().splitlines()[:2]
    assert header.startswith("id,news_id,stock_code")
    assert "sample-kingsoft-2012-05-24" in row and "<mark>" not in row


def test_cli_store_search_csv_defuses_formulas(sqlite_url):
    import csv
    import io

    import store

    engine = store.make_engine(sqlite_url)
    store.ensure_schema(engine)
    with store.session(engine) as s:
        store.upsert_announcement(
            s,
            {
                "news_id": "f1",
                "stock_code": "00001",
                "stock_name": '=HYPERLINK("http://x")',
                "title": "@SUM(A1) wombat",
                "published_at": store.now_hk(),
                "text": "-2+3 wombat",
                "sha256": "f1",
            },
        )
        s.commit()
    engine.dispose()
    result = run("search", "wombat", "--csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert row["stock_name"].startswith("'=") and row["title"].startswith("'@")


@pytest.mark.parametrize(
    "args",
    [
        ['"unbalanced'],
        ["OR"],
        ["-"],
        ["x", "--sort", "random"],
        ["x", "--from", "yesterday"],
        ["x", "--cap-min", "lots"],
        ["x", "--page", "0"],
    ],
)
def test_cli_store_bad_input_exits_2_with_one_line(sqlite_url, args):
    result = run("search", *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "Traceback" not in result.output


def test_cli_store_search_upgrades_an_old_database(sqlite_url):
    import store

    engine = store.make_engine(sqlite_url)
    store.upgrade(engine, "0001")
    engine.dispose()
    result = run("search", "anything")
    assert result.exit_code == 0, result.output
    assert "0 filings" in result.output
