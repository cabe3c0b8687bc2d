"""Deals: the replica's deal lives, extracted and stored, link as its answer key says.

Every supplement / revision / renewal filing the replica publishes is linked to its original
agreement, each agreement-year has its cap, actual and utilisation, and the English and
Chinese editions of one filing count once. Real extraction, real SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

import pytest

import store
from crawler.replica.catalogue import build_catalogue
from crawler.replica.config import ReplicaConfig
from crawler.replica.manifest import deals_answer_key
from extract.extraction import EXTRACTOR_VERSION, extract_pages
from jobs import pair_editions
from store.deals import base_key, filing_role

TODAY = date(2026, 3, 16)


@cache
def _replica() -> tuple[list[dict], list[tuple[dict, dict, str]]]:
    """The answer key, and (announcement fields, extraction, text) of each deal filing."""
    catalogue = build_catalogue(ReplicaConfig(today=TODAY, cache_dir=None, days=7))
    key = deals_answer_key(catalogue)
    wanted = {f["news_id"] for deal in key for f in deal["filings"]}
    filings = []
    for f in catalogue.filings:
        if str(f.news_id) not in wanted:
            continue
        fields = {
            "news_id": str(f.news_id),
            "stock_code": f.stock_codes[0],
            "stock_codes": f.stock_codes,
            "stock_name": f.stock_names[0],
            "title": f.title,
            "published_at": f.released,
            "language": f.language,
            "document_url": f.file_link,
        }
        text = "\n\f\n".join(f.doc.pages)
        filings.append((fields, extract_pages(f.doc.pages, f.language), text))
    return key, filings


def _store(engine: store.Engine, order: list[int] | None = None) -> None:
    _, filings = _replica()
    for i in order if order is not None else range(len(filings)):
        fields, extraction, text = filings[i]
        store.save_filing(
            engine, fields, extraction, text=text, extractor_version=EXTRACTOR_VERSION
        )
    pair_editions(engine)


def _linked(engine: store.Engine) -> dict[str, list[tuple[int, str]]]:
    key, _ = _replica()
    return {
        f["news_id"]: [(d.deal_id, d.role) for d in store.filing_deals(engine, f["news_id"])]
        for deal in key
        for f in deal["filings"]
    }


def test_every_revision_supplement_and_renewal_links_to_its_original(db_engine):
    _store(db_engine)
    key, _ = _replica()
    linked = _linked(db_engine)
    assert len(key) == 2
    for deal in key:
        original = next(f for f in deal["filings"] if f["language"] == "en")
        assert original["role"] == "original"
        [(deal_id, role)] = linked[original["news_id"]]
        assert role == "original"
        for f in deal["filings"]:
            # the Chinese edition shares its English edition's deal, as the same part
            assert linked[f["news_id"]] == [(deal_id, f["role"])], f["slug"]


def test_links_do_not_depend_on_the_order_filings_are_stored(db_engine):
    _, filings = _replica()
    _store(db_engine, list(reversed(range(len(filings)))))
    key, _ = _replica()
    linked = _linked(db_engine)
    for deal in key:
        roles = {f["news_id"]: f["role"] for f in deal["filings"]}
        deal_ids = {d for pairs in (linked[n] for n in roles) for d, _ in pairs}
        assert len(deal_ids) == 1
        assert {n: linked[n][0][1] for n in roles} == roles


def test_company_page_has_one_row_per_agreement_year_with_cap_actual_and_utilisation(db_engine):
    _store(db_engine)
    key, _ = _replica()
    for deal in key:
        [summary] = store.company_deals(db_engine, deal["stock_code"])
        assert summary.name == deal["agreement"]
        got = [
            (y.period_end.isoformat(), y.cap, y.actual, y.partial, y.exceeded)
            for y in summary.years
        ]
        want = [
            (y["period_end"], Decimal(y["cap"]),
             Decimal(y["actual"]) if y["actual"] is not None else None, y["partial"],
             y["exceeded"])
            for y in deal["years"]
        ]  # fmt: skip
        assert got == want  # one row per year: the English and Chinese editions count once
        assert sum(y.exceeded for y in summary.years) == 1
        over = next(y for y in summary.years if y.exceeded)
        assert over.utilisation == (over.actual * 100 / over.cap).quantize(Decimal("0.1")) > 100
        # the revised caps superseded the proposed ones; the renewal's caps are "renewed"
        kinds = {c.kind for c in summary.caps}
        assert kinds == {"proposed", "revised", "renewed"}
        assert all(c.superseded == (c.kind == "proposed" and c.amount != _cap_of(deal, c))
                   for c in summary.caps)  # fmt: skip


def _cap_of(deal: dict, cap: store.CapEntry) -> Decimal:
    return next(Decimal(y["cap"]) for y in deal["years"] if y["period_end"] == str(cap.period_end))


def test_reextracting_a_filing_keeps_one_link_and_backfill_relinks(db_engine):
    _store(db_engine)
    before = _linked(db_engine)
    _, filings = _replica()
    fields, extraction, text = filings[-1]
    store.save_filing(db_engine, fields, extraction, text=text, extractor_version=EXTRACTOR_VERSION)
    assert _linked(db_engine) == before
    assert store.relink_deals(db_engine) == sum(1 for f, _, _ in filings if f["language"] == "en")
    assert _linked(db_engine) == before


@pytest.mark.parametrize(
    ("title", "names", "role"),
    [
        ("CONTINUING CONNECTED TRANSACTIONS - MASTER SALES AGREEMENT", ["Master Sales Agreement"],
         "original"),
        ("RENEWAL OF CONTINUING CONNECTED TRANSACTIONS", ["Master Sales Agreement"], "renewal"),
        ("CONNECTED TRANSACTION", ["New Master Sales Agreement"], "renewal"),
        ("SUPPLEMENTAL AGREEMENT TO THE MASTER SALES AGREEMENT", ["Master Sales Agreement"],
         "supplement"),
        ("REVISION OF ANNUAL CAPS", ["Master Sales Agreement"], "revision"),
        ("TERMINATION OF CONTINUING CONNECTED TRANSACTIONS", ["Master Sales Agreement"],
         "termination"),
    ],
)  # fmt: skip
def test_filing_role_from_its_title_and_names(title, names, role):
    named = {"name": names[0], "names": names}
    assert filing_role(title, named, {}, base_key(names[0])) == role


def test_base_key_drops_the_words_that_change_between_a_deals_filings():
    assert base_key("the 2027 Renewed Master Sales Agreement") == "master sales agreement"
    assert base_key("Supplemental Agreement") == "agreement"
    assert base_key("New Logistics Services Agreement") == base_key("Logistics Services Agreement")


def test_the_deal_filings_caps_and_historical_amounts_are_read_as_their_gold_says():
    catalogue = build_catalogue(ReplicaConfig(today=TODAY, cache_dir=None, days=7))
    gold = {str(f.news_id): f.doc.gold for f in catalogue.filings}
    _, filings = _replica()

    def amounts(items: list[dict], *keys: str) -> list[tuple]:
        return sorted(tuple(item[k] for k in ("amount", "period_end", *keys)) for item in items)

    for fields, extraction, _text in filings:
        want = gold[fields["news_id"]]
        assert amounts(extraction["annual_caps"]) == amounts(want["annual_caps"])
        assert amounts(extraction.get("historical_amounts", []), "kind") == amounts(
            want.get("historical_amounts", []), "kind"
        )


def _filing(engine: store.Engine, news_id: str, title: str, extraction: dict) -> None:
    fields = {"news_id": news_id, "stock_code": "00123", "title": title, "language": "en",
              "published_at": _replica()[1][0][0]["published_at"]}  # fmt: skip
    store.save_filing(engine, fields, extraction, text="", extractor_version=EXTRACTOR_VERSION)


def _agreement(name: str, *parties: str) -> dict:
    return {"agreements": [{"name": name, "parties": list(parties)}]}


def test_one_name_with_other_counterparties_is_another_agreement(db_engine):
    _filing(db_engine, "a1", "CCT - MASTER SALES AGREEMENT", _agreement("Master Sales Agreement",
            "Alpha Co", "Beta Co"))  # fmt: skip
    _filing(db_engine, "a2", "CCT - MASTER SALES AGREEMENT", _agreement("Master Sales Agreement",
            "Alpha Co", "Gamma Co"))  # fmt: skip
    _filing(db_engine, "a3", "RENEWAL OF CCT", _agreement("New Master Sales Agreement",
            "Gamma Co", "Alpha Co"))  # fmt: skip
    _filing(db_engine, "a4", "CCT - MASTER SALES AGREEMENT", _agreement("Master Sales Agreement",
            "Delta Co", "Epsilon Co"))  # fmt: skip
    [(first, _)] = [(d.deal_id, d.role) for d in store.filing_deals(db_engine, "a1")]
    [(second, _)] = [(d.deal_id, d.role) for d in store.filing_deals(db_engine, "a4")]
    linked = {n: store.filing_deals(db_engine, n)[0] for n in ("a1", "a2", "a3", "a4")}
    # "Alpha Co" is the issuer's subsidiary in every filing: a shared party joins a2 to a1
    assert linked["a2"].deal_id == linked["a3"].deal_id == first
    assert linked["a3"].role == "renewal"
    assert second != first and len(store.company_deals(db_engine, "00123")) == 2


def test_a_filing_whose_title_alone_names_the_agreement_is_a_mention(db_engine):
    _filing(db_engine, "b1", "CCT - LOGISTICS AGREEMENT", _agreement("Logistics Agreement"))
    _filing(db_engine, "b2", "POLL RESULTS - LOGISTICS AGREEMENT", {"agreements": []})
    [original] = store.filing_deals(db_engine, "b1")
    [mention] = store.filing_deals(db_engine, "b2")
    assert (mention.deal_id, mention.role) == (original.deal_id, "mention")
