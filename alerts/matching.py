"""Match extracted filings against subscriptions and put one Alert per pair in the outbox.

"New" means *discovered after the subscription was created*: an announcement whose
`discovered_at` (when our crawler first stored it) is at or after `Subscription.created_at`.
So the first cycle after subscribing alerts on the filings that cycle crawls, not on the
archive; `include_history_for=[id]` opts a subscription into everything already stored.

One alert per (subscription, announcement), ever: the table's unique constraint plus an
insert-or-ignore (`ON CONFLICT DO NOTHING`, on SQLite and PostgreSQL alike), so re-running a
cycle, re-extracting a filing or two matchers racing can never make a second row. The English
and Chinese editions of one filing count as one filing: editions are recognised by
`paired_news_id` when the crawler sets it, else as the same stock codes released at the same
minute in another language (HKEXnews releases both editions together). The first edition
matched gets the alert, English first when both arrive together.

Every cycle re-reads the person mentions of extracted filings discovered since the oldest
subscription; a name is scored only when it shares a surname (or its variant, or the Chinese
name) with the subscription (`match_keys`, a set test), so this stays quick for a nightly job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import store
from alerts.names import MATCH_THRESHOLD, match_keys, name_score
from alerts.subscriptions import ROLE_FILTERS, names_of, normalise_stock_code
from extract import ROLE_PATHS, Extraction
from store import Engine, NewAlert, Subscription

#: When one person holds several roles in a filing, the alert leads with the first of these.
ROLE_PRIORITY = [
    "connected_person",
    "abstained",
    "executive",
    "non_executive",
    "independent_non_executive",
]


@dataclass
class _Mention:
    name: str
    role: str
    evidence: str | None
    chinese_name: str | None
    person_name: str | None = None  # the Person row's display name (store links spellings)


@dataclass
class _Filing:
    id: int
    news_id: str
    paired_news_id: str | None
    language: str
    edition_key: tuple
    discovered_at: dt.datetime
    stock_codes: list[str]
    transaction_types: list[str]
    mentions: list[_Mention]


def match_new(
    engine: Engine, *, include_history_for: Iterable[int] = (), now: dt.datetime | None = None
) -> int:
    """Create the alerts due for extracted filings; returns how many rows were inserted."""
    history = set(include_history_for)
    subs = store.subscriptions(engine, active_only=True)
    if not subs:
        return 0
    since = None if any(sub.id in history for sub in subs) else min(x.created_at for x in subs)
    filings = _load_filings(engine, since)
    created = 0
    caps: dict[int, list[Decimal]] = {}
    for sub in subs:
        created += _match_subscription(engine, sub, filings, sub.id in history, caps, now)
    return created


def _load_filings(engine: Engine, since: dt.datetime | None) -> list[_Filing]:
    filings: dict[int, _Filing] = {}
    for row in store.extracted_mentions(engine, since):
        filing = filings.get(row.announcement_id)
        if filing is None:
            codes = row.stock_codes or [row.stock_code]
            stock_codes = [normalise_stock_code(c) for c in codes if c]
            filing = filings[row.announcement_id] = _Filing(
                id=row.announcement_id,
                news_id=row.news_id,
                paired_news_id=row.paired_news_id,
                language=row.language,
                edition_key=edition_key(stock_codes, row.published_at),
                discovered_at=row.discovered_at,
                stock_codes=stock_codes,
                transaction_types=[t.lower() for t in row.transaction_types or []],
                mentions=[],
            )
        filing.mentions.append(
            _Mention(
                row.name_as_written, row.role, row.evidence_text, row.chinese_name, row.display_name
            )
        )
    # English editions first, so a filing alerts on the edition most subscribers read
    return sorted(filings.values(), key=lambda f: (f.language != "en", f.id))


def _match_subscription(
    engine: Engine,
    sub: Subscription,
    filings: list[_Filing],
    with_history: bool,
    caps: dict[int, list[Decimal]],
    now: dt.datetime | None,
) -> int:
    names = names_of(sub)
    keys = set().union(*(match_keys(n) for n in names))
    allowed_roles = set().union(*(ROLE_FILTERS[r] for r in sub.roles)) if sub.roles else None
    wanted_codes = {normalise_stock_code(c) for c in sub.stock_codes}
    wanted_types = [t.lower() for t in sub.transaction_types]
    alerted_ids, alerted_news, alerted_editions = _already_alerted(engine, sub.id)
    created = 0
    for filing in filings:
        if filing.id in alerted_ids or filing.news_id in alerted_news:
            continue
        if filing.paired_news_id and filing.paired_news_id in alerted_news:
            continue  # the other edition of this filing already alerted
        if alerted_editions.get(filing.edition_key, filing.language) != filing.language:
            continue  # same stock, same minute, other language: the other edition
        if not with_history and filing.discovered_at < sub.created_at:
            continue
        if wanted_codes and not wanted_codes.intersection(filing.stock_codes):
            continue
        if wanted_types and not any(w in t for w in wanted_types for t in filing.transaction_types):
            continue
        best = _best_mention(sub, names, keys, filing.mentions, allowed_roles)
        if best is None:
            continue
        mention, score, alias = best
        if sub.min_cap_amount is not None:
            amounts = caps.get(filing.id)
            if amounts is None:
                amounts = caps[filing.id] = store.cap_amounts(engine, filing.id)
            if not any(a >= sub.min_cap_amount for a in amounts):
                continue
        evidence = mention.evidence or _evidence_from_extraction(engine, filing.id, mention)
        if _insert_alert(engine, sub.id, filing.id, mention, evidence, alias, score, now):
            created += 1
        alerted_news.add(filing.news_id)
        alerted_editions.setdefault(filing.edition_key, filing.language)
        if filing.paired_news_id:
            alerted_news.add(filing.paired_news_id)
    return created


def _best_mention(
    sub: Subscription,
    names: list[str],
    keys: set[str],
    mentions: list[_Mention],
    allowed_roles: set[str] | None,
) -> tuple[_Mention, float, str] | None:
    best: tuple[float, int, _Mention, str] | None = None
    for mention in mentions:
        if allowed_roles is not None and mention.role not in allowed_roles:
            continue
        # The name as written explains the alert best; the Chinese name is the fallback.
        score, alias = _score_mention(names, keys, mention)
        if score < MATCH_THRESHOLD or alias is None:
            if not (sub.chinese_name and sub.chinese_name == mention.chinese_name):
                continue
            score, alias = 100.0, sub.chinese_name
        rank = -ROLE_PRIORITY.index(mention.role) if mention.role in ROLE_PRIORITY else -99
        if best is None or (score, rank) > (best[0], best[1]):
            best = (score, rank, mention, alias)
    return None if best is None else (best[2], best[0], best[3])


def _score_mention(names: list[str], keys: set[str], mention: _Mention) -> tuple[float, str | None]:
    """The name as written, or else the linked Person's display name (雷軍 -> "LEI Jun")."""
    best: tuple[float, str | None] = (0.0, None)
    for written in dict.fromkeys(n for n in (mention.name, mention.person_name) if n):
        if keys.isdisjoint(match_keys(written)):
            continue  # no shared surname or Chinese name: cannot match, skip the scoring
        score = name_score(names, written)
        if score[0] > best[0]:
            best = score
    return best


