"""fw_abstentions_v1: directors who abstained from voting on the board resolution.

"Mr. Jun LEI has abstained from voting on the board resolution approving the Agreement";
"Mr. A and Mr. B (the son of Mr. A) abstained ..." (the parenthetical names nobody who
abstained). Shareholders abstaining at a general meeting are not directors abstaining, and
"no Director was required to abstain" names nobody. Names are matched to the board list so
the same person is written the same way.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.document import Fact, facts, layout_of, text_of
from extract.names import clean_person, person_key

_ABSTAIN = re.compile(
    r"\babstain(?:ed|s|ing)?\b|\babstention\b|\bdid not vote\b|\bnot to vote\b|"
    r"\brefrained from voting\b|\bdid not (?:take part|participate) in (?:the )?voting\b",
    re.I,
)
_MEETING = re.compile(
    r"\b(general meeting|EGM|AGM|SGM|shareholders'? meeting|Independent Shareholders|"
    r"at the meeting of the shareholders)\b",
    re.I,
)


class Abstentions:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Fact]:
        board = {
            person_key(f.value): f.value
            for facts_ in facts(doc).get("directors", {}).values()
            for f in facts_
        }
        persons = [s for s in doc.spans.get("fw", []) if s.label_ == "PERSON"]
        out: dict[str, Fact] = {}
        for start, end in layout_of(doc).sentences:
            sent = text_of(doc)[start:end]
            m = _ABSTAIN.search(sent)
            if not m or _MEETING.search(sent):
                continue
            clause = sent[: m.start()]
            parens = [
                (p.start() + start, p.end() + start) for p in re.finditer(r"\([^()]*\)", sent)
            ]
            found: dict[str, tuple[int, int, str]] = {}
            for p in persons:
                if start <= p.start_char < start + m.start():
                    name = clean_person(p.text)
                    if name:
                        found.setdefault(person_key(name), (p.start_char, p.end_char, name))
            for name in board.values():  # directors named without a title ("Messrs. A and B")
                for hit in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", clause):
                    found.setdefault(
                        person_key(name), (start + hit.start(), start + hit.end(), name)
                    )
            for key, (s0, e0, name) in sorted(found.items(), key=lambda kv: kv[1][0]):
                if any(a <= s0 < b for a, b in parens):
                    continue
                out.setdefault(key, Fact(board.get(key, name), s0, e0))
        return list(out.values())

    def set_annotations(self, doc: Doc, found: list[Fact]) -> None:
        facts(doc)["abstained_directors"] = found


@Language.factory("fw_abstentions_v1")
def make_abstentions(nlp: Language, name: str) -> Abstentions:
    return Abstentions(nlp, name)
