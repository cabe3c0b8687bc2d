from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

import store

PUBLISHED = datetime(2012, 5, 24, 19, 5, tzinfo=store.HK)


def fields(**overrides):
    return {
        "news_id": "2012052400123",
        "stock_code": "03888",
        "stock_name": "KINGSOFT",
        "title": "CONTINUING CONNECTED TRANSACTION",
        "published_at": PUBLISHED,
        "sha256": "a" * 64,
        "status": "fetched",
        **overrides,
    }


def upsert(engine, values):
    with store.session(engine) as s:
        row, outcome = store.upsert_announcement(s, values)
        s.commit()
        return row, outcome


def count(engine):
    with store.session(engine) as s:
        return s.exec(select(func.count()).select_from(store.Announcement)).one()


def test_store_announcements_upsert_is_idempotent(db_engine):
    first, outcome1 = upsert(db_engine, fields())
    second, outcome2 = upsert(db_engine, fields())
    assert (outcome1, outcome2) == ("new", "unchanged")
    assert first.id == second.id
    assert count(db_engine) == 1


def test_store_announcements_changed_file_goes_back_to_fetched(db_engine):
    row, _ = upsert(db_engine, fields())
    with store.session(db_engine) as s:
        store.save_extraction(s, row.id, {"parties": []}, text="old", extractor_version=1)
        s.commit()
    row, outcome = upsert(db_engine, fields(sha256="b" * 64, status="fetched"))
    assert outcome == "changed"
    assert row.status == store.Status.fetched
    assert count(db_engine) == 1


def test_store_announcements_unchanged_keeps_later_stages(db_engine):
    row, _ = upsert(db_engine, fields())
    with store.session(db_engine) as s:
        store.save_extraction(s, row.id, {}, text="the text", extractor_version=3)
        s.commit()
    row, outcome = upsert(db_engine, fields(title="REVISED TITLE", status="discovered"))
    assert outcome == "unchanged"
    assert row.status == store.Status.extracted
    assert row.title == "REVISED TITLE"
    assert row.text == "the text"


def test_store_announcements_timezone_round_trip_from_other_zones(db_engine):
    utc = PUBLISHED.astimezone(UTC)
    upsert(db_engine, fields(published_at=utc))
    with store.session(db_engine) as s:
        row = s.exec(select(store.Announcement)).one()
    assert row.published_at == PUBLISHED
    assert row.published_at.utcoffset() == timedelta(hours=8)
    assert row.published_at.hour == 19


def test_store_announcements_iso_text_without_zone_is_hong_kong(db_engine):
    row, _ = upsert(db_engine, fields(published_at="2012-05-24T19:05:00"))
    assert row.published_at == PUBLISHED


def test_store_announcements_nul_bytes_are_dropped(db_engine):
    row, _ = upsert(db_engine, fields(title="A\x00B", text="x\x00y\x02z"))
    assert (row.title, row.text) == ("AB", "xyz")


def test_store_announcements_unknown_field_is_an_error(db_engine):
    with store.session(db_engine) as s, pytest.raises(TypeError, match="nonsense"):
        store.upsert_announcement(s, fields(nonsense=1))


def test_store_announcements_mark_failed_counts_attempts(db_engine):
    row, _ = upsert(db_engine, fields())
    for _ in range(2):
        with store.session(db_engine) as s:
            failed = store.mark_failed(s, row.id, "CorruptPDF: no xref table\nmore")
            s.commit()
    assert failed.status == store.Status.failed
    assert failed.attempts == 2
    assert failed.last_error.startswith("CorruptPDF")
