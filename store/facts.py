"""Storing an extraction: the contract JSON (see shared/extraction.schema.json) as fact rows.

`save_extraction` replaces every fact row of the announcement, so re-extracting with a better
extractor never leaves stale facts behind. Human corrections (store/corrections.py) are applied
on top of every extraction saved here, so they outlive `reprocess` and new extractor versions.
Amounts become exact Decimals (via their decimal text, never via binary floats). Flushes; the
caller commits.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, delete, select

from store.cleaning import clean_text
from store.corrections import MARK, apply_corrections, corrected_paths, corrections_for
from store.deals import link_filing
from store.models import (
    Agreement,
    Announcement,
    AnnualCap,
    ConnectedPerson,
    HistoricalAmount,
    Party,
    PersonMention,
    Role,
    Status,
    now_hk,
)
from store.names import words_key
from store.people import get_or_create_person

DIRECTOR_ROLES = (Role.executive, Role.non_executive, Role.independent_non_executive)
_FACT_TABLES = (PersonMention, ConnectedPerson, AnnualCap, Agreement, Party, HistoricalAmount)


def save_extraction(
    session: Session,
    announcement_id: int,
    extraction: dict[str, Any],
    *,
    text: str,
    extractor_version: int,
    needs_review: bool = False,
    review_reason: str | None = None,
) -> Announcement:
    """Replace the announcement's facts with `extraction`'s and mark it `extracted`."""
    # The row lock makes concurrent saves of one filing take turns (PostgreSQL; SQLite's
    # writers take turns anyway): each deletes the facts the other committed before writing
    # its own, instead of both inserting the same person mentions (a duplicate-key error).
    row = session.get(Announcement, announcement_id, with_for_update=True)
    if row is None:
        raise LookupError(f"no announcement with id {announcement_id}")
    extraction = apply_corrections(extraction, corrections_for(session, announcement_id))
    text = clean_text(text)
    if row.text and (row.text != text or _has_caps(session, row.id, extraction)):
        # On SQLite each cap row written or deleted re-indexes the whole row in FTS5 (its
        # labels change, migration 0007): blank the text first so those passes are cheap;
        # the new text is indexed once at the end (2 passes over the text instead of 14).
        row.text = ""
        session.flush()
    for table in _FACT_TABLES:
        session.exec(delete(table).where(table.announcement_id == announcement_id))
    evidence = extraction.get("evidence") or {}
    _save_parties(session, announcement_id, extraction.get("parties") or [])
    _save_agreements(session, announcement_id, extraction.get("agreements") or [])
    _save_caps(session, announcement_id, extraction.get("annual_caps") or [])
    _save_historical(session, announcement_id, extraction.get("historical_amounts") or [])
    _save_people(session, announcement_id, extraction, evidence)
    session.flush()  # the facts before the text, so the text is indexed once, with the caps

    row.text = text
    row.facts_text = facts_text(extraction)
    row.extraction = json.loads(json.dumps(extraction, default=str))
    row.transaction_types = [str(t) for t in extraction.get("transaction_types") or []]
    row.extractor_version = extractor_version
    row.needs_review = needs_review
    row.warnings = [str(w) for w in extraction.get("warnings") or []]
    row.warning_count = len(row.warnings)
    row.review_reason = review_reason
    row.status = Status.extracted
    row.last_error = None
    row.extracted_at = now_hk()
    session.add(row)
    session.flush()
    link_filing(session, announcement_id)
    return row


def _has_caps(session: Session, announcement_id: int, extraction: dict[str, Any]) -> bool:
    """True if the filing has stored caps or the extraction brings some."""
    if extraction.get("annual_caps"):
        return True
    stored = select(AnnualCap.id).where(AnnualCap.announcement_id == announcement_id).limit(1)
    return session.exec(stored).first() is not None


def facts_text(extraction: dict[str, Any]) -> str:
    """Names worth finding by search beside the text: company, parties, agreements, people."""
    lines: list[str] = [extraction.get("company") or ""]
    for party in extraction.get("parties") or []:
        lines += [party.get("name"), party.get("full_name"), party.get("chinese_name")]
    lines += [a.get("name") for a in extraction.get("agreements") or []]
    for person in extraction.get("connected_persons") or []:
        lines += [person.get("name"), person.get("connected_entity")]
    for names in (extraction.get("directors") or {}).values():
        lines += list(names or [])
    return clean_text("\n".join(dict.fromkeys(s.strip() for s in lines if s and s.strip())))


def parse_amount(value: Any) -> Decimal | None:
    """An exact Decimal from a JSON number or numeric text; None if it is not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def parse_date(value: Any) -> dt.date | None:
    """A date from the contract's JSON (ISO text, or a date already); None if unreadable."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _save_parties(session: Session, announcement_id: int, parties: list[dict]) -> None:
    for party in parties:
        if not party.get("name"):
            continue
        session.add(
            Party(
                announcement_id=announcement_id,
                name=clean_text(party["name"])[:500],
                full_name=clean_text(party.get("full_name"))[:1000] or None,
                chinese_name=clean_text(party.get("chinese_name"))[:500] or None,
                name_key=words_key(party.get("full_name") or party["name"])[:500],
                human_corrected=bool(party.get(MARK)),
            )
        )


def _save_agreements(session: Session, announcement_id: int, agreements: list[dict]) -> None:
    for agreement in agreements:
        if not agreement.get("name"):
            continue
        session.add(
            Agreement(
                announcement_id=announcement_id,
                name=clean_text(agreement["name"])[:500],
                date=parse_date(agreement.get("date")),
                term_start=parse_date(agreement.get("term_start")),
                term_end=parse_date(agreement.get("term_end")),
                parties=[str(p) for p in agreement.get("parties") or []],
                human_corrected=bool(agreement.get(MARK)),
            )
        )


def _save_caps(session: Session, announcement_id: int, caps: list[dict]) -> None:
    for cap in caps:
        amount = parse_amount(cap.get("amount"))
        if amount is None or not cap.get("currency"):
            continue
        session.add(
            AnnualCap(
                announcement_id=announcement_id,
                amount=amount,
                currency=str(cap["currency"]).upper()[:3],
                period_end=parse_date(cap.get("period_end")),
                period_label=clean_text(cap.get("period_label"))[:500] or None,
                agreement=clean_text(cap.get("agreement"))[:500] or None,
                category=clean_text(cap.get("category"))[:500] or None,
                human_corrected=bool(cap.get(MARK)),
            )
        )


def _save_historical(session: Session, announcement_id: int, amounts: list[dict]) -> None:
    for item in amounts:
        amount = parse_amount(item.get("amount"))
        if amount is None or not item.get("currency"):
            continue
        session.add(
            HistoricalAmount(
                announcement_id=announcement_id,
                amount=amount,
                currency=str(item["currency"]).upper()[:3],
                period_end=parse_date(item.get("period_end")),
                period_label=clean_text(item.get("period_label"))[:500] or None,
                agreement=clean_text(item.get("agreement"))[:500] or None,
                category=clean_text(item.get("category"))[:500] or None,
                kind=str(item.get("kind") or "actual")[:16],
            )
        )


def _save_people(
    session: Session, announcement_id: int, extraction: dict[str, Any], evidence: dict
) -> None:
    seen: set[tuple[int, Role]] = set()
    corrected = corrected_paths(extraction)

    def mention(name: str, role: Role, evidence_key: str) -> int | None:
        person = get_or_create_person(session, clean_text(name))
        if person is None:
            return None
        if (person.id, role) not in seen:
            seen.add((person.id, role))
            found = evidence.get(evidence_key) or {}
            session.add(
                PersonMention(
                    person_id=person.id,
                    announcement_id=announcement_id,
                    name_as_written=clean_text(name)[:300],
                    role=role,
                    evidence_text=clean_text(found.get("text")) or None,
                    evidence_page=found.get("page") if isinstance(found.get("page"), int) else None,
                    human_corrected=evidence_key in corrected,
                )
            )
        return person.id

    for i, cp in enumerate(extraction.get("connected_persons") or []):
        if not cp.get("name"):
            continue
        person_id = mention(cp["name"], Role.connected_person, f"connected_persons[{i}]")
        session.add(
            ConnectedPerson(
                announcement_id=announcement_id,
                person_id=person_id,
                name=clean_text(cp["name"])[:500],
                connected_entity=clean_text(cp.get("connected_entity"))[:500] or None,
                relationship=clean_text(cp.get("relationship")) or None,
                human_corrected=bool(cp.get(MARK)),
            )
        )
    directors = extraction.get("directors") or {}
    for role in DIRECTOR_ROLES:
        for i, name in enumerate(directors.get(role.value) or []):
            if name:
                mention(name, role, f"directors.{role.value}[{i}]")
    for i, name in enumerate(extraction.get("abstained_directors") or []):
        if name:
            mention(name, Role.abstained, f"abstained_directors[{i}]")
