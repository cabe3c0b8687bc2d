"""What the batch runner (jobs/) reads and writes: the announcements waiting for extraction, and
each one's result or failure.

Why here: the store is the only package that speaks SQL. The runner gets plain `ToExtract`
records (nothing bound to a session, so it can hold them for the whole batch) and saves each
outcome in its own short transaction, so one bad save never undoes the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.announcements import mark_failed
from store.engine import session, write_session
from store.extraction_claims import drop_claim, holds_claim
from store.facts import save_extraction
from store.files import attachments_of
from store.models import Announcement, Status


@dataclass(frozen=True)
class StoredAttachment:
    """A fetched document a Multi-Files landing page lists, stored on disk."""

    url: str
    file_path: str


@dataclass(frozen=True)
class ToExtract:
    """One announcement to extract: where its files are and what its listing says."""

    id: int
    headline: str
    title: str
    document_url: str
    file_path: str | None
    #: fetched attachments with a stored file, in landing-page order (empty: read `file_path`)
    attachments: tuple[StoredAttachment, ...] = ()


def pending_extraction(engine: Engine, limit: int | None = None) -> list[ToExtract]:
    """Every announcement whose file is fetched and not yet extracted, oldest id first."""
    stmt = select(Announcement).where(Announcement.status == Status.fetched)
    return _to_extract(engine, stmt, limit)


def outdated_extraction(engine: Engine, extractor_version: int) -> list[ToExtract]:
    """Every announcement extracted by an extractor older than `extractor_version`."""
    A = Announcement
    stmt = select(A).where(
        A.extractor_version.is_not(None), A.extractor_version < extractor_version
    )
    return _to_extract(engine, stmt, None)


def extraction_input(engine: Engine, announcement_id: int) -> ToExtract:
    """One announcement as the batch would read it, whatever its status."""
    stmt = select(Announcement).where(Announcement.id == announcement_id)
    found = _to_extract(engine, stmt, None)
    if not found:
        raise LookupError(f"no announcement with id {announcement_id}")
    return found[0]


def _to_extract(engine: Engine, stmt, limit: int | None) -> list[ToExtract]:  # noqa: ANN001
    stmt = stmt.order_by(Announcement.id)
    if limit:
        stmt = stmt.limit(limit)
    with session(engine) as s:
        return [_record(s, row) for row in s.exec(stmt).all()]


def _record(s: Session, row: Announcement) -> ToExtract:
    attachments = tuple(
        StoredAttachment(a.url, a.file_path)
        for a in attachments_of(s, row.id)
        if a.status == "fetched" and a.file_path
    )
    return ToExtract(
        row.id,
        row.headline or "",
        row.title or "",
        row.document_url,
        row.file_path,
        attachments,
    )


def record_extraction(
    engine: Engine,
    announcement_id: int,
    extraction: dict[str, Any],
    *,
    text: str,
    extractor_version: int,
    review_reason: str | None = None,
    claim: str | None = None,
) -> bool:
    """Save one announcement's extraction in its own transaction (flagged when a reason).

    With `claim` (the holder's name, store/extraction_claims.py) it saves only while that
    claim is still held, and ends the claim in the same transaction; False when the claim was
    lost (its lease lapsed and another worker took the filing over: that one saves)."""
    with write_session(engine) as s:
        if claim is not None and not holds_claim(s, announcement_id, claim):
            return False
        save_extraction(
            s,
            announcement_id,
            extraction,
            text=text,
            extractor_version=extractor_version,
            needs_review=review_reason is not None,
            review_reason=review_reason,
        )
        if claim is not None:
            drop_claim(s, announcement_id)
        s.commit()
    return True


def record_failure(
    engine: Engine, announcement_id: int, reason: str, *, claim: str | None = None
) -> bool:
    """Mark one announcement failed with its one-line reason, in its own transaction; with
    `claim`, only while that claim is held (False otherwise), ending it."""
    with write_session(engine) as s:
        if claim is not None and not holds_claim(s, announcement_id, claim):
            return False
        mark_failed(s, announcement_id, reason)
        if claim is not None:
            drop_claim(s, announcement_id)
        s.commit()
    return True


def flagged_for_review(engine: Engine) -> list[tuple[int, str, str, str]]:
    """(id, stock code, title, reason) of every announcement flagged for review."""
    A = Announcement
    with session(engine) as s:
        rows = s.exec(select(A).where(A.needs_review.is_(True)).order_by(A.id)).all()
        return [(r.id, r.stock_code, r.title, r.review_reason or "") for r in rows]
