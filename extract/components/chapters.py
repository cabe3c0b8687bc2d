"""fw_chapters_v1: the Listing Rules chapters the announcement cites ("Chapter 14A",
"Chapters 14 and 14A"). A bare rule number ("Rule 14A.76") cites a rule, not a chapter.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.document import Fact, text_of
from extract.pipe import SPANS, FactPipe, component

_MORE = re.compile(r"^(?:\s*(?:,|and|or|&)\s*(\d{1,2}A?)\b)+")


_CLAUSE_START = re.compile(r"(?:[.;:,]\s|\n)")
_NOT = re.compile(
    r"\b(?:not|no\s+longer|neither|nor|none\s+of)\b(?![^,;]*\bbut\b)|"
    r"\bmay\s+(?:constitute|become)\b|"
    r"\bexempt\s+from\s+(?:all\s+)?(?:the\s+)?connected\s+transaction\s+requirements",
    re.I,
)
_NOT_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:does|do|will|shall)\s+not\s+apply|^[^.;]{0,60}?\bnot\s+applicable",
    re.I,
)


_OF_THE_LAWS = re.compile(r"^\s*of\s+the\s+Laws\s+of\b", re.I)


def _denied(text: str, start: int, end: int) -> bool:
    """ "does not constitute a connected transaction under Chapter 14A", "Chapter 14A of the
    Listing Rules does not apply": the chapter is named to say it does not apply."""
    window = text[max(0, start - 200) : start]
    cut = list(_CLAUSE_START.finditer(window))
    clause = window[cut[-1].end() :] if cut else window
    return bool(_NOT.search(clause) or _NOT_AFTER.match(text[end : end + 120]))


@component("fw_chapters_v1", ["listing_rules_chapters"], [SPANS])
class Chapters(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        out: dict[str, Fact] = {}
        text = text_of(doc)
        for span in doc.spans.get("fw", []):
            if span.label_ != "CHAPTER":
                continue
            if _denied(text, span.start_char, span.end_char):
                continue
            if _OF_THE_LAWS.match(text[span.end_char : span.end_char + 60]):
                continue  # "the Insurance Ordinance (Chapter 41 of the Laws of Hong Kong)"
            numbers = [span[-1].text]
            tail = text_of(doc)[span.end_char : span.end_char + 40]
            more = _MORE.match(tail)
            if more:
                numbers += re.findall(r"\d{1,2}A?", more.group(0))
            for n in numbers:
                out.setdefault(n, Fact(n, span.start_char, span.end_char))
        return list(out.values())
