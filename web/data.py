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
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, literal, union_all
from sqlalchemy.engine import Engine
from sqlmodel import select

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


A_ = store.Announcement
# What a filing row in a list needs: never the text or the extraction JSON (they are large).
SUMMARY_COLUMNS = (A_.id, A_.news_id, A_.stock_code, A_.stock_codes, A_.stock_name, A_.title,
                   A_.headline, A_.published_at, A_.language, A_.document_url)  # fmt: skip
_A, _M, _P, _C = store.Announcement, store.PersonMention, store.Person, store.ConnectedPerson


def summary(a) -> schemas.FilingSummary:  # noqa: ANN001 - an Announcement or a summary row
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


# Everything the filing page shows, but not the big texts (the document, its search columns).
FILING_ROW = select(
    *SUMMARY_COLUMNS, _A.file_type, _A.status, _A.file_path, _A.paired_news_id, _A.revised,
    _A.extraction, _A.transaction_types, _A.extractor_version, _A.extracted_at,
    _A.needs_review, _A.review_reason,
).where(_A.news_id == bindparam("news_id"))  # fmt: skip
# Person ids by name as written: directors' mentions first, then connected persons.
_ANN_ID = bindparam("announcement_id")
FILING_PEOPLE = union_all(
    select(_M.name_as_written, _M.person_id, literal(0).label("src"))
    .where(_M.announcement_id == _ANN_ID),
    select(_C.name, _C.person_id, literal(1).label("src")).where(_C.announcement_id == _ANN_ID),
).order_by("src")  # fmt: skip


_D = store.ReviewDecision
FILING_DECISION = (
    select(_D.note, _D.reviewer, _D.decided_at, _D.reasons)
    .where(_D.announcement_id == _ANN_ID)
    .order_by(_D.id.desc())
    .limit(1)
)


def _corrections(stored: Any) -> dict[str, schemas.Correction]:
    """The reviewers' corrections of this filing's facts, by the fact's path (the store reads
    them off the stored JSON)."""
    return {
        path: schemas.Correction(
            fields=r.get("fields") or {},
            machine=r.get("machine") or {},
            note=str(r.get("note") or ""),
            reviewer=str(r.get("reviewer") or ""),
            at=None if r.get("at") is None else str(r["at"]),
        )
        for path, r in store.corrected_paths(stored).items()
    }


def _reviewed(decision, reasons: list[str]) -> schemas.ReviewNote | None:  # noqa: ANN001
    """The latest acceptance, if it still covers every reason the filing has."""
    if decision is None or not all(r in (decision.reasons or []) for r in reasons):
        return None
    return schemas.ReviewNote(
        note=decision.note, reviewer=decision.reviewer, at=decision.decided_at
    )


def load_filing(engine: Engine, news_id: str) -> schemas.Filing | None:
    with engine.connect() as conn:
        a = conn.execute(FILING_ROW, {"news_id": news_id}).first()
        if a is None:
            return None
        named = conn.execute(FILING_PEOPLE, {"announcement_id": a.id}).all()
        decision = conn.execute(FILING_DECISION, {"announcement_id": a.id}).first()
    people: dict[str, int] = {}
    for name, person_id, _ in named:
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


def stored_file(engine: Engine, news_id: str) -> tuple[str, str] | None:
    """(file_path, file_type) of the stored copy, if the filing has one."""
    with store.session(engine) as s:
        row = s.exec(
            select(store.Announcement.file_path, store.Announcement.file_type).where(
                store.Announcement.news_id == news_id
            )
        ).first()
    if row is None or not row[0]:
        return None
    return row[0], row[1] or ""


def _timeline(dates: list[dt.datetime]) -> list[schemas.YearCount]:
    years = Counter(d.year for d in dates)
    return [schemas.YearCount(year=y, filings=n) for y, n in sorted(years.items())]


ROLE_RANK = {role: i for i, role in enumerate(ROLE_ORDER)}


def _role_key(role: str) -> int:
    return ROLE_RANK.get(role, len(ROLE_ORDER))


