"""fw_parties_v1: the contracting parties, with full and Chinese names from the definitions.

The parties are those of the announcement's agreements (from their definitions, "Parties:"
rows or "entered into" sentences), named by the short term the announcement defines, and a
natural person who signs one of them in a sentence of their own (extract/components/signatories.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.components.signatories import signing_persons
from extract.document import Fact, facts, layout_of, text_of
from extract.names import person_key
from extract.pipe import FactPipe, component
from extract.terms import ROLE_WORDS, ROLES_ALONE, roles_rx


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
        renamed = _one_per_company(out, defs)
        for ag_fact in f.get("agreements", []) if renamed else []:  # the same name everywhere
            ag = ag_fact.value
            ag.parties = list(dict.fromkeys(renamed.get(p, p) for p in ag.parties))
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


#: a term that names a party by its role in the deal ('"Evergain" or "Vendor"'), from the
#: one vocabulary of roles
_ROLE_WORD = re.compile(rf"^(?:the\s+)?{roles_rx((*ROLE_WORDS, *ROLES_ALONE))}s?$", re.I)


def _one_per_company(out: dict[str, Fact], defs: dict) -> dict[str, str]:
    """Two terms the definitions give one company ('"Evergain" or "Vendor"  Evergain Ventures
    Limited'): the party is named once, by its name rather than its role."""
    names = {
        d.full_name: t
        for t, d in defs.items()
        if d.full_name and not _ROLE_WORD.match(t) and not getattr(d, "person", False)
    }
    renamed: dict[str, str] = {}
    for term in list(out):
        full = out[term].value["full_name"]
        name = names.get(full) if full and _ROLE_WORD.match(term) else None
        if name is None or name == term:
            continue
        fact = out.pop(term)
        renamed[term] = name
        if name not in out:
            out[name] = Fact({**fact.value, "name": name}, fact.start, fact.end)
    return renamed
