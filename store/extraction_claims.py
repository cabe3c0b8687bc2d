"""Claims on filings being extracted: one reader per filing, across processes and machines.

Why: Celery workers on several machines (jobs/tasks.py) and local batches started side by side
(jobs/batch.py) read from one queue of filings; without a claim two of them read the same
filing and race to save its facts. A claim is an `extractionclaim` row taken by one atomic
`INSERT .. SELECT .. ON CONFLICT DO UPDATE .. WHERE expires_at < now RETURNING` (PostgreSQL and
SQLite alike): it is taken only while the filing is still wanted and nobody holds a live
claim on it. The holder's heartbeat pushes `expires_at` forward; a dead holder's claim lapses
after its lease and another worker takes it over. The claim is deleted in the transaction that
saves the facts or the failure (store/extraction_queue.py), so a saved filing never keeps one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.models import Announcement, ExtractionClaim, HKDateTime, Status, now_hk

_CHUNK = 500
_A = Announcement.__table__
_C = ExtractionClaim.__table__


def _wanted(older_than: int | None):  # noqa: ANN202 - a SQL condition
    """Still to do: fetched (pending), or extracted by an extractor older than `older_than`."""
    if older_than is None:
        return _A.c.status == Status.fetched
    return (_A.c.extractor_version.is_not(None)) & (_A.c.extractor_version < older_than)


def claim_extraction(
    engine: Engine,
    ids: Iterable[int],
    holder: str,
    lease_seconds: float,
    *,
    older_than: int | None = None,
) -> list[int]:
    """Claim the filings of `ids` still to do and free (or lapsed); returns those claimed.

    `older_than=None` wants fetched filings (`extract --pending`), an extractor version wants
    filings extracted by an older one (`reprocess`)."""
    claimed: list[int] = []
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        now = now_hk()
        expires = now + timedelta(seconds=lease_seconds)
        source = select(
            _A.c.id,
            literal(holder),
            literal(now, HKDateTime()),
            literal(expires, HKDateTime()),
        ).where(_A.c.id.in_(chunk), _wanted(older_than))
        insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
        stmt = insert(_C).from_select(
            ["announcement_id", "holder", "claimed_at", "expires_at"], source
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["announcement_id"],
            set_={
                "holder": stmt.excluded.holder,
                "claimed_at": stmt.excluded.claimed_at,
                "expires_at": stmt.excluded.expires_at,
                "takeovers": _C.c.takeovers + 1,
            },
            where=_C.c.expires_at < now,
        ).returning(_C.c.announcement_id)
        with engine.begin() as conn:
            got = list(conn.execute(stmt).scalars())
        if got:
            claimed += _still_wanted(engine, got, holder, older_than)
    return sorted(claimed)


def _still_wanted(engine: Engine, got: list[int], holder: str, older_than: int | None) -> list[int]:
    """Drop claims on filings saved meanwhile. The claim's statement may have read a filing's
    state from before another worker's save committed (and found that worker's claim already
    gone); a fresh read after our commit sees the save, since save and release commit as one."""
    with engine.begin() as conn:
        still = set(
            conn.execute(select(_A.c.id).where(_A.c.id.in_(got), _wanted(older_than))).scalars()
        )
        done = [i for i in got if i not in still]
        if done:
            conn.execute(delete(_C).where(_C.c.announcement_id.in_(done), _C.c.holder == holder))
    return sorted(still)


def renew_claims(engine: Engine, holder: str, lease_seconds: float) -> int:
    """The heartbeat: push every live claim of `holder` `lease_seconds` ahead; returns how many."""
    with engine.begin() as conn:
        result = conn.execute(
            update(_C)
            .where(_C.c.holder == holder)
            .values(expires_at=now_hk() + timedelta(seconds=lease_seconds))
        )
        return result.rowcount or 0


def release_claims(engine: Engine, holder: str, ids: Iterable[int] | None = None) -> int:
    """Give up `holder`'s claims (all of them, or those on `ids`) without saving anything."""
    stmt = delete(_C).where(_C.c.holder == holder)
    if ids is not None:
        stmt = stmt.where(_C.c.announcement_id.in_(list(ids)))
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount or 0


