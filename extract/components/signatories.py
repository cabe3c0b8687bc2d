"""A natural person who signs an announced agreement on their own: "On the same date, Mr. X
executed the Deed of Guarantee in favour of ...", "Ms. Y, as guarantor, signed the Guarantee".

The definitions and "Parties:" rows usually name companies only; a guarantor or vendor who is a
person is often named just in the sentence where they sign. The sentence's shape (a titled
person as the subject of a signing verb whose object is one of the announcement's agreements)
is what marks them, whatever the agreement is called.
"""

from __future__ import annotations

import re

from extract.names import ABBREVIATED_TITLES, clean_person, title_rx
from extract.terms import find_terms

_TITLED_SUBJECT = re.compile(
    r"(?:^|[.;,]\s+|\b(?:date|that|and),?\s+)"
    rf"(?:{title_rx(ABBREVIATED_TITLES, '.')}|{title_rx(('Sir', 'Dame', 'Madam', 'Miss'))})\s+"
    r"(?P<name>(?:[A-Z][\w'\-]*\s+){0,4}[A-Z][\w'\-]*)"
    r"(?:\s*\([^()]*\))?(?:,\s*(?:as|being)\s+[\w\- ]{2,30},)?\s+"
    r"(?:has\s+|had\s+)?(?:executed|signed|entered\s+into|granted|given|gave)\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?:[\w\-]+\s+){0,6}\((?:the\s+)?\")?$"
)


def signing_persons(sentence: str, agreement_names: list[str]) -> list[tuple[str, str]]:
    """(person, agreement) for each titled person the sentence says signs an agreement."""
    out: list[tuple[str, str]] = []
    for pos, name in find_terms(sentence, agreement_names):
        m = _TITLED_SUBJECT.search(sentence[:pos])
        if m:
            person = clean_person(m.group("name")) or m.group("name")
            out.append((person, name))
    return out
