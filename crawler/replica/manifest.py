"""`GET /_replica/manifest`: every announcement the replica serves, for tests to compare with.

Why: an end-to-end crawl test must know the truth independently of the servlet it crawls:
each filing's news id, language, file URL and the sha256 of the file's bytes.
"""

from __future__ import annotations

from .catalogue import Catalogue, Filing

# Above this many unrendered files, render them with a process pool before hashing.
PRERENDER_THRESHOLD = 200


def manifest(catalogue: Catalogue, base_url: str, with_sha256: bool = True) -> dict:
    store = catalogue.files
    if with_sha256 and len(store.specs) - store.rendered() > PRERENDER_THRESHOLD:
        store.prerender()
    base = base_url.rstrip("/")
    config = catalogue.config
    return {
        "replica": {
            "seed": config.seed,
            "days": config.days,
            "per_day": config.per_day,
            "extra": config.extra,
            "first_day": catalogue.first_day.isoformat(),
            "last_day": catalogue.last_day.isoformat(),
            "timezone": "Asia/Hong_Kong",
        },
        "count": len(catalogue.filings),
        "announcements": [_entry(f, catalogue, base, with_sha256) for f in catalogue.filings],
        "deals": deals_answer_key(catalogue),
    }


def deals_answer_key(catalogue: Catalogue) -> list[dict]:
    """The deal lives the replica publishes: each filing's news id and part, and each
    agreement-year's cap, actual and whether it exceeded the cap (crawler/replica/deals.py)."""
    news_ids = {f.doc.slug: str(f.news_id) for f in catalogue.filings}
    return [life.answer(news_ids) for life in catalogue.deals]


def _file(catalogue: Catalogue, path: str, base: str, with_sha256: bool) -> dict:
    store = catalogue.files
    data = store.get(path) if with_sha256 else None
    return {
        "file_link": path,
        "url": base + path,
        "sha256": store.sha256(path) if with_sha256 else None,
        "size": len(data) if data is not None else None,
    }


def _entry(f: Filing, catalogue: Catalogue, base: str, with_sha256: bool) -> dict:
    doc = f.doc
    return {
        "news_id": str(f.news_id),
        "language": f.language,
        "slug": doc.slug,
        "source": doc.source,
        "release_time": f.released.isoformat(),
        "date_time": f.date_time,
        "stock_codes": f.stock_codes,
        "stock_names": f.stock_names,
        "title": doc.title,
        "headline": f.long_text,
        "short_text": f.short_text,
        "t1code": doc.t1code,
        "t2codes": doc.t2codes,
        "file_type": doc.file_type,
        **_file(catalogue, f.file_link, base, with_sha256),
        "attachments": [
            {"label": a.label, **_file(catalogue, a.path, base, with_sha256)} for a in f.attachments
        ],
        "edition_of": str(f.edition_of) if f.edition_of else None,
        "headlines_revised": doc.headlines_revised,
        "gold_url": f"{base}/_replica/gold/{doc.slug}" if doc.gold is not None else None,
    }
