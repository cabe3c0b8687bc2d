"""fw_parties_v1: the contracting parties, with full and Chinese names from the definitions.

The parties are those of the announcement's agreements (from their definitions, "Parties:"
rows or "entered into" sentences), named by the short term the announcement defines.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extract.document import Fact, facts
from extract.pipe import FactPipe, component


@component("fw_parties_v1", ["parties"], ["agreements", "definitions"])
class Parties(FactPipe):
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
