"""jobs/filesets.py: which files an announcement is read from; their outcomes combined."""

from __future__ import annotations

import store
from extract import Extraction
from jobs.filesets import FilePart, Gatherer, announcement_files
from jobs.worker import Outcome

FOLDER = "http://h/listedco/listconews/sehk/2026/0805/12000001/"


def test_filesets_attachments_in_page_order_else_the_main_file(db_engine, add_announcement):
    multi = add_announcement(document_url="http://h/x/2026080500001.htm", file_path="/f/l.htm")
    single = add_announcement(document_url="http://h/x/2026080500009.pdf", file_path="/f/s.pdf")
    files = [
        {"position": 2, "url": FOLDER + "b.pdf", "sha256": "b", "file_path": "/f/b.pdf"},
        {"position": 1, "url": FOLDER + "a.htm", "sha256": "a", "file_path": "/f/a.htm"},
        {"position": 3, "url": FOLDER + "c.pdf", "error": "HTTP 404"},
    ]
    with store.session(db_engine) as s:
        store.record_attachments(s, multi, files)
        s.commit()
    assert announcement_files(store.extraction_input(db_engine, multi)) == [
        FilePart(0, "a.htm", "/f/a.htm", attachment=True),
        FilePart(1, "b.pdf", "/f/b.pdf", attachment=True),
    ]
    assert announcement_files(store.extraction_input(db_engine, single)) == [
        FilePart(0, "2026080500009.pdf", "/f/s.pdf")
    ]


def _outcome(part: int, **facts) -> Outcome:
    extraction = Extraction.empty().to_json()
    extraction.update(facts)
    typed = Extraction.from_json(extraction)
    return Outcome(7, extraction=typed, text=f"text {part}", pages=2, part=part)


def test_filesets_one_file_passes_through_untouched() -> None:
    gather = Gatherer()
    gather.expect(7, [FilePart(0, "x.pdf", "/f/x.pdf")])
    outcome = _outcome(0, evidence={"title": {"page": 1, "text": "T"}})
    assert gather.add(outcome) is outcome
    assert "file" not in outcome.extraction.to_json()["evidence"]["title"]


def test_filesets_waits_for_every_file_then_combines_them() -> None:
    gather = Gatherer()
    gather.expect(7, [FilePart(0, "a.pdf", "/a", True), FilePart(1, "c.pdf", "/c", True)])
    cap = {"amount": 8_000_000, "currency": "RMB", "period_end": "2027-12-31",
           "period_label": None, "agreement": "X", "category": None}  # fmt: skip
    evidence = {"annual_caps[0]": {"page": 4, "text": "RMB8.0 million"}}
    circular = _outcome(1, annual_caps=[cap], evidence=evidence)
    assert gather.add(circular) is None  # in completion order: the circular first
    combined = gather.add(
        _outcome(0, stock_code="06802", transaction_types=["connected transaction"])
    )
    assert combined is not None and combined.ok and combined.pages == 4
    extraction = combined.extraction.to_json()
    assert extraction["stock_code"] == "06802"
    assert extraction["annual_caps"] == [cap]
    assert extraction["evidence"]["annual_caps[0]"]["file"] == "c.pdf"
    assert combined.text == "text 0\n\ntext 1"


def test_filesets_an_unreadable_file_fails_the_announcement_naming_it() -> None:
    gather = Gatherer()
    gather.expect(7, [FilePart(0, "a.pdf", "/a", True), FilePart(1, "c.pdf", "/c", True)])
    assert gather.add(_outcome(0)) is None
    failed = gather.add(Outcome(7, reason="truncated PDF: no %%EOF marker", part=1))
    assert failed is not None and not failed.ok
    assert failed.reason == "c.pdf: truncated PDF: no %%EOF marker"
