"""fw_transaction_types_v1: which Listing Rules transaction types the announcement is about.

The title names them ("CONTINUING CONNECTED TRANSACTIONS"); the body names them where it
says what the transaction "constitutes" (both count). A body sentence saying what transactions "may
constitute" is a general statement and does not count. Phrases come from the span ruler
(patterns/entities.jsonl, label TXN_TYPE, the canonical type as the pattern id).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.document import Fact, facts, text_of
from extract.pipe import SENT_STARTS, SPANS, FactPipe, component

_CONSTITUTE = re.compile(r"\bconstitut(?:e|es|ed|ing)\b", re.I)
#: the types written before a type's last word and joined to it: "DISCLOSEABLE AND SHARE
#: TRANSACTION", "major, connected and share transaction"
_COORDINATED = re.compile(
    r"\b(discloseable|disclosable|major|connected|share)(?=(?:\s*,\s*|\s+and\s+|\s*&\s*)"
    r"(?:(?:discloseable|disclosable|major|connected|continuing\s+connected|share)"
    r"(?:\s*,\s*|\s+and\s+|\s*&\s*))*(?:continuing\s+connected|connected|share|major|"
    r"discloseable|disclosable)?\s*$)",
    re.I,
)
#: "a one-off connected transaction, rather than a continuing connected transaction"
_NOT_THIS = re.compile(r"\b(?:rather\s+than|instead\s+of|other\s+than)\s+(?:an?\s+|the\s+)?$", re.I)
_HEDGED = re.compile(r"\b(?:may|might|would|not|no longer|will not)\s+(?:\w+\s+)?constitut", re.I)


@component("fw_transaction_types_v1", ["transaction_types"], [SPANS, SENT_STARTS, "title"])
class TransactionTypes(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        title = facts(doc).get("title")
        spans = [s for s in doc.spans.get("fw", []) if s.label_ == "TXN_TYPE"]
        found: list[Fact] = []
        if title is not None:
            found = [
                Fact(s.id_, s.start_char, s.end_char)
                for s in spans
                if title.start <= s.start_char < title.end
            ]
        # the body's "constitutes a discloseable transaction" adds to the title's types
        # ("DISCLOSEABLE AND CONNECTED TRANSACTION" names one only in full)
        for s in spans:
            before = text_of(doc)[s.sent.start_char : s.start_char]
            if _CONSTITUTE.search(before) and not (
                _HEDGED.search(before) or _NOT_THIS.search(before)
            ):
                found.append(Fact(s.id_, s.start_char, s.end_char))
        text = text_of(doc)
        for f in list(found):  # "a discloseable and share transaction": both types
            at = max(0, f.start - 80)
            for m in _COORDINATED.finditer(text[at : f.start]):
                kind = m.group(1).lower().replace("disclosable", "discloseable")
                found.insert(found.index(f), Fact(f"{kind} transaction", at + m.start(1), f.end))
        seen: set[str] = set()
        out = []
        for f in found:
            if f.value not in seen:
                seen.add(f.value)
                out.append(f)
        return out
