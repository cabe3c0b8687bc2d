"""Score the extractor against the gold corpus (the sample + crawler/replica/corpus/*.gold.json).

    python bench/extract_eval.py [--lang en|zh] [--from-pdf] [--misses]

--from-pdf renders each document's text to PDF (reportlab; extract/testing_pdf.py) and reads it
back through read_document, so the PDF reader is scored on the same gold.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.extraction import extract_file, extract_pages  # noqa: E402
from extract.read import read_text  # noqa: E402
from extract.scoring import score, table  # noqa: E402

CORPUS = ROOT / "crawler" / "replica" / "corpus"
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24"


def gold_documents(lang: str = "en") -> list[tuple[str, Path, dict]]:
    """(slug, text path, gold) for the sample and every corpus document in `lang`."""
    docs = []
    if lang == "en":
        docs.append(
            (
                SAMPLE.name,
                SAMPLE.with_suffix(".txt"),
                json.loads(SAMPLE.with_suffix(".json").read_text()),
            )
        )
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        slug = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("language", "en") != lang:
            continue
        text = CORPUS / f"{slug}.txt"
        if text.exists():
            docs.append((slug, text, gold))
    return docs


def predict(path: Path, from_pdf: bool, tmp: Path) -> dict:
    if from_pdf:
        from extract.testing_pdf import render_text_pdf

        pdf = render_text_pdf(path.read_text(encoding="utf-8"), tmp / f"{path.stem}.pdf")
        return extract_file(pdf)
    doc = read_text(path.read_bytes())
    return extract_pages(doc.pages, doc.language)


def evaluate(lang: str = "en", from_pdf: bool = False):  # noqa: ANN201 - a Score
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [
            (slug, predict(p, from_pdf, Path(tmp)), gold) for slug, p, gold in gold_documents(lang)
        ]
    return score(pairs), len(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="en", choices=["en", "zh"])
    ap.add_argument("--from-pdf", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every mismatch")
    args = ap.parse_args()
    t0 = time.perf_counter()
    s, n = evaluate(args.lang, args.from_pdf)
    source = "PDF (reportlab -> pdfminer.six)" if args.from_pdf else "text"
    print(table(s, f"{n} {args.lang} documents from {source}, {time.perf_counter() - t0:.1f} s"))
    if args.misses:
        print("\n".join(s.misses))


if __name__ == "__main__":
    main()
