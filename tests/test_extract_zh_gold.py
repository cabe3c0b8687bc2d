"""The Chinese floors on the Chinese gold (crawler/replica/corpus/*_c), from text (all) and from
PDF (five with tables, several pages and simplified text):
F1 >= 0.90 on annual caps and transaction types, >= 0.85 on parties; stock code and date exact.

Scored by bench/extract_eval.py (extract/scoring.py's field definitions). That scorer keys
persons by their romanised words, which leaves a Chinese name with an empty key, so persons are
also checked here by the exact name as printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from extract_eval import evaluate, gold_documents, predict  # noqa: E402

from extract.scoring import score  # noqa: E402
from extract.zh import extract_zh  # noqa: E402

FLOORS = {"annual_caps": 0.90, "transaction_types": 0.90, "parties": 0.85}


def test_there_are_at_least_15_chinese_gold_documents() -> None:
    docs = gold_documents("zh")
    assert len(docs) >= 15
    simplified = [s for s, p, _ in docs if "股份代号" in p.read_text(encoding="utf-8")]
    assert 3 <= len(simplified) < len(docs) / 2


def test_chinese_floors_hold() -> None:
    score, n = evaluate("zh", from_pdf=False)
    assert n >= 15
    report = "\n".join(score.misses)
    for field, floor in FLOORS.items():
        assert score.fields[field].f1 >= floor, f"{field} F1 {score.fields[field].f1:.3f}\n{report}"
    for field in ("stock_code", "announcement_date"):
        assert score.exact_rate(field) == 1.0, f"{field} not exact everywhere\n{report}"


#: Through reportlab and pdfminer.six: tables, several pages, simplified, inline definitions.
PDF_SLUGS = (
    "02636-20241220-framework-agreements-renewal_c",
    "01937-20231128-master-agreements-renewal_c",
    "02917-20241015-tenancy-agreements-cct_c",
    "03316-20240628-it-services-cct_c",
    "01286-20240708-brokerage-margin-cct_c",
)


def test_chinese_floors_hold_from_pdf(tmp_path: Path) -> None:
    docs = {slug: (path, gold) for slug, path, gold in gold_documents("zh")}
    pairs = [(slug, predict(docs[slug][0], True, tmp_path), docs[slug][1]) for slug in PDF_SLUGS]
    result = score(pairs)
    report = "\n".join(result.misses)
    for field, floor in FLOORS.items():
        assert result.fields[field].f1 >= floor, f"{field} {result.fields[field].f1:.3f}\n{report}"
    assert result.exact_rate("stock_code") == result.exact_rate("announcement_date") == 1.0


def _people(x: dict) -> set[tuple[str, str]]:
    out = {(role, n) for role, names in x["directors"].items() for n in names}
    out |= {("abstained", n) for n in x["abstained_directors"]}
    out |= {("connected", c["name"]) for c in x["connected_persons"]}
    return out


def test_chinese_names_exactly_as_printed() -> None:
    tp = fp = fn = 0
    for _slug, path, gold in gold_documents("zh"):
        got = _people(extract_zh(path.read_text(encoding="utf-8").split("\n\f\n")))
        want = _people(gold)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90, json.dumps({"tp": tp, "fp": fp, "fn": fn})
