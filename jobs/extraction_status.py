"""What `filingwatch status` shows of extraction at work: the queue's depth, the workers and
what they hold, how fast filings are being extracted, and the failures.

Why here: the broker's side (queue, workers) is Celery's, the rest is the store's; cli.py only
prints these lines. A broker that does not answer is one line, not a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import store
from store.wording import plural

if TYPE_CHECKING:
    from store.engine import Engine

INSPECT_SECONDS = 1.0


def status_lines(engine: Engine) -> list[str]:
    """Lines for `filingwatch status`, after the filing counts."""
    activity = store.extraction_activity(engine)
    lines = _broker_lines()
    if activity.holders:
        held = ", ".join(f"{h.holder} ({h.filings})" for h in activity.holders)
        lines.append(f"reading now: {held}")
    if activity.lapsed_claims:
        lines.append(
            f"lapsed claims: {plural(activity.lapsed_claims, 'filing')} of dead workers, "
            "to be taken over"
        )
    lines.append(
        f"rate: {activity.extracted_last_minute} extracted in the last minute, "
        f"{activity.extracted_last_hour} in the last hour"
    )
    lines.append(f"failures: {activity.failed} failed")
    lines += [f"  {news_id}: {reason[:120]}" for news_id, reason in activity.recent_failures]
    return lines


def _broker_lines() -> list[str]:
    from jobs.queueing import broker_configured

    if not broker_configured():
        return ["extraction: a local process pool (no FILINGWATCH_BROKER_URL)"]
    from jobs.celery_app import broker_url, current_app, queue_name

    app = current_app()
    shown = store.shown_url(broker_url() or "")
    try:
        depth = queue_depth()
        workers = queue_workers()
        replies = {}
        if workers:
            inspect = app.control.inspect(destination=workers, timeout=INSPECT_SECONDS)
            replies = {w: [] for w in workers} | (inspect.active() or {})
    except Exception as exc:  # noqa: BLE001 - the broker's own errors vary by transport
        return [f"queue: broker {shown} does not answer: {type(exc).__name__}: {exc}"[:200]]
    lines = [f"queue: {plural(depth, 'task')} waiting in {queue_name()!r} on {shown}"]
    if not replies:
        lines.append("workers: none answering (start one: filingwatch worker)")
    for worker, active in sorted(replies.items()):
        lines.append(f"worker {worker}: {len(active)} running")
    return lines


def queue_workers() -> list[str]:
    """The workers that answer and read our queue (others may share the broker)."""
    from jobs.celery_app import current_app, queue_name

    inspect = current_app().control.inspect(timeout=INSPECT_SECONDS)
    replies = inspect.active_queues() or {}
    ours = [
        w for w, queues in replies.items() if any(q.get("name") == queue_name() for q in queues)
    ]
    return sorted(ours)


def queue_depth() -> int:
    """Tasks waiting in the queue (not those a worker has taken)."""
    from kombu.exceptions import ChannelError

    from jobs.celery_app import current_app, queue_name

    with current_app().connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0.2)
        try:
            ok = conn.default_channel.queue_declare(queue=queue_name(), passive=True)
        except ChannelError:  # Redis: an empty queue is no key at all
            return 0
        return int(ok.message_count)
