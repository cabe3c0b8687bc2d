"""Prove the fast PDF reader (pdfium) gives what the reference (pdfminer.six) gives.

    python scripts/compare_readers.py [--heldout] [--no-real] [--renderer ours|replica|both]
                                      [--only SET] [--verbose]

Every gold document (the sample, crawler/replica/corpus in both languages, and every
`tests/fixtures/*/dev` corpus) is rendered to PDF (tests/support/pdfs.py and the replica's
crawler/replica/pdf.py), every real PDF in ../shared/real-pdfs is taken as it is, and the
bad-input corpus (tests/support/bad_inputs.py) is added; each file is read by both readers and
extracted. Identical means the same pages, page count, notes and language, or the same error
class and reason, and the same extraction JSON. Prints one row per set: files, identical
text, identical extraction, how many files the fast path read (wholly or in part: a page it
cannot vouch for is read by pdfminer.six alone) and why it did not, then pdfium's pages of
the pages of those files and why the others went to pdfminer.six; lists every difference, and
exits 1 if there is one. `--verbose` prints each real PDF's pages: which reader, and why.

`--heldout` adds the held-out folders (`tests/fixtures/*/heldout`), which no one reads: for
them only the counts are printed, never a text or a name.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extract.errors import ReadError  # noqa: E402
from extract.extraction import extract_pages  # noqa: E402
from extract.pdfium_read import read_pages  # noqa: E402
from extract.read import read_document  # noqa: E402

CORPUS = ROOT / "crawler" / "replica" / "corpus"
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"
FIXTURES = ROOT / "tests" / "fixtures"
REAL = ROOT.parent / "shared" / "real-pdfs"


@dataclass
class Tally:
    """One set's counts, and (unless held out) what differed."""

    files: int = 0
    same_text: int = 0
    same_extraction: int = 0
    vouched: int = 0
    pages: int = 0
    pdfium_pages: int = 0
    reasons: Counter = field(default_factory=Counter)
    page_reasons: Counter = field(default_factory=Counter)
    differences: list[str] = field(default_factory=list)


def outcome(path: Path, reader: str) -> tuple[object, dict | None]:
    """What `reader` makes of the file: the document's text and facts, or its error."""
    try:
        doc = read_document(path, reader=reader)
    except ReadError as exc:
        return (type(exc).__name__, exc.reason), None
    read = (doc.pages, doc.page_count, doc.notes, doc.language, doc.truncated)
    return read, extract_pages(doc.pages, doc.language)


def compare(path: Path, tally: Tally, name: str, verbose: bool = False) -> None:
    tally.files += 1
    reference, ref_facts = outcome(path, "pdfminer")
    fast, fast_facts = outcome(path, "pdfium")
    reasons: list[str | None] = []
    found = read_pages(path.read_bytes(), reasons=reasons) if path.stat().st_size else "empty file"
    if isinstance(found, str):
        tally.reasons[found] += 1
    else:
        tally.vouched += 1
        tally.pages += len(reasons)
        tally.pdfium_pages += reasons.count(None)
        tally.page_reasons.update(r for r in reasons if r)
    if verbose:
        print(f"  {name}: {describe(found, reasons)}")
    same_text = reference == fast
    same_facts = json.dumps(ref_facts, sort_keys=True, default=str) == json.dumps(
        fast_facts, sort_keys=True, default=str
    )
    tally.same_text += same_text
    tally.same_extraction += same_text and same_facts
    if not (same_text and same_facts):
        tally.differences.append(name)


def describe(found: object, reasons: list[str | None]) -> str:
    """Which pages pdfium read and why it declined the others (`--verbose`)."""
    if isinstance(found, str):
        return f"whole file read by pdfminer.six: {found}"
    declined: dict[str, list[int]] = {}
    for number, reason in enumerate(reasons, 1):
        if reason:
            declined.setdefault(reason, []).append(number)
    parts = [f"pdfium {reasons.count(None)}/{len(reasons)} pages"]
    parts += [f"{reason}: pages {spans(numbers)}" for reason, numbers in declined.items()]
    return "; ".join(parts)


