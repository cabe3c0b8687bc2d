"""The extraction floors on the gold corpus (the sample + crawler/replica/corpus), from text and
from PDF (rendered with reportlab by tests/support/pdfs.py and by the replica's renderer, read
back with pdfminer.six): F1 >= 0.95 on annual caps, >= 0.90 on parties, directors and
abstentions, >= 0.85 on connected persons (see FLOORS); stock code and announcement date exact on
every document."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_eval():  # noqa: ANN202 - the bench module
    """bench/ is not a package, and bench/extract.py would shadow the extract package if
    bench/ were put on sys.path: load the script by its path."""
    spec = importlib.util.spec_from_file_location(
        "extract_eval", ROOT / "bench" / "extract_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_eval = _load_eval()
evaluate, gold_documents = _eval.evaluate, _eval.gold_documents

FLOORS = {
    "annual_caps": 0.95,
    "parties": 0.90,
    "directors": 0.90,
    "abstained_directors": 0.90,
    #: 0.85, not 0.90: this corpus's gold names only the ultimate person of an ownership chain,
    #: where the extractor also lists a holding company the text makes a substantial
    #: shareholder in its own right (Tsang Family Holdings, 61.5%); the independent corpus
    #: (tests/test_extract_others.py) holds connected persons at 0.95.
    "connected_persons": 0.85,
}


def test_gold_corpus_has_documents() -> None:
    assert len(gold_documents("en")) >= 1


@pytest.mark.parametrize(
    ("from_pdf", "renderer"),
    [(False, "ours"), (True, "ours"), (True, "replica")],
    ids=["text", "pdf", "replica-pdf"],
)
def test_gold_floors_hold(from_pdf: bool, renderer: str) -> None:
    if renderer == "replica":
        pytest.importorskip("crawler.replica.pdf")  # the PDFs the replica serves
    score, n = evaluate("en", from_pdf=from_pdf, renderer=renderer)
    assert n >= 1
    report = "\n".join(score.misses)
    for field, floor in FLOORS.items():
        assert score.fields[field].f1 >= floor, f"{field} F1 {score.fields[field].f1:.3f}\n{report}"
    for field in ("stock_code", "announcement_date"):
        assert score.exact_rate(field) == 1.0, f"{field} not exact everywhere\n{report}"
