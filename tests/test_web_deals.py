"""The agreement page, and agreements on the company and filing pages, over SQLite and
PostgreSQL (the replica's deal lives, extracted and stored as tests/test_deals.py does)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from test_deals import _replica, _store

import store
import web


def test_agreement_pages_company_rows_and_filing_links(db_engine):
    _store(db_engine)
    key, _ = _replica()
    client = TestClient(web.create_app(db_engine), raise_server_exceptions=False)
    for deal in key:
        company = client.get(f"/companies/{deal['stock_code']}")
        assert company.status_code == 200
        html = company.text
        # one agreement, one row per agreement-year; its caps are not listed again as loose
        # rows (each twice, English and Chinese)
        assert html.count('class="agreement-card"') == 1
        assert html.count("<tr class") == len(deal["years"])
        assert "Other annual caps" not in html and "Annual caps over time" not in html
        deal_id = re.search(r'href="/agreements/(\d+)"', html).group(1)

        page = client.get(f"/agreements/{deal_id}")
        assert page.status_code == 200
        assert deal["agreement"] in page.text
        assert page.text.count('<rect class="actual exceeded"') == 1
        assert "<script" not in page.text
        data = client.get(f"/api/agreements/{deal_id}").json()
        assert [f["role"] for f in data["filings"]] == [
            "original", "revision", "supplement", "renewal"]  # fmt: skip
        assert [(y["period_end"], y["exceeded"]) for y in data["years"]] == [
            (y["period_end"], y["exceeded"]) for y in deal["years"]]  # fmt: skip
        for f in deal["filings"]:  # every filing, either edition, links back to its agreement
            filing = client.get(f"/filings/{f['news_id']}")
            assert f'href="/agreements/{deal_id}"' in filing.text, f["slug"]
            assert f">{f['role']}</span>" in filing.text


def test_agreement_page_unknown_or_malformed_is_404(db_engine):
    client = TestClient(web.create_app(db_engine), raise_server_exceptions=False)
    assert client.get("/agreements/999").status_code == 404
    assert client.get("/agreements/abc").status_code == 404
    assert client.get("/agreements/99999999999999999999").status_code == 404
    assert client.get("/api/agreements/999").status_code == 404


def test_company_without_agreements_keeps_its_caps_table(db_engine):
    with store.session(db_engine) as s:
        row, _ = store.upsert_announcement(
            s,
            {"news_id": "n1", "stock_code": "00001", "title": "CCT", "language": "en",
             "published_at": _replica()[1][0][0]["published_at"]},
        )  # fmt: skip
        cap = {"amount": 5_000_000, "currency": "HKD", "period_end": "2026-12-31"}
        store.save_extraction(s, row.id, {"annual_caps": [cap]}, text="", extractor_version=1)
        s.commit()
    html = TestClient(web.create_app(db_engine)).get("/companies/00001").text
    assert "Annual caps over time" in html and "agreement-card" not in html
