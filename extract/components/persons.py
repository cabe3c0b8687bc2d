"""fw_connected_persons_v1: who the announcement says IS a connected person, on what basis,
and through which party of the transaction.

The Listing Rules paragraph reads the same across issuers once cut into clauses: each clause
has a subject (a defined party, a titled person, a director, "the Subscriber", "Wing Hong
Holdings Limited") and a predicate that says what it is: "an associate of Mr. X", "a
non-executive Director", "the controlling shareholder of the Company", "the brother of Mr.
Y", "a deemed connected person". A subject whose predicate declares a connection (associate,
connected person, controlling or substantial shareholder) is a connected person, and so is
the person it is an associate of. The kind comes from the predicate (or the board list for a
director); negative predicates ("is not a connected person", "Independent Third Parties",
"will not become a substantial shareholder") declare nothing. Every connected person carries
the party of the transaction it reaches (`connected_entity`): the declared associate, the
party a shareholder holds, or itself when it is a party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extract.document import Fact, facts, layout_of, text_of
from extract.names import (
    ABBREVIATED_TITLES,
    TITLES,
    clean_person,
    has_surname,
    person_key,
    title_rx,
    titled_name_rx,
)
from extract.pipe import SPANS, FactPipe, component
from extract.terms import ROLE_WORDS, ROLES_ALONE, find_terms, party_terms, roles_rx

#: a clause that declares a connection
_DECLARES = re.compile(
    r"\b(?:associates?\b(?!\s+of\s+the\s+(?:Company|Group)\b)|connected persons?\b|"
    r"(?:controlling|substantial)\s+shareholders?\b|connected\s+subsidiar)",
    re.I,
)
#: a clause that says who owns whom: "owned ... by", "holds 60% of the issued share capital of"
_OWNERSHIP = re.compile(
    r"\b(?:owned|held|controlled)\b(?:[^.;]|\.\d){0,40}?\bby\b|"
    r"\bhold(?:s|ing)?\b(?:[^.;]|\.\d){0,40}?%|\bbeneficial(?:ly)?\s+own",
    re.I,
)
#: "Mr. X is the ultimate beneficial owner of ..."
_OWNER_OF = re.compile(
    r"^[\s,]*(?:is|was|being)\s+(?:also\s+)?the\s+(?:sole\s+)?(?:ultimate\s+)?beneficial\s+"
    r"owner\s+of\s+(?:the\s+entire\s+(?:issued\s+)?(?:share\s+capital|equity\s+interest)\s+"
    r"(?:of|in)\s+)?$",
    re.I,
)
#: "Its ultimate beneficial owner is Mr. X": the company the text is about, owned by X
_ITS_OWNER = re.compile(
    r"\b(?:Its|its)\s+(?:sole\s+)?(?:ultimate\s+)?beneficial\s+owners?\s+(?:is|are)\s+", re.I
)
_HOLDS_OF = re.compile(
    r"\b(?:hold(?:s|ing)?|(?:is|are|being)\s+interested\s+in)\b(?:[^.;]|\.\d){0,60}?%"
    r"(?:[^.;]|\.\d){0,80}?\bof\s+(?:the\s+)?$",
    re.I,
)
_NEGATIVE = re.compile(
    r"\bnot\b[^.;]{0,40}?\b(?:connected person|associate|(?:controlling|substantial)"
    r"\s+shareholder|regarded)|\bindependent\s+third\s+part|\bthird\s+part(?:y|ies)\s+"
    r"independent|\bindependent\s+of\s+the\s+Company\b|\bnor\b[^.;]{0,30}connected",
    re.I,
)
#: the kinds, in the order one wins over another when a predicate gives several
_KINDS = (
    ("controlling_shareholder", re.compile(r"\bcontrolling\s+shareholder\b", re.I)),
    ("chief_executive", re.compile(r"\bchief\s+executive(?:\s+officer)?\b", re.I)),
    ("supervisor", re.compile(r"\bsupervisors?\b", re.I)),
    ("director", re.compile(r"\bDirector\b|\bdirector\s+of\s+the\s+Company\b|\bdirector\s+of\b")),
    ("substantial_shareholder", re.compile(r"\bsubstantial\s+shareholder\b", re.I)),
)
#: the relatives a connected person's chain runs through ("in-law" forms first)
_KIN = (
    r"(?:elder\s+|younger\s+)?(?:brother-in-law|sister-in-law|father-in-law|mother-in-law|"
    r"son-in-law|daughter-in-law|father|mother|brother|sister|son|daughter|spouse|wife|husband|"
    r"parent|child|nephew|niece|uncle|aunt|cousin|grandson|granddaughter)"
)
_FAMILY = re.compile(rf"^\s*,?\s*(?:who\s+is\s+|being\s+|is\s+)?(?:the|a|an)\s+{_KIN}\s+of\b", re.I)
_ASSOC_OF = re.compile(r"\b(?:an?\s+|the\s+|his\s+|her\s+|its\s+)?associates?\b(?:\s+of\b)?", re.I)
_SUBJECT_AFTER = re.compile(
    r"^\*?\s*(?:\([^()]*\)\s*){0,3}(?:,\s*)?(?:is|was|are|were|will|would|has|have|had|holds?|owns?|"
    r"controls?|being|as|who|which|a|an|the|together|through|directly|indirectly|"
    r"therefore|thus|accordingly|hence|also)\b",
    re.I,
)
_ENTITY_NAME = re.compile(
    r"\b(?:[A-Z][\w&'\-]*\s+){1,6}(?:Limited|Ltd\b\.?|Co\.,\s+Ltd\b\.?|Corporation|Inc\.|"
    r"Berhad|Pte\.\s+Ltd\b\.?|Sdn\.?\s+Bhd\b\.?|Pty\.?\s+Ltd\b\.?|LLC|L\.?P\.)"
)
#: defined terms that name a role, not the company ("the Disposal Company", "the Purchaser")
_ROLE_TERM = re.compile(
    rf"\b{roles_rx((*ROLE_WORDS, 'Company', 'Target', 'Offeror', 'Investor', 'JV Partner'))}\b"
)
#: terms that are nothing but a role when they stand alone ("the Parent", "the Licensor")
_ROLE_ONLY = re.compile(
    r"(?:the\s+)?"
    + roles_rx(
        (
            *ROLES_ALONE,
            "Parent",
            "Trustee",
            "Chargor",
            "Chargee",
            "Pledgor",
            "Pledgee",
            "Controlling Shareholder",
        )
    ),
    re.I,
)


def _is_role(term: str) -> bool:
    return bool(_ROLE_TERM.search(term) or _ROLE_ONLY.fullmatch(term))


#: Malaysian titles before a name: "Tan Sri", "Puan Sri", "Dato' Sri", "Datuk", "Datin"
_MALAY_TITLE = r"(?:Tan|Puan)\s+Sri|Toh\s+Puan|Dato['’]?(?:\s+Sri)?|Datuk(?:\s+Seri)?|Datin"
#: a titled name: "Mr. X" (the short titles with their full stop), "Sir X", "Madam X"
_TITLED_NAME = re.compile(
    rf"^\s*{titled_name_rx(title_rx(ABBREVIATED_TITLES, '.'), title_rx(('Sir', 'Madam')))}"
)
#: a definition that starts with a titled name: "Dr LAM Ka Yan, the chairman ..."
_TITLED_BODY = re.compile(
    rf"^{titled_name_rx(title_rx((*ABBREVIATED_TITLES, 'Madam', 'Miss'), '.?'))}"
)
#: ownership through a trust: "owned ... by the X Trust, whose beneficiaries include Mr. "
#: or "held by a trustee of a trust of which Dr. " (then "... is a beneficiary")
_TRUST_OWNER = re.compile(
    r"\b(?:owned|held)\b(?:[^.;]|\.\d){0,80}?\btrust\b[^.;]{0,80}?"
    r"(?:\bbeneficiar(?:y|ies)\b[^.;]{0,20}?\b(?:include|includes|is|are)\s+"
    # the next name of the list: "include Mr. A, the Chairman, and his spouse Ms. B"
    rf"(?:(?:[^.;]|\.(?=\s+[A-Z]{{2,}}))"  # a title's full stop: "Mr. NG"
    rf"{{0,120}}?\band\s+(?:(?:his|her|their)\s+{_KIN}\s+)?)?|\bof\s+which\s+)"
    rf"(?:(?:{title_rx(ABBREVIATED_TITLES, '.')}|"
    rf"{title_rx(('Sir', 'Dame', 'Lady', 'Madam', 'Miss', 'Professor'))})\s*)?$",
    re.I,
)
#: a company owned by the person the sentence has just named: "in which he holds 80%",
#: "wholly owned by him"
_OWNED_BY_PRONOUN = re.compile(
    r"\b(?:in|of)\s+which\s+(?:he|she)\s+(?:(?:directly|indirectly|beneficially)\s+)?"
    r"(?:holds?|owns?|is\s+interested)\b|\b(?:owned|held|controlled)\b(?:[^.;,]|\.\d){0,30}?"
    r"\bby\s+(?:him|her)\b",
    re.I,
)
#: ", her brother," right after a name
_POSSESSIVE_KIN = re.compile(rf"\s*(?:\([^()]*\)\s*)?,\s*(?:his|her)\s+{_KIN}\s*[,;.)]", re.I)
_TITLED_ANY = re.compile(rf"\b{titled_name_rx(title_rx(ABBREVIATED_TITLES, '.'))}")
_IS_BENEFICIARY = re.compile(r"^\s*(?:is|are)\s+(?:a|the|one\s+of\s+the)\s+beneficiar", re.I)
_REL_END = re.compile(r"[;.]|\s+and\s+the\s+(?:transactions?|formation|grant|acquisition)\b", re.I)


@dataclass
class Mention:
    start: int
    end: int
    name: str
    is_person: bool
    subject: bool = False


@dataclass
class Found:
    name: str
    is_person: bool
    start: int
    end: int
    kinds: list[str] = field(default_factory=list)
    relationship: list[str] = field(default_factory=list)
    counterpart: str | None = None
    entity: str | None = None
    via: str | None = None  # the person or entity it is an associate of
    owners: list[str] = field(default_factory=list)  # who owns it ("wholly owned by Mr. X")
    #: owners "ultimately" behind it: links between are left untold
    ultimate: list[str] = field(default_factory=list)
    parent: str | None = None  # the company it is a subsidiary of


@component(
    "fw_connected_persons_v1",
    ["connected_persons"],
    [SPANS, "sentences", "definitions", "directors", "parties"],
)
class ConnectedPersons(FactPipe):
    def match(self, doc: Doc) -> list[Fact]:
        f = facts(doc)
        text = text_of(doc)
        defs = f.get("definitions", {})
        parties = [p.value["name"] for p in f.get("parties", [])]
        board = {
            person_key(n.value): n.value for names in f.get("directors", {}).values() for n in names
        }
        terms = [t for t in party_terms(defs) if t not in ("Company", "Group")]
        terms += [p for p in parties if p not in terms and p not in ("Company", "Group")]
        people_terms = {t: defs[t].full_name for t in terms if t in defs and defs[t].person}
        for t, d in defs.items():  # "Subscriber"  Dr. LAM Ka Yan, the chairman ...
            m = _TITLED_BODY.match(d.body)
            if t not in people_terms and m and not d.full_name:
                people_terms[t] = clean_person(m.group(1))
                if t not in terms:
                    terms.append(t)
        # a company written out in full is the term the announcement defines for it
        full_names = {
            person_key(d.full_name): t
            for t, d in defs.items()
            if d.full_name and not d.person and t in terms
        }
        found: dict[str, Found] = {}
        denied: set[str] = set()
        entity_terms = [t for t in terms if t not in people_terms]
        topic: str | None = None  # the company the text is about, for "It is owned ..."
        for start, end in layout_of(doc).sentences:
            sent = text[start:end]
            said_it, topic = topic, _topic(sent, entity_terms, topic)
            if sent.lstrip().startswith('"') or not (
                _DECLARES.search(sent) or _OWNERSHIP.search(sent)
            ):
                continue
            if re.search(r"\babstain|\bvote[sd]?\b|\bmeans\b", sent, re.I):
                continue
            mentions = self._mentions(doc, sent, start, terms, board, people_terms, full_names)
            it = _IT.search(sent)
            if it and said_it and not any(m.start <= it.start(1) < m.end for m in mentions):
                mentions.append(Mention(it.start(1), it.end(1), said_it, False, subject=True))
                mentions.sort(key=lambda m: m.start)
            its = _ITS_OWNER.search(sent)
            owner = next((m for m in mentions if its and m.start >= its.end()), None)
            if its and said_it and owner is not None and owner.is_person:
                owned = found.setdefault(person_key(said_it), Found(said_it, False, start, end))
                if owner.name not in owned.owners:
                    owned.owners.append(owner.name)
            self._read_clauses(sent, start, mentions, board, found, denied)
        _vias_in_full(found, board, doc)
        _kinds_defined(found, defs)
        party_names = {person_key(p) for p in parties}
        for fd in list(found.values()):  # "X, a subsidiary of the Parent, the controlling
            # shareholder, is a connected person": the Parent is who X is connected through
            parent = found.get(person_key(fd.parent)) if fd.parent else None
            if parent is None or fd.is_person or person_key(parent.name) in denied:
                continue
            # a trustee holds a connected company for a connected person's family: in the
            # chain whatever the company is itself ("Regal Lotus is wholly owned by Jade
            # Summit Trustees Limited as trustee of The Yiu Family Trust")
            trustee = getattr(parent, "holds", False) and "trustee" in parent.name.lower()
            connected = getattr(fd, "declared", False) or getattr(fd, "counterpart_for", False)
            if trustee and connected:
                parent.counterpart_for = True  # type: ignore[attr-defined]
                parent.kinds = parent.kinds or ["associate"]
                continue
            if not getattr(fd, "declared", False) or set(fd.kinds) - {"associate", "other"}:
                continue  # connected in its own right
            if not parent.kinds and not (
                getattr(parent, "holds", False) and person_key(fd.name) in party_names
            ):  # "will become a subsidiary of X", or an owner further up: X's own connection
                continue  # is not told
            parent.counterpart_for = True  # type: ignore[attr-defined]
            if not parent.kinds:
                parent.kinds.append("associate")  # a holding vehicle in the chain
            fd.via = fd.via or parent.name
        for fd in list(found.values()):  # a director who owns a company in the chain (a
            if not _in_chain(fd):  # declared party or the parent it is connected through)
                continue
            for owner in _chain_owners(fd):
                okey = person_key(owner)
                if okey in board:
                    o = found.setdefault(okey, Found(owner, True, fd.start, fd.end))
                    o.counterpart_for = True  # type: ignore[attr-defined]
                    o.board = True  # type: ignore[attr-defined]
        kin, added = self._owners_of_parties(found)
        party_keys, party_people = _party_keys(parties, defs)
        for p in parties:  # a director who signs, named in full with no term of their own
            if person_key(p) in board and p not in defs:
                party_people.setdefault(person_key(p), board[person_key(p)])
        probes = [k for k in party_people if k not in found]
        for k in probes:  # a party who may be a relative: read where the text says so
            found[k] = Found(party_people[k], True, 0, 0)
        aliases: dict[str, list[str]] = {}  # "Ms. Chow" for CHOW Mei Ling
        for t, full in people_terms.items():
            if full:
                aliases.setdefault(person_key(full), []).append(t)
        _surname_aliases(doc, found, board, aliases)
        self._roles_elsewhere(text, found, aliases)
        _vias_in_full(found, board, doc)
        for key in party_people:  # "The Guarantor is the mother of Mr. KAN": a relative of a
            fd = found[key]  # connected person, who signs
            via = person_key(fd.via) if fd.via else None
            if (getattr(fd, "family", False) and via in {*found, *board}) or key in board:
                fd.counterpart_for = True  # type: ignore[attr-defined]  (or a director who signs)
                if key in board:
                    fd.board = True  # type: ignore[attr-defined]
                if not fd.end:
                    fd.start, fd.end = self._first_mention(text, fd.name)
            elif key in probes:
                del found[key]
        for okey in kin:  # an owner is in the chain only as a relative of a connected person
            o = found[okey]
            via = person_key(o.via) if o.via else None
            if getattr(o, "family", False) and via and (via in found or via in board):
                o.counterpart_for = True  # type: ignore[attr-defined]
                if via not in found:  # the director the owner is a relative of
                    d = found.setdefault(via, Found(board[via], True, o.start, o.end))
                    d.counterpart_for = True  # type: ignore[attr-defined]
                    d.board = True  # type: ignore[attr-defined]
                elif not getattr(found[via], "declared", False):
                    found[via].counterpart_for = True  # type: ignore[attr-defined]
            elif okey in added:
                del found[okey]
        return self._resolve(found, denied, parties, defs, party_keys)

    @staticmethod
    def _owners_of_parties(found: dict[str, Found]) -> tuple[list[str], list[str]]:
        """The people who own a declared connected party ("Swiftline is owned as to 70% by Ms.
        A, the spouse of Mr. X, and as to 30% by Mr. B, the son of Mr. X"), as candidates:
        the chain from the party to the director it is connected through runs through them
        (the contract's Kingsoft sample lists the people behind a party, with the party as
        their connected entity)."""
        kin: list[str] = []
        added: list[str] = []
        for fd in list(found.values()):
            if not _in_chain(fd):
                continue
            for owner in _chain_owners(fd):
                okey = person_key(owner)
                if okey not in found:
                    found[okey] = Found(owner, True, fd.start, fd.end)
                    added.append(okey)
                if okey not in kin:  # (a declared relative too: the director behind them)
                    kin.append(okey)
        return kin, added

    @staticmethod
    def _first_mention(text: str, name: str) -> tuple[int, int]:
        at = text.find(name)
        return (at, at + len(name)) if at >= 0 else (0, 0)

    @staticmethod
    def _roles_elsewhere(
        text: str, found: dict[str, Found], aliases: dict[str, list[str]] | None = None
    ) -> None:
        """A connected person's role may be given in another sentence: "Mr. LIN Zhenhai, a
        director of Tianyu Fujian, ..." or "He is the brother of Mr. X"."""
        roles = {
            "controlling_shareholder",
            "chief_executive",
            "supervisor",
            "director",
            "substantial_shareholder",
            "family_member",
        }
        for fd in found.values():
            if not fd.is_person or roles & set(fd.kinds):
                continue
            if getattr(fd, "family", False) and fd.via is not None:
                continue  # a relative whose relative is known
            names = [fd.name, *(aliases or {}).get(person_key(fd.name), [])]
            places = [
                m for n in names for m in re.finditer(rf"(?<![\w]){re.escape(n)}(?![\w])", text)
            ]
            for m in sorted(places, key=lambda m: m.start()):
                after = text[m.end() : m.end() + 200]
                mine = _POSSESSIVE_KIN.match(after)  # "Mr. FENG Bo, her brother,": the
                if mine and fd.via is None:  # person named just before is the relative
                    before = text[max(0, m.start() - 200) : m.start()]
                    kin = list(_TITLED_ANY.finditer(before))
                    if kin:
                        fd.family = True  # type: ignore[attr-defined]
                        fd.via = clean_person(kin[-1].group(1)) or kin[-1].group(1)
                        break
                ap = re.match(
                    r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:who\s+is\s+|being\s+)?|\s+is\s+(?:also\s+)?)"
                    r"((?:the|a|an|both|each)\s+(?:\d\.\d|\b(?:Mr|Ms|Mrs|Dr|Ir)\.|[^;.])*)",
                    after,
                ) or _BOTH.match(after)  # "Mr. A and Mr. B (together, ...), both executive"
                if not ap:
                    continue
                seg = re.split(r"\b(?:Mr|Ms|Mrs|Dr|Ir)\.\s", ap.group(1))[0]
                rel = _clean_relationship(ap.group(1))
                if rel and rel not in fd.relationship:
                    fd.relationship.append(rel)
                if _FAMILY.match(seg):
                    fd.family = True  # type: ignore[attr-defined]
                    kin = _TITLED_NAME.search(ap.group(1)[len(seg) - 1 :])
                    if fd.via is None and kin:  # "the brother of Mr. X": connected through X
                        fd.via = clean_person(kin.group(1)) or kin.group(1)
                    break
                for kind, rx in _KINDS:
                    if rx.search(seg) and kind not in fd.kinds:
                        fd.kinds.insert(0, kind)
                if roles & set(fd.kinds):
                    break

    # --- mentions -----------------------------------------------------------------------

    @staticmethod
    def _mentions(
        doc: Doc,
        sent: str,
        start: int,
        terms: list[str],
        board: dict[str, str],
        people_terms: dict[str, str | None],
        full_names: dict[str, str],
    ) -> list[Mention]:
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def add(s: int, e: int, name: str, person: bool) -> None:
            if any(s < te and ts < e for ts, te in taken):
                return
            taken.append((s, e))
            out.append(Mention(s, e, name, person))

        for name in sorted(board.values(), key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", sent):
                add(m.start(), m.end(), name, True)
        # a person defined by a short term ('Mr. KOH Beng Huat ("Mr. Koh")') is that person,
        # not the surname the entity ruler sees in the term
        named_people = [t for t, full in people_terms.items() if full]
        for pos, term in find_terms(sent, named_people):
            add(pos, pos + len(term), people_terms[term] or term, True)
        for span in doc.spans.get("fw", []):
            if span.label_ == "PERSON" and start <= span.start_char < start + len(sent):
                name = clean_person(span.text)
                if name and len(name.split()) == 1:  # "Dr. NG": the person named in full
                    title = span.text.split()[0].rstrip(".")
                    full = _named_in_full(
                        name, board.values(), _people_in_full(doc), title, text_of(doc)
                    )
                    name = full or name
                if name:
                    add(span.start_char - start, span.end_char - start, name, True)
        for pos, term in find_terms(sent, terms):
            name = people_terms.get(term) or term
            add(pos, pos + len(term), name, term in people_terms)
        for m in _ENTITY_NAME.finditer(sent):
            name = re.sub(r"^(?:The|As|Since|Each of|Upon|Both)\s+", "", m.group(0))
            if "Stock Exchange" in name or "Hong Kong Limited" == name:
                continue
            s = m.end() - len(name)
            add(s, m.end(), full_names.get(person_key(name), name), False)
        out.sort(key=lambda m: m.start)
        inside = [sent[: m.start].count("(") > sent[: m.start].count(")") for m in out]
        for k, m in enumerate(out):
            after = sent[m.end :]
            before = sent[: m.start]
            # "Each of A and B is ...": A shares B's predicate (an aside in brackets between
            # them is skipped: "A (a subsidiary of X) and B (...) are associates of X")
            nxt = next((x for j, x in enumerate(out[k + 1 :], k + 1) if not inside[j]), None)
            conj = nxt is not None and re.fullmatch(
                r"\s*(?:and|,)\s*(?:(?:Mr|Ms|Mrs|Dr|Ir|Prof)\.|Sir|Dame|Lady|Madam|Miss|Professor)?\s*",
                _without_brackets(sent[m.end : nxt.start]),
            )
            starts_clause = bool(
                re.search(
                    r"(?:^\s*(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,4}\)|\(\d+\))?|[;:]|,\s*and|\band|\bAs|"
                    r"\bSince|\bwhile|\bEach\s+of|\bBoth|,)"
                    r"\s*(?:the\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Dr\.?\s+|Ir\.?\s+|Madam\s+|Sir\s+|Prof\.?\s+)?$",
                    before,
                    re.I,
                )
            )
            relative = bool(re.match(r"[\"”]?\)?\s*(?:\([^()]*\)\s*)?,\s*(?:which|who)\b", after))
            m.subject = not inside[k] and (
                relative or (starts_clause and (bool(_SUBJECT_AFTER.match(after)) or bool(conj)))
            )
        return out

    # --- clauses --------------------------------------------------------------------------

    def _read_clauses(  # noqa: PLR0913
        self,
        sent: str,
        start: int,
        mentions: list[Mention],
        board: dict[str, str],
        found: dict[str, Found],
        denied: set[str],
    ) -> None:
        subjects = [m for m in mentions if m.subject]
        for x in mentions:  # "... of Summit Holdings ("Summit"), the controlling shareholder"
            app = "" if x.subject else _appositive(sent[x.end :]) or _which_is(sent[x.end :])
            if app and any(rx.search(app) for _, rx in _KINDS):
                self._note_role(x, app, board, found, start, declared=False)
        for k, m in enumerate(subjects):
            stop = subjects[k + 1].start if k + 1 < len(subjects) else len(sent)
            # a conjoined subject ("A and B is ...") reads the next subject's predicate
            j = k
            while j + 1 < len(subjects) and re.fullmatch(
                r"\s*(?:and|,)\s*(?:(?:Mr|Ms|Mrs|Dr|Ir|Prof)\.|Sir|Dame|Lady|Madam|Miss|Professor)?\s*",
                _without_brackets(sent[subjects[j].end : subjects[j + 1].start]),
            ):
                j += 1
                stop = subjects[j + 1].start if j + 1 < len(subjects) else len(sent)
            pred_start = subjects[j].end if j > k else m.end
            pred = sent[pred_start:stop]
            pred = _REL_END.split(pred, maxsplit=1)[0] if ";" in pred else pred
            key = person_key(m.name)
            others = [x.start - pred_start for x in mentions if pred_start <= x.start < stop]
            own = pred[: min(others)] if others else pred
            # "each of the Borrower, the Guarantor and ... is a third party independent of ...":
            # a subject in a list shares the list's predicate
            # (an aside in brackets between them too: "the Target Company (before completion)
            # and Shanghai Bingxue are independent third parties")
            bare = _without_brackets(own)
            said_of = pred if re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?", bare) else own
            # "Mr. X, a client who shares the surname of Mr. Y, is not ...": the verb after the
            # aside is the subject's own
            rest = re.sub(r"^\s*(?:\([^()]*\)\s*)?,(?:[^,;]|\.\d)*,", "", pred)
            if (
                rest != pred
                and re.match(r"\s*(?:is|are|was|were)\b", rest)
                and not _DECLARES.search(said_of)
                and _NEGATIVE.search(rest)
            ):
                said_of = rest
            if _EXCEPT.search(sent):  # "Save as disclosed, A and B are independent of ..."
                said_of = ""
            if _NEGATIVE.search(said_of) and not re.search(
                r"\bis\s+(?:therefore\s+|thus\s+|also\s+)?(?:an?\s+)?"
                r"(?:associate|connected person)",
                said_of,
            ):
                denied.add(key)
                continue
            if not m.is_person:
                for x in mentions:
                    if (
                        pred_start <= x.start <= stop  # the holder may head a "which" clause
                        and not x.is_person
                        and re.search(
                            r"\bsubsidiar(?:y|ies)\s+of\s+(?:the\s+)?$|"
                            r"\b(?:owned|held|controlled)\b(?:[^.;]|\.\d){0,40}?\bby\s+(?:the\s+)?$",
                            sent[pred_start : x.start],
                        )
                    ):  # its holding company: "owned as to 90% by Hengyue Industrial"
                        sub = found.setdefault(
                            key, Found(m.name, m.is_person, start + m.start, start + m.end)
                        )
                        aside = _appositive(sent[x.end :]) or _which_is(sent[x.end :])
                        if not _NEGATIVE.search(aside):
                            sub.parent = sub.parent or x.name
                            holder = found.setdefault(
                                person_key(x.name),
                                Found(x.name, False, start + x.start, start + x.end),
                            )
                            if not re.search(r"\bsubsidiar", sent[pred_start : x.start]):
                                holder.holds = True  # type: ignore[attr-defined]
                    if (
                        pred_start <= x.start < stop
                        and x.is_person
                        and (
                            re.search(
                                r"(?:\b(?:owned|held|controlled)\b(?:[^.;]|\.\d){0,40}?|"
                                r"\bas\s+to\s+\d+(?:\.\d+)?%\s+)"
                                rf"\bby\s+(?:(?:Mr|Ms|Mrs|Dr|Ir|Prof)\.|Sir|Dame|Lady|Madam|Miss|Professor|"
                                rf"{_MALAY_TITLE})?\s*$",
                                sent[pred_start : x.start],
                            )
                            or _trust_owner(sent[pred_start : x.start], sent[x.end : stop])
                        )
                    ):
                        own_fd = found.setdefault(
                            key, Found(m.name, m.is_person, start + m.start, start + m.end)
                        )
                        if x.name not in own_fd.owners:
                            own_fd.owners.append(x.name)
                        if re.search(r"\bultimately\b", sent[pred_start : x.start]):
                            own_fd.ultimate.append(x.name)
            if not m.is_person and _OWNED_BY_PRONOUN.search(pred):
                # "Wing Lee, a company in which he holds 80%": he is the last person named
                owner = next(
                    (x for x in reversed(mentions) if x.end <= m.start and x.is_person), None
                )
                if owner is not None:
                    own_fd = found.setdefault(
                        key, Found(m.name, m.is_person, start + m.start, start + m.end)
                    )
                    if owner.name not in own_fd.owners:
                        own_fd.owners.append(owner.name)
            if m.is_person:  # "Mr. X, an executive Director, holds 60% of ... Jade Harbour"
                for x in mentions:
                    if (
                        pred_start <= x.start < stop
                        and not x.is_person
                        and (
                            _HOLDS_OF.search(sent[pred_start : x.start])
                            or _OWNER_OF.search(sent[pred_start : x.start])
                        )
                    ):
                        held = found.setdefault(
                            person_key(x.name), Found(x.name, False, start + x.start, start + x.end)
                        )
                        if m.name not in held.owners:
                            held.owners.append(m.name)
            family = _FAMILY.match(pred)
            assoc = next(
                (
                    a
                    for a in _ASSOC_OF.finditer(pred)
                    if not re.match(
                        r"\s*(?:an?|the)\s+(?:Director|director|person)\b", pred[a.end() :]
                    )
                ),
                None,
            )
            # "A, which is owned by Mr. Y, a substantial shareholder": the role is Y's, not A's
            said = _without_appositives(pred, [x.end - pred_start for x in mentions if x is not m])
            declares = bool(_DECLARES.search(said)) or bool(re.search(r"\bdeemed\b", said, re.I))
            if not declares:
                # an appositive role still tells who a person is: "Mr. X, a non-executive
                # Director," — kept as evidence for a later declaration
                self._note_role(m, pred, board, found, start, declared=False)
                continue
            fnd = self._note_role(m, pred, board, found, start, declared=True)
            if family:
                fnd.kinds.insert(0, "family_member")
                rel = next(
                    (
                        x
                        for x in mentions
                        if pred_start + family.end() <= x.start < stop and x.is_person
                    ),
                    None,
                )
                if rel is not None and person_key(rel.name) != key:
                    fnd.via = fnd.via or rel.name
                    t = self._note_role(
                        rel, _appositive(sent[rel.end : stop]), board, found, start, declared=True
                    )
                    t.counterpart_for = True  # type: ignore[attr-defined]
                    if t.entity is None:
                        t.entity = fnd.name
            if assoc:
                target = next(
                    (
                        x
                        for x in mentions
                        if x.start >= pred_start + assoc.end()
                        and x.start < stop
                        and re.fullmatch(
                            r"\s*(?:each\s+of\s+|both\s+)?(?:the\s+)?(?:(?:Mr|Ms|Mrs|Dr|Ir|Prof)\.|Sir|Dame|Lady|Madam|Miss|Professor)?\s*",
                            sent[pred_start + assoc.end() : x.start],
                        )
                    ),
                    None,
                )
                if target is not None and person_key(target.name) != key:
                    if fnd.via is None:
                        fnd.via = target.name
                    if not fnd.is_person and "associate" not in fnd.kinds:
                        fnd.kinds.append("associate")
                    elif fnd.is_person and not fnd.kinds:
                        fnd.kinds.append("associate")
                    t = self._note_role(
                        target,
                        _appositive(sent[target.end : stop]),
                        board,
                        found,
                        start,
                        declared=True,
                    )
                    t.counterpart_for = True  # type: ignore[attr-defined]
                    if t.entity is None and not fnd.is_person:
                        t.entity = fnd.name
                elif re.search(r"\b(?:his|her|its|their)\s+associates?\b", pred):
                    if not fnd.is_person and "associate" not in fnd.kinds:
                        fnd.kinds.append("associate")
                    owner = next(
                        (x for x in reversed(mentions) if x.start < m.start and x.is_person),
                        None,
                    )
                    if owner is not None and fnd.via is None:
                        fnd.via = owner.name
                        t = found.get(person_key(owner.name))
                        if t is None and person_key(owner.name) in board:  # "... is
                            # therefore his associate": the director it is connected through
                            t = self._note_role(owner, "", board, found, start, declared=False)
                            t.board = True  # type: ignore[attr-defined]
                        if t is not None:
                            t.counterpart_for = True  # type: ignore[attr-defined]
                        if t is not None and t.entity is None and not fnd.is_person:
                            t.entity = fnd.name
            if not fnd.kinds:
                deemed = re.search(r"\bdeemed\b", pred, re.I)
                fnd.kinds.append("other" if fnd.is_person or deemed else "associate")
            fnd.declared = True  # type: ignore[attr-defined]

    @staticmethod
    def _note_role(  # noqa: PLR0913
        m: Mention,
        pred: str,
        board: dict[str, str],
        found: dict[str, Found],
        start: int,
        *,
        declared: bool,
    ) -> Found:
        key = person_key(m.name)
        fnd = found.get(key)
        if fnd is None:
            fnd = Found(m.name, m.is_person, start + m.start, start + m.end)
            found[key] = fnd
        clause = _clean_relationship(pred)
        if clause and clause not in fnd.relationship:
            fnd.relationship.append(clause)
        window = re.split(
            r"\b(?:associates?\s+of|(?:owned|held)\b(?:[^,;.]|\.\d)*?\bby\b|"
            r"(?:subsidiary|holding company)\s+of"
            r"(?!\s+the\s+Company)|of\s+Mr\.|of\s+Ms\.|of\s+Dr\.|of\s+Sir\s)",
            pred,
            maxsplit=1,
        )[0]
        for kind, rx in _KINDS:
            if rx.search(window) and kind not in fnd.kinds:
                if kind == "director" and not m.is_person:
                    continue
                fnd.kinds.append(kind)
        if m.is_person and key in board and "director" not in fnd.kinds:
            fnd.board = True  # type: ignore[attr-defined]
        if _FAMILY.match(pred) and "family_member" not in fnd.kinds:
            fnd.family = True  # type: ignore[attr-defined]
        return fnd

    # --- who is connected, and through which party ------------------------------------------

    @staticmethod
    def _resolve(
        found: dict[str, Found],
        denied: set[str],
        parties: list[str],
        defs: dict,
        party_keys: dict[str, str],
    ) -> list[Fact]:
        full_to_term = {person_key(d.full_name): t for t, d in defs.items() if d.full_name}
        out: list[Fact] = []
        connected = [
            fd
            for k, fd in found.items()
            if (getattr(fd, "declared", False) or getattr(fd, "counterpart_for", False))
            and k not in denied
        ]
        declared_entities = [
            fd for fd in connected if not fd.is_person and getattr(fd, "declared", False)
        ]
        counterparties = [
            fd for fd in declared_entities if person_key(fd.name) in party_keys
        ] or declared_entities
        for fd in connected:
            kinds = list(fd.kinds)
            if getattr(fd, "family", False) and "family_member" not in kinds:
                kinds.append("family_member")  # a relative who is also a substantial
                # shareholder is connected as one (the order of _ORDER)
            if (
                fd.is_person
                and getattr(fd, "board", False)
                and not any(
                    k in kinds
                    for k in (
                        "controlling_shareholder",
                        "chief_executive",
                        "supervisor",
                        "director",
                    )
                )
            ):
                kinds.insert(0, "director")
            kind = _pick(kinds, fd.is_person)
            name = fd.name if fd.is_person else full_to_term.get(person_key(fd.name), fd.name)
            d = defs.get(name)
            if not fd.is_person and d is not None and d.full_name and _is_role(name):
                name = d.full_name  # "the Disposal Company": named by what it is
            key = person_key(name)
            owned = [
                c
                for c in connected
                if c.via
                and person_key(c.via) == person_key(fd.name)
                and c is not fd
                and (getattr(c, "declared", False) or getattr(c, "family", False))
            ]
            chained = [c for c in owned if not c.is_person]
            for c in owned:
                if c.is_person:  # through a relative: the party the relative is behind
                    chained += [
                        x
                        for x in connected
                        if not x.is_person
                        and x not in chained
                        and (
                            (x.via and person_key(x.via) == person_key(c.name))
                            or any(person_key(o) == person_key(c.name) for o in x.owners)
                        )
                    ]
            if not chained:  # relatives who are parties themselves ("Ms. KWOK, his spouse")
                chained = [c for c in owned if c.is_person and person_key(c.name) in party_keys]
            if not chained and fd.is_person:
                chained = [
                    c
                    for c in connected
                    if not c.is_person
                    and getattr(c, "declared", False)
                    and any(person_key(o) == person_key(fd.name) for o in c.owners)
                ]
            entities: list[str | None]
            if not fd.is_person and (key in party_keys or name in parties or kind == "associate"):
                # a party itself, and each party that is its associate ("Tianfu Pipeline, a
                # wholly-owned subsidiary of Tianfu Energy, is an associate of Tianfu Energy")
                entities = [party_keys.get(key, name)] + [c.name for c in chained]
            elif chained:  # one entry per party it is behind
                entities = [
                    party_keys.get(person_key(c.name), c.name) if c.is_person else c.name
                    for c in chained
                ] + [fd.entity] * bool(fd.entity)
            elif key in party_keys:
                entities = [party_keys.get(key, name)]
            elif fd.entity:
                entities = [fd.entity]
            else:
                pool = [c for c in counterparties if c is not fd]
                children = [c for c in pool if c.parent and person_key(c.parent) == key]
                if not fd.is_person and children:
                    pool = children[:1]  # the first party it holds: "a subsidiary of X"
                entity = pool[0].name if len(pool) == 1 else None
                if (
                    entity is None
                    and not fd.is_person
                    and kind in ("controlling_shareholder", "substantial_shareholder")
                ):
                    entity = name
                entities = [entity]
            counterpart = fd.via or "the Company"
            seen: set[str | None] = set()
            for entity in [_down_to_party(e, connected, party_keys) for e in entities]:
                if entity is not None and not (fd.is_person and entity == fd.name):
                    entity = _entity_term(entity, defs, full_to_term)
                    term = party_keys.get(person_key(entity))
                    if entity in defs and defs[entity].person:  # a person who signs: by
                        # their defined name ("Ms. Vanessa NG"), by their own for a role
                        entity = defs[entity].full_name if _is_role(entity) else entity
                    elif term is not None and entity not in parties and not _is_role(term):
                        entity = term
                if entity in seen:
                    continue
                seen.add(entity)
                value = {
                    "name": name,
                    "connected_entity": entity,
                    "relationship": "; ".join(fd.relationship) or None,
                    "relationship_kind": kind,
                    "counterpart": counterpart,
                }
                out.append(Fact(value, fd.start, fd.end))
        people = {person_key(fd.name) for fd in found.values() if fd.is_person}
        signs = {*party_keys, *(k for k, t in full_to_term.items() if t in parties)}
        return _through_parties(out, parties, signs, people)

    def set_annotations(self, doc: Doc, found: list[Fact]) -> None:
        facts(doc)["connected_persons"] = reached_through_others(found)


#: a definition that says what a company is to the issuer ('"Controlling Shareholder"  Donghai
#: Port Group Co., Ltd., a state-owned enterprise ... and the controlling shareholder of the
#: Company')
_SHAREHOLDER_OF_ISSUER = re.compile(
    r"\b(controlling|substantial)\s+shareholders?\s+of\s+the\s+Company\b", re.I
)


def _kinds_defined(found: dict[str, Found], defs: dict) -> None:
    """A company whose text names no role is what its definition says it is to the issuer."""
    for fd in found.values():
        d = defs.get(fd.name)
        if fd.is_person or fd.kinds or d is None or not d.full_name:
            continue
        m = _SHAREHOLDER_OF_ISSUER.search(d.body)
        if m:
            fd.kinds.append(f"{m.group(1).lower()}_shareholder")


def _in_chain(fd: Found) -> bool:
    """A company declared connected, or one a declared company is connected through."""
    connected = getattr(fd, "declared", False) or getattr(fd, "counterpart_for", False)
    return not fd.is_person and connected


def _chain_owners(fd: Found) -> list[str]:
    """A declared company's owners; of a parent it is connected through, only those the text
    says own it directly (one "ultimately" behind it is a link further up, left untold)."""
    if getattr(fd, "declared", False):
        return fd.owners
    return [o for o in fd.owners if o not in fd.ultimate]


def _through_parties(
    out: list[Fact], parties: list[str], party_keys: set[str], people: set[str]
) -> list[Fact]:
    """A person is listed once per party they are behind; an entry through someone who signs
    nothing (a director "connected through" his spouse) goes when the same person is also
    listed through a party."""

    def via_party(f: Fact) -> bool:
        entity = f.value["connected_entity"]
        return bool(entity) and (entity in parties or person_key(entity) in party_keys)

    by_person: dict[str, list[Fact]] = {}
    for f in out:
        by_person.setdefault(person_key(f.value["name"]), []).append(f)
    return [
        f
        for f in out
        if via_party(f)
        or person_key(f.value["connected_entity"] or "") not in people
        or not any(via_party(o) for o in by_person[person_key(f.value["name"])] if o is not f)
    ]


#: a declaration that adds nothing to the person's relationship ("a connected person of the
#: Company under the Listing Rules")
_BARE = re.compile(r"(?:an?\s+)?connected\s+person\s+of\s+the\s+Company\b[^;]*$", re.I)


def reached_through_others(found: list[Fact]) -> list[Fact]:
    """The contract's convention (its Kingsoft example): a party connected through someone the
    text names ("Beijing Xiaomi is therefore a connected person", through Mr. LEI Jun) is not
    listed itself; the someone is, with the party as `connected_entity`, and their relationship
    takes the party's as printed too ("owned as to 66.72% by Dr. QUAH ..."). A party the text
    connects through nobody named (it is the substantial shareholder) stays."""

    def key(name: str | None) -> str:
        return person_key(name or "")

    reached = {
        key(f.value["connected_entity"])
        for f in found
        if f.value["connected_entity"] and key(f.value["connected_entity"]) != key(f.value["name"])
    }
    dropped = {
        key(f.value["name"]): f.value["relationship"]
        for f in found
        if key(f.value["name"]) in reached
        and key(f.value["connected_entity"] or f.value["name"]) == key(f.value["name"])
    }
    out = []
    for f in found:
        if key(f.value["name"]) in dropped:
            continue
        extra = dropped.get(key(f.value["connected_entity"]))
        if extra:
            parts = [p for p in (f.value["relationship"] or "").split("; ") if p]
            parts += [p for p in extra.split("; ") if p not in parts and not _BARE.match(p)]
            f = Fact({**f.value, "relationship": "; ".join(parts)}, f.start, f.end)
        out.append(f)
    return out


_ORDER = (
    "controlling_shareholder",
    "chief_executive",
    "supervisor",
    "director",
    "substantial_shareholder",
    "family_member",
    "associate",
    "other",
)


_REL_CUT = re.compile(
    r",?\s+and\s+(?:the|such|accordingly|therefore|thus|hence)\s+(?:transactions?|formation|grant|"
    r"acquisition|disposal|subscription|provision|loan|entering|lease|revision|guarantee)\b|"
    r"[,;]?\s*(?:and\s+)?(?:accordingly|therefore)?,?\s*the\s+(?:transactions?|Acquisition|Disposal)"
    r"\b[^.;]*\bconstitut|\s+under\s+(?:Chapter|Rule)\s+\d|"
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bIr)(?<!\bMrs)(?<!\bCo)(?<!\bLtd)\.(?:\s|$)|;",
    re.I,
)


