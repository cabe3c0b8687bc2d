"""fw_chapters_v1: the Listing Rules chapters the announcement cites ("Chapter 14A",
"Chapters 14 and 14A"). A bare rule number ("Rule 14A.76") cites a rule, not a chapter.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.document import Fact, facts, text_of

_MORE = re.compile(r"^(?:\s*(?:,|and|or|&)\s*(\d{1,2}A?)\b)+")


class Chapters:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Fact]:
        out: dict[str, Fact] = {}
        for span in doc.spans.get("fw", []):
            if span.label_ != "CHAPTER":
                continue
            numbers = [span[-1].text]
            tail = text_of(doc)[span.end_char : span.end_char + 40]
            more = _MORE.match(tail)
            if more:
                numbers += re.findall(r"\d{1,2}A?", more.group(0))
            for n in numbers:
                out.setdefault(n, Fact(n, span.start_char, span.end_char))
        return list(out.values())

    def set_annotations(self, doc: Doc, found: list[Fact]) -> None:
        facts(doc)["listing_rules_chapters"] = found


@Language.factory("fw_chapters_v1")
def make_chapters(nlp: Language, name: str) -> Chapters:
    return Chapters(nlp, name)
