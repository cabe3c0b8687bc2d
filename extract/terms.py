"""Finding the announcement's defined terms inside a piece of its text.

Parties are named by their defined short names ("Beijing Xiaomi", "the Company"); a row such as
"Parties: (1) the Company; and (2) Crest Warehousing" or a definition "between A and B" is
resolved by looking for known terms, longest first, as plain substrings (a PDF can glue two
cells together: "Chengdu Digital EntertainmentBeijing Xiaomi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: terms that are never contracting parties
NOT_PARTIES = {
    "Board",
    "Director",
    "Directors",
    "Director(s)",
    "Shareholder",
    "Shareholders",
    "Shareholder(s)",
    "Listing Rules",
    "Stock Exchange",
    "PRC",
    "China",
    "RMB",
    "HK$",
    "US$",
    "Hong Kong",
    "associate",
    "associates",
    "associate(s)",
    "connected person",
    "connected person(s)",
    "subsidiary",
    "subsidiaries",
    "subsidiary(ies)",
    "%",
    "SFO",
    "Independent Shareholders",
    "EGM",
    "AGM",
    "Share",
    "Shares",
    "Share(s)",
    "percentage ratio(s)",
    "substantial shareholder",
    "controlling shareholder",
}

#: the roles a party of an agreement is named by ("the Vendor", a row "Landlord:"), the one
#: vocabulary of roles: a defined term holding one of these is a role wherever it stands in the
#: term ("the Disposal Purchaser")
ROLE_WORDS = (
    "Landlord",
    "Tenant",
    "Lessor",
    "Lessee",
    "Vendor",
    "Seller",
    "Purchaser",
    "Buyer",
    "Lender",
    "Borrower",
    "Guarantor",
    "Subscriber",
    "Transferor",
    "Transferee",
)
#: roles that are words of names too ("Global Supplier Limited"): a role standing alone
ROLES_ALONE = ("Licensor", "Licensee", "Supplier", "Customer", "Contractor", "Service provider")
#: the roles a row of an agreement's terms is keyed by ("Landlord:", "Service recipient:")
ROW_ROLES = (*ROLE_WORDS, *ROLES_ALONE, "Service recipient", "Issuer", "Employer")


def roles_rx(roles: Iterable[str], space: str = r"\s+") -> str:
    """A pattern for one of `roles`, a space in a role matching `space` ("JV Partner")."""
    return "(?:" + "|".join(re.escape(r).replace(r"\ ", space) for r in roles) + ")"


def find_terms(text: str, terms: list[str]) -> list[tuple[int, str]]:
    """(position, term) for each term in `text`, longest match wins, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for term in sorted(terms, key=len, reverse=True):
        for s, e in _occurrences(term, text):
            if any(s < te and ts < e for ts, te in taken):
                continue
            before = text[s - 1 : s]
            after = text[e : e + 1]
            if (before.isalnum() and before.isascii()) or (after.islower() and after.isascii()):
                continue
            # "BMG" inside "BMG International (Singapore)"; an agreement's name ends the name
            if _LONGER_NAME.match(text, e) and not is_instrument(term):
                continue
            taken.append((s, e))
            found.append((s, term))
    return sorted(found)


#: a capitalised word right after a term: the term is the start of a longer name
_LONGER_NAME = re.compile(r" (?!Group\b)[A-Z][a-z]+\b")


def _occurrences(term: str, text: str) -> Iterator[tuple[int, int]]:
    """Where `term` occurs in `text`, left to right, not overlapping: `re.finditer` of the
    escaped term without a pattern per term (one per defined term filled re's cache, which then
    compiled every pattern of the pipeline again for each document)."""
    if not term:
        yield from (m.span() for m in re.finditer("", text))
        return
    i = text.find(term)
    while i >= 0:
        yield i, i + len(term)
        i = text.find(term, i + len(term))


_INSTRUMENT = re.compile(r"\b(?:Agreements?|Contracts?|Deeds?|Leases?)$")


def is_instrument(term: str) -> bool:
    """A term naming an agreement ("Existing Mutual Supply Agreement"), never a party."""
    return bool(_INSTRUMENT.search(term))


_NOT_PARTIES_LOWER = {t.lower() for t in NOT_PARTIES}


_DEALS = re.compile(r"\b(?:Transactions?|Caps?)$")


def is_name_term(term: str, d: object) -> bool:
    """Whether a defined term names someone: not a word of the rules ("Shareholders"), unless
    the definition gives the one it names ('"Controlling Shareholder"  Donghai Port Group Co.,
    Ltd., a state-owned enterprise').
    """
    if term in NOT_PARTIES or _DEALS.search(term):
        return False  # "Revenue Transactions", "Proposed Annual Caps": what is done, not who
    named = getattr(d, "full_name", None) and not getattr(d, "person", False)
    return term.lower() not in _NOT_PARTIES_LOWER or bool(named)


def party_terms(definitions: dict) -> list[str]:
    """Defined terms that can name a contracting party: entities, the Company, the Group."""
    out = []
    for term, d in definitions.items():
        if not is_name_term(term, d):
            continue
        if is_instrument(term):
            continue  # "Existing Agreement" defined after "... between A and B": not a party
        if d.alias_of:
            continue  # '"Lucky Summit" or the "Purchaser"': the party is named by its first term
        if d.full_name or d.chinese_name or term in ("Company", "Group"):
            out.append(term)
    return out
