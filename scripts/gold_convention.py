"""Bring an independent corpus's gold to the contract's connected-person convention, once.

    python scripts/gold_convention.py DIR [DIR ...]

The contract's reference example (the Kingsoft sample) lists the person through whom a party
is connected, with the party as `connected_entity`, and not the party again. The authors'
brief asked them to list both. One mechanical rule on the gold alone (never the texts, so it
may run on a held-out set unread): an entry whose `connected_entity` is itself, and which
another entry reaches as its `connected_entity`, is dropped. Prints how many were dropped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def convert(gold: dict) -> int:
    """Drop the party entries the rule names; return how many."""
    people = gold.get("connected_persons") or []
    reached = {p.get("connected_entity") for p in people if p.get("connected_entity") != p["name"]}
    kept = [p for p in people if not (p.get("connected_entity") == p["name"] in reached)]
    gold["connected_persons"] = kept
    return len(people) - len(kept)


def main(folders: list[Path]) -> None:
    dropped = files = 0
    for folder in folders:
        for path in sorted(folder.glob("*.gold.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            n = convert(gold)
            if n:
                path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", "utf-8")
                dropped, files = dropped + n, files + 1
    print(f"{dropped} entries dropped in {files} files")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]])
