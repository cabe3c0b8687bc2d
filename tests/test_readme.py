"""The README gets out of the way and tells the truth: under 10 KB, every relative link in it
and in docs/ exists inside the repository, and every command of its quickstart works on the
demo's data — built here by scripts/demo.sh itself (its replica on a free port), without
serving."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

import store
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")
QUICKSTART = re.compile(r"<!-- quickstart -->\s*```bash\n(.*?)```\s*<!-- /quickstart -->", re.S)


def test_readme_is_under_10_kb() -> None:
    assert README.stat().st_size < 10_000


@pytest.mark.parametrize("doc", [README, *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)  # fmt: skip
def test_readme_relative_links_exist_inside_the_repository(doc: Path) -> None:
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        if urlsplit(target).scheme or target.startswith("#"):
            continue
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(ROOT), f"{doc.name} links outside the repository: {target}"
        assert path.exists(), f"{doc.name} links to a missing file: {target}"


def _quickstart() -> tuple[dict[str, str], list[str]]:
    """The quickstart block's `export`s and its `filingwatch` commands, in order."""
    (block,) = QUICKSTART.findall(README.read_text(encoding="utf-8"))
    env: dict[str, str] = {}
    commands: list[str] = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["export"]:
            env.update(word.split("=", 1) for word in words[1:])
        elif words[:1] == ["filingwatch"]:
            commands.append(line)
        else:
            assert words[:1] in ([], ["source"]), f"the test does not know how to run: {line}"
    return env, commands


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the demo's data/demo/, made by scripts/demo.sh (DEMO_SERVE=0)."""
    home = tmp_path_factory.mktemp("demo-home")
    env = {**os.environ, "FILINGWATCH_DEMO_HOME": str(home), "DEMO_SERVE": "0",
           "DEMO_PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}  # fmt: skip
    for name in ("FILINGWATCH_DATABASE_URL", "FILINGWATCH_FILES_DIR", "FILINGWATCH_CREATE_DB"):
        env.pop(name, None)
    done = subprocess.run(["bash", str(ROOT / "scripts" / "demo.sh")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (home / "data" / "demo" / "filingwatch.db").exists()
    return home


def _run(home: Path, env: dict[str, str], words: list[str]) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **env}
    full.pop("FILINGWATCH_CREATE_DB", None)  # the quickstart must not create a database
    return subprocess.run([sys.executable, "-m", "cli", *words], env=full, cwd=home,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.mark.slow
def test_readme_quickstart_commands_work_on_the_demo_data(demo_home: Path) -> None:
    env, commands = _quickstart()
    assert len(commands) >= 5 and "FILINGWATCH_DATABASE_URL" in env
    for line in commands:
        words = shlex.split(line, comments=True)[1:]
        done = _run(demo_home, env, words)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
        assert done.stdout.strip(), f"{line} printed nothing"
        if words[0] == "search":  # and it finds something: not an empty database
            found = json.loads(_run(demo_home, env, [*words, "--json"]).stdout)
            assert found["paging"]["total"] > 0, f"{line} finds nothing on the demo's data"


@pytest.mark.slow
def test_readme_api_examples_answer_on_the_demo_data(demo_home: Path) -> None:
    env, _ = _quickstart()
    url = env["FILINGWATCH_DATABASE_URL"].replace("sqlite:///", f"sqlite:///{demo_home}/", 1)
    engine = store.make_engine(url)
    client = TestClient(create_app(engine))
    paths = re.findall(r"http://127\.0\.0\.1:8000(/api/[^'\s]+)", README.read_text("utf-8"))
    assert any(p.startswith("/api/filings/") for p in paths), paths
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, f"{path}: {answer.text}"
        if path.startswith("/api/search"):
            assert answer.json()["hits"], f"{path} finds nothing on the demo's data"
    engine.dispose()


@pytest.mark.slow
def test_readme_search_page_examples_find_something_on_the_demo_data(demo_home: Path) -> None:
    env, _ = _quickstart()
    page = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    block = page.split("```bash\n", 1)[1].split("```", 1)[0]
    searches = [shlex.split(line, comments=True)[1:] for line in block.splitlines()
                if line.startswith("filingwatch search ")]  # fmt: skip
    assert len(searches) >= 4
    for words in searches:
        words = [w for w in words if w not in ("--json", "--csv")]
        done = _run(demo_home, env, [*words, "--json"])
        assert done.returncode == 0, f"{words}: {done.stderr}"
        total = json.loads(done.stdout)["paging"]["total"]
        assert total > 0, f"{words} finds nothing on the demo's data"
