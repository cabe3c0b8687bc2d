"""The test helper (crawler/replica/testing.py): starts, reports failures, stops cleanly."""

from __future__ import annotations

import httpx
import pytest

from crawler.replica.testing import replica_args, run_replica


def test_testing_run_replica_yields_a_live_url_and_stops_the_server():
    with run_replica(days=1, per_day=1, today="2026-03-16") as replica:
        assert replica.url.startswith("http://127.0.0.1:")
        manifest = replica.manifest(sha256=False)
        assert manifest["replica"]["last_day"] == "2026-03-16"
        process = replica.process
    assert process.poll() is not None
    with pytest.raises(httpx.TransportError):
        httpx.get(replica.url, timeout=2)


def test_testing_a_server_that_cannot_start_says_why():
    with pytest.raises(RuntimeError, match=r"(?s)did not start.*bad --fault"):
        with run_replica(faults=["not-a-fault"]):
            pass


def test_testing_arguments():
    args = replica_args(days=3, extra=2, faults=["x=500"], today="2026-01-02", prerender=True)
    assert args[:2] == ["--port", "0"] and "--prerender" in args
    assert args[args.index("--fault") + 1] == "x=500"
