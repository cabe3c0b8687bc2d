"""fw_parties_v1: the contracting parties, with full and Chinese names from the definitions.

The parties are those of the announcement's agreements (from their definitions, "Parties:"
rows or "entered into" sentences), named by the short term the announcement defines, and a
natural person who signs one of them in a sentence of their own (extract/components/signatories.py).
"""

from __future__ import annotations

from spacy.tokens import Doc

from extract.components.signatories import signing_persons
from extract.document import Fact, facts, layout_of, text_of
from extract.names import person_key
from extract.pipe import FactPipe, component


@component("fw_parties_v1", ["parties"], ["sentences", "agreements", "definitions"])
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
                if term == "Company" and not full:  # the issuer, by the name it signs with
                    issuer = f.get("company") or f.get("company_header")
                    full = issuer.value if issuer else None
                start, end = (d.start, d.end) if d else (ag_fact.start, ag_fact.end)
                value = {"name": term, "full_name": full, "chinese_name": chinese}
                out[term] = Fact(value, start, end)
        self._signing_persons(doc, f, out)
        return list(out.values())

    @staticmethod
    def _signing_persons(doc: Doc, f: dict, out: dict[str, Fact]) -> None:
        """A person who signs an agreement in a sentence of their own is a party too."""
        names = [a.value.name for a in f.get("agreements", [])]
        if not names:
            return
        known = {person_key(k) for k in out}
        known |= {person_key(v.value["full_name"]) for v in out.values() if v.value["full_name"]}
        text = text_of(doc)
        for start, end in layout_of(doc).sentences:
            sent = text[start:end]
            if sent.lstrip().startswith('"'):
                continue
            for person, _ in signing_persons(sent, names):
                if person_key(person) in known:
                    continue
                known.add(person_key(person))
                value = {"name": person, "full_name": person, "chinese_name": None}
                out[person] = Fact(value, start, end)
