"""bench/web.py must keep working: a tiny run serves the app with two workers, drives all
three pages with the lean client and prints the latency table with both CPU columns."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_web_bench_runs_and_reports_cpu(tmp_path):
    args = ["--n", "300", "--requests", "24", "--clients", "4", "--db", str(tmp_path / "w.db")]
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "web.py"), *args],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "| server CPU ms/req | generator CPU ms/req |" in out
    row = r"^\| (filing|person|search) +\| +24 \|.*\| +(\d+) \| +([\d.]+) \| +([\d.]+) \|$"
    rows = re.findall(row, out, re.M)
    assert [r[0] for r in rows] == ["filing", "person", "search"], out
    assert all(r[1] == "0" for r in rows), out  # no errors
    assert re.search(r"load generator \(.*\): [\d.]+ CPU s over the 72 concurrent requests", out)
    assert re.search(r"load average [\d.]+ before, [\d.]+ after", out)


@pytest.mark.slow
def test_web_bench_runs_on_postgresql(tmp_path):
    """--backend postgresql loads its own database (kept for reuse; dropped here) and reports
    every page without errors."""
    import os
    import uuid

    from sqlalchemy import create_engine, text

    admin_url = os.environ.get(
        "FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    name = f"fw_bench_web_test_{uuid.uuid4().hex[:8]}"
    args = ["--n", "200", "--requests", "16", "--clients", "4", "--backend", "postgresql"]
    try:
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "web.py"), *args, "--pg-database", name],
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    assert result.returncode == 0, result.stderr[-3000:]
    assert "filings, PostgreSQL, 4 concurrent clients" in result.stdout
    row = r"^\| (filing|person|search) +\| +16 \|.*\| +(\d+) \| +([\d.]+) \| +([\d.]+) \|$"
    rows = re.findall(row, result.stdout, re.M)
    assert [r[0] for r in rows] == ["filing", "person", "search"], result.stdout
    assert all(r[1] == "0" for r in rows), result.stdout  # no errors
