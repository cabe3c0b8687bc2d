"""Extraction floors on the development half of the independent English corpus
(tests/fixtures/others/dev: announcements written by authors who had not read extract/, issue
11), from text and from PDF (rendered with reportlab, read back with pdfminer.six). The floors
sit a little below what the extractor reaches, so a rule that breaks a layout shows here. The
held-out half (tests/fixtures/others/heldout) is never read here: the coordinator scores it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "others" / "dev"


def _load_eval():  # noqa: ANN202 - the bench module
    spec = importlib.util.spec_from_file_location(
        "extract_eval", ROOT / "bench" / "extract_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


evaluate = _load_eval().evaluate

FLOORS = {
    "annual_caps": 0.97,
    "caps_by_agreement": 0.95,
    "parties": 0.95,
    "agreements": 0.95,
    # 0.826 (relationships 0.697) from text and PDF since session 6: the extractor follows the
    # chain convention of the contract's Kingsoft sample and others3/AUTHORING3.md (the people
    # and parents behind a connected party are listed with the party as connected entity,
    # one entry per party, the party not again), which this first corpus's gold predates: it
    # lists the party itself in several documents (others/README.md)
    "connected_persons": 0.82,
    "connected_relationships": 0.69,
    "directors": 0.97,
    "abstained_directors": 0.98,
    "transaction_types": 0.97,
    "listing_rules_chapters": 0.95,
}


def _assert_floors(score, floors: dict[str, float]) -> str:  # noqa: ANN001
    """Every field at or above its floor; returns the misses, for the next assertions."""
    report = "\n".join(score.misses)
    for field, floor in floors.items():
        assert score.fields[field].f1 >= floor, f"{field} F1 {score.fields[field].f1:.3f}\n{report}"
    return report


@pytest.mark.parametrize(
    ("from_pdf", "renderer"),
    [(False, "ours"), (True, "ours"), (True, "replica")],
    ids=["text", "pdf", "replica-pdf"],
)
def test_dev_floors_hold(from_pdf: bool, renderer: str) -> None:
    if renderer == "replica":
        pytest.importorskip("crawler.replica.pdf")  # the replica's own PDF layout
    score, n = evaluate("en", from_pdf=from_pdf, renderer=renderer, corpus=DEV)
    assert n == 51  # 39 of the split, and 12 on board layouts by a fourth author
    report = _assert_floors(score, FLOORS)
    for field in ("stock_code", "announcement_date"):
        assert score.exact_rate(field) == 1.0, f"{field} not exact everywhere\n{report}"


DEV2 = ROOT / "tests" / "fixtures" / "others2" / "dev"
#: the second independent corpus (authors 5 and 6): floors for the fields rules read from
#: tables, sections and the board paragraph (caps, agreements, abstentions)
FLOORS2 = {
    "annual_caps": 0.95,
    "caps_by_agreement": 0.95,
    "agreements": 0.95,
    "abstained_directors": 0.93,
}


def test_second_corpus_dev_floors_hold() -> None:
    score, n = evaluate("en", corpus=DEV2)
    assert n == 12
    _assert_floors(score, FLOORS2)


#: the later independent corpora, each from text and from PDF: (folder, documents, floors)
LATER = {
    # authors 7-9, session 5
    "others3": (
        15,
        {
            "annual_caps": 0.97,
            "caps_by_agreement": 0.97,
            "parties": 0.93,
            "agreements": 0.97,
            "connected_persons": 0.9,
            "directors": 0.98,
            "abstained_directors": 0.98,
            "transaction_types": 0.97,
            "listing_rules_chapters": 0.97,
        },
    ),
    # authors 10-12, session 6
    "others4": (
        15,
        {
            "annual_caps": 0.97,
            "caps_by_agreement": 0.97,
            "parties": 0.92,
            "agreements": 0.97,
            "connected_persons": 0.94,
            "connected_relationships": 0.9,
            "directors": 0.98,
            "abstained_directors": 0.98,
        },
    ),
    # authors 13-15, session 6
    "others5": (
        16,
        {
            "annual_caps": 0.97,
            "caps_by_agreement": 0.93,
            "parties": 0.95,
            "connected_persons": 0.9,
            "directors": 0.99,
            "abstained_directors": 0.98,
        },
    ),
    # authors 16-18, session 7 (held-out half joined dev in session 9)
    "others6": (
        36,
        {
            "annual_caps": 0.99,
            "caps_by_agreement": 0.99,
            "parties": 0.99,
            "agreements": 0.99,
            "connected_persons": 0.92,
            "connected_relationships": 0.88,
            "directors": 0.99,
            "abstained_directors": 0.99,
        },
    ),
    # authors 19-21, session 7 (held-out half joined dev in session 9)
    "others7": (
        36,
        {
            "annual_caps": 0.99,
            "caps_by_agreement": 0.99,
            "parties": 0.97,
            "agreements": 0.98,
            "connected_persons": 0.94,
            "connected_relationships": 0.9,
            "directors": 0.98,
            "abstained_directors": 0.99,
        },
    ),
    # authors 28-30, session 9: all 36 for development (scored once on arrival, unread)
    "others9": (
        36,
        {
            "annual_caps": 0.99,
            "caps_by_agreement": 0.89,
            "parties": 0.99,
            "agreements": 0.98,
            "connected_persons": 0.94,
            "connected_relationships": 0.85,
            "directors": 0.99,
            "abstained_directors": 0.99,
        },
    ),
    # authors 31-33, session 10 (its held-out half is never read here); caps 0.950: authors
    # 31 and 32 list a table's Total row as a cap, which the extractor leaves out
    "others10": (
        15,
        {
            "annual_caps": 0.94,
            "caps_by_agreement": 0.94,
            "parties": 0.98,
            "agreements": 0.99,
            "connected_persons": 0.8,
            "connected_relationships": 0.75,
            "directors": 0.99,
            "abstained_directors": 0.99,
        },
    ),
    # authors 34-36, session 10: all 36 for development (scored once on arrival, unread)
    "others11": (
        36,
        {
            "annual_caps": 0.95,
            "caps_by_agreement": 0.92,
            "parties": 0.94,
            "agreements": 0.97,
            "connected_persons": 0.87,
            "connected_relationships": 0.79,
            "directors": 0.98,
            "abstained_directors": 0.99,
        },
    ),
    # authors 25-27, session 9 (its held-out half is never read here)
    "others8": (
        15,
        {
            "annual_caps": 0.99,
            "caps_by_agreement": 0.99,
            "parties": 0.99,
            "agreements": 0.99,
            "connected_persons": 0.97,
            "connected_relationships": 0.94,
            "directors": 0.98,
            "abstained_directors": 0.99,
        },
    ),
}


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
@pytest.mark.parametrize("corpus", sorted(LATER))
def test_later_corpora_dev_floors_hold(corpus: str, from_pdf: bool) -> None:
    documents, floors = LATER[corpus]
    score, n = evaluate(
        "en", from_pdf=from_pdf, corpus=ROOT / "tests" / "fixtures" / corpus / "dev"
    )
    assert n == documents
    _assert_floors(score, floors)
