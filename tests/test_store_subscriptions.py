"""store/subscriptions.py: subscription rows; the one-click unsubscribe keeps the row, inactive."""

from __future__ import annotations

import store


def test_deactivate_subscription_keeps_the_row(db_engine):
    with store.session(db_engine) as s:
        sub = store.Subscription(name="LEI Jun", channel="feed")
        s.add(sub)
        s.commit()
        sub_id = sub.id
    assert store.deactivate_subscription(db_engine, sub_id) is True
    assert store.deactivate_subscription(db_engine, sub_id + 1000) is False
    with store.session(db_engine) as s:
        row = s.get(store.Subscription, sub_id)
        assert row is not None and row.active is False
    assert store.deactivate_subscription(db_engine, sub_id) is True  # again: still there
