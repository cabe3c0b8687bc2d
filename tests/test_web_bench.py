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
