"""The review queue pages and API (web/review.py) through FastAPI's TestClient, on SQLite and
PostgreSQL: a reviewer corrects a cap in the web queue, and after `reprocess` with a raised
extractor version the correction still stands (issue 16)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import store
import web

TOKEN = "review-admin-token-7"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SAMPLES = Path(__file__).resolve().parents[1] / "extract" / "samples"
NEWS_ID = "2012052400123"


def store_sample_for_review(engine) -> None:  # noqa: ANN001
    """The Kingsoft sample stored from its file by an older extractor (version 0), with a
    cross-check warning that puts it in the review queue."""
    path = SAMPLES / "kingsoft-2012-05-24.txt"
    text = path.read_text(encoding="utf-8")
    extraction = json.loads((SAMPLES / "kingsoft-2012-05-24.json").read_text(encoding="utf-8"))
    extraction["warnings"] = ["caps of 'Agreement' look odd"]
    with store.session(engine) as s:
        row, _ = store.upsert_announcement(
            s,
            {
                "news_id": NEWS_ID, "stock_code": "03888", "stock_codes": ["03888"],
                "stock_name": "KINGSOFT", "title": "CONTINUING CONNECTED TRANSACTION",
                "headline": "Announcements and Notices - [Continuing Connected Transaction]",
                "published_at": dt.datetime(2012, 5, 24, 19, 0, tzinfo=store.HK),
                "file_type": "TXT", "file_path": str(path), "status": "fetched",
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )  # fmt: skip
        store.save_extraction(s, row.id, extraction, text=text, extractor_version=0)
        s.commit()


@pytest.fixture
def client(db_engine, monkeypatch) -> TestClient:
    """The sample in the review queue, and the app over it."""
    monkeypatch.setenv("FILINGWATCH_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "test-secret")
    store_sample_for_review(db_engine)
    return TestClient(web.create_app(db_engine), raise_server_exceptions=False)


def _sign_in(client: TestClient) -> None:
    r = client.post("/review/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def test_web_review_needs_the_admin_token_and_is_never_stored(client):
    page = client.get("/review")
    assert page.status_code == 401 and 'action="/review/login"' in page.text
    assert client.get(f"/review/{NEWS_ID}").status_code == 401
    assert client.get("/api/review").status_code == 401
    r = client.post(f"/review/{NEWS_ID}/accept", data={"note": "x"}, follow_redirects=False)
    assert r.status_code == 401
    assert client.post("/review/login", data={"token": "nope"}).status_code == 403
    answers = [page, client.get("/api/review", headers=AUTH)]
    _sign_in(client)
    answers += [client.get("/review"), client.get(f"/review/{NEWS_ID}")]
    assert [a.status_code for a in answers] == [401, 200, 200, 200]
    for answer in answers:
        assert answer.headers["cache-control"] == "no-store", answer.request.url
    # the cookie alone does not let a cross-site form post
    r = client.post(f"/review/{NEWS_ID}/accept", data={"note": "x"}, follow_redirects=False)
    assert r.status_code == 403


def test_web_review_queue_lists_by_news_id_with_filters(client):
    _sign_in(client)
    page = client.get("/review")
    assert f'href="/review/{NEWS_ID}"' in page.text
    assert "caps of &#39;Agreement&#39; look odd" in page.text
    assert NEWS_ID not in client.get("/review?kind=flagged").text
    assert NEWS_ID in client.get("/review?kind=warning&stock=3888&text=odd").text
    bad = client.get("/review?state=done")
    assert bad.status_code == 400 and "State must be one of" in bad.text
    assert client.get("/review?colour=red").status_code == 400
    (item,) = client.get("/api/review", headers=AUTH).json()
    assert item["news_id"] == NEWS_ID and item["reasons"] == [
        {"kind": "warning", "text": "caps of 'Agreement' look odd"}
    ]
    assert "id" not in item
    r = client.get("/api/review?state=bogus", headers=AUTH)
    assert r.status_code == 400 and "State must be one of" in r.json()["detail"]


def test_web_review_correct_a_cap_then_reprocess_keeps_it(client, db_engine):
    from extract.extraction import EXTRACTOR_VERSION
    from jobs import reprocess

    _sign_in(client)
    item = client.get(f"/review/{NEWS_ID}")
    assert 'aria-label="Correct cap:1"' in item.text
    form = {"csrf": _csrf(item.text), "fact": "cap:1", "amount": "9.5m", "currency": "HKD",
            "period_end": "2012-12-31", "period_label": "period ending 31 December 2012",
            "note": "the cap table on page 1 says HK$9.5 million"}  # fmt: skip
    bad = client.post(f"/review/{NEWS_ID}/correct", data={**form, "amount": "lots"})
    assert bad.status_code == 400 and "amount must be a number" in bad.text
    r = client.post(f"/review/{NEWS_ID}/correct", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "Correction of cap:1 saved" in client.get(r.headers["location"]).text

    def cap() -> dict:
        (only,) = client.get(f"/api/filings/{NEWS_ID}").json()["annual_caps"]
        return only

    assert (cap()["amount"], cap()["currency"], cap()["human_corrected"]) == (9500000, "HKD", True)
    assert cap()["correction"]["machine"] == {"amount": 8000000, "currency": "RMB"}
    assert "Human-corrected" in client.get(f"/filings/{NEWS_ID}").text

    # a raised extractor version: everything stored by version 0 is extracted again
    summary = reprocess(db_engine, workers=1)
    assert (summary.total, summary.extracted) == (1, 1)
    with store.session(db_engine) as s:
        (row,) = s.exec(store.Announcement.__table__.select()).all()
        (stored_cap,) = s.exec(store.AnnualCap.__table__.select()).all()
    assert row.extractor_version == EXTRACTOR_VERSION > 0
    assert (cap()["amount"], cap()["currency"], cap()["human_corrected"]) == (9500000, "HKD", True)
    assert (int(stored_cap.amount), stored_cap.currency) == (9500000, "HKD")
    assert cap()["correction"]["note"] == "the cap table on page 1 says HK$9.5 million"
    assert "Human-corrected" in client.get(f"/filings/{NEWS_ID}").text
    (corrected,) = client.get("/api/review?state=corrected", headers=AUTH).json()
    assert corrected["corrections"] == 1


def test_web_review_accept_takes_it_off_the_queue(client):
    _sign_in(client)
    csrf = _csrf(client.get(f"/review/{NEWS_ID}").text)
    empty = client.post(f"/review/{NEWS_ID}/accept", data={"csrf": csrf, "note": " "})
    assert empty.status_code == 400 and "a note is required" in empty.text
    r = client.post(
        f"/review/{NEWS_ID}/accept",
        data={"csrf": csrf, "note": "the caps are right"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert f"Filing {NEWS_ID} marked reviewed" in client.get(r.headers["location"]).text
    assert f'href="/review/{NEWS_ID}"' not in client.get("/review").text
    assert f'href="/review/{NEWS_ID}"' in client.get("/review?state=reviewed").text
    filing = client.get(f"/api/filings/{NEWS_ID}").json()
    assert filing["reviewed"]["note"] == "the caps are right"
    assert ">Reviewed</span>" in client.get(f"/filings/{NEWS_ID}").text


def test_web_review_api_accept_and_correct_by_token(client):
    body = {"fact": "party:2", "values": {"name": "Xiaomi"}, "note": "short"}
    r = client.post(f"/api/review/{NEWS_ID}/correct", headers=AUTH, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["corrections"] == 1
    parties = client.get(f"/api/filings/{NEWS_ID}").json()["parties"]
    assert [(p["name"], p["human_corrected"]) for p in parties][1] == ("Xiaomi", True)
    r = client.post(f"/api/review/{NEWS_ID}/accept", headers=AUTH, json={"note": "ok"})
    assert r.status_code == 200 and r.json()["state"] == "reviewed"
    r = client.post("/api/review/nope/accept", headers=AUTH, json={"note": "ok"})
    assert r.status_code == 404
    r = client.post(f"/api/review/{NEWS_ID}/accept", json={"note": "ok"})
    assert r.status_code == 401