def edition_key(stock_codes: list[str], published_at: dt.datetime) -> tuple:
    """What the English and Chinese editions of one filing share: stocks and release minute."""
    return (tuple(sorted(stock_codes)), published_at.replace(second=0, microsecond=0))


def _already_alerted(
    engine: Engine, subscription_id: int
) -> tuple[set[int], set[str], dict[tuple, str]]:
    """The subscription's alerted filings: ids, news ids (and pairs), edition keys -> language."""
    ids: set[int] = set()
    news: set[str] = set()
    editions: dict[tuple, str] = {}
    for filing in store.alerted_filings(engine, subscription_id):
        ids.add(filing.announcement_id)
        news.add(filing.news_id)
        if filing.paired_news_id:
            news.add(filing.paired_news_id)
        codes = [normalise_stock_code(c) for c in (filing.stock_codes or [filing.stock_code]) if c]
        editions.setdefault(edition_key(codes, filing.published_at), filing.language)
    return ids, news, editions


def _evidence_from_extraction(
    engine: Engine, announcement_id: int, mention: _Mention
) -> str | None:
    """The evidence sentence from the extraction JSON when the mention row has none.

    Evidence keys are fact paths ("directors.non_executive[0]", "connected_persons[1]"); for a
    connected person without one, the stated relationship is the next best sentence.
    """
    extraction = store.extraction_of(engine, announcement_id)
    if not extraction:
        return None
    ex = Extraction.from_json(extraction)
    path = ROLE_PATHS.get(mention.role)
    if path is None:
        return None
    for i, name in enumerate(ex.names_in(mention.role)):
        if name != mention.name:
            continue
        found = ex.evidence.get(f"{path}[{i}]")
        if found is not None and found.text:
            return found.text
        if path == "connected_persons" and ex.connected_persons[i].relationship:
            return f"{name}: {ex.connected_persons[i].relationship}"
    return None


def _insert_alert(
    engine: Engine,
    subscription_id: int,
    announcement_id: int,
    mention: _Mention,
    evidence: str | None,
    alias: str,
    score: float,
    now: dt.datetime | None,
) -> bool:
    """Insert-or-ignore on the (subscription, announcement) unique constraint."""
    new = NewAlert(
        subscription_id=subscription_id,
        announcement_id=announcement_id,
        person_name=mention.name,
        role=mention.role,
        evidence_text=evidence,
        matched_alias=alias,
        score=score,
        created_at=now or store.now_hk(),
    )
    return store.insert_alert(engine, new)
