"""The fast PDF reader (extract/pdfium_read.py) against the reference (pdfminer.six): the same
text on gold documents rendered to PDF and on real PDFs, the same error and reason on every bad
input, and each case it must not vouch for (pdfium's text page differs from the drawn glyphs)
handed to pdfminer.six. scripts/compare_readers.py runs the same comparison on every gold set.
"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pytest
from support.bad_inputs import EXPECTED, write_bad_inputs
from support.pdfs import assemble_pdf, render_flate_bomb, render_text_pdf

from extract import ReadError, read_document
from extract.pdfium_read import _Miner, _pdfium, _read_page, read_pages
from store.settings import SettingError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "extract" / "samples" / "kingsoft-2012-05-24.txt"
CORPUS = ROOT / "crawler" / "replica" / "corpus"
REAL = ROOT.parent / "shared" / "real-pdfs"


def both(path: Path) -> tuple[object, object]:
    """What each reader makes of `path`: the document's fields, or its error and reason."""
    out = []
    for reader in ("pdfminer", "pdfium"):
        try:
            doc = read_document(path, reader=reader)
            out.append((doc.pages, doc.page_count, doc.notes, doc.language, doc.truncated))
        except ReadError as exc:
            out.append((type(exc).__name__, exc.reason))
    return out[0], out[1]


