"""The regex content-stream reader (extract/content_ops.py) against pdfminer.six's own parser:
the same objects for every page of rendered and real PDFs, None where the stream is not plain,
and the same page through pdfminer.six's interpreter."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import PSEOF
from support.pdfs import render_text_pdf

from extract.content_ops import FastInterpreter, operations
from extract.read import LAPARAMS_KW, page_cells

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
REAL = ROOT.parent / "shared" / "real-pdfs"


def pdfminer_objects(data: bytes) -> list[object]:
    """What pdfminer.six's content parser yields for `data`, without positions."""
    parser = PDFContentParser([PDFStream({"Length": len(data)}, data)])
    found = []
    while True:
        try:
            found.append(parser.nextobject()[1])
        except PSEOF:
            return found


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("ops")
    texts = sorted(CORPUS.glob("*.txt"))[::6]  # English and Chinese, tables, a few pages each
    rendered = [render_text_pdf(t.read_text("utf-8"), out / f"{t.stem}.pdf") for t in texts]
    return rendered + sorted(REAL.glob("*.pdf"))


def pages_of(path: Path) -> list[PDFPage]:
    return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(path.read_bytes())))))


def test_every_page_gives_pdfminers_objects(pdfs) -> None:
    pages = 0
    for path in pdfs:
        for page in pages_of(path):
            data = b"".join(stream_value(s).get_data() for s in page.contents)
            ours = operations(data)
            assert ours is not None, path.name  # the writers' streams are plain
            # repr tells 1 from 1.0 and b"" from "", which == does not
            assert repr(ours) == repr(pdfminer_objects(data)), path.name
            pages += 1
    assert pages > 100


@pytest.mark.parametrize(
    "data",
    [
        b"BT /F1 12 Tf 72 712 Td (plain) Tj ET",
        b"BT (esc\\(aped\\) \\101\\0123 \\q \\\r\n end) Tj ET",  # octal, dropped escapes
        b"[(a) -250 (b)] TJ <41 42 4> Tj <</MCID 3>> BDC EMC % a comment\n",
        b"-.5 +3 4. 0.25 cm /Name#20 Do",  # a name with # is read by pdfminer.six
        b"(a) Tj 12 Tw",  # the stream ends in a token with nothing after it
        b"q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID \x00 EI Q",  # an inline image
        b"(nested (paren)) Tj",
        b"1.2.3 Tj",
        b"<</A 1 /B>> BDC",
        b"[1 Tj] TJ",
        b"true false null [true] TJ",
    ],
)
def test_plain_streams_agree_and_others_are_left_to_pdfminer(data: bytes) -> None:
    ours = operations(data)
    if ours is not None:
        assert repr(ours) == repr(pdfminer_objects(data))
    plain = (b"BI", b"nested", b"1.2.3", b"#20", b"/B>>", b"[1 Tj]")
    assert (ours is None) == any(part in data for part in plain)


def test_the_interpreter_makes_pdfminers_page(pdfs) -> None:
    for path in pdfs[:4] + pdfs[-3:]:
        layouts = []
        for interpreter_class in (PDFPageInterpreter, FastInterpreter):
            resources = PDFResourceManager(caching=True)
            device = PDFPageAggregator(resources, laparams=LAParams(**LAPARAMS_KW))
            interpreter = interpreter_class(resources, device)
            pages = []
            for page in pages_of(path):
                interpreter.process_page(page)
                pages.append(page_cells(device.get_result()))
            layouts.append(pages)
        assert layouts[0] == layouts[1], path.name