def claim_lapses_in(engine: Engine, announcement_id: int) -> float | None:
    """Seconds until the live claim on the filing lapses; None without one (or a lapsed one)."""
    with engine.connect() as conn:
        expires = conn.execute(
            select(_C.c.expires_at).where(_C.c.announcement_id == announcement_id)
        ).scalar()
    if expires is None:
        return None
    left = (expires - now_hk()).total_seconds()
    return left if left > 0 else None


def claim_takeovers(engine: Engine, announcement_id: int) -> int:
    """How often the filing's current claim was taken over from a holder that went silent:
    each one a worker that died (or stalled) while reading it."""
    with engine.connect() as conn:
        found = conn.execute(
            select(_C.c.takeovers).where(_C.c.announcement_id == announcement_id)
        ).scalar()
    return found or 0


def holds_claim(session: Session, announcement_id: int, holder: str) -> bool:
    """In a saving transaction: does `holder` still hold the filing's claim? On PostgreSQL the
    claim row is locked until the transaction ends, so no takeover slips in before the save."""
    stmt = select(_C.c.holder).where(_C.c.announcement_id == announcement_id)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.connection().execute(stmt).scalar() == holder


def drop_claim(session: Session, announcement_id: int) -> None:
    """In the saving transaction: the filing is done, its claim goes with the save."""
    session.connection().execute(delete(_C).where(_C.c.announcement_id == announcement_id))


@dataclass(frozen=True)
class ClaimHolder:
    holder: str
    filings: int


@dataclass(frozen=True)
class ExtractionActivity:
    """What `filingwatch status` shows of extraction at work."""

    holders: tuple[ClaimHolder, ...]  # live claims, by holder (one per worker process)
    lapsed_claims: int  # claims of dead workers, waiting to be taken over
    extracted_last_minute: int
    extracted_last_hour: int
    failed: int
    recent_failures: tuple[tuple[str, str], ...]  # (news id, reason), newest first


def extraction_activity(engine: Engine, failures: int = 3) -> ExtractionActivity:
    """Live claims by holder, lapsed claims, filings extracted lately, failures."""
    now = now_hk()
    with engine.connect() as conn:
        live = conn.execute(
            select(_C.c.holder, func.count())
            .where(_C.c.expires_at >= now)
            .group_by(_C.c.holder)
            .order_by(_C.c.holder)
        ).all()
        lapsed = conn.execute(select(func.count()).where(_C.c.expires_at < now)).scalar() or 0

        def extracted_since(seconds: float) -> int:
            since = now - timedelta(seconds=seconds)
            stmt = select(func.count()).where(
                _A.c.status == Status.extracted, _A.c.extracted_at >= since
            )
            return conn.execute(stmt).scalar() or 0

        failed = conn.execute(select(func.count()).where(_A.c.status == Status.failed)).scalar()
        recent = conn.execute(
            select(_A.c.news_id, _A.c.last_error)
            .where(_A.c.status == Status.failed)
            .order_by(_A.c.id.desc())
            .limit(failures)
        ).all()
        return ExtractionActivity(
            holders=tuple(ClaimHolder(h, n) for h, n in live),
            lapsed_claims=lapsed,
            extracted_last_minute=extracted_since(60),
            extracted_last_hour=extracted_since(3600),
            failed=failed or 0,
            recent_failures=tuple((n, e or "") for n, e in recent),
        )


def extraction_states(engine: Engine, ids: Iterable[int]) -> dict[int, tuple[str, int | None]]:
    """(status, extractor version) of each filing of `ids`: how far a queued batch has got."""
    ids = list(ids)
    states: dict[int, tuple[str, int | None]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            rows = conn.execute(
                select(_A.c.id, _A.c.status, _A.c.extractor_version).where(
                    _A.c.id.in_(ids[start : start + _CHUNK])
                )
            ).all()
            states.update({i: (str(s), v) for i, s, v in rows})
    return states
