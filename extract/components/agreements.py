"""fw_agreements_v1: the agreements the announcement is about, with date, term and parties.

An agreement is a defined term ("Warehousing Services Framework Agreement", "Agreement").
Agreements being replaced or referred to ("Existing Agreement", "Original Agreement") are not
the announcement's subject. Fields come, in order of preference, from the definition ("dated
24 May 2012 ... between A and B ... from 1 January 2012 to 31 December 2012"), from the
principal-terms rows under the agreement's heading ("Date:", "Term:", "Parties:"), and from
the sentence that says who "entered into" it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extract.dates import DATE_ANY, add_years, all_dates, parse_date
from extract.document import Fact, Line, facts, layout_of, text_of
from extract.names import clean_person
from extract.pipe import FactPipe, component
from extract.terms import ROW_ROLES, find_terms, party_terms, roles_rx

_AGREEMENT_WORD = re.compile(
    r"\b(Agreements?|Contracts?|Deeds?|Memorandum|Undertakings?|Arrangements?|Leases?|"
    r"Letters?|Supplements?|Supplemental|Guarantees?|Tenancy|Tenancies|Licen[cs]es?|"
    r"(?:Share|Equity|Legal)\s+Charges?|Mortgages?|Pledges?|Debentures?|Charter\s?[Pp]arty|"
    r"Charterparty|Confirmations?)\b"
)
_PROFIT_PROMISE = re.compile(
    r"^(?:the\s+)?(?:Net\s+)?(?:Profit|Earnings|Revenue)\s+(?:Guarantees?|Undertakings?|Warrant(?:y|ies))$",
    re.I,
)
_OLD = re.compile(r"^(Existing|Previous|Original|Prior|Old|Expired|Former|Terminated)\b", re.I)
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twenty": 20}
_TERM_RANGE = re.compile(
    rf"(?:from|commencing\s+(?:from|on)|starting\s+(?:from|on)|effective\s+from|period\s+of)?\s*"
    rf"(?P<a>{DATE_ANY.pattern})\s*(?:\([^)]*\)\s*)?"
    rf"(?:to|until|till|and\s+(?:ending|expiring|end)\s+on|and\s+ending|and\s+expiring|-|–)\s*"
    rf"(?:and\s+including\s+)?(?P<b>{DATE_ANY.pattern})",
    re.I,
)
_TERM_YEARS = re.compile(
    rf"(?:a\s+(?:fixed\s+)?term\s+of|for)\s+(?P<n>\w+)\s+\(?\d*\)?\s*years?\s+"
    rf"(?:commencing|starting|with\s+effect|from|effective)[^.;]*?(?P<a>{DATE_ANY.pattern})",
    re.I,
)
_HEADING = re.compile(
    r"^(?:\(?[A-Za-z0-9]{1,4}[.)]\s+)?(?:The\s+)?((?:[A-Z0-9][\w&'\-]* ){1,8}"
    r"(?:Agreement|Contract|Deed|Lease|Tenancy|Licence|License))$",
    re.I,
)
#: the number of a heading set apart from its words: "I.", "(b)", "2.", "A."
_NUMBER_CELL = re.compile(r"\(?(?:\d{1,2}|[A-Za-z]|[IVXivx]{1,4})[.)]")
_HEAD_PREFIX = re.compile(r"^(?:.*\b(?:OF|TO|UNDER|FOR)\s+)?(?:THE\s+)?", re.I)
_ENTERED_INTO = re.compile(
    r"\bentered\s+into\s+(?:the|a|an)\s+((?:[A-Z][\w&'\-]*\s+(?:(?:and|of|for)\s+)?){1,8}"
    r"(?:Agreement|Contract|Deed|Lease))\b"
)
_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the)\s+[^,]*?(?:subsidiary|company|shareholder|associate|member)[^,]*?"
    r"|as\s+[\w ]{2,30}?|for itself[^,]*?)\s*(?=,)"
)
_ROLES = roles_rx(ROW_ROLES, space=" ")  # "Service provider" as the key is compared
_ROW_KEY = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+\.?\s+)?"  # "1.2 Parties": a numbered sub-heading
    r"(?:(Date|Term|Period|Duration|Parties|Party)\b\s*(?:of\s+[\w ]+)?[:：]?|"
    rf"({_ROLES})s?\s*(?:\([^)]*\))?\s*[:：])",
    re.I,
)
_ROLE_KEYS = {r.lower() for r in ROW_ROLES}
#: "(ii)", "(b)", "2)" or ";": where one item of a list of the announced transactions begins
_ENUMERATOR = re.compile(r"\((?:[ivx]+|[a-h]|\d{1,2})\)|(?<!\w)(?:[a-h]|\d{1,2})\)|;")
_PLURAL = re.compile(r"(?:Agreements|Contracts|Leases|Tenancies|Deeds)$")
_ROW_SEGMENT = re.compile(r"(?<=\.)\s+(?=(?:Date|Term|Period|Duration|Parties|Party)\s*[:：])")


@dataclass
class AgreementFacts:
    name: str
    start: int
    end: int
    date: str | None = None
    term_start: str | None = None
    term_end: str | None = None
    parties: list[str] = field(default_factory=list)
    #: how sure the parties are: 3 definition or "Parties:" row, 2 "made between", 1 "entered into"
    rank: int = 0
    unresolved: bool = False  # the definition names parties by a collective term


def parse_term(text: str) -> tuple[str | None, str | None]:
    m = _TERM_RANGE.search(text)
    if m:
        a, b = parse_date(m.group("a")), parse_date(m.group("b"))
        if a and b and b > a:
            return a.isoformat(), b.isoformat()
    m = _TERM_YEARS.search(text)
    if m:
        word = m.group("n").lower()
        n = _NUM.get(word) or (int(word) if word.isdigit() else None)
        a = parse_date(m.group("a"))
        if n and a:
            return a.isoformat(), add_years(a, n).isoformat()
    return None, None


def _a_company(term: str, d: object) -> bool:
    """'"Hengtong Guarantee"  Guangxi Hengtong Financing Guarantee Co., Ltd.': the term names
    a company its definition gives in full, not an instrument."""
    full = getattr(d, "full_name", None)
    return bool(full) and not getattr(d, "person", False) and not _INSTRUMENT_END.search(term)


_INSTRUMENT_END = re.compile(r"\b(?:Agreements?|Contracts?|Deeds?)$")


def _heading_names(name: str, upper: bool, text: str) -> list[str]:
    """The agreements a heading names, as the running text writes them: "Principal terms of
    the Supplemental Lease Agreement", "THE HOTEL LEASE AGREEMENT AND THE SUPPLEMENTAL LEASE
    AGREEMENT" (each of the two)."""
    parts = re.split(r"\s+and\s+(?:the\s+)?", name, flags=re.I)
    if len(parts) < 2 or not all(_HEADING.match(p) for p in parts):
        parts = [name]  # "Sale and Purchase Agreement"
    out = []
    for part in parts:
        lowered = any(w[:1].islower() for w in part.split() if w not in ("and", "of", "for"))
        if upper or lowered:  # "Principal terms of the X Agreement"
            part = _HEAD_PREFIX.sub("", part)
        if len(part.split()) < 2:
            continue
        if upper or part.isupper():
            written = _as_written(text, part)
            if written:
                out.append(written)
        elif re.match(r"^[A-Z0-9]", part) and not any(
            w[:1].islower() for w in part.split() if w not in ("and", "of", "for")
        ):
            out.append(part)
    return out


