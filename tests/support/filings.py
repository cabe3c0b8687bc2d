"""Fetched filings for concurrency tests: gold-corpus texts rendered to PDF (as bench/extract.py
does), stored as `fetched` announcements, and each filing's facts as rows to compare runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

import store
from support.pdfs import render_text_pdf

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
CCT = "Announcements and Notices - [Continuing Connected Transaction]"
FACT_TABLES = (
    store.PersonMention,
    store.ConnectedPerson,
    store.AnnualCap,
    store.Party,
    store.Agreement,
)


def corpus_pdfs(out: Path, n: int) -> list[Path]:
    """The first `n` English corpus texts as PDFs."""
    texts = [t for t in sorted(CORPUS.glob("*.txt")) if not t.stem.endswith("_c")][:n]
    return [render_text_pdf(t.read_text(encoding="utf-8"), out / f"{t.stem}.pdf") for t in texts]


def store_fetched(engine: store.Engine, paths: list[Path]) -> list[int]:
    """One fetched announcement per file (news id = the file's stem); their ids."""
    ids = []
    with store.session(engine) as s:
        for k, path in enumerate(paths):
            row, _ = store.upsert_announcement(
                s,
                {
                    "news_id": path.stem[:32],
                    "stock_code": path.stem[:5],
                    "title": path.stem,
                    "headline": CCT,
                    "published_at": datetime(2024, 1, 1 + k % 28, 19, 0, tzinfo=store.HK),
                    "file_path": str(path),
                    "sha256": f"sha{k}",
                    "status": "fetched",
                    "language": "en",
                },
            )
            ids.append(row.id)
        s.commit()
    return ids


def facts_by_filing(engine: store.Engine) -> dict[str, tuple]:
    """news id -> (status, attempts, extraction JSON, rows in each fact table)."""
    out = {}
    with store.session(engine) as s:
        for row in s.execute(select(store.Announcement)).scalars():
            counts = tuple(
                s.execute(
                    select(func.count()).where(table.announcement_id == row.id)  # type: ignore[attr-defined]
                ).scalar()
                for table in FACT_TABLES
            )
            out[row.news_id] = (str(row.status), row.attempts, row.extraction, counts)
    return out
