"""The house's layering, checked by reading every module's imports (`ast`, nothing imported).

1. One door to the database: only store/ (and tests/) import sqlalchemy or sqlmodel, or run a
   query (`.exec`, `.execute`, `session.get(Model, ...)`, `Model.__table__`, ...).
2. Packages import only packages below them. Bottom to top:
   store < extract < {crawler, alerts} < jobs < scheduler < web < cli.
   crawler and alerts sit side by side and must not import each other; extract may take only
   `store.settings`, `store.script` and `store.names` (the one name key) from the store (it
   is text in, facts out); nothing imports cli, and only cli imports web. bench/ and
   scripts/ are tools over the packages: anything but web and cli.

Each check is a function over one module's source, so the tests below can show it fails on a
synthetic module before it passes on the real tree; a failure lists every `file:line`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The libraries that speak SQL; only the store may import them.
SQL_LIBRARIES = frozenset({"sqlalchemy", "sqlmodel"})
#: Where they are allowed.
SQL_ALLOWED = frozenset({"store", "tests"})

#: Our top-level packages and modules by layer: a module may import its own package and any of
#: a lower layer, never one of its own layer or above.
LAYERS: dict[str, float] = {
    "store": 0,
    "extract": 1,
    "crawler": 2,
    "alerts": 2,
    "jobs": 3,
    "scheduler": 4,
    "web": 5,
    "bench": 5.5,  # tools: everything but web and cli
    "scripts": 5.5,
    "cli": 6,
}
#: extract may read settings and fold scripts, nothing else of the store.
EXTRACT_STORE_MODULES = frozenset({"store.settings", "store.script", "store.names"})

#: Directories that hold no code of ours.
SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "data", "node_modules", "build", "out"})


def package_of(path: str) -> str:
    """`crawler/replica/app.py` -> "crawler"; `cli.py` -> "cli"."""
    first = Path(path).parts[0]
    return first.removesuffix(".py")


def imported_modules(source: str, path: str) -> Iterator[tuple[int, str]]:
    """(line, dotted module name) for every import in the module, at any depth (lazy imports
    inside functions count). `from a import b` yields "a.b" when b may be a module, so
    `from store import settings` is told apart from `from store import session`; relative
    imports are resolved against the module's own package."""
    tree = ast.parse(source, filename=path)
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    package = parts[:-1] if not path.endswith("__init__.py") else parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}" if alias.name != "*" else module


def sql_imports(source: str, path: str) -> list[str]:
    """`path:line imports sqlalchemy` for each SQL import of a module outside the store."""
    if package_of(path) in SQL_ALLOWED:
        return []
    found = {
        (line, name.split(".")[0])
        for line, name in imported_modules(source, path)
        if name.split(".")[0] in SQL_LIBRARIES
    }
    return [f"{path}:{line} imports {library}" for line, library in sorted(found)]


#: Methods that run a query (Session, Connection, Engine); outside the store they mean SQL was
#: built somewhere it should not be, even without an import (a session from `store.session`).
QUERY_METHODS = frozenset(
    {"exec", "execute", "executemany", "exec_driver_sql", "scalar", "scalars", "begin_nested"}
)


def query_calls(source: str, path: str) -> list[str]:
    """`path:line runs a query (.exec)` for each query call outside the store: the methods
    above, `<session>.get(store.Model, ...)` and any `Model.__table__`."""
    if package_of(path) in SQL_ALLOWED:
        return []
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        what = ""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if _on_super(node.func.value):
                continue  # a base class's method of the same name (pdfminer.six's execute)
            if method in QUERY_METHODS:
                what = f".{method}"
            elif method == "get" and node.args and _is_store_model(node.args[0]):
                what = ".get(<table>)"
        elif isinstance(node, ast.Attribute) and node.attr == "__table__":
            what = ".__table__"
        if what:
            found.append((node.lineno, what))
    return [f"{path}:{line} runs a query ({what})" for line, what in sorted(set(found))]


