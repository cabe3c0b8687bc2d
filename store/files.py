"""The attached documents of a Multi-Files announcement: recorded, compared, listed.

Why a table of their own: the landing page (the announcement's own file) holds no facts; the
documents it links to do. Each one is kept like the main file (by sha256) and recorded here,
so an attachment that could not be fetched leaves a visible row with its reason instead of
vanishing, and a re-crawl can tell new, changed and unchanged attachments apart.
Functions flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from store.cleaning import clean_text
from store.models import Announcement, AnnouncementFile, Status, now_hk

FETCHED = "fetched"
FAILED = "failed"


@dataclass
class AttachmentsOutcome:
    """`changed`: some attachment is new, differs, was fetched after failing, or left the page.
    `missing`: one line per attachment that has no good file (the announcement is incomplete).
    """

    changed: bool = False
    missing: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str | None:
        if not self.missing:
            return None
        more = f" (and {len(self.missing) - 1} more)" if len(self.missing) > 1 else ""
        return f"incomplete: {self.missing[0]}{more}"


def record_attachments(
    session: Session, announcement_id: int, files: list[dict[str, Any]]
) -> AttachmentsOutcome:
    """Make the announcement's attachment rows match this crawl's `files`.

    Each dict has `position`, `url`, `label`, `file_type` and either `sha256`, `file_path`,
    `size` (fetched) or `error` (failed). A failure never discards a file an earlier crawl
    kept (a transient error must not lose it); attachments no longer listed are removed.
    """
    rows = session.exec(
        select(AnnouncementFile).where(AnnouncementFile.announcement_id == announcement_id)
    ).all()
    existing = {row.url: row for row in rows}
    out = AttachmentsOutcome()
    total = len(files)
    for entry in files:
        url = str(entry["url"])
        row = existing.pop(url, None)
        if row is None:
            row = AnnouncementFile(announcement_id=announcement_id, position=0, url=url)
        row.position = int(entry["position"])
        row.label = clean_text(str(entry.get("label") or ""))[:500]
        row.file_type = str(entry.get("file_type") or "")[:16]
        error = entry.get("error")
        if error:
            if row.status == FETCHED and row.sha256:
                session.add(row)  # keeps the earlier good file
                continue
            row.status, row.sha256, row.file_path, row.size = FAILED, None, None, None
            row.error = clean_text(str(error)).strip()[:2000]
            name = url.rsplit("/", 1)[-1]
            out.missing.append(f"attachment {row.position} of {total} ({name}): {row.error}")
        else:
            if row.status != FETCHED or row.sha256 != entry["sha256"]:
                out.changed = True
            row.status, row.error = FETCHED, None
            row.sha256, row.file_path = entry["sha256"], entry.get("file_path")
            row.size, row.fetched_at = entry.get("size"), now_hk()
        session.add(row)
    for gone in existing.values():
        session.delete(gone)
        out.changed = True
    session.flush()
    return out


def attachments_of(session: Session, announcement_id: int) -> list[AnnouncementFile]:
    """The announcement's attachment rows in landing-page order."""
    return list(
        session.exec(
            select(AnnouncementFile)
            .where(AnnouncementFile.announcement_id == announcement_id)
            .order_by(AnnouncementFile.position, AnnouncementFile.id)
        ).all()
    )


def mark_refetched(session: Session, announcement_id: int) -> Announcement:
    """Back to `fetched` (attempts and error cleared): its set of files is complete and new."""
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise LookupError(f"no announcement with id {announcement_id}")
    row.status, row.attempts, row.last_error = Status.fetched, 0, None
    session.add(row)
    session.flush()
    return row