_PERSON_ID = bindparam("person_id")
# Built once: constructing a statement costs more than running it from the compiled cache.
PERSON_ROW = select(_P.id, _P.display_name, _P.chinese_name).where(_P.id == _PERSON_ID)
# Every mention, with only what the companies table, the timeline and the order need.
PERSON_MENTIONS = (
    select(_M.announcement_id, _M.role, _M.name_as_written, _A.published_at, _A.stock_code,
           _A.stock_name, _A.paired_news_id)
    .join(_A, _A.id == _M.announcement_id)
    .where(_M.person_id == _PERSON_ID)
    .order_by(_A.published_at.desc(), _A.id.desc())
)  # fmt: skip
# One page of filings: their summaries and the person's mentions with evidence.
PERSON_PAGE = (
    select(_M.announcement_id, _M.role, _M.name_as_written, _M.evidence_text,
           _M.evidence_page, *SUMMARY_COLUMNS)
    .join(_A, _A.id == _M.announcement_id)
    .where(_M.person_id == _PERSON_ID,
           _M.announcement_id.in_(bindparam("ids", expanding=True)))
)  # fmt: skip


def load_person(
    engine: Engine, person_id: int, page: int = 1, per_page: int = 25
) -> schemas.Person | None:
    """Every filing naming the person (newest first, one page of them), across companies.

    Two passes, so that a long history costs little: every mention with only what the
    companies table, the timeline and the order need (no JSON to decode, no evidence
    text), then the one page's filings with their summaries and evidence."""
    with store.session(engine) as s:
        conn = s.connection()  # Core rows: the ORM's per-row machinery is not needed here
        person = conn.execute(PERSON_ROW, {"person_id": person_id}).first()
        if person is None:
            return None
        rows = conn.execute(PERSON_MENTIONS, {"person_id": person_id}).all()
        newest_first: dict[int, tuple] = {}  # announcement id -> (published_at, code, name)
        roles_by_code: dict[str, set[str]] = defaultdict(set)
        for ann_id, role, _, published, code, name, _ in rows:
            newest_first.setdefault(ann_id, (published, code, name))
            roles_by_code[code].add(str(role))
        total = len(newest_first)
        page = min(page, max(1, math.ceil(total / per_page)))
        page_ids = list(newest_first)[(page - 1) * per_page : page * per_page]
        details = []
        if page_ids:
            details = conn.execute(PERSON_PAGE, {"person_id": person_id, "ids": page_ids}).all()
        paired = [(r[0], str(r[1]), r[2]) for r in rows if r[6]]
        other_name = _other_edition_name(s, person_id, paired) if paired else None
    by_filing: dict[int, list] = defaultdict(list)
    for d in details:
        by_filing[d.announcement_id].append(d)
    filings = []
    for ann_id in page_ids:
        ms = sorted(by_filing[ann_id], key=lambda m: _role_key(str(m.role)))
        filings.append(
            schemas.PersonFiling(
                filing=summary(ms[0]),
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
        names_as_written=sorted({r[2] for r in rows}),
        roles=sorted({str(r[1]) for r in rows}, key=_role_key),
        companies=company_refs,
        timeline=_timeline([published for published, _, _ in newest_first.values()]),
        filings=filings,
        paging=paging(page, per_page, total),
    )


def _other_edition_name(
    s, person_id: int, mentions: list[tuple[int, str, str]], limit: int = 6
) -> tuple[str, int | None] | None:
    """The person's name in the other language, read off paired editions: the same role at
    the same position of the other edition's extraction (HKEXnews publishes both editions of
    one announcement with the same structure). The most frequent answer wins."""
    A = store.Announcement
    by_ann: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for ann_id, role, written in mentions:
        by_ann[ann_id].append((role, written))
    own = s.exec(
        select(A.id, A.extraction, A.paired_news_id).where(A.id.in_(list(by_ann)[:limit]))
    ).all()
    if not own:
        return None
    paired = dict(
        s.exec(select(A.news_id, A.extraction).where(A.news_id.in_([r[2] for r in own]))).all()
    )
    votes: Counter[str] = Counter()
    for ann_id, extraction, paired_id in own:
        other = paired.get(paired_id)
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
    other_id = s.exec(
        select(store.Person.id).where(store.Person.name_key == store.name_key(name))
    ).first()
    return name, (other_id if other_id != person_id else None)


def load_company(
    engine: Engine, stock_code: str, page: int = 1, per_page: int = 50
) -> schemas.Company | None:
    """A company's filings (one page), its counterparties, connected persons and caps."""
    A = store.Announcement
    with store.session(engine) as s:
        dates = s.exec(select(A.published_at).where(A.stock_code == stock_code)).all()
        total = len(dates)
        if total == 0:
            return None
        page = min(page, max(1, math.ceil(total / per_page)))
        anns = s.exec(
            select(*SUMMARY_COLUMNS)
            .where(A.stock_code == stock_code)
            .order_by(A.published_at.desc(), A.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        ).all()
        ids = select(A.id).where(A.stock_code == stock_code).scalar_subquery()
        P, C, K = store.Party, store.ConnectedPerson, store.AnnualCap
        party_rows = s.exec(
            select(P.name, func.max(P.full_name), func.max(P.chinese_name),
                   func.count(func.distinct(P.announcement_id)), func.max(A.published_at))
            .join(A, A.id == P.announcement_id)
            .where(P.announcement_id.in_(ids))
            .group_by(P.name)
            .order_by(func.count(func.distinct(P.announcement_id)).desc(), P.name)
            .limit(100)
        ).all()  # fmt: skip
        cp_rows = s.exec(
            select(C.name, C.person_id, C.connected_entity, A.published_at, A.id)
            .join(A, A.id == C.announcement_id)
            .where(C.announcement_id.in_(ids))
            .limit(2000)
        ).all()
        cap_rows = s.exec(
            select(K, A.news_id, A.published_at)
            .join(A, A.id == K.announcement_id)
            .where(K.announcement_id.in_(ids))
            .order_by(K.period_end, A.published_at)
            .limit(500)
        ).all()
        latest_name = s.exec(
            select(A.stock_name).where(A.stock_code == stock_code)
            .order_by((A.language == "en").desc(), A.published_at.desc()).limit(1)
        ).first()  # fmt: skip
    connected: dict[str, dict[str, Any]] = {}
    for name, person_id, entity, published, ann_id in cp_rows:
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
        stock_name=latest_name or "",
        filings=[summary(a) for a in anns],
        paging=paging(page, per_page, total),
        parties=[
            schemas.CompanyParty(name=n, full_name=f, chinese_name=z, filings=count, last_seen=last)
            for n, f, z, count, last in party_rows
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
                amount=Decimal(k.amount),
                currency=k.currency,
                period_end=k.period_end,
                period_label=k.period_label,
                agreement=k.agreement,
                category=k.category,
                news_id=news_id,
                published_at=published,
            )
            for k, news_id, published in cap_rows
        ],
        timeline=_timeline(list(dates)),
    )


def recent_filings(engine: Engine, limit: int = 20) -> list[schemas.FilingSummary]:
    """The newest filings, for the search page before anything is searched."""
    A = store.Announcement
    with store.session(engine) as s:
        rows = s.exec(
            select(*SUMMARY_COLUMNS).order_by(A.published_at.desc(), A.id.desc()).limit(limit)
        ).all()
    return [summary(a) for a in rows]


def stock_names(engine: Engine, codes: list[str]) -> dict[str, str]:
    """The stock name per code, to label the stock facet: the English one when there is one
    (the Chinese edition's name is shown on Chinese filings themselves)."""
    if not codes:
        return {}
    A = store.Announcement
    with store.session(engine) as s:
        rows = s.exec(
            select(A.stock_code, A.language, func.max(A.stock_name))
            .where(A.stock_code.in_(codes))
            .group_by(A.stock_code, A.language)
        ).all()
    names: dict[str, str] = {}
    for code, _language, name in sorted(rows, key=lambda r: r[1] == "en"):
        if name:
            names[code] = name
    return names