def _headings(lines: list[Line]) -> set[str]:
    """The agreements named by a heading of their own ("(B) The Concessionaire Agreement"): a
    section about one, which an announcement gives an agreement it is about, however old."""
    out = set()
    for line in lines:
        m = _HEADING.match(line.text.strip()) if not line.is_row else None
        if m:
            out.add(" ".join(m.group(1).lower().split()))
    return out


def is_agreement_term(term: str, body: str, inline: bool = False) -> bool:
    if re.search(r"\b(?:caps?|amounts?|transactions?|price|consideration)\b", term, re.I):
        return False  # "Proposed Annual Caps" defined right after the agreement's name
    if _PROFIT_PROMISE.match(term):
        return False  # a term of the sale agreement: "the Vendor guarantees that the profit ..."
    if _AGREEMENT_WORD.search(term):
        return True
    if inline:  # ... entered into the sale and purchase agreement (the "SPA")
        return bool(re.search(r"\b(agreement|contract|deed|lease)\s*,?$", body.rstrip(), re.I))
    head = body[:80].lower()
    return bool(re.match(r"^the\s+([\w\-]+\s+){0,6}(agreement|contract|deed|lease)\b", head))


@component(
    "fw_agreements_v1", ["agreements"], ["sentences", "definitions", "announcement_date", "title"]
)
class Agreements(FactPipe):
    def match(self, doc: Doc) -> list[AgreementFacts]:
        defs = facts(doc).get("definitions", {})
        names = [
            t
            for t, d in defs.items()
            if is_agreement_term(t, d.body, d.inline) and not _a_company(t, d)
        ]
        text = text_of(doc)
        current = [
            t for t in names if not _OLD.match(t) and not self._collective(t, defs, names, text)
        ]
        out = [AgreementFacts(t, defs[t].start, defs[t].end) for t in current]
        out += self._headed(doc, names)
        out += self._quoted(doc, names + [a.name for a in out])
        if not out:  # "each entered into a tenancy agreement (together, the "Tenancy
            # Agreements")": the collective term is the only name the agreements have
            out = [AgreementFacts(t, defs[t].start, defs[t].end) for t in names if t not in current]
            out = [a for a in out if not _OLD.match(a.name)]
        if not out:
            out = self._entered_into(doc)
        pterms = party_terms(defs)
        for ag in out:
            if ag.name not in defs:
                continue
            body = defs[ag.name].body
            dated = re.search(rf"dated\s+(?:on\s+)?({DATE_ANY.pattern})", body, re.I)
            if dated:
                ag.date = parse_date(dated.group(1)).isoformat()
            ag.term_start, ag.term_end = parse_term(body)
            between = re.search(
                r"\bbetween\b(.+?)(?:\bdated\b|\bin relation\b|\bfor\b|\bpursuant\b|\bwhereby\b|"
                r",\s+(?:a|an|which|whereby|under|pursuant|in)\b|;|$)",
                body,
            )
            given = re.search(
                r"\b(?:executed|given|granted|provided|issued|made)\s+by\b(.+?)\bin favou?r of\b"
                r"(.+?)(?:\bin respect\b|\bfor\b|\bto secure\b|,|$)",
                body,
            )
            if between:
                ag.parties = [t for _, t in find_terms(between.group(1), pterms)]
                ag.rank = 3 if len(ag.parties) > 1 else 0
                items = [x for x in re.split(r",|\band\b", between.group(1)) if x.strip()]
                ag.unresolved = len(items) > len(ag.parties)  # "the Vendors": named elsewhere
            elif given:
                ag.parties = [
                    t for _, t in find_terms(given.group(1) + " ; " + given.group(2), pterms)
                ]
        self._from_rows(doc, out, pterms)
        self._from_sentences(doc, out, pterms)
        summary_parties(doc, out, pterms)
        _guarantors(doc, out, pterms)
        out = [a for a in out if not _done_under(a.name, defs, names)]
        out = _drop_third_party(out, defs, text_of(doc))
        return self._drop_earlier(doc, out)

    @staticmethod
    def _drop_earlier(doc: Doc, out: list[AgreementFacts]) -> list[AgreementFacts]:
        """An agreement signed months before the announcement, beside one signed now, is only
        referred to ("... renting from Tsang Marine under the Equipment Rental Framework
        Agreement"), unless the title names it."""
        f = facts(doc)
        date = f.get("announcement_date")
        title = (f.get("title").value if f.get("title") else "").lower()
        if date is None or len(out) < 2:
            return out
        ann = dt.date.fromisoformat(date.value)

        def old(a: AgreementFacts) -> bool:
            return bool(a.date) and (ann - dt.date.fromisoformat(a.date)).days > 60

        recent = [a for a in out if not old(a)]
        if not recent or any(re.search(r"Supplement|Amendment", a.name) for a in recent):
            return out  # a supplemental agreement amends the earlier one: both are the subject
        headed = _headings(layout_of(doc).lines)
        return [a for a in out if not old(a) or a.name.lower() in title or a.name.lower() in headed]

    @staticmethod
    def _collective(term: str, defs: dict, names: list[str], text: str) -> bool:
        """ "Tenancy Agreements" for agreements that have names of their own: the ones named
        before it ("the Kwun Tong Agreement and the Tsuen Wan Agreement (together, the
        "Tenancy Agreements")") or listed after it ("the following agreements (together, the
        "Agreements"):"). Agreements known only by the plural ("three tenancy agreements
        (together, the "Tenancy Agreements")") are one agreement of this announcement."""
        if not _PLURAL.search(term):
            return False
        d = defs[term]
        if not d.inline:  # "Renewed Agreements"  the A Agreement and the B Agreement
            return (
                len(re.findall(r"\b(?:agreement|contract|lease|tenancy|deed)\b", d.body, re.I)) >= 2
                or re.search(r"\b(collectively|together)\b", d.body, re.I) is not None
            )
        clause = _ENUMERATOR.split(text[d.start : d.end])[-1]  # after the last "(ii)" or ";"
        if find_terms(clause, [n for n in names if n != term]):
            return True
        rest = re.match(r"[^.:\n]*(.)?", text[d.end : d.end + 400])
        return rest is not None and rest.group(1) == ":"  # a list of them follows

    @staticmethod
    def _headed(doc: Doc, known: list[str]) -> list[AgreementFacts]:
        """Agreements the text names in a heading of their own but never defines:
        "(A) Parts Procurement Framework Agreement"."""
        lower = {k.lower() for k in known}
        out: list[AgreementFacts] = []
        text = text_of(doc)
        lines = layout_of(doc).lines
        for k, line in enumerate(lines):
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            numbered = len(line.cells) == 2 and _NUMBER_CELL.fullmatch(line.cells[0].strip())
            if (line.is_row and not numbered) or (
                nxt is not None and nxt.is_row and not re.match(r"^[A-Z][\w ]{1,30}[:：]", nxt.text)
            ):
                continue  # a table's group label (principal-terms rows may follow a heading)
            heading = line.cells[1].strip() if numbered else line.text
            m = _HEADING.match(heading)
            if not m:
                continue
            for name in _heading_names(m.group(1), heading.isupper(), text):
                if any(k.endswith(" " + name.lower()) for k in lower):
                    continue  # "Master Trading Agreement" in the title of the "New Master ..."
                if re.search(rf'{re.escape(name)}\s*\((?:the\s+)?"[^"]+"\)', text, re.I):
                    continue  # the full title of an agreement defined by a short term
                if name.lower() not in lower and not _OLD.match(name):
                    lower.add(name.lower())
                    out.append(AgreementFacts(name, line.start, line.end))
        return out

    @staticmethod
    def _quoted(doc: Doc, known: list[str]) -> list[AgreementFacts]:
        """Agreements defined in a bracket the definitions did not read: a name in quotes
        followed by more words before the bracket closes ("(the "Services Agreement", together
        with the Supply Agreement, the "Agreements")")."""
        lower = {k.lower() for k in known}
        out: list[AgreementFacts] = []
        text = text_of(doc)
        for m in _QUOTED.finditer(text):
            name = " ".join(m.group(1).split())
            if name.lower() in lower or _OLD.match(name):
                continue
            lower.add(name.lower())
            out.append(AgreementFacts(name, m.start(1), m.end(1)))
        return out

    @staticmethod
    def _entered_into(doc: Doc) -> list[AgreementFacts]:
        """Agreements never defined nor given a heading of their own, named only where they
        are made: "Foshan Anda ... entered into the Master Purchase and Sales Agreement with"."""
        out: dict[str, AgreementFacts] = {}
        text = text_of(doc)
        for start, end in layout_of(doc).sentences:
            for m in _ENTERED_INTO.finditer(text[start:end]):
                name = m.group(1)
                if not _OLD.match(name) and name.lower() not in {k.lower() for k in out}:
                    out[name] = AgreementFacts(name, start + m.start(1), start + m.end(1))
        return list(out.values())

    def _from_rows(self, doc: Doc, out: list[AgreementFacts], pterms: list[str]) -> None:
        """ "Date:", "Term:", "Parties:" rows, assigned to the agreement whose heading or
        sentence came last before them (or to the only agreement)."""
        if not out:
            return
        names = [a.name for a in out]
        by_name = {a.name: a for a in out}
        current: AgreementFacts | None = out[0] if len(out) == 1 else None
        lines = layout_of(doc).lines
        aliases = _party_aliases(pterms, facts(doc).get("definitions", {}))
        for i, line in enumerate(lines):
            text = line.text
            if not text or text.startswith('"'):
                continue
            key = _ROW_KEY.match(text)
            if not key:
                mentioned = find_terms(text, names)
                if not mentioned and text.isupper():  # "II. THE 2027 MUTUAL SUPPLY ... AGREEMENT"
                    low = text.lower()
                    mentioned = [
                        (low.find(n.lower()), n)
                        for n in sorted(names, key=len, reverse=True)
                        if n.lower() in low
                    ][:1]
                if mentioned and len({t for _, t in mentioned}) == 1:
                    current = by_name[mentioned[0][1]]
                elif mentioned and len(out) > 1:
                    current = None
                continue
            for seg in _ROW_SEGMENT.split(text):  # "Date: X. Parties: A and B. Term: ..."
                key = _ROW_KEY.match(seg)
                if not key:
                    continue
                value = seg[key.end() :].strip(" :\t")
                if not value and (key.group(1) or "").lower().startswith("part"):
                    _parties_per_agreement(lines[i + 1 : i + 8], by_name, pterms)
                if current is None:
                    continue
                field_name = (key.group(1) or key.group(2)).lower()
                if field_name == "date" and current.date is None:
                    d = parse_date(value)
                    current.date = d.isoformat() if d else None
                elif field_name in ("term", "period", "duration") and current.term_end is None:
                    current.term_start, current.term_end = parse_term(value)
                elif field_name in _ROLE_KEYS:
                    found = [t for _, t in find_terms(value, pterms)]
                    if found and (current.rank < 3 or len(current.parties) < 2):
                        current.parties = _unique(current.parties + found[:1])
                        current.rank = 3 if len(current.parties) > 1 else current.rank
                elif field_name.startswith("part") and not value:
                    # "1.2 Parties" over one item a party: "(a) X ("Jade Ventures"), as
                    # purchaser;" ... "(d) the Company, as guarantor ..."
                    found = []
                    for nxt in lines[i + 1 : i + 9]:
                        item = _ITEM.match(nxt.text)
                        if item:
                            found += _named(nxt.text[item.end() :], aliases)[:1]
                        elif nxt.text or found:
                            break
                    if len(_unique(found)) > 1 and current.rank < 3:
                        current.parties, current.rank = _unique(found), 3
                elif field_name.startswith("part") and not current.parties:
                    more = value
                    for nxt in lines[i + 1 : i + 4]:
                        if re.match(r"^\(?(?:\d|[a-d]|i{1,3}|iv)\)", nxt.text):
                            more += " " + nxt.text
                        else:
                            break
                    current.parties = _unique([t for _, t in find_terms(more, pterms)])
                    current.rank = 3 if len(current.parties) > 1 else 0

    def _from_sentences(self, doc: Doc, out: list[AgreementFacts], pterms: list[str]) -> None:
        """ "On 24 May 2012, A entered into the Agreement with B ... from X to Y." """
        names = [a.name for a in out]
        for start, end in layout_of(doc).sentences:
            sent = text_of(doc)[start:end]
            if "entered into" not in sent:
                continue
            mentioned = {t for _, t in find_terms(sent, names)}
            targets = [a for a in out if a.name in mentioned] or (out if len(out) == 1 else [])
            if not targets:
                continue
            dates = all_dates(sent)
            ts, te = parse_term(sent)
            before, _, after = sent.partition("entered into")
            for ag in targets:
                if ag.date is None and dates and dates[0][0] < sent.find("entered into"):
                    ag.date = dates[0][2].isoformat()
                if ag.term_end is None and ts:
                    ag.term_start, ag.term_end = ts, te
                if not ag.parties:
                    ag.parties = self._subject_object(before, after, pterms, facts(doc))

    @staticmethod
    def _subject_object(before: str, after: str, pterms: list[str], f: dict) -> list[str]:
        """ "A, a wholly-owned subsidiary of the Company, as purchaser, entered into the X
        with B": A is the last party named before "entered into" once appositives are gone,
        B the first after "with". Full names count as the party's names."""
        aliases = _aliases(pterms, f.get("definitions", {}))
        subject_text = re.sub(r"\([^()]*\)", " ", before)
        subject_text = _APPOSITION.sub(" ", subject_text)
        subj = [aliases[t] for _, t in find_terms(subject_text, list(aliases))]
        m = re.search(r"\bwith\b(.*)", after)
        obj_text = re.split(r"\bpursuant\b|\bunder which\b|\bwhereby\b", m.group(1))[0] if m else ""
        obj = [aliases[t] for _, t in find_terms(obj_text, list(aliases))]
        if subj and obj and obj[0] != subj[-1]:
            return [subj[-1], obj[0]]
        return []

    def set_annotations(self, doc: Doc, found: list[AgreementFacts]) -> None:
        facts(doc)["agreements"] = [Fact(a, a.start, a.end) for a in found]


