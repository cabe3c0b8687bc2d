"""`filingwatch deals` and `filingwatch export --format csv` over the replica's deal lives."""

from __future__ import annotations

import csv

import pytest
from test_deals import _replica, _store
from typer.testing import CliRunner

import store
from cli import app


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    _store(engine)
    engine.dispose()
    return url


def _run(url: str, *args: str):
    return CliRunner().invoke(app, list(args), env={"FILINGWATCH_DATABASE_URL": url})


def test_export_csv_writes_the_agreements_and_one_caps_row_per_agreement_year(database, tmp_path):
    out = tmp_path / "export"
    result = _run(database, "export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    key, _ = _replica()
    with (out / "agreements.csv").open(encoding="utf-8") as handle:
        agreements = list(csv.DictReader(handle))
    assert sorted(a["name"] for a in agreements) == sorted(d["agreement"] for d in key)
    assert all(a["roles"] == "original; revision; supplement; renewal" for a in agreements)
    assert all(a["years_over_cap"] == "1" for a in agreements)
    with (out / "caps.csv").open(encoding="utf-8") as handle:
        caps = list(csv.DictReader(handle))
    assert len(caps) == sum(len(d["years"]) for d in key)
    over = [c for c in caps if c["exceeded"] == "true"]
    assert len(over) == 2 and all(float(c["utilisation_pct"]) > 100 for c in over)
    with (out / "cap_history.csv").open(encoding="utf-8") as handle:
        history = list(csv.DictReader(handle))
    assert {c["kind"] for c in history} == {"proposed", "revised", "renewed"}
    assert f"{out / 'caps.csv'}: {len(caps)} rows" in result.output


def test_export_unknown_format_is_one_line(database, tmp_path):
    result = _run(database, "export", "--format", "xml", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: unknown export format 'xml': choose one of csv, ftm"
    ]


def test_deals_backfill_relinks_and_lists(database):
    result = _run(database, "deals", "--backfill")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "8 filings linked to agreements"
    assert len(lines) == 3 and all("1 year over cap" in line for line in lines[1:])
