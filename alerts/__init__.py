"""Alerts: subscriptions to a person, name matching, the alert outbox and its delivery.

Other packages import only these names.
"""

from alerts.delivery import deliver_pending
from alerts.feed import SubscriptionNotFound, render_feed
from alerts.links import feed_url, link_signature, unsubscribe_url
from alerts.matching import match_new
from alerts.names import MATCH_THRESHOLD, name_score
from alerts.operator import notify_operator, operator_targets
from alerts.subscriptions import (
    SubscriptionError,
    create_subscription,
    delete_subscription,
    get_subscription,
    list_subscriptions,
    parse_min_cap,
)
from alerts.targets import ALLOW_PRIVATE_ENV, WebhookTargetRefused, check_webhook_url

__all__ = [
    "ALLOW_PRIVATE_ENV",
    "MATCH_THRESHOLD",
    "SubscriptionError",
    "SubscriptionNotFound",
    "WebhookTargetRefused",
    "check_webhook_url",
    "create_subscription",
    "delete_subscription",
    "deliver_pending",
    "get_subscription",
    "feed_url",
    "link_signature",
    "list_subscriptions",
    "match_new",
    "name_score",
    "notify_operator",
    "operator_targets",
    "parse_min_cap",
    "render_feed",
    "unsubscribe_url",
]
