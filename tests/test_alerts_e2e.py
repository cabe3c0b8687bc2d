"""End to end, the issue's "Done when": replica -> subscribe -> cycle -> e-mails on loopback.

A private replica serves two days of filings: the English corpus documents that name the
corpus's most-named director (and, in the same documents, namesakes sharing his surname), plus
the replica's generated filings - a small corpus, so the real extraction stays quick. Cycle 1
crawls day 1 only; cycle 2 uses the crawler's default window (which now reaches day 2); cycle 3
finds nothing new. The director followed is chosen from the replica's gold facts as a person
named on both days, so the test does not depend on which filing the seed puts on which day.

Expectations come from two independent places: the gold facts (which filings name the person),
and the stored person mentions compared by `store.name_key` equality (what extraction found).
The e-mails received must equal the latter exactly, one per filing, and be within the former.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import httpx
import pytest
from alerts_helpers import SmtpSink
from sqlmodel import select

import jobs
import scheduler
import store
from alerts import create_subscription
from crawler.replica.corpus import DEFAULT_CORPUS
from crawler.replica.testing import run_replica
from crawler.settings import FAST_TEST_SETTINGS

pytestmark = pytest.mark.slow


def _gold_names(gold: dict) -> set[str]:
    names = [n for group in (gold.get("directors") or {}).values() for n in group]
    names += [c["name"] for c in gold.get("connected_persons") or []]
    names += gold.get("abstained_directors") or []
    return {store.name_key(n) for n in names}


def _news_ids(messages) -> list[str]:
    found = [re.match(r"<alert\.\d+\.(\d+)@", m["Message-ID"]) for m in messages]
    return [m.group(1) for m in found if m]


def _mentioned(engine, key: str, news_ids: set[str]) -> set[str]:
    """English filings among `news_ids` whose stored mentions carry the person's name key."""
    with store.session(engine) as s:
        rows = s.exec(
            select(store.Announcement.news_id, store.PersonMention.name_as_written).join(
                store.PersonMention,
                store.PersonMention.announcement_id == store.Announcement.id,
            )
        )
        return {n for n, written in rows if n in news_ids and store.name_key(written) == key}


def test_alerts_e2e_day1_then_day2_then_nothing(tmp_path: Path, monkeypatch):
    if not hasattr(jobs, "run_pending"):
        pytest.skip("jobs.run_pending has not landed yet")
    engine = store.make_engine(f"sqlite:///{tmp_path / 'fw.db'}")
    store.ensure_schema(engine)
    options = {
        "lang": "en",
        "rate": 0,
        "settings": FAST_TEST_SETTINGS,
        "files_dir": str(tmp_path / "files"),
    }
    corpus = _small_corpus(tmp_path / "corpus")
    with run_replica(days=2, per_day=0, seed=1, corpus=corpus) as replica, SmtpSink() as sink:
        for name, value in sink.env.items():
            monkeypatch.setenv(name, value)
        english = [
            a for a in replica.manifest(sha256=False)["announcements"] if a["language"] == "en"
        ]
        day1, day2 = sorted({a["release_time"][:10] for a in english})
        golds = {a["news_id"]: httpx.get(a["gold_url"]).json() for a in english}
        gold = {n: _gold_names(g) for n, g in golds.items()}
        on_day = {
            d: {a["news_id"] for a in english if a["release_time"].startswith(d)}
            for d in (day1, day2)
        }
        key, name = _person_on_both_days(golds, gold, on_day, day1, day2)
        gold_day1 = {n for n in on_day[day1] if key in gold[n]}
        gold_day2 = {n for n in on_day[day2] if key in gold[n]}

        create_subscription(engine, name, channel="email", target="watcher@example.com")

        first = scheduler.run_cycle(
            replica.url, engine, crawl_options={**options, "date_from": day1, "date_to": day1}
        )
        assert first["status"] == "ok", first
        got1 = _news_ids(sink.messages)
        assert len(got1) == len(set(got1)), "one e-mail per filing"
        assert set(got1) == _mentioned(engine, key, on_day[day1])
        assert set(got1) <= gold_day1 and got1, (got1, gold_day1)

        second = scheduler.run_cycle(replica.url, engine, crawl_options=options)
        assert second["status"] == "ok", second
        got2 = _news_ids(sink.messages[len(got1) :])
        assert len(got2) == len(set(got2))
        assert set(got2) == _mentioned(engine, key, on_day[day2])  # only the new day's
        assert set(got2) <= gold_day2 and got2, (got2, gold_day2)

        third = scheduler.run_cycle(replica.url, engine, crawl_options=options)
        assert third["status"] == "ok", third
        assert (third["matched"], third["delivered"]) == (0, 0)
        assert len(sink.messages) == len(got1) + len(got2)
    for msg in sink.messages:
        assert msg["To"] == "watcher@example.com"
        body = msg.get_content()
        assert f'matched your name "{name}"' in body
        assert "/listedco/listconews/sehk/" in body
    engine.dispose()


def _small_corpus(target: Path, most: int = 7) -> Path:
    """Copy the English corpus documents naming the most-named person into `target`."""
    named: dict[str, set[str]] = {}
    for gold_path in sorted(DEFAULT_CORPUS.glob("*.gold.json")):
        slug = gold_path.name[: -len(".gold.json")]
        meta = json.loads((DEFAULT_CORPUS / f"{slug}.meta.json").read_text(encoding="utf-8"))
        if meta.get("language", "en") != "en":
            continue
        named[slug] = _gold_names(json.loads(gold_path.read_text(encoding="utf-8")))
    counts = Counter(key for keys in named.values() for key in keys)
    key = min(counts, key=lambda k: (-counts[k], k))
    target.mkdir(parents=True)
    for slug in [s for s, keys in named.items() if key in keys][:most]:
        for suffix in (".txt", ".gold.json", ".meta.json"):
            shutil.copy(DEFAULT_CORPUS / f"{slug}{suffix}", target / f"{slug}{suffix}")
    return target


def _person_on_both_days(golds, gold, on_day, day1, day2) -> tuple[str, str]:
    """The person named in the most filings, with at least one on each day; (key, name)."""
    best: tuple[int, str] | None = None
    for key in sorted({k for keys in gold.values() for k in keys}):
        d1 = sum(key in gold[n] for n in on_day[day1])
        d2 = sum(key in gold[n] for n in on_day[day2])
        if d1 and d2 and (best is None or d1 + d2 > best[0]):
            best = (d1 + d2, key)
    assert best, "the replica names nobody on both days; change its seed"
    key = best[1]
    for gold_doc in golds.values():
        for person in _names_as_printed(gold_doc):
            if store.name_key(person) == key:
                return key, person
    raise AssertionError(key)


def _names_as_printed(gold: dict) -> list[str]:
    names = [n for group in (gold.get("directors") or {}).values() for n in group]
    return names + [c["name"] for c in gold.get("connected_persons") or []]
