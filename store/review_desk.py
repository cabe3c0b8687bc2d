"""The review queue for a server: each call is one transaction on a session of its own.

Why: the web hands the store an engine, never a session (store/ is the only package that
speaks SQL). The queue's rules stay in store/review.py, whose functions take a session so
that a caller may do several steps in one transaction; these wrap them one step each,
committing a write only when it succeeded (an error rolls it back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from store.engine import session
from store.review import (
    QueueCounts,
    ReviewItem,
    accept,
    correct,
    queue_counts,
    review_item,
    review_queue,
)


@dataclass(frozen=True)
class ReviewSheet:
    """One filing's queue entry and its stored extraction (corrections marked in it)."""

    item: ReviewItem
    extraction: dict


def review_list(
    engine: Engine,
    *,
    state: str = "open",
    kind: str | None = None,
    stock: str | None = None,
    text: str | None = None,
) -> list[ReviewItem]:
    """`review_queue` on a session of its own (ReviewError for a bad filter)."""
    with session(engine) as s:
        return review_queue(s, state=state, kind=kind, stock=stock, text=text)


def review_sheet(engine: Engine, news_id: str) -> ReviewSheet:
    """The filing's entry and extraction; ReviewError when there is no such filing."""
    with session(engine) as s:
        item, row = review_item(s, news_id)
        return ReviewSheet(item=item, extraction=row.extraction or {})


def accept_review(engine: Engine, news_id: str, note: str, reviewer: str = "") -> ReviewItem:
    """`accept`, committed; the filing's entry as it now stands."""
    with session(engine) as s:
        accept(s, news_id, note, reviewer)
        s.commit()
        return review_item(s, news_id)[0]


def correct_review(
    engine: Engine, news_id: str, fact: str, values: dict[str, Any], note: str, reviewer: str = ""
) -> ReviewItem:
    """`correct`, committed (rolled back on ReviewError); the filing's entry as it now stands."""
    with session(engine) as s:
        correct(s, news_id, fact, values, note, reviewer)
        s.commit()
        return review_item(s, news_id)[0]


def review_counts(engine: Engine) -> QueueCounts:
    """`queue_counts` on a session of its own."""
    with session(engine) as s:
        return queue_counts(s)
