"""Pattern data (JSONL) for both languages' rulers and matchers: a new phrasing is a new line.

One loader for `extract/patterns/<name>.jsonl` (English) and `extract/zh/patterns/<name>.jsonl`
(Chinese, written in traditional characters; simplified text is matched by normalising it
first, extract/zh/normalise.py). One JSON object a line; blank lines and `#` comments skipped.
Patterns are data, not code, so a reviewer can add a wording without touching the components.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FOLDERS = {"en": HERE, "zh": HERE.parent / "zh" / "patterns"}


@cache
def load(name: str, language: str = "en") -> tuple[dict[str, Any], ...]:
    """The rows of the language's `<name>.jsonl`."""
    rows = []
    for line in (FOLDERS[language] / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(json.loads(line))
    return tuple(rows)


def strings(name: str, key: str = "pattern", *, language: str = "en", **where: str) -> list[str]:
    """The `key` values of the rows matching `where`, longest first so alternations prefer
    long matches (a fresh list: callers extend it)."""
    return list(_strings(name, key, language, tuple(sorted(where.items()))))


@cache
def _strings(
    name: str, key: str, language: str, where: tuple[tuple[str, str], ...]
) -> tuple[str, ...]:
    """`strings`, kept: components ask for the same list once per name they read."""
    rows = load(name, language)
    out = [r[key] for r in rows if key in r and all(r.get(k) == v for k, v in where)]
    return tuple(sorted(set(out), key=len, reverse=True))
