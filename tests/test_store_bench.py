"""bench/search.py must keep working: a tiny run on both backends prints both tables."""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_store_bench_search_runs_on_both_backends(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "search.py"),
            "--n",
            "300",
            "--runs",
            "1",
            "--sqlite-path",
            str(tmp_path / "bench.db"),
            "--pg-database",
            f"fw_bench_test_{uuid.uuid4().hex[:8]}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SQLite  n=300" in result.stdout and "PostgreSQL  n=300" in result.stdout
    assert "Chinese 2 chars" in result.stdout
