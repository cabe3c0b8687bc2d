"""cli.py `review` (list / show / accept / correct) and `status`, on both databases."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import store
from cli import SAMPLE_NEWS_ID, app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def sample(db_url, monkeypatch):
    """The Kingsoft sample stored by `load-sample`, plus a warning as a newer check would give."""
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", db_url)
    assert run("load-sample").exit_code == 0
    engine = store.make_engine(db_url)
    with store.session(engine) as s:
        row = s.exec(
            store.Announcement.__table__.select().where(
                store.Announcement.news_id == SAMPLE_NEWS_ID
            )
        ).first()
        extraction = {**row.extraction, "warnings": ["caps of 'Agreement' look odd"]}
        store.save_extraction(s, row.id, extraction, text=row.text, extractor_version=0)
        s.commit()
    yield engine
    engine.dispose()


def test_cli_review_list_show_accept_and_status(sample):
    listed = run("review")
    assert listed.exit_code == 0, listed.output
    assert listed.output.startswith(f"{SAMPLE_NEWS_ID}  03888 KINGSOFT  2012-05-24  open")
    assert "    warning: caps of 'Agreement' look odd" in listed.output
    assert "1 filing (open)" in listed.output
    assert run("review", "list", "--kind", "flagged").output.startswith("0 filings")
    bad = run("review", "list", "--state", "done")
    assert bad.exit_code == 2 and "error: state must be one of" in bad.output

    shown = run("review", "show", SAMPLE_NEWS_ID)
    assert shown.exit_code == 0, shown.output
    assert "  cap:1  RMB 8,000,000  period ending 31 December 2012" in shown.output
    assert "  director:1  HongJiang ZHANG  (executive)" in shown.output
    assert run("review", "show", "nope").output.strip() == "error: no filing with news id 'nope'"

    accepted = run("review", "accept", SAMPLE_NEWS_ID, "--note", "checked p.1", "--by", "ann")
    assert accepted.exit_code == 0, accepted.output
    assert run("review").output.startswith("0 filings")
    (item,) = json.loads(run("review", "list", "--state", "reviewed", "--json").output)
    assert item["accepted"]["note"] == "checked p.1" and item["state"] == "reviewed"

    status = run("status")
    assert status.exit_code == 0, status.output
    assert "filings: 1 (0 discovered, 0 fetched, 1 extracted, 0 failed)" in status.output
    assert "review: 0 need review, 1 reviewed, 0 corrected (0 corrections)" in status.output


def test_cli_review_correct_then_reprocess_keeps_it(sample):
    bad = run("review", "correct", SAMPLE_NEWS_ID, "cap:1", "--set", "amount=lots", "--note", "x")
    assert bad.exit_code == 2 and bad.output.startswith("error: amount must be a number")
    fixed = run(
        "review", "correct", SAMPLE_NEWS_ID, "cap:1", "--set", "amount=9.5m",
        "--set", "currency=HKD", "--note", "the table on page 1", "--by", "bo",
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    shown = run("review", "show", SAMPLE_NEWS_ID).output
    assert "cap:1  HKD 9,500,000" in shown
    assert "[corrected by bo: the table on page 1; amount was 8000000, currency was RMB]" in shown
    # load-sample stored extractor version 0: reprocess re-extracts it with the current one
    again = run("reprocess", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert "1 document: 1 extracted" in again.output
    with store.session(sample) as s:
        row = s.exec(
            store.Announcement.__table__.select().where(
                store.Announcement.news_id == SAMPLE_NEWS_ID
            )
        ).first()
    from extract.extraction import EXTRACTOR_VERSION

    assert row.extractor_version == EXTRACTOR_VERSION
    assert run("review", "show", SAMPLE_NEWS_ID).output.count("cap:1  HKD 9,500,000") == 1
    assert "1 corrected (1 correction)" in run("status").output
