"""Linking filings into deals: one agreement of one issuer across its filings.

Why here, when an extraction is stored: a researcher following a continuing connected
transaction needs the deal, not the loose filings — the original agreement, its supplements
and revised caps, its renewal. `link_filing` runs at the end of every `save_extraction` (and
`relink_all` over stored filings, for a backfill), so the links never lag the facts.

A deal is identified by the issuer's stock code and the agreement's name with the words that
change between its filings dropped ("New", "Renewed", "Supplemental", "Revised", years),
told apart by its parties when one issuer has two agreements of that name with different
counterparties. The filing's part in it (original, supplement, revision, renewal,
termination; a "mention" when only its title names the agreement) is read from the filing
itself — its title, the agreement's name, its caps and the actual amounts it reports — so
the order filings are linked in does not matter. Only
English editions are linked; a Chinese edition shares its English edition's deals (pairing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, select

from store.engine import Engine, write_session
from store.models import Announcement, Deal, DealFiling, Status
from store.names import words_key

ROLES = ("original", "supplement", "revision", "renewal", "termination", "mention")
_SUPPLEMENT = re.compile(r"\b(?:supplement(?:al|ary)?|amendments?|amended|amending)\b", re.I)
_RENEWAL = re.compile(r"\brenew(?:al|ed|s|ing)?\b", re.I)
_NEW_NAME = re.compile(r"^(?:the\s+)?(?:new|renewed)\b", re.I)
_REVISION = re.compile(r"\brevis(?:ion|ed|e|ing)\b(?:\W+\w+){0,4}?\W+caps?\b", re.I)
_TERMINATION = re.compile(r"\bterminat(?:e|es|ed|ion)\b", re.I)
#: words that change between a deal's filings, dropped from its key
_CHANGING = re.compile(
    r"\b(?:the|new|renewed|renewal|existing|revised|supplemental|supplementary|amended|"
    r"amendment|and\s+restated|restated|previous|original|further|first|second|third|to|"
    r"(?:19|20)\d{2})\b",
    re.I,
)
_GENERIC = {"", "agreement", "agreements"}


def parse_date(value: Any) -> dt.date | None:
    """An ISO date of the contract's JSON; None if unreadable."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def base_key(name: str | None) -> str:
    """The agreement's name without the words that change between its filings, lower case."""
    words = re.sub(r"[^\w\s]", " ", _CHANGING.sub(" ", name or "")).lower().split()
    return " ".join(words)


def link_filing(session: Session, announcement_id: int) -> list[int]:
    """(Re)link one stored filing to its deals; the deal ids it is linked to. Flushes."""
    row = session.get(Announcement, announcement_id)
    if row is None:
        return []
    unlink_filing(session, announcement_id)
    extraction = row.extraction or {}
    if row.language == "zh" or not isinstance(extraction, dict):
        return []
    found = _agreements_in(extraction)
    by_title = not found
    if by_title:
        found = _known_deals_named(session, row)
    out = []
    for key, named in found.items():
        role = filing_role(row.title or row.headline or "", named, extraction, key)
        if by_title and role == "original":
            role = "mention"  # its facts name no agreement: it speaks of the deal, no more
        deal = _deal_for(session, row.stock_code, key, named)
        session.add(
            DealFiling(
                deal_id=deal.id,
                announcement_id=announcement_id,
                role=role,
                agreement_name=named["name"][:500],
                agreement_date=parse_date(named.get("date")),
            )
        )
        if role == "original":
            deal.name = named["name"][:500]
            deal.date = parse_date(named.get("date")) or deal.date
            session.add(deal)
        out.append(deal.id)
    session.flush()
    return out


def unlink_filing(session: Session, announcement_id: int) -> None:
    """Drop the filing's links, and the deals left without a filing."""
    deal_ids = session.exec(
        select(DealFiling.deal_id).where(DealFiling.announcement_id == announcement_id)
    ).all()
    if not deal_ids:
        return
    session.exec(delete(DealFiling).where(DealFiling.announcement_id == announcement_id))
    session.flush()
    for deal_id in set(deal_ids):
        left = session.exec(select(DealFiling.id).where(DealFiling.deal_id == deal_id).limit(1))
        if left.first() is None:
            session.exec(delete(Deal).where(Deal.id == deal_id))


def filing_role(title: str, named: dict[str, Any], extraction: dict[str, Any], key: str) -> str:
    """The filing's part in the deal `key`: what its title says, else its agreement's names,
    else its caps (revised) and actual amounts (reported beside new caps: a renewal)."""
    for pattern, role in ((_TERMINATION, "termination"), (_SUPPLEMENT, "supplement"),
                          (_RENEWAL, "renewal"), (_REVISION, "revision")):  # fmt: skip
        if pattern.search(title):
            return role
    if any(_SUPPLEMENT.search(n) for n in named["names"]):
        return "supplement"
    if any(_NEW_NAME.search(n) for n in named["names"]):
        return "renewal"
    caps = [c for c in extraction.get("annual_caps") or [] if _belongs(c, key, named)]
    if any(c.get("kind") == "revised" for c in caps):
        return "revision"
    actuals = [
        h
        for h in extraction.get("historical_amounts") or []
        if h.get("kind", "actual") == "actual" and _belongs(h, key, named)
    ]
    return "renewal" if actuals and caps else "original"


