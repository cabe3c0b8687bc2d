"""jobs/editions.py: pairing English and Chinese editions, and linking names across them.

The whole gold corpus is stored as the crawler would store it (English edition news id n, Chinese
n+1, same stock and minute), with the gold JSON as each edition's extraction, plus traps: two
filings of one stock released in the same minute under different categories with interleaved news
ids, two of the same category in the same minute, and an English-only filing. Pairing must find
every corpus pair and no false one, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

import store
from jobs.editions import (
    Edition,
    align_parties,
    align_people,
    category,
    compatible,
    pair_editions,
)
from store import Announcement, Party, Person, PersonMention, Subscription

CORPUS = Path(__file__).resolve().parents[1] / "crawler" / "replica" / "corpus"
HK = dt.timezone(dt.timedelta(hours=8))


def _headline(text: str) -> tuple[str, list[str]]:
    m = re.match(r"(?P<t1>.+?) - \[(?P<t2>.+)\]$", text)
    if not m:
        return text, []
    return m.group("t1"), [s.strip() for s in m.group("t2").split(" / ")]


def _docs() -> dict[str, tuple[dict, dict]]:
    out = {}
    for meta_path in sorted(CORPUS.glob("*.meta.json")):
        slug = meta_path.name[: -len(".meta.json")]
        gold = json.loads((CORPUS / f"{slug}.gold.json").read_text(encoding="utf-8"))
        out[slug] = (json.loads(meta_path.read_text(encoding="utf-8")), gold)
    return out


def _store(session, news_id: int, meta: dict, gold: dict | None, when: dt.datetime) -> None:
    t1, t2 = _headline(meta["headline"])
    row, _ = store.upsert_announcement(
        session,
        {
            "news_id": str(news_id),
            "stock_code": meta["stock_codes"][0],
            "stock_codes": meta["stock_codes"],
            "stock_name": meta["stock_names"][0],
            "title": meta["title"],
            "headline": meta["headline"],
            "headline_t1": t1,
            "headline_t2": t2,
            "published_at": when,
            "language": meta["language"],
            "document_url": f"/x/{news_id}{'_c' if meta['language'] == 'zh' else ''}.pdf",
            "status": "fetched",
        },
    )
    session.flush()
    if gold is not None:  # English-only distractors stay unextracted: pairing needs no facts
        store.save_extraction(session, row.id, gold, text="", extractor_version=1)


def load_corpus(engine: Engine) -> set[tuple[str, str]]:
    """Store the corpus with traps; returns the (English, Chinese) news-id pairs expected."""
    docs = _docs()
    english = [s for s, (m, _) in docs.items() if m["language"] == "en"]
    expected: set[tuple[str, str]] = set()
    news = 12_000_000
    with store.session(engine) as session:
        for i, slug in enumerate(english):
            meta, gold = docs[slug]
            date = dt.date.fromisoformat(gold["announcement_date"] or "2024-01-01")
            when = dt.datetime.combine(date, dt.time(19, 0), HK) + dt.timedelta(minutes=i % 50)
            chinese = docs.get(f"{slug}_c")
            _store(session, news, meta, gold if chinese else None, when)
            if chinese:
                _store(session, news + 1, chinese[0], chinese[1], when + dt.timedelta(seconds=30))
                expected.add((str(news), str(news + 1)))
            news += 10
        # trap 1: another 02781 filing in the same minute as the warehousing CCT, different
        # category, news ids interleaved (EN a, EN b, ZH a, ZH b): adjacency alone would
        # pair EN b with ZH a
        en_a, zh_a = (
            docs["02781-20240315-warehousing-cct"],
            docs["02781-20240315-warehousing-cct_c"],
        )
        en_b = copy.deepcopy(docs["02781-20240628-it-services-cct"])
        zh_b = copy.deepcopy(docs["02781-20240628-it-services-cct_c"])
        for meta, head in (
            (en_b[0], "Announcements and Notices - [Connected Transaction]"),
            (zh_b[0], "公告及通告 - [關連交易]"),
        ):
            meta["headline"], meta["t2codes"] = head, ["11200"]
        when = dt.datetime(2024, 3, 15, 22, 5, tzinfo=HK)
        base = 13_000_000
        _store(session, base, en_a[0], en_a[1], when)
        _store(session, base + 1, en_b[0], en_b[1], when)
        _store(session, base + 2, zh_a[0], zh_a[1], when)
        _store(session, base + 3, zh_b[0], zh_b[1], when)
        expected |= {(str(base), str(base + 2)), (str(base + 1), str(base + 3))}
        # trap 2: two filings of one stock, same category, same minute: news ids and facts decide
        en_c, zh_c = (
            docs["01937-20231128-master-agreements-renewal"],
            docs["01937-20231128-master-agreements-renewal_c"],
        )
        en_d, zh_d = (
            docs["02208-20250110-raw-materials-cct"],
            docs["02208-20250110-raw-materials-cct_c"],
        )
        en_d, zh_d = copy.deepcopy(en_d), copy.deepcopy(zh_d)
        for meta in (en_d[0], zh_d[0]):
            meta["stock_codes"] = ["01937"]
        when = dt.datetime(2023, 11, 28, 17, 30, tzinfo=HK)
        base = 14_000_000
        _store(session, base, en_c[0], en_c[1], when)
        _store(session, base + 1, zh_c[0], zh_c[1], when + dt.timedelta(minutes=1))
        _store(session, base + 2, en_d[0], en_d[1], when)
        _store(session, base + 3, zh_d[0], zh_d[1], when + dt.timedelta(minutes=1))
        expected |= {(str(base), str(base + 1)), (str(base + 2), str(base + 3))}
        # trap 3: an English-only filing of another stock in the same minute as a pair
        lonely = copy.deepcopy(docs["00862-20240920-gas-supply-cct"])
        lonely[0]["stock_codes"] = ["00999"]
        lonely[1]["stock_code"] = "00999"
        _store(session, 15_000_000, lonely[0], lonely[1], when)
        session.commit()
    return expected


def _pairs(engine: Engine) -> set[tuple[str, str]]:
    with store.session(engine) as s:
        rows = s.exec(select(Announcement)).all()
    by_news = {r.news_id: r for r in rows}
    pairs = set()
    for r in rows:
        if r.paired_news_id:
            other = by_news[r.paired_news_id]
            assert other.paired_news_id == r.news_id, "a pair is recorded on both editions"
            en, zh = (r, other) if r.language == "en" else (other, r)
            pairs.add((en.news_id, zh.news_id))
    return pairs


def test_pairing_on_the_whole_corpus(db_engine: Engine) -> None:
    """One load per database (storing 69 extractions is the slow part), every check on it."""
    expected = load_corpus(db_engine)
    with store.session(db_engine) as s:
        s.add(Subscription(name="Mr. HO Ka Chun", channel="feed"))
        s.add(Subscription(name="CHAN Mei Ling", channel="feed"))  # two people share this name
        s.commit()
    assert len(expected) >= 19

    # every pair found, no false pair, both counted
    created = pair_editions(db_engine)
    found = _pairs(db_engine)
    false_pairs, missed = found - expected, expected - found
    print(
        f"pairs expected {len(expected)}, found {len(found & expected)}, false {len(false_pairs)}"
    )
    assert not false_pairs
    assert not missed
    assert created == len(expected)
    assert pair_editions(db_engine) == 0, "a second run pairs nothing new"
    assert _pairs(db_engine) == expected

    # Chinese names on the English persons and parties
    with store.session(db_engine) as s:
        people = {p.name_key: p.chinese_name for p in s.exec(select(Person)).all()}
        assert people[store.name_key("HO Ka Chun")] == "何家俊"
        assert people[store.name_key("TSANG Wing Hong")] == "曾永康"
        assert people[store.name_key("SZETO Wing Yee")] == "司徒詠儀"
        assert people[store.name_key("Liu Zhiwei")] == "刘志伟"
        # the Chinese filings' mentions of 何家俊 now belong to HO Ka Chun; no 何家俊 row is left
        assert store.name_key("何家俊") not in people
        ho = s.exec(select(Person).where(Person.name_key == store.name_key("HO Ka Chun"))).one()
        written = {
            m.name_as_written
            for m in s.exec(select(PersonMention).where(PersonMention.person_id == ho.id))
        }
        assert {"何家俊", "HO Ka Chun"} <= written
        en_ids = [a.id for a in s.exec(select(Announcement).where(Announcement.language == "en"))]
        parties = s.exec(select(Party).where(Party.announcement_id.in_(en_ids))).all()
        company = [p for p in parties if p.name == "Company"]
        assert company and all(p.chinese_name for p in company)

        # each edition carries the other's names, once, however often pairing runs
        en = s.exec(select(Announcement).where(Announcement.news_id == "12000000")).one()
        zh = s.exec(select(Announcement).where(Announcement.news_id == "12000001")).one()
        assert "錢軍" in en.facts_text and en.facts_text.count("錢軍") == 1
        assert "QIAN Jun" in zh.facts_text

        # a subscription learns its person's Chinese name; an ambiguous name learns nothing
        subs = {x.name: x.chinese_name for x in s.exec(select(Subscription)).all()}
        assert subs["Mr. HO Ka Chun"] == "何家俊"

    # a re-extraction resets facts_text; the next pairing run links the pair again
    docs = _docs()
    with store.session(db_engine) as s:
        en = s.exec(select(Announcement).where(Announcement.news_id == "12000000")).one()
        store.save_extraction(
            s, en.id, docs["00862-20240920-gas-supply-cct"][1], text="", extractor_version=2
        )
        s.commit()
    assert pair_editions(db_engine) == 0
    with store.session(db_engine) as s:
        en = s.exec(select(Announcement).where(Announcement.news_id == "12000000")).one()
        assert "錢軍" in en.facts_text and en.extraction["linked_edition"] == "12000001"

    # a search in either script finds the filing: one hit, in the query's script, linked to
    # the other edition
    for query, script in (("何家俊", "zh"), ('"HO Ka Chun"', "en")):
        hits = store.search(db_engine, query).hits
        assert any(h.language == script and h.paired_news_id for h in hits), query
        assert not {h.news_id for h in hits} & {h.paired_news_id for h in hits}, query


def _ed(lang: str, news: str, minute: int, t1: str, t2: list[str], codes=("02781",)) -> Edition:
    c1, c2 = category(t1, t2)
    when = dt.datetime(2024, 3, 15, 19, minute, tzinfo=HK)
    return Edition(int(news), news, lang, frozenset(codes), when, c1, c2, None)


@pytest.mark.parametrize(
    ("en", "zh", "ok"),
    [
        (
            ("Announcements and Notices", ["Continuing Connected Transaction"]),
            ("公告及通告", ["持續關連交易"]),
            True,
        ),
        (
            ("Announcements and Notices", ["Continuing Connected Transaction"]),
            ("公告及通告", ["持续关连交易"]),
            True,
        ),
        (
            ("Announcements and Notices", ["Connected Transaction"]),
            ("公告及通告", ["持續關連交易"]),
            False,
        ),
        (
            ("Announcements and Notices", ["Discloseable Transaction", "Connected Transaction"]),
            ("公告及通告", ["須予披露的交易", "關連交易"]),
            True,
        ),
        (("Circulars", ["Connected Transaction"]), ("公告及通告", ["關連交易"]), False),
    ],
)
def test_headline_categories_compare_across_languages(en, zh, ok) -> None:
    assert compatible(_ed("en", "1", 0, *en), _ed("zh", "2", 0, *zh)) is ok


def test_never_across_stocks_or_beyond_the_window() -> None:
    head = ("Announcements and Notices", ["Connected Transaction"])
    zh_head = ("公告及通告", ["關連交易"])
    assert not compatible(_ed("en", "1", 0, *head), _ed("zh", "2", 0, *zh_head, codes=("00001",)))
    assert not compatible(_ed("en", "1", 0, *head), _ed("zh", "2", 30, *zh_head))


def test_alignment_uses_printed_chinese_names_then_order() -> None:
    docs = _docs()
    en = docs["01845-20240805-equipment-rental-cct"][1]
    zh = docs["01845-20240805-equipment-rental-cct_c"][1]
    pairs = {e["name"]: z["name"] for e, z in align_parties(en, zh)}
    assert pairs == {"Company": "本公司", "Tsang Marine": "曾氏海事"}
    people = align_people(en, zh)
    assert people["AU YEUNG Kin"] == "歐陽健"
    assert people["LAM Siu Fung Alan"] == "林兆峰"
    assert people["TSANG Wing Hong"] == "曾永康"
