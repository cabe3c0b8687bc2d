"""extract/char_boxes.py against pdfminer.six's own LTChar objects: the same text and the same
box, to the last bit, for every top-level character of hand-made pages (rotation, character and
word spacing, rise, horizontal scaling, kerning, two fonts, an undefined glyph, a vertical font,
text in a form) and of rendered and real PDFs; the rest of the page as pdfminer.six makes it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from support.pdfs import assemble_pdf, render_text_pdf

from extract.char_boxes import char_boxes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
REAL = ROOT.parent / "shared" / "real-pdfs"

Page = tuple[list[tuple], list[tuple]]


def read(path: Path, device_class: type) -> list[Page]:
    """Each page's top-level characters (text and box) and its other objects (type and box)."""
    resources = PDFResourceManager(caching=True)
    device = device_class(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    document = PDFDocument(PDFParser(io.BytesIO(path.read_bytes())))
    pages = []
    for page in PDFPage.create_pages(document):
        device.chars = []
        interpreter.process_page(page)
        layout = device.get_result()
        made = [(o.get_text(), *o.bbox) for o in layout if isinstance(o, LTChar)]
        rest = [(type(o).__name__, *o.bbox) for o in layout if not isinstance(o, LTChar)]
        pages.append((made + device.chars, rest))
    return pages


def assert_same_boxes(path: Path) -> int:
    reference = read(path, PDFPageAggregator)
    ours = read(path, char_boxes(PDFPageAggregator))
    assert len(ours) == len(reference), path.name
    for number, (mine, theirs) in enumerate(zip(ours, reference, strict=True), start=1):
        assert mine == theirs, f"{path.name} page {number}"
    return sum(len(chars) for chars, _ in reference)


FONTS = [
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V "
    b"/DescendantFonts [11 0 R] >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /Nameless /Encoding /Identity-H "
    b"/DescendantFonts [12 0 R] >>",
]


def hand_made(content: bytes, form: bytes) -> bytes:
    """A one-page PDF of `content` with fonts F1-F4 and a form X1 drawing `form`."""
    font_refs = b" ".join(b"/F%d %d 0 R" % (n, n + 5) for n in range(1, 5))
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << " + font_refs + b" >> /XObject << /X1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 100] "
            b"/Resources << /Font << /F1 6 0 R >> >> /Length %d >>\nstream\n"
            % len(form)
            + form
            + b"\nendstream",
            *FONTS,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",  # unused, object 10
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 13 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Nameless /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 "
            b"/FontDescriptor 13 0 R >>",
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
            b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 880 /StemV 93 >>",
        ]
    )


def test_hand_made_page_boxes_are_pdfminers(tmp_path: Path) -> None:
    content = (
        b"BT /F1 11 Tf 72 760 Td (Plain text, then kerned: ) Tj [(A) 120 (V) -250 (A)] TJ ET\n"
        b"BT /F1 10 Tf 2.5 Tc 4 Tw 72 740 Td (Spaced out words here) Tj ET\n"
        b"BT /F2 10 Tf 3 Ts 80 Tz 72 720 Td (Courier, risen and narrowed) Tj ET\n"
        b"BT /F1 10 Tf 72 705 Td (Helvetica, the same words) Tj /F2 10 Tf ( and Courier) Tj ET\n"
        b"q 0.866 0.5 -0.5 0.866 300 400 cm BT /F1 12 Tf 0 0 Td (Turned thirty degrees) Tj ET Q\n"
        b"BT 1 0 0.25 1 72 650 Tm /F1 12 Tf (Sheared like an italic) Tj ET\n"
        b"BT /F3 12 Tf 450 690 Td <4E2D65876587> Tj ET\n"
        b"BT /F4 12 Tf 72 600 Td <00410042> Tj ET\n"
        b"q 1 0 0 1 72 450 cm /X1 Do Q\n"
        b"BT /F1 9 Tf 72 400 Td (After the form.) Tj ET\n"
    )
    form = b"BT /F1 10 Tf 10 50 Td (Inside a form, drawn by pdfminer.six) Tj ET"
    pdf = tmp_path / "hand.pdf"
    pdf.write_bytes(hand_made(content, form))

    chars = assert_same_boxes(pdf)

    [(drawn, rest)] = read(pdf, char_boxes(PDFPageAggregator))
    text = "".join(char[0] for char in drawn)
    assert "Turned thirty degrees" in text
    assert "中文文" in text  # the vertical font's, taken back in drawing order
    assert "(cid:65)" in text  # no Unicode for the nameless font's glyph
    assert [kind for kind, *_ in rest] == ["LTFigure"]
    assert chars == len(drawn) > 150


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("boxes")
    texts = sorted(CORPUS.glob("*.txt"))[::12]  # English and Chinese, tables
    return [render_text_pdf(t.read_text("utf-8"), out / f"{t.stem}.pdf") for t in texts]


def test_rendered_filings_boxes_are_pdfminers(rendered: list[Path]) -> None:
    assert sum(assert_same_boxes(pdf) for pdf in rendered) > 10_000


def test_real_pdfs_boxes_are_pdfminers() -> None:
    real = sorted(REAL.glob("*.pdf"), key=lambda p: p.stat().st_size)[:-1]  # all but 6 s
    assert len(real) >= 12, "the real PDFs are in ../shared/real-pdfs"
    assert sum(assert_same_boxes(pdf) for pdf in real) > 100_000
