"""fw_parties_v1: the contracting parties, with full and Chinese names from the definitions.

The parties are those of the announcement's agreements (from their definitions, "Parties:"
rows or "entered into" sentences), named by the short term the announcement defines.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.document import Fact, facts


class Parties:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Fact]:
        f = facts(doc)
        defs = f.get("definitions", {})
        out: dict[str, Fact] = {}
        for ag_fact in f.get("agreements", []):
            for term in ag_fact.value.parties:
                if term in out:
                    continue
                d = defs.get(term)
                full = d.full_name if d else None
                chinese = d.chinese_name if d else None
                start, end = (d.start, d.end) if d else (ag_fact.start, ag_fact.end)
                value = {"name": term, "full_name": full, "chinese_name": chinese}
                out[term] = Fact(value, start, end)
        return list(out.values())

    def set_annotations(self, doc: Doc, found: list[Fact]) -> None:
        facts(doc)["parties"] = found


@Language.factory("fw_parties_v1")
def make_parties(nlp: Language, name: str) -> Parties:
    return Parties(nlp, name)