def spans(numbers: list[int]) -> str:
    """1,2,3,5 -> "1-3,5"."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ",".join(out)


def gold_texts() -> dict[str, list[Path]]:
    """Set name -> the gold documents' texts (held-out folders apart)."""
    sets = {"own corpus + sample": [SAMPLE, *sorted(CORPUS.glob("*.txt"))]}
    for dev in sorted(FIXTURES.glob("*/dev")):
        sets[f"{dev.parent.name}/dev"] = sorted(dev.glob("*.txt"))
    return sets


def heldout_texts() -> dict[str, list[Path]]:
    return {
        f"{folder.parent.name}/heldout": sorted(folder.glob("*.txt"))
        for folder in sorted(FIXTURES.glob("*/heldout"))
    }


def render(text_path: Path, out: Path, renderer: str) -> Path:
    text = text_path.read_text(encoding="utf-8")
    if renderer == "replica":
        from crawler.replica.pdf import render_pdf

        meta_path = text_path.with_name(text_path.name.replace(".txt", ".meta.json"))
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        codes, names = meta.get("stock_codes") or [], meta.get("stock_names") or []
        header = f"{names[0]} ({codes[0]})" if codes and names else ""
        out.write_bytes(render_pdf(text, header=header))
        return out
    from support.pdfs import render_text_pdf

    return render_text_pdf(text, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="also the held-out sets (counts only)")
    ap.add_argument("--no-real", action="store_true", help="leave out ../shared/real-pdfs")
    ap.add_argument("--renderer", default="both", choices=["ours", "replica", "both"])
    ap.add_argument("--only", default="", help="only the sets whose name holds this")
    ap.add_argument(
        "--verbose", action="store_true", help="each real PDF's pages: which reader, and why"
    )
    args = ap.parse_args()
    renderers = ["ours", "replica"] if args.renderer == "both" else [args.renderer]
    extract_pages(["warm up"])
    rows: list[tuple[str, Tally, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        groups = [(name, paths, False) for name, paths in gold_texts().items()]
        if args.heldout:
            groups += [(name, paths, True) for name, paths in heldout_texts().items()]
        for name, paths, hidden in groups:
            if args.only not in name:
                continue
            for renderer in renderers:
                tally = Tally()
                for k, text_path in enumerate(paths):
                    pdf = render(text_path, folder / f"doc{k}.pdf", renderer)
                    compare(pdf, tally, f"#{k}" if hidden else text_path.stem)
                rows.append((f"{name} ({renderer} PDF)", tally, hidden))
        if not args.no_real:
            tally = Tally()
            for pdf in sorted(REAL.glob("*.pdf")):
                compare(pdf, tally, pdf.name, args.verbose)
            rows.append(("real PDFs (../shared/real-pdfs)", tally, False))
        from support.bad_inputs import write_bad_inputs

        bad = folder / "bad"
        bad.mkdir()
        tally = Tally()
        for name, path in write_bad_inputs(bad, SAMPLE.read_text(encoding="utf-8")).items():
            compare(path, tally, name)
        rows.append(("bad inputs + one good", tally, False))
    print(
        f"{'set':46} {'files':>5} {'same text':>9} {'same facts':>10} {'pdfium':>6} "
        f"{'pages':>11}  read by pdfminer.six because (files; pages)"
    )
    failed = False
    for name, tally, hidden in rows:
        why = ", ".join(f"{reason} {n}" for reason, n in tally.reasons.most_common())
        pages = ", ".join(f"{reason} {n}" for reason, n in tally.page_reasons.most_common())
        print(
            f"{name:46} {tally.files:5d} {tally.same_text:9d} {tally.same_extraction:10d} "
            f"{tally.vouched:6d} {tally.pdfium_pages:5d}/{tally.pages:<5d}  {why}"
            + (f"; pages: {pages}" if pages else "")
        )
        if tally.differences:
            failed = True
            shown = "(held out: not named)" if hidden else ", ".join(tally.differences)
            print(f"  differ: {len(tally.differences)} {shown}")
    print("identical everywhere" if not failed else "DIFFERENCES: see above")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
