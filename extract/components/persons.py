"""fw_connected_persons_v1: who makes the counterparty connected, and how.

The Listing Rules section says which party is connected ("Beijing Xiaomi is therefore a
connected person", "Crest Warehousing is therefore an associate of Mr. TSANG Wing Hong and a
connected person") and, in the same sentence or the one before in that paragraph, through whom
("Mr. Jun LEI, a director and substantial shareholder of the Company holds over 30% of ...").
The people named there are the connected persons; with nobody named, the party itself is
("Jade River Group is the controlling shareholder ... and is therefore a connected person").
The relationship is the appositive after the name plus any holding clause.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.document import Fact, facts, layout_of, text_of
from extract.names import clean_person, person_key
from extract.patterns import load
from extract.terms import find_terms, party_terms

_HOLDING = re.compile(
    r"\b(?:holds?|owns?|is interested in|controls?|is (?:wholly |beneficially )?owned)\b"
    r"[^.;]*?(?=,\s+(?:and|which)\b|\.|;|$|,\s+and\s+is)",
    re.I,
)
_APPOSITIVE = re.compile(
    r"^\s*,\s*(?:who\s+is\s+|being\s+)?(?:(?:a|an|the)\s+)?(?P<rel>[^,.;()]+?(?:,\s*(?:an?|the)\s+[^,.;()]+?)*?)"
    r"(?=\s+(?:holds?|owns?|is|has|who|which)\b|,|\.|;|$)",
    re.I,
)


def _declared() -> list[re.Pattern[str]]:
    return [re.compile(r["regex"], re.I) for r in load("connection") if r["kind"] == "declared"]


class ConnectedPersons:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.declared = _declared()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Fact]:
        f = facts(doc)
        defs = f.get("definitions", {})
        parties = [p.value["name"] for p in f.get("parties", [])]
        candidates = [t for t in party_terms(defs) if t not in ("Company", "Group")]
        layout = layout_of(doc)
        mentions = self._mentions(doc)
        out: dict[str, Fact] = {}
        for k, (start, end) in enumerate(layout.sentences):
            sent = text_of(doc)[start:end]
            if "abstain" in sent.lower() or sent.startswith('"'):
                continue
            declared = [m for p in self.declared for m in p.finditer(sent)]
            if not declared or "connected person" not in sent and "associate" not in sent:
                continue
            entity = self._entity(sent, declared, candidates, parties)
            if entity is None:
                continue
            scope = [(start, end)]
            prev = layout.sentences[k - 1] if k else None
            if prev and self._same_line(doc, prev[0], start):
                scope.insert(0, prev)
            in_scope = [m for m in mentions if any(s <= m[0] < e for s, e in scope)]
            people = self._through_whom(doc, sent, start, in_scope)
            for s_, e_, name in people:
                key = person_key(name)
                if key in out:
                    continue
                rel = self._relationship(doc, e_, scope)
                value = {"name": name, "connected_entity": entity, "relationship": rel}
                out[key] = Fact(value, s_, e_)
            d = defs.get(entity)
            if not people and d is not None and d.person and d.full_name:
                # the counterparty is a person defined by role: Mr. X (the "Vendor")
                key = person_key(d.full_name)
                if key not in out:
                    value = {
                        "name": d.full_name,
                        "connected_entity": None,
                        "relationship": _entity_relationship(sent, entity),
                    }
                    out[key] = Fact(value, start, end)
                continue
            if not people and person_key(entity) not in out and _entity_itself(sent, entity):
                rel = _entity_relationship(sent, entity)
                value = {"name": entity, "connected_entity": entity, "relationship": rel}
                out[person_key(entity)] = Fact(value, start, end)
        return list(out.values())

    @staticmethod
    def _mentions(doc: Doc) -> list[tuple[int, int, str]]:
        """People named in the text: titled names ("Mr. Jun LEI") from the span ruler, and
        directors from the board list wherever they are written without a title."""
        found: dict[int, tuple[int, int, str]] = {}
        for span in doc.spans.get("fw", []):
            if span.label_ == "PERSON":
                name = clean_person(span.text)
                if name:
                    found[span.start_char] = (span.start_char, span.end_char, name)
        board = [n.value for names in facts(doc).get("directors", {}).values() for n in names]
        taken = [(s, e) for s, e, _ in found.values()]
        for name in board:
            for m in re.finditer(rf"(?<![\\w]){re.escape(name)}(?![\\w])", text_of(doc)):
                if not any(s <= m.start() < e for s, e in taken):
                    found[m.start()] = (m.start(), m.end(), name)
        return sorted(found.values())

    @staticmethod
    def _through_whom(
        doc: Doc, sent: str, start: int, in_scope: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """ "an associate of X": X, plus the relative who owns the party when X does not;
        otherwise everyone named in the declaration and the sentence before it."""
        assoc = re.search(r"\bassociates?\s+of\s+(?:each of\s+)?", sent)
        if assoc is None:
            return [m for m in in_scope if not _in_parens(text_of(doc), m[0])]
        stop = re.search(
            r"\band\s+(?:is\s+)?(?:therefore\s+|thus\s+)?a\s+connected|;", sent[assoc.end() :]
        )
        a0 = start + assoc.end()
        a1 = a0 + (stop.start() if stop else len(sent))
        named = [m for m in in_scope if a0 <= m[0] < a1]
        if not named:
            return [m for m in in_scope if not _in_parens(text_of(doc), m[0])]
        keys = {person_key(n) for _, _, n in named}

        def owner(m: tuple[int, int, str]) -> bool:
            return bool(re.search(r"\bby\s+$", text_of(doc)[max(0, m[0] - 12) : m[0]]))

        owners = [m for m in in_scope if owner(m)]
        if not any(person_key(o[2]) in keys for o in owners):
            named = sorted(named + [o for o in owners if person_key(o[2]) not in keys])
        return named

    @staticmethod
    def _same_line(doc: Doc, a: int, b: int) -> bool:
        return "\n" not in text_of(doc)[a:b]

    @staticmethod
    def _entity(sent: str, declared: list, candidates: list[str], parties: list[str]) -> str | None:
        """The party the sentence declares connected: the term right before "is ... connected"."""
        first = min(m.start() for m in declared)
        before = find_terms(sent[:first], candidates)
        preferred = [t for _, t in before if t in parties] or [t for _, t in before]
        if preferred:
            return preferred[-1] if len(preferred) == 1 else preferred[0]
        return None

    @staticmethod
    def _relationship(doc: Doc, name_end: int, scope: list[tuple[int, int]]) -> str | None:
        s_end = next(e for s, e in scope if s <= name_end <= e)
        tail = text_of(doc)[name_end:s_end]
        parts = []
        m = _APPOSITIVE.match(tail)
        if m and tail.lstrip().startswith(","):
            rel = " ".join(m.group("rel").split())
            rel = re.sub(r",\s*(?:an?|the)\s+", ", ", rel)
            parts.append(rel)
        h = _HOLDING.search(tail)
        if h:
            parts.append(" ".join(h.group(0).split()).strip(" ,"))
        return "; ".join(parts) or None

    def set_annotations(self, doc: Doc, found: list[Fact]) -> None:
        facts(doc)["connected_persons"] = found


def _in_parens(text: str, pos: int) -> bool:
    before = text[max(0, pos - 200) : pos]
    return before.rfind("(") > before.rfind(")")


def _entity_itself(sent: str, entity: str) -> bool:
    """The party is connected in its own right (a shareholder), not as someone's associate."""
    return "associate of" not in sent and entity in sent


def _entity_relationship(sent: str, entity: str) -> str | None:
    m = re.search(
        r"\b(?:is|being)\s+(?:the|a|an)\s+((?:(?:controlling|substantial)\s+shareholder|director)[^.;]*?)"
        r"(?:,?\s+and\s+(?:is\s+)?(?:therefore|accordingly|thus)|\.|;|$)",
        sent,
    )
    return " ".join(m.group(1).split()) if m else None


@Language.factory("fw_connected_persons_v1")
def make_connected_persons(nlp: Language, name: str) -> ConnectedPersons:
    return ConnectedPersons(nlp, name)