def _clean_relationship(pred: str) -> str:
    """The relationship as printed: "owned as to 70% by Ms. TSUI Wai Yee, the daughter of Mr.
    TSUI Kwok On, a non-executive Director" ("Mr." and "66.72%" kept whole)."""
    text = " ".join(pred.split())
    text = re.sub(r"^\s*\([^()]*\)", "", text)  # the name's own bracket: (the "Parent")
    text = re.sub(r'^[\s"”)\],;:]*(?:(?:which|who)\s+)?(?:is|are|was|being)?\s*', "", text)
    text = re.sub(r"^(?:therefore|thus|accordingly|hence|also)\s+", "", text)
    cut = _REL_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = re.sub(r",?\s+(?:and|or)(?:\s+(?:the|its|his|her))?$", "", text.strip(' ,;:("“'))
    text = text.strip(' ,;:("“')
    # a clause cut before its object ("a wholly-owned subsidiary of") says nothing on its own
    return "" if re.search(r"\b(?:of|by|to|in|with|through)$", text) else text


#: the second of two people named together, then their shared role: "... and Mr. KO Chi Wah
#: (together, the "Guarantors"), both executive Directors"
_BOTH = re.compile(
    r"\s+and\s+(?:(?:Mr|Ms|Mrs|Dr|Ir)\.?\s+)?[A-Z][\w'\- ]{1,40}?\s*(?:\([^()]*\)\s*)?,\s*"
    r"((?:both|each)\s+(?:[^;.])*)"
)


