"""Split an independent corpus into development and held-out sets, once.

    python scripts/split_others.py [--out DIR] [--held-out FRACTION] SOURCE_DIR [SOURCE_DIR ...]

Each SOURCE_DIR holds one author's documents (<slug>.txt, .gold.json, .meta.json). A third
(or FRACTION) of each author's documents, drawn with a fixed seed, goes to
tests/fixtures/others/heldout/, the rest to tests/fixtures/others/dev/ (or under --out DIR);
SPLIT.txt records which. The split
reads file names only, never the documents, so whoever runs it has not seen the held-out set
(issues 11 and 12).
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "others"
SEED = 20261203
SUFFIXES = (".txt", ".gold.json", ".meta.json")


def complete_slugs(source: Path) -> list[str]:
    """Slugs with all three files present."""
    slugs = {p.name[: -len(".gold.json")] for p in source.glob("*.gold.json")}
    return sorted(s for s in slugs if all((source / f"{s}{x}").exists() for x in SUFFIXES))


def main(sources: list[Path], out: Path = OUT, held_out: float = 1 / 3) -> None:
    if (out / "SPLIT.txt").exists():
        sys.exit(f"{out}/SPLIT.txt exists: a corpus is split once (choose a new --out)")
    missing = [str(s) for s in sources if not s.is_dir()]
    if not sources or missing:
        sys.exit(f"no such author directory: {', '.join(missing)}" if missing else __doc__)
    rng = random.Random(SEED)
    lines = []
    for source in sources:
        slugs = complete_slugs(source)
        held = set(rng.sample(slugs, round(len(slugs) * held_out)))
        for slug in slugs:
            split = "heldout" if slug in held else "dev"
            (out / split).mkdir(parents=True, exist_ok=True)
            for suffix in SUFFIXES:
                shutil.copyfile(source / f"{slug}{suffix}", out / split / f"{slug}{suffix}")
            lines.append(f"{split}\t{source.name}\t{slug}")
    (out / "SPLIT.txt").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    dev = sum(1 for line in lines if line.startswith("dev"))
    print(f"{dev} development, {len(lines) - dev} held out -> {out}")


if __name__ == "__main__":
    args = sys.argv[1:]
    target, fraction = OUT, 1 / 3
    while args[:1] in (["--out"], ["--held-out"]):
        if args[0] == "--out":
            target = ROOT / args[1]
        else:
            fraction = float(args[1])
        args = args[2:]
    if any(a.startswith("-") for a in args):
        sys.exit(__doc__)
    main([Path(a) for a in args], target, fraction)