def _aliases(pterms: list[str], defs: dict) -> dict[str, str]:
    """Each party term, each party's full name, and each other term defined as the same
    entity ('("GPIG" or the "Controlling Shareholder")') to the party's term."""
    aliases = {t: t for t in pterms}
    for t in pterms:
        d = defs.get(t)
        if d is not None and d.full_name:
            aliases.setdefault(d.full_name, t)
    for t, d in defs.items():
        if d.full_name and d.full_name in aliases and not d.person:
            aliases.setdefault(t, aliases[d.full_name])
    return aliases


def _party_aliases(pterms: list[str], defs: dict) -> dict[str, str]:
    """`_aliases`, with the Company and each person's defined short name as written ('"Dr.
    LI"  Dr. LI Wai Man, ...'): the names a sentence or an item may give a party by."""
    aliases = _aliases(pterms, defs)
    aliases.setdefault("Company", "Company")
    for t in defs:
        if _TITLED.fullmatch(t):
            aliases.setdefault(t, t)
    return aliases


#: "(the "Services Agreement", together with ...": an agreement named in quotes inside a bracket
_QUOTED = re.compile(
    r"\((?:the\s+|each\s+a\s+|an?\s+)?\"((?:[A-Z0-9][\w&'\-]*\s+(?:(?:and|of|for)\s+)?){1,7}"
    r"(?:Agreement|Contract|Deed|Lease))\"\s*[,;]"
)
_GENERIC = {"Company", "Group"}
#: "On [date], A entered into:", "A entered into the following tenancy agreements with B, as
#: tenant:" then one agreement an item
_LEAD_IN = re.compile(
    r"\bentered\s+into\s*(?:the\s+following(?:\s+[\w-]+){0,3}?\s*)?"
    r"(?P<tail>\b(?:with|between)\b[^:]*)?:\s*$"
)
_ITEM = re.compile(r"^\s*(?:\((?:[ivx]+|[a-h]|\d{1,2})\)|(?:[a-h]|\d{1,2})[.)])\s+")
_CLAUSE_SPLIT = re.compile(r";\s*(?:and\s+)?(?=\((?:[ivx]+|[a-h]|\d)\)\s)")
_MADE = re.compile(r"\b(?:entered\s+into|signed|executed|made\s+between|between)\b")
_OBJECT_END = re.compile(
    r"\b(?:pursuant|in\s+relation|in\s+respect|whereby|under\s+which|for\s+(?:a|the)\s+"
    r"(?:term|period|provision|supply|purchase|sale|acquisition|disposal|lease|use|grant)|"
    r"to\s+(?:revise|renew|extend|acquire|sell|provide|supply|lease|purchase)|dated|on\s+\d|"
    r"is|are|was|were|will|has|have|shall)\b|"
    r"[;:]"
)
_ENTITY_FULL = re.compile(
    r"\b(?:[A-Z][\w&'\-]*\s+){1,6}(?:Limited|Ltd\.|Co\.,\s+Ltd\.|Corporation|Inc\.|Berhad|LLC|Limitada|Lda\.)"
)
_TITLED = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr|Ir|Madam|Miss|Prof)\.?\s+((?:[A-Z][\w'\-]*\s+){0,3}[A-Z][\w'\-]*)"
)


