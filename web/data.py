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


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _evidence(extraction: dict, path: str) -> schemas.Evidence | None:
    """The evidence for a fact: its own path, else the first sub-field's ("parties[0].name")."""
    evidence = extraction.get("evidence") or {}
    if not isinstance(evidence, dict):
        return None
    item = evidence.get(path)
    if item is None:
        item = next((v for k, v in evidence.items() if k.startswith(path + ".")), None)
    if not isinstance(item, dict) or not item.get("text"):
        return None
    page = item.get("page")
    return schemas.Evidence(page=page if isinstance(page, int) else None, text=str(item["text"]))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _corrections(ex: dict) -> dict[str, schemas.Correction]:
    """The reviewers' corrections of this filing's facts, by the fact's path."""
    return {
        path: schemas.Correction(
            fields=r.get("fields") or {},
            machine=r.get("machine") or {},
            note=str(r.get("note") or ""),
            reviewer=str(r.get("reviewer") or ""),
            at=_str(r.get("at")),
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

    ex: dict = a.extraction if isinstance(a.extraction, dict) else {}
    fixed = _corrections(ex)

    def marks(path: str) -> dict:
        return {"human_corrected": path in fixed, "correction": fixed.get(path)}

    warnings = [str(w) for w in _list(ex.get("warnings"))]
    reasons = ([a.review_reason or "flagged for review"] if a.needs_review else []) + warnings
    filing = schemas.Filing(
        **summary(a).model_dump(),
        file_type=a.file_type or "",
        status=str(a.status.value if hasattr(a.status, "value") else a.status),
        stored_copy_url=f"/filings/{a.news_id}/file" if a.file_path else None,
        paired_news_id=a.paired_news_id,
        revised=bool(a.revised),
        company=_str(ex.get("company")),
        announcement_date=_date(ex.get("announcement_date")),
        transaction_types=[str(t) for t in _list(ex.get("transaction_types"))]
        or list(a.transaction_types or []),
        listing_rules_chapters=[str(c) for c in _list(ex.get("listing_rules_chapters"))],
        extractor_version=a.extractor_version,
        extracted_at=a.extracted_at,
        needs_review=bool(a.needs_review),
        review_reason=a.review_reason,
        warnings=warnings,
        reviewed=_reviewed(decision, reasons) if reasons or decision else None,
        corrections=len(fixed),
    )
    for i, p in enumerate(_list(ex.get("parties"))):
        if isinstance(p, dict) and p.get("name"):
            filing.parties.append(
                schemas.Party(
                    name=str(p["name"]),
                    full_name=_str(p.get("full_name")),
                    chinese_name=_str(p.get("chinese_name")),
                    evidence=_evidence(ex, f"parties[{i}]"),
                    **marks(f"parties[{i}]"),
                )
            )
    for i, g in enumerate(_list(ex.get("agreements"))):
        if isinstance(g, dict) and g.get("name"):
            filing.agreements.append(
                schemas.Agreement(
                    name=str(g["name"]),
                    date=_date(g.get("date")),
                    term_start=_date(g.get("term_start")),
                    term_end=_date(g.get("term_end")),
                    parties=[str(x) for x in _list(g.get("parties"))],
                    evidence=_evidence(ex, f"agreements[{i}]"),
                    **marks(f"agreements[{i}]"),
                )
            )
    for i, c in enumerate(_list(ex.get("annual_caps"))):
        amount = to_decimal(c.get("amount")) if isinstance(c, dict) else None
        if amount is None:
            continue
        filing.annual_caps.append(
            schemas.AnnualCap(
                amount=amount,
                currency=str(c.get("currency") or ""),
                period_end=_date(c.get("period_end")),
                period_label=_str(c.get("period_label")),
                agreement=_str(c.get("agreement")),
                category=_str(c.get("category")),
                evidence=_evidence(ex, f"annual_caps[{i}]"),
                **marks(f"annual_caps[{i}]"),
            )
        )
    for i, c in enumerate(_list(ex.get("connected_persons"))):
        if isinstance(c, dict) and c.get("name"):
            filing.connected_persons.append(
                schemas.ConnectedPerson(
                    name=str(c["name"]),
                    person_id=pid(str(c["name"])),
                    connected_entity=_str(c.get("connected_entity")),
                    relationship=_str(c.get("relationship")),
                    evidence=_evidence(ex, f"connected_persons[{i}]"),
                    **marks(f"connected_persons[{i}]"),
                )
            )
    abstained = [str(n) for n in _list(ex.get("abstained_directors"))]
    abstained_keys = {n.casefold() for n in abstained}
    directors = ex.get("directors") if isinstance(ex.get("directors"), dict) else {}
    for role in ("executive", "non_executive", "independent_non_executive"):
        for i, name in enumerate(_list(directors.get(role))):
            filing.directors.append(
                schemas.Director(
                    name=str(name),
                    person_id=pid(str(name)),
                    role=role,
                    abstained=str(name).casefold() in abstained_keys,
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
    """Every filing naming the person (newest first, one page of them), across companies.

    Two passes, so that a long history costs little (store/person_view.py): every mention
    with only what the companies table, the timeline and the order need, then the one
    page's filings with their summaries and evidence."""
    found = store.person_mentions(engine, person_id)
    if found is None:
        return None
    person, rows = found.person, found.mentions
    newest_first: dict[int, tuple] = {}  # announcement id -> (published_at, code, name)
    roles_by_code: dict[str, set[str]] = defaultdict(set)
    for r in rows:
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


_ROLE_PATH = {
    "executive": ("directors", "executive"),
    "non_executive": ("directors", "non_executive"),
    "independent_non_executive": ("directors", "independent_non_executive"),
    "abstained": ("abstained_directors", None),
    "connected_person": ("connected_persons", None),
}


def _names_for(extraction: dict, role: str) -> list[str]:
    key, sub = _ROLE_PATH.get(role, ("", None))
    value = extraction.get(key)
    if sub is not None:
        value = value.get(sub) if isinstance(value, dict) else None
    names = []
    for item in _list(value):
        names.append(str(item.get("name", "")) if isinstance(item, dict) else str(item))
    return names


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
        for role, written in by_ann[ann_id]:
            mine, theirs = _names_for(extraction, role), _names_for(other, role)
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
