"""Writing announcements: the idempotent upsert by HKEX news id, and recording failures.

Functions take the caller's Session and flush but never commit: the caller owns the
transaction, so a pipeline can store an announcement and its file record atomically.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.cleaning import clean_text
from store.engine import session
from store.facts import save_extraction
from store.models import HK, Announcement, Status

Outcome = Literal["new", "changed", "unchanged"]

#: Fields a re-crawl never overwrites on an unchanged file: they belong to later stages.
_STAGE_FIELDS = frozenset(
    {
        "status",
        "attempts",
        "last_error",
        "extractor_version",
        "text",
        "facts_text",
        "extraction",
        "transaction_types",
        "needs_review",
        "review_reason",
        "extracted_at",
        "cjk_text",
        "id",
    }
)
_TEXT_FIELDS = ("title", "stock_name", "headline", "text", "facts_text")


def upsert_announcement(session: Session, fields: dict[str, Any]) -> tuple[Announcement, str]:
    """Insert or update the announcement with `fields["news_id"]`; returns (row, outcome).

    "new": no row had this news id. "changed": the file's sha256 differs from the stored one
    (or none was stored): fields are updated and the row goes back to `fetched`. "unchanged":
    same file; listing metadata (title, headline, ...) is refreshed, later stages are kept.
    """
    values = _normalise(fields)
    news_id = values.get("news_id")
    if not news_id:
        raise ValueError("upsert_announcement needs a news_id")
    existing = _by_news_id(session, news_id)
    if existing is None:
        try:
            with session.begin_nested():
                row = Announcement(**values)
                session.add(row)
        except IntegrityError:  # another worker inserted it first: update that row instead
            existing = _by_news_id(session, news_id)
            if existing is None:
                raise
        else:
            return row, "new"
    return existing, _update(session, existing, values)


def insert_new_announcements(session: Session, rows: list[dict[str, Any]]) -> set[str]:
    """Insert, in one flush, the rows whose news id no announcement holds yet; their news ids.

    The common case of a crawl, and 5x cheaper than one upsert per row. Values are taken as
    they are (the crawler cleans them). When a concurrent writer inserted one of them
    meanwhile nothing is inserted and the set is empty: the caller then upserts one by one.
    """
    if not rows:
        return set()
    wanted = [row["news_id"] for row in rows]
    known = set(
        session.exec(
            select(Announcement.news_id).where(
                Announcement.news_id.in_(wanted)  # type: ignore[attr-defined]
            )
        ).all()
    )
    fresh = [Announcement(**row) for row in rows if row["news_id"] not in known]
    if not fresh:
        return set()
    try:
        with session.begin_nested():
            session.add_all(fresh)
    except IntegrityError:
        return set()
    return {row.news_id for row in fresh}


def announcement_by_news_id(session: Session, news_id: str) -> Announcement | None:
    """The announcement with this HKEX news id, if stored."""
    return _by_news_id(session, news_id)


def mark_failed(session: Session, announcement_id: int, reason: str) -> Announcement:
    """Status `failed`, one more attempt, and the one-line reason kept in `last_error`."""
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise LookupError(f"no announcement with id {announcement_id}")
    row.status = Status.failed
    row.attempts = (row.attempts or 0) + 1
    row.last_error = clean_text(reason).strip()[:2000] or "failed (no reason given)"
    session.add(row)
    session.flush()
    return row


def _by_news_id(session: Session, news_id: str) -> Announcement | None:
    return session.exec(select(Announcement).where(Announcement.news_id == news_id)).first()


def _update(session: Session, row: Announcement, values: dict[str, Any]) -> Outcome:
    new_sha = values.get("sha256")
    changed = new_sha is not None and new_sha != row.sha256
    for key, value in values.items():
        if key == "news_id" or (not changed and key in _STAGE_FIELDS):
            continue
        if getattr(row, key) != value:
            setattr(row, key, value)
    if changed:
        row.status = values.get("status", Status.fetched)
        if row.status == Status.fetched:
            row.attempts = 0
            row.last_error = None
    session.add(row)
    session.flush()
    return "changed" if changed else "unchanged"


def _normalise(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(Announcement.model_fields)
    if unknown:
        raise TypeError(f"unknown announcement fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    for key in _TEXT_FIELDS:
        if key in values and values[key] is not None:
            values[key] = clean_text(values[key])
    for key in ("published_at", "fetched_at", "discovered_at", "extracted_at"):
        if isinstance(values.get(key), str):
            values[key] = _parse_datetime(values[key])
    if "stock_code" not in values and values.get("stock_codes"):
        values["stock_code"] = values["stock_codes"][0]
    if "stock_codes" not in values and values.get("stock_code"):
        values["stock_codes"] = [values["stock_code"]]
    if "status" in values:
        values["status"] = Status(values["status"])
    return values


def _parse_datetime(value: str) -> datetime:
    """ISO text; a time without a zone is Hong Kong time, as HKEXnews prints it."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=HK)


def save_filing(
    engine: Engine,
    fields: dict[str, Any],
    extraction: dict[str, Any],
    *,
    text: str,
    extractor_version: int,
) -> tuple[int, str]:
    """Upsert the announcement and store its extraction in one transaction, committed;
    returns (announcement id, upsert outcome). For a filing whose facts are already known
    (the sample that `filingwatch load-sample` stores)."""
    with session(engine) as s:
        row, outcome = upsert_announcement(s, fields)
        save_extraction(s, row.id, extraction, text=text, extractor_version=extractor_version)
        s.commit()
        return int(row.id), outcome
