"""fw_abstentions_v1: directors who abstained from voting on the board resolution.

"Mr. Jun LEI has abstained from voting on the board resolution approving the Agreement";
"Mr. A and Mr. B (the son of Mr. A) abstained ..." (the parenthetical names nobody who
abstained). Shareholders abstaining at a general meeting are not directors abstaining, and
"no Director was required to abstain" names nobody. Names are matched to the board list so
the same person is written the same way.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.document import Fact, facts, layout_of, text_of
from extract.names import ABBREVIATED_TITLES, clean_person, has_surname, person_key, title_rx
from extract.pipe import SPANS, FactPipe, component

_ABSTAIN = re.compile(
    r"\babstain(?:ed|s|ing)?\b|\babstention\b|\bdid not vote\b|\bnot to vote\b|"
    r"\b(?:has|have|had)\s+(?:therefore\s+|accordingly\s+)?not\s+voted\b|"
    r"\brefrained from voting\b|\bdid not (?:take part|participate) in (?:the )?voting\b|"
    # "did not participate in the Board's vote", "did not attend and vote at the meeting of
    # the Board", "recused himself from the vote"
    r"\bdid not (?:take part|participate) in (?:the )?(?:Board['’]s |board )?vote\b|"
    r"\bdid not attend (?:and|or) vote\b|"
    # "has, by agreement with the Board, not participated in the deliberation or voting"
    r"\bnot (?:participated|taken part) in (?:the )?(?:deliberations? (?:or|and) )?voting\b|"
    r"\brecused (?:himself|herself|themselves)\b|"
    r"\b(?:was|were) not (?:counted|present)\b[^.]{0,40}\bvot",
    re.I,
)
# "Mr. B, his alternate, did not vote in his place / on her behalf": not a vote withheld
_IN_PLACE = re.compile(
    r"\s+(?:in\s+(?:his|her|their)\s+(?:place|stead)|on\s+(?:his|her|their)\s+behalf)\b", re.I
)
#: ", and Ms. B on the Supply Agreement": a clause whose verb is the abstention before it
_GAPPED = re.compile(
    r"[,;]\s*(?:and|while|whereas)\s+((?:(?:Mr|Ms|Mrs|Madam|Dr|Ir|Professor|Prof)\.?\s+)?"
    r"[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,4})\s+(?:on|in respect of|regarding|for)\s+the\b"
)
_NOT_REQUIRED = re.compile(
    r"\b(?:not\s+(?:required|obliged|necessary|needed)|no\s+need|need\s+not)\s+"
    r"(?:for\s+\w+\s+)?(?:to\s+)?$",
    re.I,
)
_MEETING = re.compile(
    r"\b(general meeting|EGM|AGM|SGM|shareholders'? meeting|Independent Shareholders|"
    r"at the meeting of the shareholders|supervisory committee|board of supervisors)\b",
    re.I,
)


@component(
    "fw_abstentions_v1", ["abstained_directors"], [SPANS, "sentences", "directors", "definitions"]
)
class Abstentions(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        board = {
            person_key(f.value): f.value
            for facts_ in facts(doc).get("directors", {}).values()
            for f in facts_
        }
        persons = [s for s in doc.spans.get("fw", []) if s.label_ == "PERSON"]
        out: dict[str, Fact] = {}
        previous = last = ""
        defs = facts(doc).get("definitions", {})
        spans = layout_of(doc).sentences
        for start, end in spans:
            sent = text_of(doc)[start:end]
            earlier, last, previous = last, previous, sent
            verbs = list(_ABSTAIN.finditer(sent))
            prev = 0
            for k, m in enumerate(verbs):
                # each "X has abstained from voting on ..." clause on its own: the names
                # before its verb, the meeting (if any) after it
                after_end = verbs[k + 1].start() if k + 1 < len(verbs) else len(sent)
                clause_start = prev
                prev = m.end()
                if _IN_PLACE.match(sent, m.end()):
                    continue  # an alternate who "did not vote in his place": the director did
                if _NOT_REQUIRED.search(sent[max(0, m.start() - 40) : m.start()]):
                    continue  # "he therefore was not required to abstain"
                if _MEETING.search(sent[m.start() : after_end]) or (
                    _MEETING.search(sent[clause_start : m.start()])
                    and not re.search(
                        r"\bBoard\b|\bdirectors?\b", sent[m.start() : after_end], re.I
                    )
                ):
                    continue
                before = len(out)
                self._names(sent, start, clause_start, m.start(), persons, board, out)
                listed = re.match(r"[^.;:]{0,80}:\s*", sent[m.end() :])
                if len(out) == before and listed:  # "... abstained from voting: Mr. A and Ms. B"
                    a = m.end() + listed.end()
                    self._names(sent, start, a, after_end, persons, board, out)
                subject = sent[clause_start : m.start()]
                if len(out) == before and _PRONOUN.search(subject):
                    _antecedent(last, start, board, out)
                elif len(out) == before and (
                    _PLURAL.search(subject) or _PLURAL_FIRST.match(subject)
                ):
                    _antecedent(last, start, board, out, every=True, earlier=earlier)
                elif len(out) == before and _ONE_FIRST.match(subject):
                    _antecedent(last, start, board, out)
                term = _TERM_FIRST.match(subject)
                if len(out) == before and term and not term.group(1).endswith("Directors"):
                    where = (text_of(doc), spans, defs, start, board, out)
                    _defined_group(term.group(1), *where, first_only=True)
                group = _GROUP.search(sent[clause_start : m.start()])
                if len(out) == before and group:
                    _defined_group(group.group(1), text_of(doc), spans, defs, start, board, out)
                for gap in _GAPPED.finditer(sent, m.end(), after_end):
                    # "... on the Tenancy Agreements, and Ms. B on the Supply Agreement": the
                    # verb left out of a second clause with its own subject and resolution
                    self._names(sent, start, gap.start(1), gap.end(1), persons, board, out)
        return _as_directors(out, board, defs, text_of(doc))

    @staticmethod
    def _names(  # noqa: PLR0913
        sent: str,
        start: int,
        a: int,
        b: int,
        persons: list,
        board: dict[str, str],
        out: dict[str, Fact],
    ) -> None:
        clause = sent[a:b]
        parens = [(p.start() + start, p.end() + start) for p in re.finditer(r"\([^()]*\)", sent)]
        found: dict[str, tuple[int, int, str]] = {}
        taken: list[tuple[int, int]] = []
        for name in board.values():  # directors, as the board list writes them
            for hit in re.finditer(_name_pattern(name), clause):
                s0, e0 = start + a + hit.start(), start + a + hit.end()
                found.setdefault(person_key(name), (s0, e0, name))
                taken.append((s0, e0))
        for p in persons:
            if start + a <= p.start_char < start + b:
                if any(x < p.end_char and p.start_char < y for x, y in taken):
                    continue
                name = clean_person(p.text)
                if name:
                    found.setdefault(person_key(name), (p.start_char, p.end_char, name))
        for key, (s0, e0, name) in sorted(found.items(), key=lambda kv: kv[1][0]):
            if any(x <= s0 < y for x, y in parens):
                continue
            before = sent[max(0, s0 - start - 40) : s0 - start]
            if re.search(
                r"(?<!\beach )(?<!\bboth )(?:\b(?:of|by|to|from)|\brelationship\s+with)\s+"
                r"(?:(?:Mr|Ms|Mrs|Dr|Ir|Madam)\.?\s+)?$",
                before,
                re.I,
            ):
                continue  # "Mr. A, the son of Mr. B, abstained": B is named, not abstaining
            out.setdefault(key, Fact(board.get(key, name), s0, e0))


def _as_directors(
    out: dict[str, Fact], board: dict[str, str], defs: dict, text: str = ""
) -> list[Fact]:
    """Each abstaining name as the board list writes it. A short name is the director the
    definitions give it ('"Dr. LI"  Dr. LI Wai Man, a non-executive Director'), the one
    director with that surname ("Mr. LEONG"), or, when several share it, the one the
    announcement also gives that title and who is not named beside it ("Dr. YIU and Mr. YIU
    Chi Ming": the director printed "Dr. YIU ..."); a name that is no director's (a supervisor,
    a relative, a shareholder at the general meeting) is nobody who voted on the board, once
    the board list is known, unless the text calls it a Director (and checks warns)."""
    short = {}
    for term, d in defs.items():
        in_body = [n for n in board.values() if re.search(_name_pattern(n), d.body)]
        if len(in_body) == 1:
            short[person_key(clean_person(term) or term)] = in_body[0]
    result = []
    for key, fact in out.items():
        name = fact.value
        if key not in board and board:
            surname = [n for n in board.values() if has_surname(n, name)]
            if key in short:
                name = short[key]
            elif len(surname) == 1:
                name = surname[0]
            elif len(surname) > 1 and _by_title(name, fact, surname, out, text):
                name = _by_title(name, fact, surname, out, text)
            elif len(name.split()) == 1 or (
                len(board) >= 3 and not _DIRECTOR.match(text, fact.end)
            ):
                continue
        if all(r.value != name for r in result):
            result.append(Fact(name, fact.start, fact.end))
    return result


_TITLE = title_rx((*ABBREVIATED_TITLES, "Miss", "Madam", "Professor", "Sir", "Dame"))
#: "Mr. X, an executive Director, abstained": a director the board list may have missed
_DIRECTOR = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}Director\b")


def _by_title(
    short: str, fact: Fact, surname: list[str], out: dict[str, Fact], text: str
) -> str | None:
    """The one director with surname `short` whom the text also prints with the title it has
    here ("Dr. YIU" -> "Dr. YIU Kwong Tai, SBS, JP"), leaving out those named in full beside."""
    near = text[max(0, fact.start - 16) : fact.end]
    title = re.search(rf"\b({_TITLE})\.?\s+{re.escape(short)}\b", near, re.I)
    if not title:
        return None
    named = {f.value for f in out.values()}
    pool = [
        n
        for n in surname
        if n not in named and re.search(rf"\b{title.group(1)}\.?\s+" + _name_pattern(n), text)
    ]
    return pool[0] if len(pool) == 1 else None


_PRONOUN = re.compile(r"\b(?:he|she)\s+(?:\w+\s+){0,2}$", re.I)
# "They have abstained", "Both of them abstained", "the above-mentioned Directors abstained"
_PLURAL = re.compile(
    r"(?:\b(?:they|both of them|each of them|all of them)|\b(?:these|such|the\s+(?:above|"
    r"aforesaid|aforementioned|said|above[- ]mentioned|abovementioned|two|three|four))\s+"
    r"(?:\w+[- ])?directors)\s+(?:\w+\s+){0,2}$",
    re.I,
)


def _antecedent(  # noqa: PLR0913
    last: str,
    start: int,
    board: dict[str, str],
    out: dict[str, Fact],
    every: bool = False,
    earlier: str = "",
) -> None:
    """ "Mr. A is interested in the transaction. Accordingly, he abstained ...": the one
    director the sentence before names; after "they" (`every`), each director it names, or
    the two sentences before name ("Mr. A owns the lessor. Ms. B is his spouse. Both of them
    abstained")."""
    named = {key: name for key, name in board.items() if re.search(_name_pattern(name), last)}
    if every and len(named) < 2:
        last = f"{earlier} {last}"
        named = {k: n for k, n in board.items() if re.search(_name_pattern(n), last)}
    if len(named) == 1 or (every and named):
        for key, name in sorted(named.items(), key=lambda kv: _first_at(kv[1], last)):
            out.setdefault(key, Fact(name, start, start))


# the clause's subject, however long the clause: "Each of them has a material interest in the
# transactions and has abstained", "He, being the father of the Lender, did not vote"
_PLURAL_FIRST = re.compile(
    r"\s*(?:(?:accordingly|therefore|as such|in addition),?\s+)?"
    r"(?:each of them|both of them|all of them|both|they)\b",
    re.I,
)
_ONE_FIRST = re.compile(r"\s*(?:(?:accordingly|therefore|as such),?\s+)?(?:he|she)\b(?!\w)", re.I)
# "The Lender, having a material interest, did not vote": a defined term for one director
_TERM_FIRST = re.compile(
    r"\s*(?:(?:Accordingly|Therefore),?\s+)?[Tt]he\s+((?:[A-Z][\w-]+\s+)*[A-Z][\w-]+)\b"
)

# "The Interested Directors have abstained": a name the announcement gives a group of directors
_GROUP = re.compile(r"\b((?:(?!The\b)[A-Z][\w-]+\s+)+Directors)\b(?![^.]*\bDirectors\b)")


def _defined_group(  # noqa: PLR0913
    term: str,
    text: str,
    sentences: list[tuple[int, int]],
    defs: dict,
    start: int,
    board: dict[str, str],
    out: dict[str, Fact],
    first_only: bool = False,
) -> None:
    """The directors a group name stands for: named before its definition in the sentence
    that defines it ('Mr. A and Ms. B (together, the "Interested Directors")') or in the
    definitions section. A term for one person (`first_only`, "the Lender") is the director
    named last before its definition, or first in the definitions section's entry."""
    where = []
    for a, b in sentences:
        hit = re.search(rf"[\"“]{re.escape(term)}[\"”]", text[a:b])
        if hit:
            where.append(text[a : a + hit.start()])
    where += [d.body for t, d in defs.items() if t.strip('"“” ').lower() == term.lower()]
    context = " ".join(where)
    named = [n for n in board.values() if re.search(_name_pattern(n), context)]
    named.sort(key=lambda n: _first_at(n, context))
    if first_only:
        bodies = [d.body for t, d in defs.items() if t.strip('"“” ').lower() == term.lower()]
        body = " ".join(bodies)
        in_body = sorted(
            (n for n in named if re.search(_name_pattern(n), body)),
            key=lambda n: _first_at(n, body),
        )
        before = sorted(
            named, key=lambda n: -_last_at(n, " ".join(where[: len(where) - len(bodies)]))
        )
        named = in_body[:1] or [n for n in before if _last_at(n, context) >= 0][:1]
    for name in named:
        out.setdefault(person_key(name), Fact(name, start, start))


def _last_at(name: str, text: str) -> int:
    hits = list(re.finditer(_name_pattern(name), text))
    return hits[-1].start() if hits else -1


def _first_at(name: str, text: str) -> int:
    hit = re.search(_name_pattern(name), text)
    return hit.start() if hit else len(text)


def _name_pattern(name: str) -> str:
    """A board name as the text may print it: "HO Lai Ping Winnie" is "HO Lai Ping, Winnie"."""
    words = [re.escape(w) for w in re.split(r"[\s,]+", name) if w]
    return r"(?<![\w])" + r"[\s,]+".join(words) + r"(?![\w])"
