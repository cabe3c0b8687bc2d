"""Read models for the filing, person and company pages, built from the store's tables.

Each function returns the API schema object; the HTML page renders that same object. Facts
on a filing come from its `extraction` JSON (the contract), because evidence is keyed by the
contract's paths ("annual_caps[0]", "directors.executive[1]"); person ids come from the
PersonMention/ConnectedPerson rows the store wrote from that same JSON.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from typing import Any

import store
from extract import Extraction, as_date
from web import schemas
from web.formatting import to_decimal

STOCK_CODE_RE = re.compile(r"^\d{1,5}$")
ROLE_ORDER = ["executive", "non_executive", "independent_non_executive", "connected_person",
              "abstained"]  # fmt: skip


def normalise_stock_code(code: str) -> str | None:
    """ "3888" and "03888" are one stock; anything that is not 1-5 digits is no stock code."""
    code = code.strip()
    return code.zfill(5) if STOCK_CODE_RE.match(code) else None


def paging(page: int, per_page: int, total: int) -> schemas.Page:
    return schemas.Page(
        page=page, per_page=per_page, total=total, pages=max(1, math.ceil(total / per_page))
    )


def summary(a) -> schemas.FilingSummary:  # noqa: ANN001 - a store.FilingSummaryRow or FilingRow
    return schemas.FilingSummary(
        news_id=a.news_id,
        stock_code=a.stock_code,
        stock_codes=list(a.stock_codes or []),
        stock_name=a.stock_name or "",
        title=a.title or "",
        headline=a.headline or "",
        published_at=a.published_at,
        language=a.language or "",
        url=f"/filings/{a.news_id}",
        document_url=a.document_url or "",
    )


def _evidence(extraction: Extraction, path: str) -> schemas.Evidence | None:
    """The evidence for a fact: its own path, else the first sub-field's ("parties[0].name")."""
    item = extraction.evidence_for(path)
    return schemas.Evidence(page=item.page, text=item.text) if item is not None else None


def _corrections(ex: dict) -> dict[str, schemas.Correction]:
    """The reviewers' corrections of this filing's facts, by the fact's path."""
    return {
        path: schemas.Correction(
            fields=r.get("fields") or {},
            machine=r.get("machine") or {},
            note=str(r.get("note") or ""),
            reviewer=str(r.get("reviewer") or ""),
            at=None if r.get("at") is None else str(r["at"]),
        )
        for path, r in store.corrected_paths(ex).items()
    }


def _reviewed(decision, reasons: list[str]) -> schemas.ReviewNote | None:  # noqa: ANN001
    """The latest acceptance, if it still covers every reason the filing has."""
    if decision is None or not all(r in (decision.reasons or []) for r in reasons):
        return None
    return schemas.ReviewNote(
        note=decision.note, reviewer=decision.reviewer, at=decision.decided_at
    )


def load_filing(engine: store.Engine, news_id: str) -> schemas.Filing | None:
    view = store.filing_view(engine, news_id)
    if view is None:
        return None
    a, decision = view.filing, view.decision
    people: dict[str, int] = {}
    for named in view.people:
        name, person_id = named.name, named.person_id
        if name and person_id is not None:
            people.setdefault(name, person_id)
            people.setdefault(name.casefold(), person_id)

    def pid(name: str) -> int | None:
        return people.get(name, people.get(name.casefold()))

    ex = Extraction.from_json(a.extraction)
    fixed = _corrections(a.extraction)

    def marks(path: str) -> dict:
        return {"human_corrected": path in fixed, "correction": fixed.get(path)}

    warnings = list(ex.warnings)
    reasons = ([a.review_reason or "flagged for review"] if a.needs_review else []) + warnings
    filing = schemas.Filing(
        **summary(a).model_dump(),
        file_type=a.file_type or "",
        status=str(a.status.value if hasattr(a.status, "value") else a.status),
        stored_copy_url=f"/filings/{a.news_id}/file" if a.file_path else None,
        paired_news_id=a.paired_news_id,
        revised=bool(a.revised),
        company=ex.company,
        announcement_date=as_date(ex.announcement_date),
        transaction_types=list(ex.transaction_types) or list(a.transaction_types or []),
        listing_rules_chapters=list(ex.listing_rules_chapters),
        extractor_version=a.extractor_version,
        extracted_at=a.extracted_at,
        needs_review=bool(a.needs_review),
        review_reason=a.review_reason,
        warnings=warnings,
        reviewed=_reviewed(decision, reasons) if reasons or decision else None,
        corrections=len(fixed),
    )
    for i, p in enumerate(ex.parties):
        if p.name:
            filing.parties.append(
                schemas.Party(
                    name=p.name,
                    full_name=p.full_name,
                    chinese_name=p.chinese_name,
                    evidence=_evidence(ex, f"parties[{i}]"),
                    **marks(f"parties[{i}]"),
                )
            )
    for i, g in enumerate(ex.agreements):
        if g.name:
            filing.agreements.append(
                schemas.Agreement(
                    name=g.name,
                    date=as_date(g.date),
                    term_start=as_date(g.term_start),
                    term_end=as_date(g.term_end),
                    parties=list(g.parties),
                    evidence=_evidence(ex, f"agreements[{i}]"),
                    **marks(f"agreements[{i}]"),
                )
            )
    for i, c in enumerate(ex.annual_caps):
        amount = to_decimal(c.amount)
        if amount is None:
            continue
        filing.annual_caps.append(
            schemas.AnnualCap(
                amount=amount,
                currency=c.currency or "",
                period_end=as_date(c.period_end),
                period_label=c.period_label,
                agreement=c.agreement,
                category=c.category,
                evidence=_evidence(ex, f"annual_caps[{i}]"),
                **marks(f"annual_caps[{i}]"),
            )
        )
    for i, c in enumerate(ex.connected_persons):
        if c.name:
            filing.connected_persons.append(
                schemas.ConnectedPerson(
                    name=c.name,
                    person_id=pid(c.name),
                    connected_entity=c.connected_entity,
                    relationship=c.relationship,
                    evidence=_evidence(ex, f"connected_persons[{i}]"),
                    **marks(f"connected_persons[{i}]"),
                )
            )
    abstained = list(ex.abstained_directors)
    abstained_keys = {n.casefold() for n in abstained}
    for role, names in ex.directors.by_category():
        for i, name in enumerate(names):
            filing.directors.append(
                schemas.Director(
                    name=name,
                    person_id=pid(name),
                    role=role,
                    abstained=name.casefold() in abstained_keys,
                    evidence=_evidence(ex, f"directors.{role}[{i}]"),
                    **marks(f"directors.{role}[{i}]"),
                )
            )
    for i, name in enumerate(abstained):
        filing.abstentions.append(
            schemas.Abstention(
                name=name, person_id=pid(name), evidence=_evidence(ex, f"abstained_directors[{i}]")
            )
        )
    return filing