def summary_parties(doc: Doc, out: list[AgreementFacts], pterms: list[str]) -> None:
    """Parties named where the agreement is made: "On [date], A (a subsidiary ...), as
    purchaser, entered into the X Agreement with B and Mr. C", "made between A and B",
    "A and B entered into". A natural person (a guarantor, a vendor) or an entity the text
    never defines counts too. Used when the definitions and principal terms gave fewer."""
    if not out:
        return
    f = facts(doc)
    defs = f.get("definitions", {})
    names = [a.name for a in out]
    text = text_of(doc)
    aliases = _party_aliases(pterms, defs)
    together = {  # the agreements' collective name, defined or only quoted ('the "Renewed
        t  # Agreements"' after "together with the School Bus Services Agreement,")
        for t in [*defs, *re.findall(r'"([^"]{3,60})"', text)]
        if _PLURAL.search(t) and t not in names
    }
    lead = None  # "On [date], A ("Crescent Credit") entered into:" then one item per line
    among: tuple[list[AgreementFacts], list[str]] | None = None  # "... entered into among:"
    for start, end in layout_of(doc).sentences:
        sent = text[start:end]
        item = _ITEM.match(sent)
        if among is not None and item:  # "(1) GPTM, a subsidiary of the Company, as vendor;"
            among[1].extend(_named(sent[item.end() :], aliases)[:1])
            continue
        if among is not None:
            _give_parties(*among)
            among = None
        with_each = _WITH_EACH.search(sent)
        if _AMONG.search(sent) or with_each:
            named = [t for _, t in find_terms(sent, names)]
            targets = [a for a in out if a.name in named] or (out if len(out) == 1 else [])
            among = (targets, [])
            if with_each:  # "A entered into separate agreements with each of:" then B, C, D
                subject = re.split(r"\bentered\s+into\b", sent)[0]
                subject = re.split(r"\b(?:announces?|that|On\s+\d{1,2}\s+\w+\s+\d{4})\b", subject)
                among[1].extend(_named(subject[-1], aliases)[:1])
            continue
        if lead is not None and item:
            own = re.sub(r"\s*[;.,]?\s*(?:and|or)?\s*$", "", sent[item.end() :])
            sent = f"{lead[0]} entered into {own} {lead[1]}"
        else:
            opens = _LEAD_IN.search(sent)
            lead = (sent[: opens.start()], opens.group("tail") or "") if opens else None
        if not _MADE.search(sent) or sent.lstrip().startswith('"'):
            continue
        clauses = _CLAUSE_SPLIT.split(sent)
        shared = re.search(r"^(.*?\bentered\s+into)\s+\((?:i|a|1)\)\s", sent)
        if shared and len(clauses) > 1:  # "A entered into (i) the X with B; and (ii) the Y with C"
            clauses = [clauses[0]] + [f"{shared.group(1)} {c}" for c in clauses[1:]]
        for clause in clauses:
            named = [t for _, t in find_terms(clause, names)]
            targets = [a for a in out if a.name in named] or (out if len(out) == 1 else [])
            if not targets and find_terms(clause, sorted(together)):
                targets = out  # "Both Renewed Agreements are made between A and B"
            if not targets or len(re.findall(r"\bentered\s+into\b", clause)) > 1:
                continue
            found, rank = _clause_parties(clause, aliases)
            found = [p for p in found if p != "Group"]
            if len(found) < 2:
                continue
            for ag in targets:
                have = set(ag.parties)
                if ag.unresolved and set(found) - have:
                    ag.parties = _unique(ag.parties + found)
                    ag.unresolved = False
                elif rank > ag.rank or (
                    have < set(found)
                    and len(found) > len(have)
                    and not (len(targets) > 1 and ag.rank >= 3)  # "A and B entered into X and
                ):  # Y respectively with C": each agreement's own parties stand
                    ag.parties, ag.rank = found, max(rank, ag.rank)


