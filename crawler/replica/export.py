"""Write generated announcements to disk in the corpus format, with their PDFs.

Why: extraction is scored against gold; the generator's gold lets it be scored at volume
without a server. `python -m crawler.replica.export --out DIR --n 200 --seed 1` writes
`<slug>.txt`, `<slug>.meta.json`, `<slug>.gold.json` and `<slug>.pdf` for each document.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

from .documents import Document
from .generator import generate
from .pdf import render_pdf


def export(out: Path, n: int, seed: int = 1, last_day: date | None = None,
           pdf: bool = True) -> list[Document]:  # fmt: skip
    """Generate `n` filings (all their editions) released over the days up to `last_day`."""
    out.mkdir(parents=True, exist_ok=True)
    last_day = last_day or date.today()
    written = []
    for index in range(n):
        released = last_day - timedelta(days=index % 30)
        for doc in generate(seed, index, released):
            stem = out / doc.slug
            stem.with_suffix(".txt").write_text(doc.text, encoding="utf-8")
            Path(f"{stem}.meta.json").write_text(
                json.dumps(doc.meta(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            Path(f"{stem}.gold.json").write_text(
                json.dumps(doc.gold, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            if pdf:
                header = f"{doc.stock_names[0]} ({doc.stock_codes[0]})"
                title = doc.title.replace("\n", " ")
                Path(f"{stem}.pdf").write_bytes(render_pdf(doc.text, header=header, title=title))
            written.append(doc)
    return written


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m crawler.replica.export", description=__doc__)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--n", type=int, default=100, help="number of filings")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--last-day", type=date.fromisoformat, default=None)
    p.add_argument("--no-pdf", action="store_true")
    args = p.parse_args(argv)
    docs = export(args.out, args.n, args.seed, args.last_day, pdf=not args.no_pdf)
    print(f"wrote {len(docs)} documents to {args.out}")


if __name__ == "__main__":
    main()