def _on_super(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _is_store_model(node: ast.expr) -> bool:
    """`store.Announcement` (or a bare `Announcement`): a table class, by its capital."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return bool(name) and name[0].isupper() and not name.isupper()


def upward_imports(source: str, path: str) -> list[str]:
    """`path:line: <package> imports <module> (...)` for each import that breaks the layers."""
    here = package_of(path)
    if here not in LAYERS:
        return []
    found = []
    for line, name in imported_modules(source, path):
        target = name.split(".")[0]
        if target not in LAYERS or target == here:
            continue
        why = ""
        if target == "web" and here != "cli":
            why = "only cli imports web"
        elif LAYERS[target] >= LAYERS[here]:
            why = "a package at or above its own layer"
        elif here == "extract" and target == "store" and not _extract_may_import(name):
            why = "only store.settings, store.script and store.names are extract's"
        if why:
            found.append(f"{path}:{line}: {here} imports {name} ({why})")
    return found


def _extract_may_import(name: str) -> bool:
    return any(name == ok or name.startswith(ok + ".") for ok in EXTRACT_STORE_MODULES)


def our_modules() -> Iterator[tuple[str, str]]:
    """(path relative to the root, source) for every Python file of ours outside tests/."""
    for file in sorted(ROOT.rglob("*.py")):
        relative = file.relative_to(ROOT)
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if relative.parts[0] == "tests":
            continue
        yield relative.as_posix(), file.read_text(encoding="utf-8")


# --- the checks can fail ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "source", "reported"),
    [
        ("web/views.py", "import os\nimport sqlalchemy as sa\n", ["web/views.py:2"]),
        ("cli.py", "def f():\n    from sqlmodel import select\n", ["cli.py:2"]),
        (
            "crawler/replica/x.py",
            "from sqlalchemy.engine import Engine\n",
            ["crawler/replica/x.py:1"],
        ),
        ("bench/web.py", "import sqlalchemy.exc\n", ["bench/web.py:1"]),
        ("store/search.py", "import sqlalchemy\n", []),
        ("web/views.py", "import store\nfrom apscheduler.triggers.cron import CronTrigger\n", []),
    ],
)
def test_layers_sql_check_reports_sql_outside_the_store(path, source, reported):
    found = sql_imports(source, path)
    assert [line.split(" ")[0] for line in found] == reported


@pytest.mark.parametrize(
    ("path", "source", "reported"),
    [
        ("alerts/x.py", "with store.session(e) as s:\n    s.exec(q)\n", ["alerts/x.py:2"]),
        ("web/x.py", "row = s.get(store.Announcement, 1)\n", ["web/x.py:1"]),
        ("web/x.py", "t = Alert.__table__\n", ["web/x.py:1"]),
        ("bench/x.py", "conn.exec_driver_sql('ANALYZE')\n", ["bench/x.py:1"]),
        ("web/x.py", "value = params.get('q')\nsettings.get(NAME)\nengine.dispose()\n", []),
        ("store/x.py", "s.exec(q)\n", []),
    ],
)
def test_layers_query_check_reports_a_query_outside_the_store(path, source, reported):
    found = query_calls(source, path)
    assert [line.split(" ")[0] for line in found] == reported


@pytest.mark.parametrize(
    ("path", "source", "reported"),
    [
        ("store/search.py", "import extract\n", ["store/search.py:1"]),
        ("store/search.py", "from . import models\nfrom .engine import session\n", []),
        ("extract/x.py", "from store import settings\nfrom store.script import fold\n", []),
        ("extract/x.py", "from store import session\n", ["extract/x.py:1"]),
        ("extract/x.py", "import store\n", ["extract/x.py:1"]),
        ("extract/x.py", "import crawler\n", ["extract/x.py:1"]),
        ("crawler/x.py", "import store\nfrom extract import extract_pages\n", []),
        ("crawler/x.py", "import alerts\n", ["crawler/x.py:1"]),
        ("alerts/x.py", "def f():\n    from crawler import run_crawl\n", ["alerts/x.py:2"]),
        ("alerts/x.py", "from web.security import sign\n", ["alerts/x.py:1"]),
        ("jobs/x.py", "import extract, store\nimport scheduler\n", ["jobs/x.py:2"]),
        ("scheduler.py", "import alerts, crawler, jobs, store\n", []),
        ("scheduler.py", "import web\n", ["scheduler.py:1"]),
        ("web/app.py", "import scheduler\nimport cli\n", ["web/app.py:2"]),
        ("bench/web.py", "import store\nfrom web import serving\n", ["bench/web.py:2"]),
        ("cli.py", "import web, scheduler, crawler\n", []),
        ("crawler/replica/x.py", "from ..urls import base\n", []),
        ("alerts/x.py", "from ..web import app\n", ["alerts/x.py:1"]),
    ],
)
def test_layers_layer_check_reports_an_upward_import(path, source, reported):
    found = upward_imports(source, path)
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in found] == reported


# --- the real tree ------------------------------------------------------------------------------


def test_layers_no_module_outside_the_store_imports_sqlalchemy_or_sqlmodel():
    found = [line for path, source in our_modules() for line in sql_imports(source, path)]
    assert not found, "SQL outside store/ (add a named function to store/):\n" + "\n".join(found)


def test_layers_no_module_outside_the_store_runs_a_query():
    found = [line for path, source in our_modules() for line in query_calls(source, path)]
    assert not found, "queries outside store/ (add a named function to store/):\n" + "\n".join(
        found
    )


def test_layers_no_package_imports_one_above_it():
    found = [line for path, source in our_modules() for line in upward_imports(source, path)]
    assert not found, "imports against the layers:\n" + "\n".join(found)


def test_layers_every_package_of_ours_has_a_layer():
    """A new top-level package must be placed in LAYERS (and in docs/architecture.md)."""
    packages = {package_of(path) for path, _ in our_modules()}
    assert packages <= set(LAYERS), sorted(packages - set(LAYERS))
