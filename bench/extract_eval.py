"""Score the extractor against the gold corpus (the sample + crawler/replica/corpus/*.gold.json).

    python bench/extract_eval.py [--lang en|zh] [--from-pdf] [--reader pdfium|pdfminer] [--misses]

--from-pdf renders each document's text to PDF (reportlab; tests/support/pdfs.py) and reads it
back through read_document, so the PDF reader is scored on the same gold; --reader picks the
PDF reader (FILINGWATCH_PDF_READER; default the fast one, pdfium).
"""

from __future__ import annotations

import argparse
import json
import os
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


def gold_documents(lang: str = "en", corpus: Path = CORPUS) -> list[tuple[str, Path, dict]]:
    """(slug, text path, gold) for the sample and every corpus document in `lang`."""
    docs = []
    if lang == "en" and corpus == CORPUS:
        docs.append(
            (
                SAMPLE.name,
                SAMPLE.with_suffix(".txt"),
                json.loads(SAMPLE.with_suffix(".json").read_text()),
            )
        )
    for gold_path in sorted(corpus.glob("*.gold.json")):
        slug = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("language", "en") != lang:
            continue
        text = corpus / f"{slug}.txt"
        if text.exists():
            docs.append((slug, text, gold))
    return docs


def predict(path: Path, from_pdf: bool, tmp: Path, renderer: str = "ours") -> dict:
    text = path.read_text(encoding="utf-8")
    if renderer == "replica-htm":
        from crawler.replica.htmlpages import document_html

        out = tmp / f"{path.stem}.htm"
        out.write_text(document_html(text, path.stem, "en"), encoding="utf-8")
        return extract_file(out)
    if from_pdf and renderer == "replica":
        from crawler.replica.pdf import render_pdf

        meta = _meta(path)
        header = f"{meta['stock_names'][0]} ({meta['stock_codes'][0]})" if meta else ""
        out = tmp / f"{path.stem}.pdf"
        out.write_bytes(render_pdf(text, header=header))
        return extract_file(out)
    if from_pdf:
        from tests.support.pdfs import render_text_pdf

        return extract_file(render_text_pdf(text, tmp / f"{path.stem}.pdf"))
    doc = read_text(path.read_bytes())
    return extract_pages(doc.pages, doc.language)


def _meta(path: Path) -> dict | None:
    meta = path.with_name(path.name.replace(".txt", ".meta.json"))
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else None


def evaluate(  # noqa: ANN201
    lang: str = "en", from_pdf: bool = False, renderer: str = "ours", corpus: Path = CORPUS
):
    """(Score, number of documents) for the language's gold documents."""
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [
            (slug, predict(p, from_pdf, Path(tmp), renderer), gold)
            for slug, p, gold in gold_documents(lang, corpus)
        ]
    return score(pairs), len(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="en", choices=["en", "zh"])
    ap.add_argument("--from-pdf", action="store_true")
    ap.add_argument(
        "--renderer",
        default="ours",
        choices=["ours", "replica", "replica-htm"],
        help="PDF renderer for --from-pdf (tests/support/pdfs.py or crawler/replica/pdf.py), "
        "or the replica's .htm page",
    )
    ap.add_argument(
        "--font-size",
        type=float,
        default=None,
        help="render with our renderer at this size (margins scale with it): layout robustness",
    )
    ap.add_argument("--misses", action="store_true", help="list every mismatch")
    ap.add_argument(
        "--reader",
        choices=["pdfium", "pdfminer"],
        default=None,
        help="the PDF reader (FILINGWATCH_PDF_READER); default: the configured one",
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="another directory in the corpus format, e.g. the replica generator's export "
        "(python -m crawler.replica.export): documents the extractor was not written against",
    )
    args = ap.parse_args()
    if args.reader:
        os.environ["FILINGWATCH_PDF_READER"] = args.reader
    if args.font_size:
        from tests.support import pdfs as testing_pdf

        testing_pdf.SIZE = args.font_size
        testing_pdf.LEADING = round(args.font_size * 1.3, 1)
        testing_pdf.MARGIN = round(args.font_size * 5.6, 1)
    t0 = time.perf_counter()
    s, n = evaluate(args.lang, args.from_pdf, args.renderer, args.corpus)
    from extract.read import pdf_reader

    reader = pdf_reader()
    source = {
        "ours": f"PDF (tests/support/pdfs.py -> {reader})",
        "replica": f"PDF (crawler/replica/pdf.py -> {reader})",
        "replica-htm": ".htm (crawler/replica/htmlpages.py)",
    }[args.renderer]
    if not args.from_pdf and args.renderer != "replica-htm":
        source = "text"
    print(table(s, f"{n} {args.lang} documents from {source}, {time.perf_counter() - t0:.1f} s"))
    if args.misses:
        print("\n".join(s.misses))


if __name__ == "__main__":
    main()
