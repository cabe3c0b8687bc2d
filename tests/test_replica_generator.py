"""The template generator (crawler/replica/generator.py): deterministic, honest gold."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from crawler.replica.files import FileSpec, produce
from crawler.replica.generator import generate, money
from crawler.replica.pdf import render_pdf

SCHEMA = json.loads(
    (Path(__file__).resolve().parent / "fixtures" / "extraction.schema.json").read_text()
)
DAY = date(2026, 3, 16)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_generator_same_seed_same_text_and_same_pdf_bytes():
    for index in range(12):
        first, second = generate(7, index, DAY), generate(7, index, DAY)
        assert [d.text for d in first] == [d.text for d in second]
        assert [d.gold for d in first] == [d.gold for d in second]
    a = render_pdf(generate(7, 3, DAY)[0].text, header="X (06100)", title="t")
    b = render_pdf(generate(7, 3, DAY)[0].text, header="X (06100)", title="t")
    assert a == b


def test_generator_other_seed_other_text():
    assert generate(7, 20, DAY)[0].text != generate(8, 20, DAY)[0].text


@pytest.mark.parametrize("index", range(60))
def test_generator_gold_follows_the_contract_and_the_text(index):
    for doc in generate(3, index, DAY):
        Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(doc.gold)
        gold, text = doc.gold, _flat(doc.text)
        assert gold["stock_code"] == doc.stock_codes[0] and gold["language"] == doc.language
        assert gold["announcement_date"] == DAY.isoformat()
        assert gold["company"].upper() in text.upper()
        for party in gold["parties"]:
            assert party["name"] in text and party["chinese_name"] in text
        for agreement in gold["agreements"]:
            assert agreement["name"] in text
        for person in gold["connected_persons"] + [
            {"name": n} for n in gold["abstained_directors"]
        ]:
            assert person["name"] in text
        for role in gold["directors"].values():
            assert all(name in text for name in role)
        for cap in gold["annual_caps"]:
            printed = money(cap["currency"], cap["amount"]) if doc.language == "en" else (
                f"{cap['amount'] / 1_000_000:.1f}百萬元")  # fmt: skip
            assert printed in text
        for key, evidence in gold["evidence"].items():
            assert _flat(evidence["text"]) in text, key
            pages = doc.pages
            assert _flat(evidence["text"]) in _flat(pages[evidence["page"] - 1]), key


def test_generator_covers_the_announcement_kinds():
    kinds = {generate(1, i, DAY)[0].slug.rsplit("-", 1)[1] for i in range(80)}
    assert kinds == {"cct", "ct", "notifiable", "results", "monthly", "board"}
    caps = [c for i in range(80) for c in generate(1, i, DAY)[0].gold["annual_caps"]]
    assert any(c["category"] for c in caps)  # a cap table split by category
    multi_year = [generate(1, i, DAY)[0].gold for i in range(80)]
    assert any(len({c["period_end"] for c in g["annual_caps"]}) >= 3 for g in multi_year)
    assert any(len(g["agreements"]) >= 2 and g["annual_caps"] for g in multi_year)


def test_generator_pinned_oddities():
    multi, htm, revised = generate(1, 0, DAY)[0], generate(1, 1, DAY), generate(1, 2, DAY)[0]
    assert multi.file_type == "multi" and len(multi.attachments) == 2
    assert htm[0].file_type == "htm" and htm[1].language == "zh"
    assert htm[1].edition_of == htm[0].slug
    assert revised.headlines_revised and "/" in revised.title
    assert "\n" in generate(1, 3, DAY)[0].title
    assert "&" in generate(1, 4, DAY)[0].title
    assert len(generate(1, 5, DAY)[0].stock_codes) == 2


def test_generator_multi_files_announcement_and_circular_gold_is_the_union():
    doc = generate(1, 6, DAY)[0]
    assert doc.file_type == "multi" and doc.relative_links
    (label1, announcement), (label2, circular) = doc.attachments
    assert (label1, label2) == ("Announcement", "Circular")
    assert circular.startswith("THIS CIRCULAR IS IMPORTANT") and doc.text.endswith(circular)
    gold = doc.gold
    assert Draft202012Validator(SCHEMA, format_checker=FormatChecker()).is_valid(gold)
    assert {"connected transaction", "continuing connected transaction"} <= set(
        gold["transaction_types"]
    )
    assert gold["annual_caps"] and all(cap["agreement"] in circular for cap in gold["annual_caps"])
    assert not any(cap["agreement"] in announcement for cap in gold["annual_caps"])
    persons = [(p["name"], p["connected_entity"]) for p in gold["connected_persons"]]
    assert len(persons) == len(set(persons)) == 2  # one through each document's counterparty
    assert gold["stock_code"] in announcement and gold["title"].startswith("CONNECTED")


def test_generator_multi_files_htm_document_with_pdf_appendix():
    doc = generate(1, 7, DAY)[0]
    assert doc.file_type == "multi" and not doc.relative_links
    assert [a[2:] for a in doc.attachments] == [("htm",), ()]
    assert doc.gold["annual_caps"] and doc.attachments[0][1] == doc.text


def test_generator_pages_render_as_pdf_pages():
    import io

    from pdfminer.high_level import extract_pages

    doc = generate(1, 0, DAY)[0]
    spec = FileSpec("pdf", doc.text, doc.title, "HDR (06100)", "en", None, 1)  # type: ignore[arg-type]
    pages = list(extract_pages(io.BytesIO(produce(spec))))
    assert len(pages) == len(doc.pages)


def test_generator_export_round_trips_through_the_corpus_loader(tmp_path):
    from crawler.replica.corpus import load_corpus
    from crawler.replica.export import export

    written = export(tmp_path, 6, seed=2, last_day=DAY)
    loaded = {d.slug: d for d in load_corpus(tmp_path)}
    assert sorted(loaded) == sorted(d.slug for d in written)
    for doc in written:
        assert loaded[doc.slug].text == doc.text and loaded[doc.slug].gold == doc.gold
        assert (tmp_path / f"{doc.slug}.pdf").read_bytes().startswith(b"%PDF")
