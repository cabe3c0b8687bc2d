"""store.settings: every FILINGWATCH_* variable declared once, read through one function."""

from __future__ import annotations

import pytest

from store import settings


def test_store_settings_defaults_and_values(monkeypatch) -> None:
    monkeypatch.delenv("FILINGWATCH_FILES_DIR", raising=False)
    assert settings.get("FILINGWATCH_FILES_DIR") == "data/files"
    monkeypatch.setenv("FILINGWATCH_FILES_DIR", "  ")  # empty counts as unset
    assert settings.get("FILINGWATCH_FILES_DIR") == "data/files"
    monkeypatch.setenv("FILINGWATCH_FILES_DIR", "/srv/files")
    assert settings.get("FILINGWATCH_FILES_DIR") == "/srv/files"
    monkeypatch.setenv("FILINGWATCH_SMTP_PORT", "587")
    assert settings.get_int("FILINGWATCH_SMTP_PORT") == 587
    monkeypatch.setenv("FILINGWATCH_SMTP_STARTTLS", "Yes")
    assert settings.get_bool("FILINGWATCH_SMTP_STARTTLS")
    monkeypatch.setenv("FILINGWATCH_SMTP_STARTTLS", "0")
    assert not settings.get_bool("FILINGWATCH_SMTP_STARTTLS")


def test_store_settings_bad_number_is_one_line(monkeypatch) -> None:
    monkeypatch.setenv("FILINGWATCH_CRAWL_RATE", "fast")
    with pytest.raises(settings.SettingError, match="FILINGWATCH_CRAWL_RATE must be a number"):
        settings.get_float("FILINGWATCH_CRAWL_RATE")


def test_store_settings_undeclared_name_is_an_error() -> None:
    with pytest.raises(KeyError, match="not declared"):
        settings.get("FILINGWATCH_NO_SUCH_THING")