def _parties_per_agreement(
    lines: list[Line], by_name: dict[str, AgreementFacts], pterms: list[str]
) -> None:
    """A "Parties" heading over one line per agreement ("Shipbuilding Contract A: JO No.1, as
    buyer, and Haixing Shipyard, as builder"): each agreement's parties, as a "Parties:" row."""
    for line in lines:
        m = re.match(r"^(.{3,80}?)[:：]\s+(.+)$", line.text)
        named = {t for _, t in find_terms(m.group(1), list(by_name))} if m else set()
        if len(named) != 1:
            return
        found = _unique([t for _, t in find_terms(m.group(2), pterms)])
        if len(found) > 1:
            ag = by_name[named.pop()]
            ag.parties, ag.rank = found, 3


_WITH_EACH = re.compile(
    r"\bentered\s+into\b.*\bwith\s+(?:each\s+of\s*)?(?:the\s+following(?:\s+[\w-]+)?)?\s*:\s*$"
)
_AMONG = re.compile(
    r"\b(?:entered\s+into|made|signed|executed)\s+(?:by\s+and\s+)?(?:among|amongst|between)"
    r"(?:\s+the\s+following\s+parties)?\s*:\s*$",
    re.I,
)


_GUARANTEES = re.compile(
    r"^(?P<who>.{2,120}?)\s+(?:has|have|had|will|shall|agreed\s+to)\s+(?:\w+ly\s+)*"
    r"(?:guaranteed|guarantee)\b"
)


