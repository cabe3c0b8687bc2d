from datetime import datetime

from sqlmodel import select

import store


def test_store_models_timezone_round_trip(db_engine):
    published = datetime(2012, 5, 24, 19, 5, tzinfo=store.HK)
    with store.session(db_engine) as s:
        s.add(store.Announcement(news_id="1", stock_code="03888", published_at=published))
        s.commit()
    with store.session(db_engine) as s:
        row = s.exec(select(store.Announcement)).one()
    assert row.published_at == published
    assert row.published_at.utcoffset().total_seconds() == 8 * 3600