def _party_keys(parties: list[str], defs: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(party_keys, party_people): each party by its person key, a party defined as a person
    ("Subscriber" is Dr. LAM Ka Yan) by the person's key too; and those people's names by key."""
    party_keys = {person_key(p): p for p in parties}
    party_people: dict[str, str] = {}
    for p in parties:
        d = defs.get(p)
        if d is not None and d.person and d.full_name:
            party_keys.setdefault(person_key(d.full_name), p)
            party_people[person_key(d.full_name)] = d.full_name
    return party_keys, party_people


def _down_to_party(entity: str | None, connected: list[Found], party_keys: dict) -> str | None:
    """The party a holding company is behind: DING owns Hengyue Industrial, which owns 90% of
    Hengyue Finance, the party; DING is connected through Hengyue Finance."""
    for _ in range(3):
        if entity is None or person_key(entity) in party_keys:
            return entity
        below = [
            c.name
            for c in connected
            if not c.is_person
            and person_key(c.name) != person_key(entity)
            and any(person_key(x) == person_key(entity) for x in (c.parent, c.via) if x)
        ]
        if len(below) != 1:
            return entity
        entity = below[0]
    return entity


#: a denial with an exception: what was disclosed stands
def _named_in_full(
    surname: str, board: Iterable[str], people: list[str], title: str = "", text: str = ""
) -> str | None:
    """The one director, else the one person the announcement names in full, with this
    surname: "Dr. Zhou" is "Dr. ZHOU Jianhua", an executive Director, named two lines up.
    Of two directors with the surname, the one the text prints with the same title ("Dr.
    Leung" is "Dr. the Hon. LEUNG Chi Kin", not "Mr. Raymond LEUNG Wai Shun")."""
    for pool in (list(board), people):
        full = {person_key(n): n for n in pool if has_surname(n, surname)}
        if len(full) > 1 and title.lower() in TITLES:
            printed = rf"\b{re.escape(title)}\.?\s+(?:the\s+)?(?:Hon\.?\s+)?"
            full = {
                k: n
                for k, n in full.items()
                if re.search(printed + r"[\s,]+".join(map(re.escape, n.split())), text)
            }
        if len(full) == 1:
            return next(iter(full.values()))
        if full:
            return None
    return None


#: a person by title and surname alone: "Mr. CHOW is also a director of AAM"
_TITLED_SURNAME = re.compile(
    rf"\b({title_rx(ABBREVIATED_TITLES, '.')})\s+([A-Z][\w'\-]*)\b(?!\s+[A-Z])"
)


def _surname_aliases(
    doc: Doc, found: dict[str, Found], board: dict[str, str], aliases: dict[str, list[str]]
) -> None:
    """ "Mr. CHOW", as written, for each connected person it names in full (their one
    surname among the directors, else among the people named in full)."""
    text = text_of(doc)
    for m in _TITLED_SURNAME.finditer(text):
        title, surname = m.group(1), m.group(2)
        full = _named_in_full(surname, board.values(), _people_in_full(doc), title, text)
        key = person_key(full) if full else None
        if key in found and found[key].is_person and m.group(0) not in aliases.get(key, []):
            aliases.setdefault(key, []).append(m.group(0))


def _vias_in_full(found: dict[str, Found], board: dict[str, str], doc: Doc) -> None:
    """ "the spouse of Mr. CHIU": the relative is connected through the CHIU named in full."""
    for fd in found.values():
        if fd.via and len(fd.via.split()) == 1:
            fd.via = _named_in_full(fd.via, board.values(), _people_in_full(doc)) or fd.via


def _people_in_full(doc: Doc) -> list[str]:
    """Every person the entity ruler found with at least two names, once per document."""
    if "fw_people" not in doc.user_data:
        names = (clean_person(s.text) for s in doc.spans.get("fw", []) if s.label_ == "PERSON")
        doc.user_data["fw_people"] = [n for n in dict.fromkeys(names) if len(n.split()) >= 2]
    return doc.user_data["fw_people"]


_EXCEPT = re.compile(r"\b(?:save\s+(?:for|as)|other\s+than|except(?:\s+for)?)\b", re.I)
#: "it" as a clause's subject: "As at the date of this announcement, it is owned as to ..."
_IT = re.compile(r"(?:^\s*|,\s*)(It|it)\s+(?:is|was|has\s+been)\b")


def _topic(sent: str, entity_terms: list[str], topic: str | None) -> str | None:
    """The company a sentence opens with ("Yuetai Industrial is principally engaged ..."),
    which a following "It is owned ..." is about; the Company or a person ends the topic."""
    head = sent[:80]
    if re.match(r"\s*(?:The|the|Our)\s+(?:Company|Group|Board)\b|\s*(?:Mr|Ms|Mrs|Dr)\.", head):
        return None
    if _IT.match(head):
        return topic
    first = find_terms(head, entity_terms)
    if first and first[0][0] <= 8:
        return first[0][1]
    return topic if not first else None


def _without_brackets(text: str) -> str:
    """The text without its bracketed asides: "(a subsidiary of X)"."""
    return re.sub(r"\s*\([^()]*\)", "", text)


def _entity_term(entity: str, defs: dict, full_to_term: dict[str, str]) -> str:
    """A party as the announcement names it: its defined term, or for a role term ("the
    Purchaser") the company's own name."""
    term = full_to_term.get(person_key(entity))
    if term is not None and not defs[term].person:
        entity = term
    de = defs.get(entity)
    if de is not None and de.full_name and _is_role(entity):
        entity = de.full_name
    return entity


def _without_appositives(pred: str, ends: list[int]) -> str:
    """The predicate without the roles written after the other names in it."""
    cuts = []
    for e in ends:
        if 0 <= e <= len(pred):
            app = _appositive(pred[e:])
            if app:
                s = pred.find(app, e)
                cuts.append((s, s + len(app)))
    for s, e in sorted(cuts, reverse=True):
        pred = pred[:s] + pred[e:]
    return pred


def _trust_owner(before: str, after: str) -> bool:
    """A beneficiary of the trust that owns the company: "owned as to 40% by the Lee Family
    Trust, whose beneficiaries include Mr. LEE", "held by a trustee of a trust of which Dr.
    LEE is a beneficiary"."""
    m = _TRUST_OWNER.search(before)
    if not m:
        return False
    return "beneficiar" in m.group(0).lower() or bool(_IS_BENEFICIARY.match(after))


def _which_is(tail: str) -> str:
    """A relative clause right after a name: 'X ("X"), which holds 62.50% of the issued shares
    of the Company and is the controlling shareholder'."""
    m = re.match(r"[\"”]?\)?(?:\s*\([^()]*\))*\s*,\s*which\s+((?:\d\.\d|[^;.])*)", tail)
    return m.group(1) if m else ""


def _appositive(tail: str) -> str:
    """ "Mr. X, a non-executive Director, ...": the role written right after a name (after
    the name's own bracket, if any: 'Summit Holdings ("Summit"), the controlling ...')."""
    part = r"(?:\d\.\d|\b(?:Mr|Ms|Mrs|Dr|Ir)\.|[^,;.])*"
    m = re.match(
        rf"[\"”]?\)?(?:\s*\([^()]*\))*\s*,\s*((?:who\s+is\s+)?(?:an?|the)\s+{part}"
        rf"(?:,\s*(?:an?|the)\s+{part})*)",
        tail,
    )
    return m.group(1) if m else ""


def _pick(kinds: list[str], is_person: bool) -> str:
    if not kinds:
        return "other"
    if (
        not is_person
        and "associate" in kinds
        and not any(k in kinds for k in ("controlling_shareholder", "substantial_shareholder"))
    ):
        return "associate"
    return min(kinds, key=_ORDER.index)
