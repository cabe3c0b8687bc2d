"""Seed data for the web tests: a few filings written through the store's own API.

Used by test_web_app.py, test_web_browser.py and bench-free manual runs. Filings go in via
`store.upsert_announcement` + `store.save_extraction`, exactly as the pipeline writes them,
so the search index, people and labels are what production would have.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

import store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.json"
SAMPLE_TEXT = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"
HOSTILE_TITLE = "<script>alert('pwned')</script> CONNECTED TRANSACTION"
HOSTILE_PARTY = '<img src=x onerror="alert(1)"> Holdings'

KINGSOFT_EN = "2012052400123"
KINGSOFT_ZH = "2012052400124"
XIAOMI = "2019030100456"
HOSTILE = "2020010100789"
ZH_CAP = "截至2012年12月31日止期間的年度上限為人民幣8百萬元。"


def kingsoft_extraction() -> dict:
    ex = json.loads(SAMPLE.read_text(encoding="utf-8"))
    ex["evidence"] = {
        "parties[0]": {"page": 1, "text": "On 24 May 2012, Chengdu Digital Entertainment, a "
                       "wholly owned subsidiary of the Company, entered into the Agreement with "
                       "Beijing Xiaomi."},
        "parties[1]": {"page": 1, "text": "“Beijing Xiaomi” means Beijing Xiaomi Technology Co., "
                       "Ltd. (北京小米科技有限責任公司)"},
        "agreements[0]": {"page": 1, "text": "for a term commencing from 1 January 2012 and "
                          "expiring on 31 December 2012"},
        "annual_caps[0]": {"page": 1, "text": "Annual cap for the period ending 31 December 2012 "
                           "is RMB8 million."},
        "connected_persons[0]": {"page": 1, "text": "Mr. Jun LEI, a director and substantial "
                                 "shareholder of the Company holds over 30% of the issued share "
                                 "capital of Beijing Xiaomi."},
        "directors.non_executive[0]": {"page": 2, "text": "the non-executive directors are "
                                       "Mr. Jun LEI, Mr. Pak Kwan KAU and Mr. Chi Ping LAU"},
        "abstained_directors[0]": {"page": 2, "text": "Mr. Jun LEI has abstained from voting on "
                                   "the board resolution approving the Agreement."},
    }  # fmt: skip
    return ex


def _empty(**over) -> dict:
    base = {
        "company": None, "stock_code": None, "announcement_date": None, "title": None,
        "transaction_types": [], "listing_rules_chapters": [], "parties": [], "agreements": [],
        "annual_caps": [], "connected_persons": [],
        "directors": {"executive": [], "non_executive": [], "independent_non_executive": []},
        "abstained_directors": [], "evidence": {},
    }  # fmt: skip
    base.update(over)
    return base


def _add(engine: Engine, fields: dict, extraction: dict | None, text: str) -> int:
    with store.session(engine) as s:
        row, _ = store.upsert_announcement(s, fields)
        s.flush()
        if extraction is not None:
            store.save_extraction(s, row.id, extraction, text=text, extractor_version=1)
            # A fixed time, so pages (and the committed screenshots) are the same every run.
            row.extracted_at = row.published_at + dt.timedelta(hours=1)
            s.add(row)
        s.commit()
        return row.id


def seed(engine: Engine, files_dir: Path | None = None) -> dict:
    """Four filings (English and Chinese Kingsoft, Xiaomi, a hostile one); returns their ids."""
    stored = None
    if files_dir is not None:
        files_dir.mkdir(parents=True, exist_ok=True)
        stored = files_dir / "kingsoft.pdf"
        stored.write_bytes(b"%PDF-1.4\n% filingwatch test copy\n")
    text = SAMPLE_TEXT.read_text(encoding="utf-8")
    hk = store.HK
    _add(
        engine,
        {
            "news_id": KINGSOFT_EN, "stock_code": "03888", "stock_codes": ["03888"],
            "stock_name": "KINGSOFT", "title": "CONTINUING CONNECTED TRANSACTION",
            "headline": "Announcements and Notices - [Continuing Connected Transaction]",
            "published_at": dt.datetime(2012, 5, 24, 19, 5, tzinfo=hk),
            "document_url": "https://www1.hkexnews.hk/listedco/listconews/sehk/2012/0524/LTN20120524123.pdf",
            "file_type": "PDF", "language": "en", "paired_news_id": KINGSOFT_ZH,
            "file_path": str(stored) if stored else None, "status": "fetched",
        },
        kingsoft_extraction(),
        text,
    )  # fmt: skip
    zh = _empty(
        company="金山軟件有限公司",
        stock_code="03888",
        announcement_date="2012-05-24",
        title="持續關連交易",
        transaction_types=["continuing connected transaction"],
        parties=[
            {"name": "北京小米", "full_name": "北京小米科技有限責任公司", "chinese_name": None}
        ],
        annual_caps=[
            {
                "amount": 8000000,
                "currency": "RMB",
                "period_end": "2012-12-31",
                "period_label": "截至2012年12月31日止期間",
                "agreement": "協議",
            }
        ],
        connected_persons=[
            {"name": "雷軍", "connected_entity": "北京小米", "relationship": "本公司董事及主要股東"}
        ],
        evidence={
            "annual_caps[0]": {"page": 1, "text": ZH_CAP},
            "connected_persons[0]": {"page": 1, "text": "雷軍先生為本公司董事及主要股東。"},
        },
    )
    _add(
        engine,
        {
            "news_id": KINGSOFT_ZH, "stock_code": "03888", "stock_name": "金山軟件",
            "title": "持續關連交易", "headline": "公告及通告 - [持續關連交易]",
            "published_at": dt.datetime(2012, 5, 24, 19, 6, tzinfo=hk), "language": "zh",
            "document_url": "https://www1.hkexnews.hk/listedco/listconews/sehk/2012/0524/LTN20120524124_C.pdf",
            "paired_news_id": KINGSOFT_EN, "status": "fetched",
        },
        zh,
        "金山軟件有限公司 持續關連交易 北京小米 雷軍先生為本公司董事及主要股東。" + ZH_CAP,
    )  # fmt: skip
    xiaomi = _empty(
        company="Xiaomi Corporation",
        stock_code="01810",
        announcement_date="2019-03-01",
        title="CONNECTED TRANSACTION ACQUISITION OF EQUITY INTEREST",
        transaction_types=["connected transaction"],
        listing_rules_chapters=["14A"],
        parties=[
            {
                "name": "Shunwei",
                "full_name": "Shunwei Capital Partners III Limited",
                "chinese_name": None,
            }
        ],
        annual_caps=[
            {
                "amount": 1200000000,
                "currency": "HKD",
                "period_end": "2019-12-31",
                "period_label": "year ending 31 December 2019",
                "agreement": "Framework",
            }
        ],
        directors={
            "executive": ["LEI Jun", "LIN Bin"],
            "non_executive": ["KOH Tuck Lye"],
            "independent_non_executive": ["WONG Shun Tak"],
        },
        abstained_directors=["LEI Jun"],
        evidence={
            "directors.executive[0]": {
                "page": 3,
                "text": "As at the date of this "
                "announcement, the executive directors are Mr. LEI Jun and Mr. LIN Bin.",
            },
            "annual_caps[0]": {
                "page": 2,
                "text": "The annual cap for the year ending 31 December 2019 is HK$1.2 billion.",
            },
        },
    )
    _add(
        engine,
        {
            "news_id": XIAOMI, "stock_code": "01810", "stock_name": "XIAOMI-W",
            "title": "CONNECTED TRANSACTION ACQUISITION OF EQUITY INTEREST",
            "headline": "Announcements and Notices - [Connected Transaction]",
            "published_at": dt.datetime(2019, 3, 1, 22, 30, tzinfo=hk), "language": "en",
            "document_url": "https://www1.hkexnews.hk/listedco/listconews/sehk/2019/0301/LTN201903011234.pdf",
            "status": "fetched",
        },
        xiaomi,
        "Xiaomi Corporation connected transaction. Mr. LEI Jun abstained. Shunwei annual cap "
        "HK$1.2 billion for the year ending 31 December 2019.",
    )  # fmt: skip
    hostile = _empty(
        title=HOSTILE_TITLE,
        transaction_types=["connected transaction"],
        parties=[
            {
                "name": HOSTILE_PARTY,
                "full_name": "</td></tr></table><h1>x</h1>",
                "chinese_name": None,
            }
        ],
        connected_persons=[
            {
                "name": "Evil <b>Bold</b> LEE",
                "connected_entity": "\"'><svg onload=alert(2)>",
                "relationship": "{{ 7*7 }} {% raw %}",
            }
        ],
        evidence={"parties[0]": {"page": 1, "text": HOSTILE_PARTY + " <script>x()</script>"}},
    )
    _add(
        engine,
        {
            "news_id": HOSTILE, "stock_code": "00666", "stock_name": "<b>EVIL</b> & CO",
            "title": HOSTILE_TITLE, "headline": "Announcements and Notices - [<i>CT</i>]",
            "published_at": dt.datetime(2020, 1, 1, 9, 0, tzinfo=hk), "language": "en",
            "document_url": "javascript:alert(3)", "status": "fetched",
        },
        hostile,
        "connected transaction " + HOSTILE_TITLE + " " + HOSTILE_PARTY,
    )  # fmt: skip
    with store.session(engine) as s:
        lei = s.exec(select(store.Person).where(store.Person.name_key == store.name_key("Jun LEI")))
        lei_id = lei.one().id
    return {"lei_id": lei_id, "stored_file": stored}


CORPUS = ROOT / "crawler" / "replica" / "corpus"


def _corpus_news_id(slug: str) -> str:
    """A stable, HKEXnews-like numeric id per corpus slug (date + a hash of the name)."""
    date = slug.split("-")[1]
    digest = int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 100000
    return f"{date}{digest:05d}"


def seed_corpus(engine: Engine) -> int:
    """The replica's gold corpus (English and Chinese editions) as extracted filings."""
    count = 0
    pairs: list[tuple[str, str]] = []
    for gold in sorted(CORPUS.glob("*.gold.json")):
        slug = gold.name.removesuffix(".gold.json")
        meta = json.loads((CORPUS / f"{slug}.meta.json").read_text(encoding="utf-8"))
        extraction = json.loads(gold.read_text(encoding="utf-8"))
        day = dt.date.fromisoformat(extraction.get("announcement_date") or "2024-01-01")
        zh = meta.get("language") == "zh"
        paired = meta.get("edition_of")
        fields = {
            "news_id": _corpus_news_id(slug),
            "stock_codes": meta["stock_codes"],
            "stock_name": meta["stock_names"][0],
            "title": meta["title"],
            "headline": meta["headline"],
            "headline_t1": meta.get("t1code"),
            "headline_t2": meta.get("t2codes", []),
            "published_at": dt.datetime.combine(day, dt.time(19, 1 if zh else 0), store.HK),
            "document_url": f"https://www1.hkexnews.hk/listedco/listconews/sehk/{slug}.pdf",
            "file_type": meta.get("file_type", "pdf").upper(),
            "language": meta.get("language", "en"),
            "paired_news_id": _corpus_news_id(paired) if paired else None,
            "status": "fetched",
        }
        text = (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
        _add(engine, fields, extraction, text)
        count += 1
        if paired:  # editions are paired both ways, as jobs/editions.py pairs them
            pairs.append((_corpus_news_id(paired), fields["news_id"]))
    with store.session(engine) as s:
        for en, zh in pairs:
            row = s.exec(select(store.Announcement).where(store.Announcement.news_id == en)).one()
            row.paired_news_id = zh
            s.add(row)
        s.commit()
    return count


def test_seed_writes_people_and_facts(db_engine, tmp_path):
    ids = seed(db_engine, tmp_path / "files")
    with store.session(db_engine) as s:
        mentions = s.exec(
            select(store.PersonMention).where(store.PersonMention.person_id == ids["lei_id"])
        ).all()
    # Kingsoft (connected, non-executive, abstained) and Xiaomi (executive, abstained).
    assert {m.announcement_id for m in mentions} and len(mentions) == 5
