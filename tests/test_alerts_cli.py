"""The alerts and scheduler commands: thin wrappers, checked through Typer's runner."""

from __future__ import annotations

import pytest
from alerts_helpers import add_filing
from typer.testing import CliRunner

import scheduler
import store
from alerts import match_new
from cli import app

runner = CliRunner()


@pytest.fixture
def engine(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", url)
    engine = store.make_engine(url)
    store.ensure_schema(engine)
    yield engine
    engine.dispose()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_alerts_cli_subscribe_list_alerts_unsubscribe(engine, monkeypatch):
    monkeypatch.setenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", "1")  # the webhook is on loopback
    result = run("subscribe", "LEI Jun", "--chinese", "雷軍", "--email", "me@example.com")
    assert result.exit_code == 0, result.output
    assert "subscription 1: LEI Jun -> email me@example.com" in result.output
    result = run(
        "subscribe", "Jun LEI", "--webhook", "http://127.0.0.1:9/hook", "--role", "connected"
    )
    assert result.exit_code == 0, result.output
    assert "webhook secret" in result.output
    assert run("subscribe", "X", "--email", "nope").exit_code == 2
    assert run("subscribe", "X").exit_code == 2  # no channel
    assert run("subscribe", "X", "--feed", "--role", "chairman").exit_code == 2

    listing = run("subscriptions")
    assert listing.exit_code == 0 and "雷軍" in listing.output and "connected" in listing.output

    add_filing(engine, "1001", [("Jun LEI", "abstained", "Mr. Lei abstained.")])
    assert match_new(engine) == 1  # only subscription 1: no connected-person role here
    pending = run("alerts", "--pending")
    assert pending.exit_code == 0, pending.output
    assert "Jun LEI" in pending.output and "pending" in pending.output

    assert run("unsubscribe", "1").exit_code == 0
    assert run("unsubscribe", "1").exit_code == 1
    assert "Jun LEI" not in run("alerts").output  # its alerts went with it


def test_alerts_cli_backfill_alerts_on_stored_filings(engine):
    add_filing(engine, "2001", [("LEI Jun", "executive", None)])
    result = run("subscribe", "LEI Jun", "--feed", "--backfill")
    assert result.exit_code == 0, result.output
    assert "backfill: 1 alert for" in result.output


def test_alerts_cli_run_once(engine, monkeypatch):
    monkeypatch.setattr(scheduler, "run_stages", lambda e, b, o: {"matched": 0, "base": b})
    result = run("run-once", "--base-url", "http://127.0.0.1:9", "--json")
    assert result.exit_code == 0, result.output
    assert '"status": "ok"' in result.output and '"base": "http://127.0.0.1:9"' in result.output
    short = run("run-once", "--base-url", "http://127.0.0.1:9")
    assert short.exit_code == 0 and short.output.splitlines()[0] == "cycle ok", short.output
    with scheduler.cycle_lock(engine) as held:
        assert held
        locked = run("run-once")
    assert locked.exit_code == 0 and "skipped: another cycle holds the lock" in locked.output


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--feed", "--min-cap", "NaN"], "the minimum cap must be a finite number, got 'NaN'"),
        (["--feed", "--min-cap", "sNaN"], "the minimum cap must be a finite number, got 'sNaN'"),
        (["--feed", "--min-cap", "Infinity"], "the minimum cap must be a finite number"),
        (["--feed", "--min-cap", "-1"], "the minimum cap must be 0 or more, got '-1'"),
        (["--feed", "--min-cap", "8m"], "the minimum cap must be a number, got '8m'"),
        (["--feed", "--alias", "Jun\r\nLEI"], "an alias must be one line of text"),
        (["--webhook", "http://127.0.0.1:9/hook"], "webhook target refused: 127.0.0.1 is a"),
        (["--webhook", "http://169.254.169.254/"], "webhook target refused: 169.254.169.254"),
    ],
)
def test_alerts_cli_subscribe_refuses_bad_input_in_one_line(engine, monkeypatch, args, error):
    monkeypatch.delenv("FILINGWATCH_WEBHOOK_ALLOW_PRIVATE", raising=False)
    result = run("subscribe", "LEI Jun", *args)
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {error}")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "LEI Jun" not in run("subscriptions").output  # nothing was stored


def test_alerts_cli_subscribe_refuses_a_name_with_a_line_break(engine):
    result = run("subscribe", "LEI\r\nJun", "--email", "me@example.com")
    assert result.exit_code == 2
    assert result.output.startswith("error: the name must be one line of text;")


def test_alerts_cli_subscribe_email_warns_without_a_secret_key(engine, monkeypatch):
    monkeypatch.delenv("FILINGWATCH_SECRET_KEY", raising=False)
    result = run("subscribe", "LEI Jun", "--email", "me@example.com")
    assert result.exit_code == 0
    assert "FILINGWATCH_SECRET_KEY is not set" in result.output
    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "k")
    assert "FILINGWATCH_SECRET_KEY" not in run("subscribe", "LEI Jun", "--email", "a@b.co").output
