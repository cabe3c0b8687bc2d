"""A wrong setting is one line with the fix and exit code 2, never a traceback: the database
unreachable, migrated by a newer filingwatch, or a SQLite path that does not exist; a port
already in use. Real `filingwatch` processes, as a user runs them."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _cli(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "FILINGWATCH_CREATE_DB"}
    full.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          env=full, cwd=cwd, timeout=120)  # fmt: skip


def _one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_errors_database_unreachable_is_one_line() -> None:
    url = f"postgresql+psycopg://postgres:pw@127.0.0.1:{_closed_port()}/test"
    for command in (["search", "xiaomi"], ["alerts"], ["run-once"]):
        line = _one_line_error(_cli(*command, FILINGWATCH_DATABASE_URL=url))
        assert "cannot reach the database" in line and "Connection refused" in line
        assert "fix FILINGWATCH_DATABASE_URL" in line and ":pw@" not in line


def test_cli_errors_schema_too_new(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert _cli("db", "upgrade", "--create", FILINGWATCH_DATABASE_URL=url).returncode == 0
    with sqlite3.connect(tmp_path / "new.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    for command in (["subscriptions"], ["db", "upgrade"]):
        line = _one_line_error(_cli(*command, FILINGWATCH_DATABASE_URL=url))
        assert "migrated by a newer filingwatch (schema revision 0999" in line


def test_cli_errors_missing_sqlite_path_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "data-typo" / "filingwatch.db"
    url = f"sqlite:///{path}"
    line = _one_line_error(_cli("search", "xiaomi", FILINGWATCH_DATABASE_URL=url))
    assert f"no database at {path}" in line and "db upgrade --create" in line
    assert not path.parent.exists()
    assert _cli("alerts", FILINGWATCH_DATABASE_URL=url, FILINGWATCH_CREATE_DB="1").returncode == 0
    assert path.exists()


def test_cli_errors_port_in_use_for_serve_and_replica(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        for command in (["serve", "--port", port], ["replica", "--port", port]):
            done = _cli(*command, FILINGWATCH_DATABASE_URL=url, FILINGWATCH_CREATE_DB="1")
            line = _one_line_error(done)
            assert f"port {port} on 127.0.0.1 is in use" in line and "--port" in line


def test_cli_errors_worker_without_broker_and_broker_down(tmp_path: Path) -> None:
    """`worker` with no FILINGWATCH_BROKER_URL, and `extract --pending` with a broker that
    does not answer: one line each, saying what to set or start."""
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    done = _cli("worker", FILINGWATCH_DATABASE_URL=url, FILINGWATCH_CREATE_DB="1",
                FILINGWATCH_BROKER_URL="")  # fmt: skip
    assert "FILINGWATCH_BROKER_URL is not set" in _one_line_error(done)
    broker = f"redis://127.0.0.1:{_closed_port()}/0"
    done = _cli("extract", "--pending", FILINGWATCH_DATABASE_URL=url, FILINGWATCH_CREATE_DB="1",
                FILINGWATCH_BROKER_URL=broker)  # fmt: skip
    line = _one_line_error(done)
    assert f"cannot queue tasks on the broker {broker}" in line
    assert "unset FILINGWATCH_BROKER_URL" in line
