"""End to end, issue 7's "Done when": both languages crawled from the replica, extracted, paired;
a search for a director's Chinese name returns the English filing, and a subscription by the
English name alerts on a filing published only in Chinese.

Pairing is counted against the replica's manifest (found and false pairs, generated filings
included). A private replica serves a small corpus: two filings with both editions (01286:
HO Ka Chun / 何家俊 chairs the board; 00862: a gas supply deal) and one filing whose English
edition is left out, so it exists only in Chinese (01569_c, where 何家俊 is chairman,
connected person and abstains). Only the pairing can tell the subscriber that 何家俊 is the
HO Ka Chun they follow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import select

import jobs
import store
from alerts import create_subscription, match_new
from crawler import run_crawl
from crawler.replica.corpus import DEFAULT_CORPUS
from crawler.replica.testing import run_replica
from crawler.settings import FAST_TEST_SETTINGS
from jobs import pair_editions

pytestmark = pytest.mark.slow

BOTH = ["01286-20240708-brokerage-margin-cct", "00862-20240920-gas-supply-cct"]
CHINESE_ONLY = "01569-20250115-property-management-cct_c"


def _corpus(target: Path) -> Path:
    target.mkdir(parents=True)
    slugs = BOTH + [f"{s}_c" for s in BOTH] + [CHINESE_ONLY]
    for slug in slugs:
        for suffix in (".txt", ".gold.json", ".meta.json"):
            shutil.copy(DEFAULT_CORPUS / f"{slug}{suffix}", target / f"{slug}{suffix}")
    return target


def test_chinese_names_find_english_filings_and_english_names_alert_on_chinese_ones(
    tmp_path: Path,
) -> None:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'fw.db'}")
    store.ensure_schema(engine)
    sub = create_subscription(engine, "HO Ka Chun", channel="feed")
    with run_replica(days=2, per_day=0, seed=3, corpus=_corpus(tmp_path / "corpus")) as replica:
        served = replica.manifest(sha256=False)["announcements"]
        days = sorted({a["release_time"][:10] for a in served})
        summary = run_crawl(
            days[0],
            days[-1],
            lang="both",
            base_url=replica.url,
            database_url=str(engine.url),
            files_dir=str(tmp_path / "files"),
            rate=0,
            settings=FAST_TEST_SETTINGS,
        )
    assert summary["status"] == "succeeded", summary
    by_slug = {a["slug"]: a for a in served}
    en_news = by_slug[BOTH[0]]["news_id"]
    zh_news = by_slug[f"{BOTH[0]}_c"]["news_id"]
    only_zh = by_slug[CHINESE_ONLY]["news_id"]

    jobs.run_pending(engine, workers=1)
    with store.session(engine) as s:
        rows = {a.news_id: a for a in s.exec(select(store.Announcement)).all()}
    assert rows[zh_news].language == "zh" and rows[zh_news].status == store.Status.extracted
    assert rows[zh_news].extraction["company"] == "太平山金融控股有限公司"

    expected = {
        (a["edition_of"], a["news_id"]) for a in served if a["language"] == "zh" and a["edition_of"]
    }
    assert pair_editions(engine) == len(expected) >= len(BOTH)
    with store.session(engine) as s:
        rows = {a.news_id: a for a in s.exec(select(store.Announcement)).all()}
        person = s.exec(
            select(store.Person).where(store.Person.name_key == store.name_key("HO Ka Chun"))
        ).one()
    assert rows[en_news].paired_news_id == zh_news and rows[zh_news].paired_news_id == en_news
    assert rows[only_zh].paired_news_id is None, "no English edition, no pair"
    paired = {a.news_id for a in rows.values() if a.paired_news_id}
    assert all(rows[rows[n].paired_news_id].paired_news_id == n for n in paired)
    found = {(n, rows[n].paired_news_id) for n in paired if rows[n].language == "en"}
    print(
        f"replica pairs expected {len(expected)}, found {len(found & expected)}, "
        f"false {len(found - expected)}"
    )
    assert found == expected, "every edition the replica serves paired, no false pair"
    assert person.chinese_name == "何家俊"

    # a search for the director's Chinese name returns the filing (one hit: the Chinese
    # edition, linked to the English one)
    hits = store.search(engine, "何家俊").hits
    assert (zh_news, en_news) in {(h.news_id, h.paired_news_id) for h in hits}
    hits = store.search(engine, "張耀輝", store.SearchFilters(language="en")).hits
    assert en_news in {h.news_id for h in hits}

    # a subscription by the English name alerts on the filing published only in Chinese
    match_new(engine, include_history_for=[sub.id])
    with store.session(engine) as s:
        alerted = {
            a.news_id
            for a in s.exec(
                select(store.Announcement)
                .join(store.Alert, store.Alert.announcement_id == store.Announcement.id)
                .where(store.Alert.subscription_id == sub.id)
            ).all()
        }
    assert only_zh in alerted
    assert len(alerted & {en_news, zh_news}) == 1, "one alert for the two editions of a filing"
    engine.dispose()
