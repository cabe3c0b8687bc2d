"""The PDF renderer (crawler/replica/pdf.py): real text pdfminer can read, CJK included."""

from __future__ import annotations

import io

from pdfminer.high_level import extract_pages, extract_text

from crawler.replica.pdf import render_pdf, runs, split_cells, wrap

TEXT = (
    "KINGSOFT CORPORATION LIMITED\n金山軟件有限公司\n(Stock Code: 03888)\n\n"
    "On 24 May 2012, Chengdu Digital Entertainment (成都金山數字娛樂科技有限公司) entered into "
    "the Agreement with Beijing Xiaomi. "
    * 4
    + "\n\nPeriod  Annual cap\nYear ending 31 December 2012  RMB8.0 million\n"
    "Year ending 31 December 2013  RMB9.5 million\n\f\n持續關連交易 continues on page two\n"
)


def test_pdf_text_is_extractable_with_chinese_and_page_breaks():
    data = render_pdf(TEXT, header="KINGSOFT (03888)", title="CCT")
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    text = extract_text(io.BytesIO(data))
    assert "金山軟件有限公司" in text and "成都金山數字娛樂科技有限公司" in text
    assert "持續關連交易" in text
    assert "RMB8.0 million" in text and "Year ending 31 December 2013" in text
    assert "KINGSOFT (03888)" in text  # the header line on each page
    assert len(list(extract_pages(io.BytesIO(data)))) == 2


def test_pdf_long_text_overflows_onto_more_pages():
    data = render_pdf("\n".join(f"Line {n} of a long announcement." for n in range(200)))
    assert len(list(extract_pages(io.BytesIO(data)))) >= 3


def test_pdf_runs_switch_font_for_cjk():
    assert runs("Beijing 北京 Co.") == [
        ("Helvetica", "Beijing "), ("STSong-Light", "北京"), ("Helvetica", " Co."),
    ]  # fmt: skip


def test_pdf_wrap_breaks_at_spaces_and_between_cjk_characters():
    lines = wrap("word " * 40, 200)
    assert len(lines) > 1 and all(line.strip() for line in lines)
    assert "".join(wrap("關連交易" * 30, 100)) == "關連交易" * 30


def test_pdf_table_cells_split_on_two_spaces_or_tabs():
    assert split_cells("Date:  24 May 2012") == ["Date:", "24 May 2012"]
    assert split_cells("Date\t: 24 May 2012") == ["Date", ": 24 May 2012"]
    assert split_cells("  (2) Beijing Xiaomi") == ["", "(2) Beijing Xiaomi"]
    assert split_cells("One sentence. Two") == ["One sentence. Two"]
