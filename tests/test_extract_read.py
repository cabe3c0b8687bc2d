"""extract/read.py: PDF, HTML and text reading, and the bad-input corpus (each a typed error
with a one-line reason), and the max-pages limit on a 500-page document."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from support.bad_inputs import write_bad_inputs
from support.pdfs import render_text_pdf

from extract import (
    CorruptPDF,
    EmptyDocument,
    EncryptedPDF,
    NotAPDF,
    ReadError,
    ScannedPDF,
    TruncatedPDF,
    read_document,
)
from extract.read import close_cjk_gaps, read_pdf

SAMPLE = Path(__file__).resolve().parent.parent / "extract" / "samples" / "kingsoft-2012-05-24.txt"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    out = write_bad_inputs(d, SAMPLE.read_text(encoding="utf-8"))
    big = Canvas(str(d / "big.pdf"))
    for i in range(500):
        big.drawString(72, 750, f"Page {i + 1} of a long annual report.")
        big.showPage()
    big.save()
    out["big"] = d / "big.pdf"
    return out


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("truncated", TruncatedPDF, "truncated"),
        ("corrupt", CorruptPDF, "corrupt"),
        ("encrypted", EncryptedPDF, "encrypted"),
        ("zero", EmptyDocument, "0 bytes"),
        ("html_error", NotAPDF, "HTML page"),
        ("scanned", ScannedPDF, "no text layer"),
    ],
)
def test_read_bad_input_raises_typed_one_line_reason(files, name, error, words) -> None:
    with pytest.raises(error) as info:
        read_document(files[name])
    assert isinstance(info.value, ReadError)
    assert words in info.value.reason
    assert "\n" not in info.value.reason and len(info.value.reason) < 200


def test_read_max_pages_stops_early_on_500_pages(files) -> None:
    doc = read_document(files["big"], max_pages=12)
    assert len(doc.pages) == 12
    assert doc.page_count == 500 and doc.truncated
    assert doc.pages[11].startswith("Page 12 ")


def test_read_pdf_keeps_table_rows_and_definitions_together(files) -> None:
    doc = read_document(files["good"])
    text = "\n".join(doc.pages)
    assert doc.language == "en" and doc.source == "pdf"
    assert "Date  : 24 May 2012" in text
    # the defined term wraps in its column and its definition in the next one
    assert (
        '"Chengdu Digital Entertainment"  成都金山數字娛樂科技有限公司 (Chengdu Kingsoft Digital '
        "Entertainment Co., Ltd.), a wholly owned subsidiary of the Company" in text
    )


def test_read_pdf_cap_table_columns_stay_in_rows(tmp_path: Path) -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n(RMB million)\n"
        "  For the year ending 31 December 2024  For the year ending 31 December 2025\n"
        "Sales to the Jade River Group Companies (Master Supply Agreement)  320.0  365.0\n"
    )
    doc = read_document(render_text_pdf(text, tmp_path / "caps.pdf"))
    lines = doc.pages[0].splitlines()
    assert "For the year ending 31 December 2024  For the year ending 31 December 2025" in lines
    assert any(ln.endswith("Agreement)  320.0  365.0") for ln in lines)


def test_read_text_form_feed_is_page_break(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("first page\n\f\nsecond page\n", encoding="utf-8")
    assert read_document(p).pages == ["first page", "second page"]


def test_read_html_keeps_blocks_and_cells(tmp_path: Path) -> None:
    p = tmp_path / "a.htm"
    p.write_text(
        "<html><head><style>p{}</style><title>t</title></head><body><p>First &amp; one.</p>"
        "<table><tr><td>Date:</td><td>24 May 2012</td></tr></table><script>x=1</script>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(p)
    lines = doc.pages[0].splitlines()
    assert "First & one." in lines and "Date:  24 May 2012" in lines
    assert "x=1" not in doc.pages[0]


def test_read_language_detects_chinese(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text(
        "金山軟件有限公司\n持續關連交易\n董事會宣佈，於二零一二年五月二十四日訂立協議。", "utf-8"
    )
    assert read_document(p).language == "zh"


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("須 予 披 露 的 交 易", "須予披露的交易"),
        ("於 2025 年 8 月 22 日（ 於 交 易 時 段 之 後 ）", "於2025年8月22日（於交易時段之後）"),
        ("董 事  審 核 委 員 會  薪 酬", "董事  審核委員會  薪酬"),
        ("Alco Holdings Limited（「本公司」）", "Alco Holdings Limited（「本公司」）"),
        ("HK$8 million on 24 May 2012", "HK$8 million on 24 May 2012"),
    ],
)
def test_letter_spaced_cjk_is_closed_and_table_gaps_kept(printed: str, read: str) -> None:
    assert close_cjk_gaps(printed) == read


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_a_board_in_columns_goes_on_over_a_page_break(tmp_path: Path, reader: str) -> None:
    """The next page's rows of a table of names keep their columns (blank cells as "-"):
    the columns are the ones the last page's table ended in, with both readers."""
    path = tmp_path / "board.pdf"
    c = Canvas(str(path))
    xs = (57, 220, 381)
    for x, head in zip(xs, ("Executive Directors", "Non-executive Director", "INEDs"), strict=True):
        c.drawString(x, 120, head)
    for x, name in zip(
        xs, ("Mr. HU Jiawei", "Ms. SHUM Wing Kei", "Professor LUO Ping"), strict=True
    ):
        c.drawString(x, 106, name)
    c.drawString(270, 40, "- 3 -")
    c.showPage()
    c.drawString(57, 780, "Mr. FENG Yong")
    c.drawString(381, 780, "Mr. KWAN Chi Hang")
    c.drawString(57, 766, "Ms. WANG Xiaoli")
    c.drawString(381, 766, "Dr. ZHU Hong")
    c.save()
    pages = read_pdf(path, reader=reader).pages
    assert pages[1].split("\n")[:2] == [
        "Mr. FENG Yong  -  Mr. KWAN Chi Hang",
        "Ms. WANG Xiaoli  -  Dr. ZHU Hong",
    ]