def declined_why(pdf: Path) -> str | None:
    """Why pdfium read none of the file, or not its first page (None: pdfium read it)."""
    reasons: list[str | None] = []
    found = read_pages(pdf.read_bytes(), reasons=reasons)
    return found if isinstance(found, str) else reasons[0]


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_bad_inputs(tmp_path_factory.mktemp("bad"), SAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_the_reference_error_and_reason(bad, name: str) -> None:
    reference, fast = both(bad[name])
    assert reference == fast
    assert reference[0] == EXPECTED[name][0] and EXPECTED[name][1] in reference[1]
    if bad[name].stat().st_size:
        assert isinstance(read_pages(bad[name].read_bytes()), str)  # pdfminer.six read it


def test_sound_pdf_is_read_by_pdfium_with_the_reference_text(bad) -> None:
    reference, fast = both(bad["good"])
    assert reference == fast
    assert read_document(bad["good"]).reader == "pdfium"


def test_flate_bomb_never_reaches_pdfium(tmp_path: Path) -> None:
    """pdfium aborts the process when an allocation fails: a stream that inflates to 2.5 GB
    is stopped by the inflate check (pdfminer.six then meets the worker's memory limit)."""
    bomb = render_flate_bomb(tmp_path / "bomb.pdf")
    assert read_pages(bomb.read_bytes()) == "streams past the inflate limits"


def test_gold_documents_read_alike(tmp_path: Path) -> None:
    """The own corpus (English and Chinese) through our renderer and the second independent
    corpus through the replica's: pdfium vouches for every file and gives the same text."""
    from crawler.replica.pdf import render_pdf

    files = [
        render_text_pdf(t.read_text(encoding="utf-8"), tmp_path / f"{t.stem}.pdf")
        for t in sorted(CORPUS.glob("*.txt"))
    ]
    for t in sorted((ROOT / "tests" / "fixtures" / "others2" / "dev").glob("*.txt")):
        out = tmp_path / f"replica-{t.stem}.pdf"
        out.write_bytes(render_pdf(t.read_text(encoding="utf-8")))
        files.append(out)
    assert len(files) > 70
    declined = []
    for path in files:
        reasons: list[str | None] = []
        found = read_pages(path.read_bytes(), reasons=reasons)
        assert not isinstance(found, str), f"{path.name}: {found}"
        if any(reasons):
            # mostly a gap within EDGE of one of pdfminer.six's thresholds (CJK table cells
            # 0.8 of the font size apart), left to pdfminer.six
            declined.append((path.name, reasons))
        reference, fast = both(path)
        assert reference == fast, path.name
    assert len(declined) <= 8, declined


@pytest.mark.parametrize(
    ("name", "by_pdfium"),
    [
        # every page, its lone spaces (text objects pdfium's text page leaves out) put back
        ("04_alco_profit_warning_2025", 2),
        # the header's letter-spaced CJK is on pdfminer.six's word-gap threshold: pdfminer.six
        ("06_alco_ined_resign_2025", 0),
        # a form whose text objects pdfium sorts by x: put back in drawing order; page 9 has a
        # lone space pdfium's origin places off pdfminer.six's and is read by pdfminer.six
        ("11_alco_monthly_return_2025", 9),
        # synthetic italics (a skewed text matrix) in headings: pdfium's box of a glyph
        # reaches past its advance by the skew, and is read back to pdfminer.six's
        ("03_alco_annual_results_2025", 21),
    ],
)
def test_real_pdfs_read_alike(name: str, by_pdfium: int) -> None:
    path = REAL / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{REAL} is not here")
    reference, fast = both(path)
    assert reference == fast
    reasons: list[str | None] = []
    found = read_pages(path.read_bytes(), reasons=reasons)
    assert (0 if isinstance(found, str) else reasons.count(None)) == by_pdfium


# --- what pdfium's text page changes, on PDFs written by hand ---------------------------------


def write_pdf(path: Path, content: bytes, *, page: bytes = b"", extra: list[bytes] = ()) -> Path:
    """A one-page PDF drawing `content` with Helvetica as /F1 (objects 6+ are `extra`)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> " + page + b">>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    path.write_bytes(assemble_pdf(objects))
    return path


FORM_TEXT = b"BT /F1 10 Tf 72 600 Td (In a form.) Tj ET"
FORM = (
    b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> "
    b">> /Length %d >>\nstream\n" % len(FORM_TEXT) + FORM_TEXT + b"\nendstream"
)
LINES = b"".join(
    b"BT /F1 10 Tf 72 %d Td (Line %d of a page that is read the same by both readers.) Tj ET\n"
    % (700 - 14 * k, k)
    for k in range(4)
)


@pytest.mark.parametrize(
    ("content", "page", "extra"),
    [
        (LINES, b"", []),
        # font size 1 scaled by the text matrix, as Word and InDesign write it
        (LINES.replace(b"/F1 10 Tf 72", b"/F1 1 Tf 10 0 0 10 72").replace(b"Td", b"Tm"), b"", []),
        # synthetic italics: the text matrix skews the glyphs
        (LINES.replace(b"/F1 10 Tf 72", b"/F1 10 Tf 1 0 0.2 1 72").replace(b"Td", b"Tm"), b"", []),
        # a form XObject's text: pdfminer.six groups none of it, and neither do we
        (
            LINES + b"q /X1 Do Q\n",
            b"",
            [FORM],
        ),
        # one line drawn right half first: pdfium's text page sorts it by x, we put the
        # objects back in drawing order
        (
            LINES
            + b"BT /F1 10 Tf 300 500 Td (right half) Tj ET\n"
            + b"BT /F1 10 Tf 72 500 Td (left half) Tj ET\n",
            b"",
            [],
        ),
        # a lone space in a text object of its own: pdfium's text page leaves it out, we put
        # pdfminer.six's space back (wide enough to join the two words into one line, which
        # would be two cells without it)
        (
            LINES
            + b"BT /F1 10 Tf 72 500 Td (Hello) Tj ET\n"
            + b"BT /F1 30 Tf 94.78 500 Td ( ) Tj ET\n"
            + b"BT /F1 10 Tf 103.12 500 Td (world) Tj ET\n",
            b"",
            [],
        ),
        # character spacing before a lone space drawn right after a string: pdfminer.six
        # leaves out the spacing after the string's last glyph, pdfium does not
        (
            LINES + b"BT /F1 10 Tf 2 Tc 72 500 Td (Hello) Tj 0 Tc ( ) Tj (world) Tj ET\n",
            b"",
            [],
        ),
    ],
    ids=["plain", "scaled-font", "skewed", "form-text", "reordered", "lone-space", "spacing"],
)
def test_hand_written_pdfs_read_alike(tmp_path: Path, content, page, extra) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", content, page=page, extra=extra)
    assert not isinstance(read_pages(pdf.read_bytes()), str)
    reference, fast = both(pdf)
    assert reference == fast
    assert "In a form" not in json.dumps(fast)


def test_skewed_text_has_pdfminers_boxes(tmp_path: Path) -> None:
    """Synthetic italics in a font whose ink reaches past some glyphs' advance (Times-Italic's
    f): pdfium's loose box is the skewed advance box joined with the ink; the lines made from
    it are pdfminer.six's, to its own coordinates (declined before the skew was allowed for)."""
    content = (
        LINES.replace(b"/F1 10 Tf 72", b"/F1 1 Tf 12 0 3 12 72")
        .replace(b"Td", b"Tm")
        .replace(b"Line", b"Staff of ff")
    )
    pdf = write_pdf(tmp_path / "a.pdf", content)
    pdf.write_bytes(pdf.read_bytes().replace(b"/Helvetica", b"/Times-Italic"))
    assert declined_why(pdf) is None
    reference, fast = both(pdf)
    assert reference == fast
    data = pdf.read_bytes()
    lib = _pdfium()
    buf = ctypes.create_string_buffer(data, len(data))
    doc = lib.raw.FPDF_LoadMemDocument64(buf, len(data), None)
    try:
        miner = _Miner(data, 1)
        ours = _read_page(lib, doc, 0, {}, miner)[0]
    finally:
        lib.raw.FPDF_CloseDocument(doc)
    theirs = miner.read([0])[0][0]

    def lines(cells: list) -> list:
        return sorted((c.text, *(round(v, 3) for v in (c.x0, c.y0, c.x1, c.y1))) for c in cells)

    assert lines(ours) == lines(theirs)
    assert min(c.x0 for c in ours) < 72 - 0.5  # the skew moves the bottom-left corner left