def stored_file(engine: store.Engine, news_id: str) -> tuple[str, str] | None:
    """(file_path, file_type) of the stored copy, if the filing has one."""
    copy = store.stored_copy(engine, news_id)
    return None if copy is None else (copy.path, copy.file_type)


def _timeline(dates: list[dt.datetime]) -> list[schemas.YearCount]:
    years = Counter(d.year for d in dates)
    return [schemas.YearCount(year=y, filings=n) for y, n in sorted(years.items())]


ROLE_RANK = {role: i for i, role in enumerate(ROLE_ORDER)}


def _role_key(role: str) -> int:
    return ROLE_RANK.get(role, len(ROLE_ORDER))


def load_person(
    engine: store.Engine, person_id: int, page: int = 1, per_page: int = 25
) -> schemas.Person | None:
    """Every filing naming the person (newest first, one page of them), across companies; a
    filing both of whose editions name them is listed once (its English edition).

    Two passes, so that a long history costs little (store/person_view.py): every mention
    with only what the companies table, the timeline and the order need, then the one
    page's filings with their summaries and evidence."""
    found = store.person_mentions(engine, person_id)
    if found is None:
        return None
    person, rows = found.person, found.mentions
    # One entry per filing: when both editions name the person, the English one stands for
    # the pair (a filing is counted once, not once per edition).
    shown: dict[str, int] = {}  # filing key -> the announcement id that stands for it
    for r in rows:
        if r.filing_key not in shown or r.language == "en":
            shown[r.filing_key] = r.announcement_id
    standing = set(shown.values())
    newest_first: dict[int, tuple] = {}  # announcement id -> (published_at, code, name)
    roles_by_code: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.announcement_id in standing:
            newest_first.setdefault(r.announcement_id, (r.published_at, r.stock_code, r.stock_name))
        roles_by_code[r.stock_code].add(r.role)
    total = len(newest_first)
    page = min(page, max(1, math.ceil(total / per_page)))
    page_ids = list(newest_first)[(page - 1) * per_page : page * per_page]
    details = store.person_page(engine, person_id, page_ids)
    paired = [(r.announcement_id, r.role, r.name_as_written) for r in rows if r.paired_news_id]
    other_name = _other_edition_name(engine, person_id, paired) if paired else None
    by_filing: dict[int, list] = defaultdict(list)
    for d in details:
        by_filing[d.announcement_id].append(d)
    filings = []
    for ann_id in page_ids:
        ms = sorted(by_filing[ann_id], key=lambda m: _role_key(str(m.role)))
        filings.append(
            schemas.PersonFiling(
                filing=summary(ms[0].filing),
                roles=[str(m.role) for m in ms],
                mentions=[
                    schemas.Mention(
                        role=str(m.role),
                        name_as_written=m.name_as_written,
                        evidence=schemas.Evidence(page=m.evidence_page, text=m.evidence_text)
                        if m.evidence_text
                        else None,
                    )
                    for m in ms
                ],
            )
        )
    companies: dict[str, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for published, code, name in newest_first.values():
        companies[code].append((published, name or ""))
    company_refs = [
        schemas.CompanyRef(
            stock_code=code,
            stock_name=max(items)[1],
            filings=len(items),
            first=items[-1][0],
            last=items[0][0],
            roles=sorted(roles_by_code[code], key=_role_key),
        )
        for code, items in companies.items()
    ]
    company_refs.sort(key=lambda c: (-c.filings, c.stock_code))
    other, other_id = other_name or (None, None)
    is_chinese = (
        bool(person.chinese_name)
        or bool(person.display_name)
        and not re.search("[A-Za-z]", person.display_name)
    )
    return schemas.Person(
        id=person.id,
        display_name=person.display_name,
        chinese_name=person.chinese_name or (other if not is_chinese else None),
        english_name=other if is_chinese else None,
        other_edition_person_id=other_id,
        names_as_written=sorted({r.name_as_written for r in rows}),
        roles=sorted({r.role for r in rows}, key=_role_key),
        companies=company_refs,
        timeline=_timeline([published for published, _, _ in newest_first.values()]),
        filings=filings,
        paging=paging(page, per_page, total),
    )


def _other_edition_name(
    engine: store.Engine, person_id: int, mentions: list[tuple[int, str, str]], limit: int = 6
) -> tuple[str, int | None] | None:
    """The person's name in the other language, read off paired editions: the same role at
    the same position of the other edition's extraction (HKEXnews publishes both editions of
    one announcement with the same structure). The most frequent answer wins."""
    by_ann: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for ann_id, role, written in mentions:
        by_ann[ann_id].append((role, written))
    own = store.edition_pairs(engine, list(by_ann)[:limit])
    if not own:
        return None
    votes: Counter[str] = Counter()
    for pair in own:
        ann_id, extraction, other = pair.announcement_id, pair.extraction, pair.paired_extraction
        if not isinstance(extraction, dict) or not isinstance(other, dict):
            continue
        mine_ex, theirs_ex = Extraction.from_json(extraction), Extraction.from_json(other)
        for role, written in by_ann[ann_id]:
            mine, theirs = mine_ex.names_in(role), theirs_ex.names_in(role)
            if written in mine and len(mine) == len(theirs):
                candidate = theirs[mine.index(written)].strip()
                if candidate and candidate != written:
                    votes[candidate] += 1
    if not votes:
        return None
    name = votes.most_common(1)[0][0]
    other_id = store.person_id_by_name(engine, name)
    return name, (other_id if other_id != person_id else None)


def load_company(
    engine: store.Engine, stock_code: str, page: int = 1, per_page: int = 50
) -> schemas.Company | None:
    """A company's filings (one page), its counterparties, connected persons and caps."""
    view = store.company_view(engine, stock_code, page, per_page)
    if view is None:
        return None
    connected: dict[str, dict[str, Any]] = {}
    for row in view.connected:
        name, person_id, entity = row.name, row.person_id, row.connected_entity
        published, ann_id = row.published_at, row.announcement_id
        c = connected.setdefault(
            name, {"person_id": person_id, "entities": set(), "filings": set(), "last": published}
        )
        if entity:
            c["entities"].add(entity)
        c["filings"].add(ann_id)
        c["last"] = max(c["last"], published)
        c["person_id"] = c["person_id"] or person_id
    return schemas.Company(
        stock_code=stock_code,
        stock_name=view.stock_name or "",
        filings=[summary(a) for a in view.filings],
        paging=paging(view.page, per_page, len(view.published)),
        parties=[
            schemas.CompanyParty(
                name=p.name,
                full_name=p.full_name,
                chinese_name=p.chinese_name,
                filings=p.filings,
                last_seen=p.last_seen,
            )
            for p in view.parties
        ],
        connected_persons=sorted(
            (
                schemas.CompanyConnectedPerson(
                    name=name,
                    person_id=c["person_id"],
                    connected_entities=sorted(c["entities"]),
                    filings=len(c["filings"]),
                    last_seen=c["last"],
                )
                for name, c in connected.items()
            ),
            key=lambda c: (-c.filings, c.name),
        ),
        annual_caps=[
            schemas.CompanyCap(
                amount=k.amount,
                currency=k.currency,
                period_end=k.period_end,
                period_label=k.period_label,
                agreement=k.agreement,
                category=k.category,
                news_id=k.news_id,
                published_at=k.published_at,
            )
            for k in view.annual_caps
        ],
        timeline=_timeline(view.published),
    )


def recent_filings(engine: store.Engine, limit: int = 20) -> list[schemas.FilingSummary]:
    """The newest filings, for the search page before anything is searched."""
    return [summary(a) for a in store.recent_filings(engine, limit)]