def _belongs(fact: dict, key: str, named: dict[str, Any]) -> bool:
    agreement = fact.get("agreement")
    return base_key(agreement) == key if agreement else named.get("only", False)


def _agreements_in(extraction: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The deals a filing speaks of, by key: the name to show, every name it is written as,
    its date and parties. A generic "Supplemental Agreement" joins the filing's one other."""
    found: dict[str, dict[str, Any]] = {}
    generic: list[dict] = []

    def add(name: str, date: Any = None, parties: Iterable[str] = ()) -> None:
        key = base_key(name)
        if key in _GENERIC:
            generic.append({"name": name, "date": date})
            return
        entry = found.setdefault(key, {"name": name, "names": [], "date": None, "parties": []})
        entry["names"].append(name)
        if _SUPPLEMENT.search(entry["name"]) or _NEW_NAME.search(entry["name"]):
            if not (_SUPPLEMENT.search(name) or _NEW_NAME.search(name)):
                entry["name"] = name  # the principal agreement's own name is the one to show
        entry["date"] = entry["date"] or (date if not _SUPPLEMENT.search(name) else None)
        entry["parties"] += [p for p in parties if p not in entry["parties"]]

    for agreement in extraction.get("agreements") or []:
        if agreement.get("name"):
            add(str(agreement["name"]), agreement.get("date"), agreement.get("parties") or [])
    for fact in [*(extraction.get("annual_caps") or []),
                 *(extraction.get("historical_amounts") or [])]:  # fmt: skip
        if fact.get("agreement"):
            add(str(fact["agreement"]))
    if generic and len(found) == 1:
        entry = next(iter(found.values()))
        entry["names"] += [g["name"] for g in generic]
    if len(found) == 1:
        next(iter(found.values()))["only"] = True
    return found


def _known_deals_named(session: Session, row: Announcement) -> dict[str, dict[str, Any]]:
    """A filing whose agreements were not read: the issuer's deals its title names."""
    title = (row.title or "").lower()
    out: dict[str, dict[str, Any]] = {}
    for deal in session.exec(select(Deal).where(Deal.stock_code == row.stock_code)).all():
        if deal.name and deal.name.lower() in title:
            key = deal.deal_key.split("#")[0]
            out[key] = {"name": deal.name, "names": [row.title], "date": None, "parties": []}
    return out


def _deal_for(session: Session, stock_code: str, key: str, named: dict[str, Any]) -> Deal:
    """The issuer's deal of that key whose parties agree, else a new one."""
    parties = _party_keys(named.get("parties") or [])
    candidates = session.exec(
        select(Deal)
        .where(Deal.stock_code == stock_code)
        .where((Deal.deal_key == key) | Deal.deal_key.startswith(key + "#"))
        .order_by(Deal.id)
    ).all()
    for deal in candidates:
        theirs = _party_keys(deal.parties or [])
        if not parties or not theirs or parties & theirs:
            if parties - theirs:
                deal.parties = [*deal.parties, *[p for p in named["parties"] if p]][:20]
                session.add(deal)
            return deal
    deal_key = key if not candidates else f"{key}#{len(candidates) + 1}"
    deal = Deal(
        stock_code=stock_code,
        deal_key=deal_key[:500],
        name=named["name"][:500],
        parties=[p for p in named.get("parties") or [] if p][:20],
        date=parse_date(named.get("date")),
    )
    if session.get_bind().dialect.name == "sqlite":  # writers are serialised: no race
        session.add(deal)
        session.flush()
        return deal
    try:
        with session.begin_nested():
            session.add(deal)
    except IntegrityError:  # a concurrent writer created it first
        return session.exec(
            select(Deal).where(Deal.stock_code == stock_code, Deal.deal_key == deal_key)
        ).one()
    return deal


_GENERIC_PARTIES = {"company", "group", "the company", "the group", "purchaser", "vendor"}


def _party_keys(parties: Iterable[str]) -> set[str]:
    """Parties as order-free word keys, without the generic ones ("the Company") that every
    agreement of the issuer shares."""
    return {words_key(p) for p in parties if p and p.strip().lower() not in _GENERIC_PARTIES}


def relink_all(session: Session, stock_code: str | None = None) -> int:
    """Link every extracted English filing again (a backfill); how many were linked."""
    query = select(Announcement.id).where(Announcement.language != "zh")
    query = query.where(Announcement.status == Status.extracted)
    if stock_code:
        query = query.where(Announcement.stock_code == stock_code)
    ids = session.exec(query.order_by(Announcement.published_at, Announcement.id)).all()
    linked = 0
    for announcement_id in ids:
        if link_filing(session, announcement_id):
            linked += 1
    return linked


def relink_deals(engine: Engine, stock_code: str | None = None) -> int:
    """The backfill: link every stored English filing (of one stock) again, in one
    transaction; how many filings are part of a deal."""
    with write_session(engine) as s:
        linked = relink_all(s, stock_code)
        s.commit()
    return linked