@pytest.mark.parametrize(
    ("content", "page", "reason"),
    [
        (LINES, b"/Rotate 90 ", "rotated page"),
        (
            LINES.replace(b"/F1 10 Tf 72", b"/F1 10 Tf 0 1 -1 0 72").replace(b"Td", b"Tm"),
            b"",
            "rotated or mirrored text",
        ),
        # 'l' is 2.22 pt wide at 10 pt: 1 pt of character spacing is exactly pdfminer.six's
        # word gap (a tenth of the size), which 32- and 64-bit floats may decide apart
        (
            LINES + b"BT /F1 10 Tf 1 Tc 72 500 Td (llllllll) Tj ET\n",
            b"",
            "a gap on the edge of a threshold",
        ),
        # pdfium puts /ActualText in place of the glyphs; pdfminer.six prints the glyphs
        (
            LINES.replace(b"BT /F1", b"/Span << /ActualText (Instead) >> BDC BT /F1", 1).replace(
                b"ET\n", b"ET EMC\n", 1
            ),
            b"",
            "/ActualText",
        ),
    ],
    ids=["rotated-page", "rotated-text", "knife-edge", "actual-text"],
)
def test_what_pdfium_changes_is_read_by_pdfminer(tmp_path: Path, content, page, reason) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", content, page=page)
    assert declined_why(pdf) == reason
    assert read_document(pdf).reader == "pdfminer"


def test_reader_setting(monkeypatch, bad) -> None:
    monkeypatch.setenv("FILINGWATCH_PDF_READER", "pdfminer")
    assert read_document(bad["good"]).reader == "pdfminer"
    monkeypatch.setenv("FILINGWATCH_PDF_READER", "pdfium")
    assert read_document(bad["good"]).reader == "pdfium"
    monkeypatch.setenv("FILINGWATCH_PDF_READER", "mupdf")
    with pytest.raises(SettingError, match="FILINGWATCH_PDF_READER must be one of"):
        read_document(bad["good"])


def test_cjk_character_pdfminer_maps_apart_is_read_by_pdfminer(tmp_path: Path) -> None:
    """U+2027 in a CJK font that is not embedded: pdfminer.six's round trip from the code to
    Adobe-GB1's CID and back loses it, pdfium keeps it; the fast path does not vouch."""
    text = "本公司董事會‧宣佈，本公司於二零二五年訂立一份協議。\n" * 3
    pdf = render_text_pdf(text, tmp_path / "zh.pdf")
    assert declined_why(pdf) in (
        "a character pdfminer.six maps through a CJK font's CIDs",
        "a symbol character",  # what pdfium makes of the code
        "a symbolic font not embedded",  # where reportlab draws it in Symbol
    )
    reference, fast = both(pdf)
    assert reference == fast


@pytest.mark.parametrize("symbols", ["a dose of 5 μg", "a − b", "α and β", "x ≤ y"])
def test_text_in_the_symbol_font_is_read_by_pdfminer(tmp_path: Path, symbols: str) -> None:
    """reportlab draws what Helvetica lacks in Symbol, not embedded: pdfium reads its codes in
    Symbol's own encoding (μ), pdfminer.six in the standard one ("m"); the fast path does not
    vouch (two held-out documents differed so)."""
    text = f"The circular says {symbols} here.\n\nA second paragraph follows it."
    pdf = render_text_pdf(text, tmp_path / "symbol.pdf")
    assert declined_why(pdf) == "a symbolic font not embedded"
    reference, fast = both(pdf)
    assert reference == fast


def test_pdfium_uses_no_font_of_the_machine(tmp_path: Path) -> None:
    """CI installs a CJK font (for the browser tests); the reader's pdfium must not use it,
    so a filing reads alike on every machine: a one-glyph text object in STSong-Light, not
    embedded, has no box without a CJK font and is left out of pdfium's text page; the
    fast reader puts it back from pdfminer.six's font."""
    pdf = render_text_pdf("於2023年12月31日訂立協議。\n\n第二段。", tmp_path / "zh.pdf")
    lib = _pdfium()
    raw = lib.raw
    data = pdf.read_bytes()  # pdfium reads it in place: kept alive until the document closes
    document = raw.FPDF_LoadMemDocument64(data, len(data), None)
    page = raw.FPDF_LoadPage(document, 0)
    textpage = raw.FPDFText_LoadPage(page)
    try:
        count = raw.FPDFText_CountChars(textpage)
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    finally:
        raw.FPDFText_ClosePage(textpage)
        raw.FPDF_ClosePage(page)
        raw.FPDF_CloseDocument(document)
    assert "2023" in text and "年" not in text and "月" not in text
    reference, fast = both(pdf)
    assert reference == fast and "2023年12月31日" in fast[0][0]
    assert declined_why(pdf) is None


