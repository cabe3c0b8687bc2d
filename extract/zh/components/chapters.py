"""fw_zh_chapters_v1: Listing Rules chapters cited (第14A章, 第十四A章, 第14及14A章).

Only chapters named as chapters count by default, and not in a clause that denies them
(並不構成上市規則第14章項下之須予公佈交易, 第14A章不適用); a rule number (第14A.45條) names
a rule, and the English gold counts chapters the same way. `use_rules=True` also counts a
rule's chapter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.patterns import load, strings
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.numbers import cn_int

CLAUSE_END = "，,；;。\n"


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("chapters", "zh")}


def chapter_label(raw: str) -> str | None:
    """'14A' -> '14A', '十四A' -> '14A', '十四' -> '14'."""
    suffix = "A" if raw.endswith("A") else ""
    n = cn_int(raw.rstrip("A"))
    return f"{n}{suffix}" if n is not None and 1 <= n <= 40 else None


def _clause(norm: str, start: int, end: int) -> str:
    """The clause around norm[start:end], between commas, semicolons and full stops."""
    left = max(norm.rfind(c, 0, start) for c in CLAUSE_END)
    rights = [i for i in (norm.find(c, end) for c in CLAUSE_END) if i >= 0]
    return norm[left + 1 : min(rights, default=len(norm))]


@component("fw_zh_chapters_v1", ["listing_rules_chapters"], ["norm"], use_rules=False)
class ChaptersComponent(FactPipe):
    def __init__(self, nlp: Language, name: str, use_rules: bool = False) -> None:
        super().__init__(nlp, name)
        self.use_rules = use_rules

    def match(self, doc: Doc) -> list[dict]:
        rx = _regex()
        norm = doc_utils.norm(doc)
        found: dict[str, dict] = {}
        hits: list[tuple[int, str]] = []
        denials = strings("transaction_triggers", language="zh", kind="negate") + [
            "不適用",
            "毋須遵守",
        ]
        for m in rx["chapter"].finditer(norm):
            if any(d in _clause(norm, m.start(), m.end()) for d in denials):
                continue  # 並不構成上市規則第14章項下之須予公佈交易: the chapter does not apply
            for n in rx["chapter_number"].finditer(m.group(1)):
                hits.append((m.start(), n.group(0)))
        if self.use_rules:
            hits += [(m.start(), m.group(1)) for m in rx["rule"].finditer(norm)]
        for start, raw in sorted(hits):
            label = chapter_label(raw)
            if label and label not in found:
                found[label] = {"value": label, "_ev": doc_utils.sentence_bounds(doc, start)}
        return list(found.values())
