"""fw_zh_txtypes_v1: which transaction types the announcement says the deal constitutes.

A PhraseMatcher on token norms (traditional), so 持續关连交易 and 持續關連交易 match alike; the
longest match wins (持續關連交易 is not also a 關連交易). A type counts when it is in the title,
or when its clause asserts it (構成 …, 屬於 …) without a negation or a hedge before it in the same
clause (並不構成, 可能構成, 倘 …): an announcement that says a deal "may constitute connected
transactions" in general has not declared one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from extract.patterns import load, strings
from extract.pipe import FactPipe, component
from extract.zh import doc_utils

CLAUSE_END = set("，,；;。\n：:")


@component("fw_zh_txtypes_v1", ["transaction_types"], ["token.norm", "norm", "title"])
class TxTypesComponent(FactPipe):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for row in load("transaction_types", "zh"):
            pattern = nlp.make_doc(row["pattern"])
            for tok in pattern:
                tok.norm_ = tok.text
            self.matcher.add(row["label"], [pattern])
        self.asserts = strings("transaction_triggers", language="zh", kind="assert")
        self.negates = strings("transaction_triggers", language="zh", kind="negate")
        self.hedges = strings("transaction_triggers", language="zh", kind="hedge")

    def match(self, doc: Doc) -> list[dict]:
        out = doc_utils.facts(doc)
        norm = doc_utils.norm(doc)
        title = out.get("title", {}).get("_ev")
        matches = self.matcher(doc)
        spans = filter_spans([doc[s:e] for _, s, e in matches])
        labels = {(m_s, m_e): doc.vocab.strings[mid] for mid, m_s, m_e in matches}
        found: list[dict] = []
        seen: set[str] = set()
        for span in sorted(spans, key=lambda sp: sp.start):
            start = span.start_char
            in_title = title is not None and title[0] <= start < title[1]
            if not (in_title or self._asserted(norm, start)):
                continue
            ev = title if in_title else doc_utils.sentence_bounds(doc, start)
            # a coordinated headline (須予披露及關連交易) declares each of its types
            for label in labels[(span.start, span.end)].split("|"):
                if label not in seen:
                    seen.add(label)
                    found.append({"value": label, "_ev": ev, "_pos": 0 if in_title else start})
        return sorted(found, key=lambda f: f["_pos"])

    def _asserted(self, norm: str, start: int) -> bool:
        sentence = norm[:start].rsplit("。", 1)[-1].rsplit("\n", 1)[-1]
        if any(h in sentence for h in self.hedges):
            return False  # 倘若…，該等交易將構成主要交易: a condition, not a declaration
        s = start
        while s > 0 and norm[s - 1] not in CLAUSE_END:
            s -= 1
        clause = norm[s:start]
        if any(n in clause for n in self.negates):
            return False
        return any(a in clause for a in self.asserts)
