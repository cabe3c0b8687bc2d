"""Misbehaviour on demand (crawler/replica/faults.py and the middleware in app.py)."""

from __future__ import annotations

import json
import time
from datetime import date

import httpx
import pytest

from crawler.replica.faults import Fault, FaultError, FaultRegistry, parse_fault_spec
from crawler.replica.testing import run_replica


@pytest.fixture(scope="module")
def urls(replica) -> dict:
    m = replica.manifest(sha256=False)
    pdf = next(a for a in m["announcements"] if a["file_link"].endswith(".pdf"))
    r = m["replica"]
    start, end = date.fromisoformat(r["first_day"]), date.fromisoformat(r["last_day"])
    servlet = (
        f"{replica.url}/search/titleSearchServlet.do?sortDir=0&sortByOptions=DateTime&category=0"
        f"&market=SEHK&stockId=-1&documentType=-1&fromDate={start:%Y%m%d}&toDate={end:%Y%m%d}"
        "&title=&searchType=0&t1code=-2&t2Gcode=-2&t2code=-2&rowRange=100&lang=EN"
    )
    return {"pdf": pdf["url"], "servlet": servlet}


def test_faults_slow_delays_then_answers(replica_faults, urls):
    replica_faults.add_fault(r"titleSearchServlet", "slow", times=1, seconds=0.6)
    started = time.monotonic()
    response = httpx.get(urls["servlet"], timeout=10)
    assert time.monotonic() - started >= 0.6
    assert response.json()["recordCnt"] > 0


def test_faults_500_for_n_times_then_normal(replica_faults, urls):
    replica_faults.add_fault(r"\.pdf$", "500", times=2)
    assert httpx.get(urls["pdf"]).status_code == 500
    assert httpx.get(urls["pdf"]).status_code == 500
    assert httpx.get(urls["pdf"]).status_code == 200


def test_faults_429_carries_retry_after(replica_faults, urls):
    replica_faults.add_fault(r"titleSearchServlet", "429", times=1, seconds=3)
    response = httpx.get(urls["servlet"])
    assert response.status_code == 429 and response.headers["retry-after"] == "3"
    assert httpx.get(urls["servlet"]).status_code == 200


def test_faults_truncated_pdf_is_the_first_half(replica_faults, urls):
    whole = httpx.get(urls["pdf"]).content
    replica_faults.add_fault(r"\.pdf$", "truncated_pdf", times=1)
    half = httpx.get(urls["pdf"])
    assert half.status_code == 200 and half.headers["content-type"] == "application/pdf"
    assert half.content == whole[: len(whole) // 2]


def test_faults_html_error_page_at_a_pdf_url(replica_faults, urls):
    replica_faults.add_fault(r"\.pdf$", "html_error", times=1)
    response = httpx.get(urls["pdf"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert not response.content.startswith(b"%PDF")


def test_faults_malformed_json_from_the_servlet(replica_faults, urls):
    replica_faults.add_fault(r"titleSearchServlet", "malformed_json", times=1)
    response = httpx.get(urls["servlet"])
    assert response.status_code == 200 and response.content
    with pytest.raises(ValueError):
        json.loads(response.content)


def test_faults_empty_page_is_a_valid_envelope_without_rows(replica_faults, urls):
    replica_faults.add_fault(r"titleSearchServlet", "empty_page", times=1)
    body = httpx.get(urls["servlet"]).json()
    assert body["result"] == "null" and body["loadedRecord"] == 0
    assert body["recordCnt"] > 0  # the page should have had rows


def test_faults_empty_body_is_a_soft_throttle(replica_faults, urls):
    replica_faults.add_fault(r"titleSearchServlet", "empty_body", times=1)
    response = httpx.get(urls["servlet"])
    assert response.status_code == 200 and response.content == b""
    assert httpx.get(urls["servlet"]).json()["recordCnt"] > 0


def test_faults_endpoint_lists_clears_and_rejects_bad_faults(replica_faults):
    base = f"{replica_faults.url}/_replica/faults"
    httpx.post(base, json={"pattern": "prefix", "fault": "500"}).raise_for_status()
    listed = httpx.get(base).json()["faults"]
    assert listed == [{"pattern": "prefix", "fault": "500", "times": None, "seconds": 1.0}]
    assert httpx.get(f"{replica_faults.url}/search/prefix.do?lang=EN&name=1").status_code == 500
    assert httpx.delete(base).json() == {"faults": []}
    bad = httpx.post(base, json={"pattern": "x", "fault": "explode"})
    assert bad.status_code == 400 and "unknown fault" in bad.json()["error"]
    bad = httpx.post(base, json={"pattern": "(", "fault": "500"})
    assert bad.status_code == 400


def test_faults_spec_from_the_command_line():
    fault = parse_fault_spec(r"rowRange=100=malformed_json:times=2")
    assert (fault.pattern, fault.fault, fault.times) == ("rowRange=100", "malformed_json", 2)
    fault = parse_fault_spec(r"\.pdf$=429:seconds=5")
    assert (fault.pattern, fault.fault, fault.times, fault.seconds) == (r"\.pdf$", "429", None, 5)
    with pytest.raises(FaultError):
        parse_fault_spec("no-fault-here")


def test_faults_registry_counts_down_and_matches_first():
    registry = FaultRegistry([Fault("a", "500", times=1), Fault("a", "429")])
    assert registry.take("/a").fault == "500"
    assert registry.take("/a").fault == "429"
    assert registry.take("/b") is None


def test_faults_given_at_start_up_apply():
    with run_replica(days=1, per_day=1, faults=[r"prefix\.do=500:times=1"]) as replica:
        url = f"{replica.url}/search/prefix.do?lang=EN&name=7"
        assert httpx.get(url).status_code == 500
        assert httpx.get(url).status_code == 200