_GAVE = re.compile(
    r"^(?P<who>.{2,160}?)\s+(?:executed|gave|has\s+given|provided|issued)\s+an?\s+"
    r"(?:[\w-]+\s+){0,3}guarantee\b[^.]*?\bin\s+favou?r\s+of\s+(?P<to>[^,.;]{2,80})"
)


def _guarantors(doc: Doc, out: list[AgreementFacts], pterms: list[str]) -> None:
    """The guarantor of a guarantee the text names no parties for: "Tianheng Holdings has
    irrevocably guaranteed ... all payment obligations of Tianheng Water"."""
    targets = [a for a in out if re.search(r"\bGuarantee\b", a.name) and not a.parties]
    if not targets:
        return
    aliases = _party_aliases(pterms, facts(doc).get("definitions", {}))
    text = text_of(doc)
    for start, end in layout_of(doc).sentences:
        sent = text[start:end].strip()
        sent = re.split(r"\bOn\s+(?:the\s+same\s+date|\d{1,2}\s+\w+\s+\d{4})\s*,\s*", sent)[-1]
        m = _GAVE.match(sent) or _GUARANTEES.match(sent)
        found = _named(m.group("who"), aliases)[:1] if m else []
        if found and m.groupdict().get("to"):
            found += [p for p in _named(m.group("to"), aliases)[:1] if p not in found]
        if found:
            for ag in targets:
                ag.parties = found
            return


