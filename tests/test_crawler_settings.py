"""crawler.settings: polite defaults, the rate knob, and docs that cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.settings import DEFAULT_CRAWL_TIMEOUT, crawl_settings, crawl_timeout, user_agent

ROOT = Path(__file__).resolve().parent.parent


def test_settings_polite_defaults(monkeypatch) -> None:
    monkeypatch.delenv("FILINGWATCH_CRAWL_RATE", raising=False)
    settings = crawl_settings()
    assert settings.getfloat("DOWNLOAD_DELAY") == 1.0
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getint("CONCURRENT_REQUESTS") <= 2
    assert {429, 500, 503} <= {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
    assert settings.getbool("COMPRESSION_ENABLED")
    assert settings["DOWNLOADER"] == "crawler.downloader.BoundedDownloader"


def test_settings_rate_from_env_and_argument(monkeypatch) -> None:
    monkeypatch.setenv("FILINGWATCH_CRAWL_RATE", "0.25")
    assert crawl_settings().getfloat("DOWNLOAD_DELAY") == 4.0
    off = crawl_settings(rate=0)
    assert off.getfloat("DOWNLOAD_DELAY") == 0 and not off.getbool("AUTOTHROTTLE_ENABLED")
    with pytest.raises(ValueError):
        crawl_settings(rate=-1)


def test_settings_crawl_timeout_from_env_and_argument(monkeypatch) -> None:
    monkeypatch.delenv("FILINGWATCH_CRAWL_TIMEOUT", raising=False)
    assert crawl_timeout() == DEFAULT_CRAWL_TIMEOUT == 6 * 3600
    monkeypatch.setenv("FILINGWATCH_CRAWL_TIMEOUT", "90")
    assert crawl_timeout() == 90 and crawl_timeout(5) == 5
    assert crawl_timeout(0) is None  # no limit
    with pytest.raises(ValueError):
        crawl_timeout(-1)


def test_settings_user_agent_is_honest(monkeypatch) -> None:
    monkeypatch.setenv("FILINGWATCH_CONTACT", "mailto:ops@example.org")
    agent = user_agent()
    assert re.fullmatch(r"filingwatch/\S+ \(\+mailto:ops@example\.org\)", agent)
    assert "Mozilla" not in crawl_settings()["USER_AGENT"]
    assert crawl_settings()["USER_AGENT"] == agent
