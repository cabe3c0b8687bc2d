"""Load the Chinese pattern files (JSONL under extract/zh/patterns/).

Patterns are data, not code, so a reviewer fluent in HKEX Chinese can add a wording without
touching the components. Every pattern is written in traditional characters; simplified text is
matched by normalising it first (see `normalise.py`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PATTERN_DIR = Path(__file__).resolve().parent / "patterns"


@cache
def load(name: str) -> tuple[dict[str, Any], ...]:
    """Rows of `patterns/<name>.jsonl`, blank lines and `//` comments skipped."""
    rows: list[dict[str, Any]] = []
    with (PATTERN_DIR / f"{name}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("//"):
                rows.append(json.loads(line))
    return tuple(rows)


def strings(name: str, key: str = "pattern", **where: str) -> list[str]:
    """The `key` values of a pattern file, longest first so alternations prefer long matches."""
    out = [r[key] for r in load(name) if key in r and all(r.get(k) == v for k, v in where.items())]
    return sorted(set(out), key=len, reverse=True)