def test_every_page_declined_reads_as_the_reference(tmp_path: Path, monkeypatch) -> None:
    """A declined page is read from pdfminer.six's characters grouped by `_group` without its
    layout analysis (`_exact_cells`): forced on every page of rendered filings (tables, CJK,
    bullets pdfminer.six keeps as lines without width) and real PDFs, the reference's text."""
    from extract import pdfium_read

    def declined(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise pdfium_read._NotVouched("forced")

    monkeypatch.setattr(pdfium_read, "_read_page", declined)
    texts = [
        *sorted(CORPUS.glob("*.txt"))[::8],
        *sorted((ROOT / "tests" / "fixtures" / "others5" / "dev").glob("01379-*.txt")),
    ]
    files = [render_text_pdf(t.read_text("utf-8"), tmp_path / f"{t.stem}.pdf") for t in texts]
    files += sorted(REAL.glob("*.pdf"))[8:11]
    for path in files:
        reference, fast = both(path)
        assert reference == fast, path.name
    assert len(files) >= 9


def test_declined_page_with_vertical_text_reads_as_the_reference(
    tmp_path: Path, monkeypatch
) -> None:
    """A declined page's characters are boxed as pdfminer.six boxes them without making its
    objects (extract/char_boxes.py); one in a vertical CJK font is made by pdfminer.six and
    taken back, in drawing order among the horizontal ones."""
    from extract import pdfium_read

    def declined(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise pdfium_read._NotVouched("forced")

    monkeypatch.setattr(pdfium_read, "_read_page", declined)
    content = (
        b"BT /F1 12 Tf 72 700 Td (Across the page, before the column.) Tj ET\n"
        b"BT /F2 12 Tf 400 690 Td <4E2D65876587> Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (Across the page, after the column.) Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    pdf = tmp_path / "vertical.pdf"
    pdf.write_bytes(assemble_pdf(objects))
    reference, fast = both(pdf)
    assert reference == fast
    assert "中" in json.dumps(fast, ensure_ascii=False)


def test_declined_page_is_read_by_pdfminer_alone(tmp_path: Path) -> None:
    """A page pdfium cannot vouch for (here rotated) is read by pdfminer.six alone, the others
    by pdfium: the document is the reference's, page for page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R 7 0 R] /Count 3 >>",
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> " + extra + b">>"
            for extra in (b"",)
        ),
        b"<< /Length %d >>\nstream\n" % len(LINES) + LINES + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> " + extra + b">>"
            for extra in (b"/Rotate 90 ", b"")
        ),
    ]
    pdf = tmp_path / "mixed.pdf"
    pdf.write_bytes(assemble_pdf(objects))
    reasons: list[str | None] = []
    assert not isinstance(read_pages(pdf.read_bytes(), reasons=reasons), str)
    assert reasons == [None, "rotated page", None]
    reference, fast = both(pdf)
    assert reference == fast
    assert read_document(pdf).reader == "pdfium"


@pytest.mark.parametrize(
    ("stream", "sets"),
    [
        (b'BT /F1 12 Tf 72 700 Td (He said "no") Tj ET', False),  # a quote inside a string
        (b'BT /F1 12 Tf (a) Tj 1 0 (b) " ET', True),  # the \" operator
        (b"BT 0 Tc 0.0 Tw (x) Tj ET", False),  # spacing set to 0
        (b"BT (a Tc b) Tj ET", True),  # the word in a string: the patterns do not parse strings
        (b"BT 0.5 Tc (a) Tj ET", True),
        (b"BT [(a)] TJ 2 Tw ET", True),
        (b"BT (plain) Tj ET", False),
    ],
)
def test_which_streams_set_spacing(stream: bytes, sets: bool) -> None:
    from extract.pdfium_read import _sets_spacing

    assert _sets_spacing(stream) is sets


def test_shows_keep_strings_and_decode_escapes_when_read() -> None:
    from extract.pdfium_read import _shows

    stream = (
        b"BT /F1 10 Tf (\\\n) Tj (a\\(b\\)\\\\c\\101\\n) Tj [(x) -120 <4142> (\\061)] TJ "
        b"[(\\\r\n)] TJ (plain) ' ET"
    )
    shows = _shows(stream)
    assert [s.string for s in shows] == [b"a(b)\\cA\n", b"xAB1", b"plain"]
    assert [s.moved for s in shows] == [False, False, False]
    assert {s.font for s in shows} == {b"F1"} and {s.size for s in shows} == {10.0}
