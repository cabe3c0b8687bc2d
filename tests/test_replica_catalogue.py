"""The replica's calendar, ids and links (crawler/replica/catalogue.py, corpus.py), in process."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest

from crawler.replica.catalogue import build_catalogue, escape_title
from crawler.replica.config import ReplicaConfig, parse_args
from crawler.replica.corpus import load_corpus

TODAY = date(2026, 3, 16)


def _write(root: Path, slug: str, text: str, **meta) -> None:
    base = {"stock_codes": ["03888"], "stock_names": ["KINGSOFT"], "title": "CONTINUING "
            "CONNECTED TRANSACTION", "headline": "Announcements and Notices - [Continuing "
            "Connected Transaction]", "t1code": "10000", "t2codes": ["11300"],
            "language": "en", "file_type": "pdf"}  # fmt: skip
    base.update(meta)
    (root / f"{slug}.txt").write_text(text, encoding="utf-8")
    (root / f"{slug}.meta.json").write_text(json.dumps(base, ensure_ascii=False), "utf-8")
    (root / f"{slug}.gold.json").write_text(json.dumps({"company": "Kingsoft"}), "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    _write(tmp_path, "03888-20120524-cct", "KINGSOFT\nAnnual cap  RMB8 million\n\fPage two\n")
    _write(tmp_path, "03888-20120524-cct_c", "金山軟件\n年度上限  人民幣8百萬元\n",
           stock_names=["金山軟件"], title="持續關連交易", language="zh",
           edition_of="03888-20120524-cct")  # fmt: skip
    _write(tmp_path, "00700-20260301-notice", "TENCENT notice\n", stock_codes=["00700", "80700"],
           stock_names=["TENCENT", "TENCENT-R"], title="Notice & Results / Update",
           t1code="10000", t2codes=["13150"], file_type="htm")  # fmt: skip
    (tmp_path / "09999-20260101-half.meta.json").write_text("{not json", "utf-8")
    return tmp_path


def build(corpus: Path, **options):
    config = ReplicaConfig(corpus_dir=corpus, today=TODAY, cache_dir=None, **options)
    return build_catalogue(config)


def test_catalogue_skips_a_half_written_corpus_document(corpus, capsys):
    docs = load_corpus(corpus)
    assert sorted(d.slug for d in docs) == [
        "00700-20260301-notice", "03888-20120524-cct", "03888-20120524-cct_c"]  # fmt: skip
    assert "skipping corpus document 09999-20260101-half" in capsys.readouterr().err


def test_catalogue_every_corpus_document_once_with_its_chinese_edition(corpus):
    cat = build(corpus, days=3, per_day=5)
    slugs = Counter(f.doc.slug for f in cat.filings)
    assert slugs["03888-20120524-cct"] == slugs["03888-20120524-cct_c"] == 1
    en = next(f for f in cat.filings if f.doc.slug == "03888-20120524-cct")
    zh = next(f for f in cat.filings if f.doc.slug == "03888-20120524-cct_c")
    assert zh.news_id == en.news_id + 1 and zh.released == en.released
    assert zh.edition_of == en.news_id
    assert zh.file_link.endswith("_c.pdf") and zh.stock_names == ["金山軟件"]
    assert zh.long_text == "公告及通告 - [持續關連交易]"
    assert en.long_text == "Announcements and Notices - [Continuing Connected Transaction]"
    tencent = next(f for f in cat.filings if f.doc.slug == "00700-20260301-notice")
    assert tencent.row()["STOCK_CODE"] == "00700<br/>80700"
    assert tencent.file_type == "HTM" and tencent.file_link.endswith(".htm")
    assert tencent.row()["TITLE"] == "Notice &amp; Results &#x2f; Update"
    assert 7609 in tencent.stock_ids


def test_catalogue_spreads_filings_over_the_days_in_hong_kong_time(corpus):
    cat = build(corpus, days=4, per_day=5)
    per_day = Counter(f.released.date() for f in cat.by_language["en"])
    assert sorted(per_day) == [date(2026, 3, 13), date(2026, 3, 14), date(2026, 3, 15), TODAY]
    assert min(per_day.values()) >= 5
    for f in cat.filings:
        assert str(f.released.tzinfo) == "Asia/Hong_Kong"
        assert time(7, 0) <= f.released.time() <= time(23, 0)


def test_catalogue_news_ids_increase_with_time(corpus):
    cat = build(corpus, days=5, extra=30)
    ids = [f.news_id for f in cat.filings]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert 12_300_000 <= ids[0] < 12_400_000
    links = [f.file_link for f in cat.filings]
    assert len(set(links)) == len(links)


def test_catalogue_is_deterministic_by_seed(corpus):
    rows = [[f.row_json(1) for f in build(corpus, days=3, seed=s).filings] for s in (5, 5, 6)]
    assert rows[0] == rows[1] != rows[2]


def test_catalogue_extra_adds_generated_announcements(corpus):
    small, big = build(corpus, days=2, per_day=5), build(corpus, days=2, per_day=5, extra=40)
    count = lambda cat: sum(1 for f in cat.by_language["en"])  # noqa: E731
    assert count(big) == count(small) + 40
    assert all(f.doc.gold for f in big.filings if f.doc.source == "generated")


def test_catalogue_always_has_the_pinned_generated_filings(corpus):
    cat = build(corpus, days=1, per_day=0)
    assert any(f.file_info == "Multi-Files" for f in cat.filings)
    assert any(f.short_text.startswith("(Headlines Revised)") for f in cat.filings)


def test_catalogue_title_entities():
    assert escape_title("A & B / C; D") == "A &amp; B &#x2f; C&#x3b; D"


def test_catalogue_config_from_the_command_line():
    config = parse_args(["--port", "0", "--days", "3", "--extra", "5", "--seed", "9",
                         "--fault", r"\.pdf$=500:times=2", "--today", "2026-03-16"])  # fmt: skip
    assert (config.days, config.extra, config.seed, config.today) == (3, 5, 9, TODAY)
    assert config.faults[0].fault == "500" and config.faults[0].times == 2
    with pytest.raises(SystemExit):
        parse_args(["--fault", "oops"])
