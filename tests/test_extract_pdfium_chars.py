"""The per-character pdfium calls in C (extract/pdfium_chars.c) against the same calls made
from Python: equal arrays on every page of rendered and real PDFs, and the same page text."""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np
import pytest
from support.pdfs import render_text_pdf

from extract import pdfium_chars
from extract.pdfium_read import _address, _pdfium, read_pages

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"
CORPUS = ROOT / "crawler" / "replica" / "corpus"
REAL = ROOT.parent / "shared" / "real-pdfs"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A rendered English and a rendered Chinese filing (one-glyph CJK text objects, tables),
    and three real PDFs."""
    out = tmp_path_factory.mktemp("chars")
    chinese = next(p for p in sorted(CORPUS.glob("*.txt")) if "董事會" in p.read_text("utf-8"))
    rendered = [
        render_text_pdf(t.read_text(encoding="utf-8"), out / f"{t.stem}.pdf")
        for t in (SAMPLE, chinese)
    ]
    return rendered + sorted(REAL.glob("*.pdf"))[:3]


def python_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfium_chars, "compiled", lambda: None)


def test_make_install_builds_the_c_loops() -> None:
    assert pdfium_chars.compiled() is not None, "make install builds extract/_pdfium_chars.so"


def answers(lib, textpage: int, count: int) -> list[np.ndarray]:  # noqa: ANN001
    """A page's answers from all five functions, for all characters and for every third."""
    some = np.arange(0, count, 3)
    return [
        pdfium_chars.loose_boxes(lib.loose_box, textpage, count),
        pdfium_chars.objects(lib.text_object, textpage, count),
        pdfium_chars.origins(lib.origin, textpage, some),
        pdfium_chars.ink_boxes(lib.tight_box, textpage, some),
        pdfium_chars.flags(lib.is_generated, textpage, some),
        pdfium_chars.flags(lib.map_error, textpage, some),
    ]


def test_c_and_python_give_the_same_answers(pdfs, monkeypatch) -> None:
    lib = _pdfium()
    raw = lib.raw
    checked = 0
    for path in pdfs:
        data = path.read_bytes()
        buf = ctypes.create_string_buffer(data, len(data))
        doc = raw.FPDF_LoadMemDocument64(buf, len(data), None)
        for number in range(raw.FPDF_GetPageCount(doc)):
            page = raw.FPDF_LoadPage(doc, number)
            textpage = raw.FPDFText_LoadPage(page)
            at, count = _address(textpage), raw.FPDFText_CountChars(textpage)
            compiled = answers(lib, at, count)
            with monkeypatch.context() as patch:
                python_only(patch)
                python = answers(lib, at, count)
            for c, py in zip(compiled, python, strict=True):
                assert c.dtype == py.dtype and np.array_equal(c, py), path.name
                checked += c.size
            raw.FPDFText_ClosePage(textpage)
            raw.FPDF_ClosePage(page)
        raw.FPDF_CloseDocument(doc)
    assert checked > 10_000  # pages with characters were read, not empty ones


def test_c_and_python_give_the_same_page_text(pdfs, monkeypatch) -> None:
    compiled = [read_pages(p.read_bytes()) for p in pdfs]
    python_only(monkeypatch)
    assert compiled == [read_pages(p.read_bytes()) for p in pdfs]
    assert all(not isinstance(found, str) for found in compiled)  # pdfium read them
