"""Pattern data (JSONL) for the pipeline's rulers and matchers: a new phrasing is a new line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@cache
def load(name: str) -> tuple[dict, ...]:
    """The patterns in `<name>.jsonl`, one JSON object a line (blank and # lines skipped)."""
    rows = []
    for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(json.loads(line))
    return tuple(rows)