def _give_parties(targets: list[AgreementFacts], found: list[str]) -> None:
    """The parties listed one per line under "... was entered into among:" (rank 3, as a
    "Parties:" row)."""
    found = _unique([p for p in found if p != "Group"])
    if len(found) < 2:
        return
    for ag in targets:
        if ag.rank < 3 or len(found) > len(ag.parties):
            ag.parties, ag.rank = found, 3


def _clause_parties(clause: str, aliases: dict[str, str]) -> tuple[list[str], int]:
    m = re.search(r"\bentered\s+into\b", clause)
    b = re.search(
        r"\b(?:made|entered\s+into|signed|executed|concluded)\s+(?:by\s+and\s+)?between\b|"
        r"\b(?:agreement|contract|deed|lease)\s+(?:\(\w[^()]*\)\s+)?(?:dated\s+[\w ,]{6,30}?\s+)?"
        r"between\b",
        clause,
        re.I,
    )
    rank = 1
    if b and (
        m is None or b.start() <= m.end() + 1 or not re.search(r"\bwith\b", clause[m.end() :])
    ):
        subject, obj, rank = "", clause[b.end() :], 2
        obj = re.split(r"\b(?:whereby|pursuant|under\s+which|in\s+relation)\b", obj)[0]
        obj = re.sub(r"\s+(?:as|being)\s+(?:the\s+)?[\w\- ]{2,30}?(?=,|\s+and\b|$)", " ", obj)
    elif m:
        subject = clause[: m.start()]
        rest = clause[m.end() :]
        w = re.search(r"\bwith\b", rest)
        obj = rest[w.end() :] if w else ""
    else:
        return [], 0
    stop = _OBJECT_END.search(obj)
    if stop:
        obj = obj[: stop.start()]
    subject = re.split(
        r"\b(?:announce[sd]?|that|in\s+relation\s+to|in\s+respect\s+of|On\s+\d{1,2}\s+\w+\s+\d{4})\b",
        subject,
    )[-1]
    parties = _named(subject, aliases) + _named(obj, aliases)
    return _unique(parties), rank


