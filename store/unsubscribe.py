"""The one-click unsubscribe: stop a subscription's alerts but keep its row.

Why keep the row: an admin can see who unsubscribed and undo it; deleting (with its alerts)
is the admin's own action (alerts.delete_subscription).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from store.engine import session
from store.models import Subscription


def deactivate_subscription(engine: Engine, subscription_id: int) -> bool:
    """Set the subscription inactive; False when there is no such subscription."""
    with session(engine) as s:
        sub = s.get(Subscription, subscription_id)
        if sub is None:
            return False
        sub.active = False
        s.add(sub)
        s.commit()
        return True
