"""Score extractions against gold: precision, recall and F1 per field, exact-match rates.

Matching rules (issue 4): caps on amount + currency + period end (and, as `caps_by_agreement`,
also the agreement they belong to); parties on any of their names (short, full or Chinese);
persons on their order-free normalised name; directors with their category;
`connected_relationships` on person, relationship kind and the entity they are connected through
(issue 11: right only with the right counterpart and kind; the entity is the same party when the
gold's party list gives both names, "the Service Provider" being "Huaxin Courseware Ltd.");
abstentions, transaction types and chapters as sets; stock code and date exact.
Used by bench/extract_eval.py and tests/test_extract_gold.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extract.names import person_key

FIELDS = (
    "annual_caps",
    "caps_by_agreement",
    "parties",
    "agreements",
    "connected_persons",
    "connected_relationships",
    "directors",
    "abstained_directors",
    "transaction_types",
    "listing_rules_chapters",
)
EXACT = ("stock_code", "announcement_date", "company", "title")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    exact: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in EXACT})
    misses: list[str] = field(default_factory=list)

    def exact_rate(self, name: str) -> float:
        values = self.exact[name]
        return sum(values) / len(values) if values else 1.0


def _amount(x: Any) -> float:
    return round(float(x), 2)


def _norm(name: str | None) -> str | None:
    """Agreement and entity names compared without case, articles or punctuation."""
    if not name:
        return None
    words = re.sub(r"[^\w]+", " ", name.lower()).split()
    return " ".join(w for w in words if w != "the") or None


def _keys(field_name: str, data: dict) -> list:
    if field_name == "annual_caps":
        return [
            (_amount(c["amount"]), c["currency"], c.get("period_end"))
            for c in data.get(field_name, [])
        ]
    if field_name == "caps_by_agreement":
        return [
            (_amount(c["amount"]), c["currency"], c.get("period_end"), _norm(c.get("agreement")))
            for c in data.get("annual_caps", [])
        ]
    if field_name == "connected_relationships":
        return [
            (person_key(p["name"]), p.get("relationship_kind"), _norm(p.get("connected_entity")))
            for p in data.get("connected_persons", [])
        ]
    if field_name == "agreements":
        return [a["name"].lower() for a in data.get(field_name, [])]
    if field_name == "connected_persons":
        return [person_key(p["name"]) for p in data.get(field_name, [])]
    if field_name == "directors":
        return [
            (cat, person_key(n)) for cat, names in data.get("directors", {}).items() for n in names
        ]
    if field_name == "abstained_directors":
        return [person_key(n) for n in data.get(field_name, [])]
    return list(data.get(field_name, []))


def _match(pred: list, gold: list) -> tuple[int, int, int, list, list]:
    remaining = list(gold)
    tp = 0
    extra = []
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            tp += 1
        else:
            extra.append(p)
    return tp, len(extra), len(remaining), extra, remaining


def _party_names(p: dict) -> set[str]:
    """A party's names without case or a leading article ("the Company" is "Company")."""
    names = (p.get("name"), p.get("full_name"), p.get("chinese_name"))
    return {re.sub(r"^the\s+", "", n.strip().lower()) for n in names if n}


def _same_party(parties: list[dict]):  # noqa: ANN202
    """An entity name written as the one name of its party the gold lists first, so that the
    short name, the full name and the Chinese name of one party are the same entity."""
    names = {}
    for p in parties:
        first = _norm(p.get("name") or p.get("full_name"))
        for n in (p.get("name"), p.get("full_name"), p.get("chinese_name")):
            if n and _norm(n):
                names.setdefault(_norm(n), first)
    return lambda entity: names.get(entity, entity)


def _match_parties(pred: list[dict], gold: list[dict]) -> tuple[int, int, int, list, list]:
    remaining = list(gold)
    tp, extra = 0, []
    for p in pred:
        hit = next((g for g in remaining if _party_names(g) & _party_names(p)), None)
        if hit is not None:
            remaining.remove(hit)
            tp += 1
        else:
            extra.append(p.get("name"))
    return tp, len(extra), len(remaining), extra, [g.get("name") for g in remaining]


def score(pairs: Iterable[tuple[str, dict, dict]]) -> Score:
    """Score (slug, predicted, gold) triples."""
    s = Score()
    for slug, pred, gold in pairs:
        # gold written before relationship kinds existed: score the person and entity only
        kinds = any("relationship_kind" in c for c in gold.get("connected_persons", []))
        same = _same_party(gold.get("parties", []))
        for f in FIELDS:
            if f == "connected_relationships":
                pred_keys = [(k[0], k[1] if kinds else None, same(k[2])) for k in _keys(f, pred)]
                gold_keys = [(k[0], k[1], same(k[2])) for k in _keys(f, gold)]
                tp, fp, fn, extra, missing = _match(pred_keys, gold_keys)
            elif f == "parties":
                tp, fp, fn, extra, missing = _match_parties(pred.get(f, []), gold.get(f, []))
            else:
                tp, fp, fn, extra, missing = _match(_keys(f, pred), _keys(f, gold))
            c = s.fields[f]
            c.tp, c.fp, c.fn = c.tp + tp, c.fp + fp, c.fn + fn
            if extra or missing:
                s.misses.append(f"{slug}: {f}: extra {extra} missing {missing}")
        for f in EXACT:
            ok = pred.get(f) == gold.get(f)
            s.exact[f].append(ok)
            if not ok:
                s.misses.append(f"{slug}: {f}: got {pred.get(f)!r} want {gold.get(f)!r}")
    return s


def table(s: Score, title: str) -> str:
    rows = [f"{title}", f"{'field':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}"]
    for f, c in s.fields.items():
        rows.append(
            f"{f:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:4d} {c.fn:4d}"
        )
    for f in EXACT:
        n = len(s.exact[f])
        rows.append(f"{f + ' exact':24} {s.exact_rate(f):6.3f} ({sum(s.exact[f])}/{n})")
    return "\n".join(rows)