def _named(part: str, aliases: dict[str, str]) -> list[str]:
    """Parties named in a subject or object phrase, appositives and roles left out."""
    # "three subsidiaries of the Company, namely A, B and C (together, the "Landlords")": the
    # ones listed, not the collective term nor the parent before "namely"
    namely = re.search(r"\bnamely\b,?", part)
    if namely:
        part = part[namely.end() :]
        part = re.sub(r'\((?:together|collectively)\b[^()"]*"[^"]+"\)', " ", part)
    # keep the quoted terms of inline definitions, drop other brackets and appositives
    part = re.sub(r'\((?:the\s+)?"([^"]+)"[^()]*\)', r" \1 ", part)
    part = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", part)
    part = re.sub(
        r",\s+(?:each\s+|both\s+)?(?:an?|the)\s+(?:[\w\-]+\s+){0,6}?(?:subsidiary|company|member|associate|"
        r"shareholder|entity|affiliate)\b[^,]*?(?=,|$)",
        " ",
        part,
    )
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pos, term in find_terms(part, list(aliases)):
        name = aliases[term]
        if name in _GENERIC and not re.search(r"\bthe\s+$", part[max(0, pos - 5) : pos]):
            continue
        found.append((pos, name))
        taken.append((pos, pos + len(term)))
    for m in _TITLED.finditer(part):
        if not any(s <= m.start(1) < e for s, e in taken):
            found.append((m.start(1), clean_person(m.group(1)) or m.group(1)))
            taken.append((m.start(), m.end()))
    for m in _ENTITY_FULL.finditer(part):
        name = re.sub(r"^(?:The|And|With|Between)\s+", "", m.group(0))
        s = m.end() - len(name)
        if "  " in name or any(m.end() <= a <= m.end() + 6 for a, _ in taken):
            continue  # a name cut by a bracket, or the full name of the term after it
        if not any(a <= s < b or s <= a < m.end() for a, b in taken):
            found.append((s, name))
            taken.append((s, m.end()))
    return [n for _, n in sorted(found)]


def _as_written(text: str, upper: str) -> str | None:
    """A capitals heading's name as the running text writes it ("Battery Cells Purchase
    Agreement"), or None when the text never writes it as a name."""
    words = upper.split()
    if len(words) < 2:
        return None
    for m in re.finditer(re.escape(" ".join(words)).replace("\\ ", r"\s+"), text, re.I):
        found = " ".join(m.group(0).split())
        if not found.isupper() and not found[:1].islower() and found.split()[-1][:1].isupper():
            return found
    return None


_INSTRUMENT = re.compile(r"\b(?:Agreements?|Contracts?|Deeds?|Supplemental|Memorandum)\b", re.I)


def _done_under(term: str, defs: dict, names: list[str]) -> bool:
    """ "Guarantee": "the guarantee to be provided by the Company under the Guarantee
    Agreement" — an obligation performed under another agreement, not an agreement itself."""
    d = defs.get(term)
    if d is None or _INSTRUMENT.search(term):
        return False
    others = [n for n in names if n != term]
    if d.inline:  # 'the "Fee Agreement", pursuant to which X agreed to give guarantees (the
        for n in others:  # "Guarantees")': given under the agreement defined just before
            m = re.search(rf'"{re.escape(n)}"\)?,?\s+(?:pursuant\s+to|under)\s+which\b', d.body)
            if m and '"' not in d.body[m.end() :]:
                return True
    return any(
        re.search(
            rf"\b(?:under|pursuant\s+to|contemplated\s+(?:under|by)|in\s+accordance\s+with)\s+"
            rf"(?:the\s+)?{re.escape(n)}\b",
            d.body,
        )
        for n in others
    )


_GROUP_MEMBER = re.compile(
    r"\b(?:(?:indirect|direct|wholly[\s-]owned|non[\s-]wholly[\s-]owned)\s+)*subsidiar(?:y|ies)\s+"
    r"of\s+the\s+(?:Company|Group|Target(?:\s+Company)?)\b",
    re.I,
)  # the target's subsidiaries are the Group's on one side of completion or the other


_EACH_MEMBER = re.compile(
    r",\s+(?:each|both|all)\s+(?:being\s+)?an?\s+" + _GROUP_MEMBER.pattern, re.I
)


def _drop_third_party(out: list[AgreementFacts], defs: dict, text: str) -> list[AgreementFacts]:
    """An agreement made between two outsiders ("the facility agreement between the joint
    venture and the lending bank") is background to the one the Group signs, not a subject
    of the announcement: dropped when another agreement has the Group on one side and this
    one's parties, all known from its definition, include no member of the Group."""

    def in_group(party: str) -> bool:
        if party in ("Company", "Group"):
            return True
        d = defs.get(party)
        if d is None:
            return False
        if not d.inline and _GROUP_MEMBER.search(d.body[:200]):
            return True
        for name in {party, d.full_name} - {None}:
            for m in re.finditer(re.escape(name) + r"(?!\w|\s+[A-Z])", text):
                after = re.split(r"\.\s|;|\n|\bwith\b|\band\b", text[m.end() : m.end() + 200])[0]
                if _GROUP_MEMBER.search(after):
                    return True
                listed = re.split(r"\.\s|;|\n|\bwith\b", text[m.end() : m.end() + 300])[0]
                if _EACH_MEMBER.search(listed):  # "A ("JO No.1") and B ("JO No.2"), each an
                    return True  # indirect wholly-owned subsidiary of the Company"
        return False

    def outside(a: AgreementFacts) -> bool:
        return a.rank >= 3 and len(a.parties) >= 2 and not any(in_group(p) for p in a.parties)

    if not any(any(in_group(p) for p in a.parties) for a in out):
        return out
    return [a for a in out if not outside(a)]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]
