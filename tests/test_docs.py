"""The documentation cannot drift from the code: every FILINGWATCH_* setting is declared once
(store/settings.py), read only through it, and listed in docs/settings.md; the docs name no
setting that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

import crawler.settings as scrapy_settings
from cli import app
from store import settings

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"FILINGWATCH_[A-Z0-9_]*[A-Z0-9]")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Scrapy settings of the crawler (crawler/settings.py), not environment variables.
SCRAPY = {name for name in vars(scrapy_settings) if name.startswith("FILINGWATCH_")}


def _code_files() -> list[Path]:
    skip = {"tests", "bench", ".venv", "data", "build"}
    return [p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts)]


def test_docs_list_every_setting_and_only_real_ones() -> None:
    table = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in settings.SETTINGS if f"`{name}`" not in table]
    assert missing == [], f"add to docs/settings.md (filingwatch settings --markdown): {missing}"
    known = set(settings.SETTINGS) | settings.INTERNAL
    for doc in DOCS:
        unknown = sorted(set(NAME.findall(doc.read_text(encoding="utf-8"))) - known)
        assert unknown == [], f"{doc.relative_to(ROOT)} documents settings that do not exist"


def test_docs_settings_page_is_what_the_command_prints() -> None:
    printed = CliRunner().invoke(app, ["settings", "--markdown"])
    assert printed.exit_code == 0, printed.output
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert printed.output.strip() in page, "regenerate docs/settings.md's table"


def test_docs_every_setting_in_code_is_declared_and_read_through_the_registry() -> None:
    declared = set(settings.SETTINGS) | settings.INTERNAL | SCRAPY
    direct = re.compile(r"(?:environ\.get\(|environ\[|getenv\()\s*[\"'](FILINGWATCH_\w+)")
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        assert sorted(set(NAME.findall(text)) - declared) == [], f"{where}: undeclared setting"
        if path.name != "settings.py" or path.parent.name != "store":
            assert direct.findall(text) == [], f"{where}: read it with store.settings.get"


def test_docs_settings_command_hides_secrets(monkeypatch) -> None:
    monkeypatch.setenv("FILINGWATCH_SECRET_KEY", "very-secret-value")
    monkeypatch.setenv("FILINGWATCH_DATABASE_URL", "postgresql+psycopg://fw:pw123@db:5432/fw")
    shown = CliRunner().invoke(app, ["settings"]).output
    assert "very-secret-value" not in shown and "pw123" not in shown
    assert "FILINGWATCH_SMTP_HOST" in shown


def test_docs_readme_command_table_is_the_cli() -> None:
    """Every command the README's table names exists, and every command is in the table."""
    import typer.main

    group = typer.main.get_command(app)
    commands = set(group.commands)  # type: ignore[attr-defined]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`filingwatch ([a-z-]+)", table))
    named |= set(re.findall(r"/ `([a-z-]+)", table))  # "`subscriptions` / `unsubscribe ID`"
    assert named - commands == set(), "the README names commands that do not exist"
    assert commands - named == set(), "add these commands to the README's table"
