"""Floors on the development half of the independent Chinese corpus (tests/fixtures/others_zh/
dev, issue 12), from text and from PDF. The held-out half is never scored here: it is scored by
hand (bench/extract_eval.py --corpus tests/fixtures/others_zh/heldout) and never fitted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from extract_eval import evaluate  # noqa: E402

DEV = ROOT / "tests" / "fixtures" / "others_zh" / "dev"
FLOORS = {
    "annual_caps": 0.95,
    "parties": 0.90,
    "agreements": 0.90,
    "directors": 0.97,
    "abstained_directors": 0.95,
    "transaction_types": 0.95,
    "listing_rules_chapters": 0.95,
}


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_development_set_floors(from_pdf: bool) -> None:
    score, n = evaluate("zh", from_pdf, corpus=DEV)
    assert n == 12
    report = "\n".join(score.misses)
    for field, floor in FLOORS.items():
        assert score.fields[field].f1 >= floor, f"{field} {score.fields[field].f1:.3f}\n{report}"
    for field in ("stock_code", "announcement_date", "company", "title"):
        assert score.exact_rate(field) == 1.0, f"{field}\n{report}"
