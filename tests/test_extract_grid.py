"""extract/grid.py: blank cells of name tables written back, so names keep their column."""

from __future__ import annotations

import pytest

from extract.grid import fill_row, fill_text_grid, join_wrapped_headers, place_by_x

ALIGNED = (
    "Executive Directors:        Non-executive Directors:       Independent Directors:\n"
    "Mr. ZHANG Weidong           Mr. SUN Haitao (Chairman)      Mr. WONG Hin Wing\n"
    "                            Mr. HAN Bin                    Ms. CHEUNG Wai Man\n"
    "Mr. XU Guangming            Ms. LU Fang"
)
GAPS = (
    "Executive Directors  Non-executive Director  Independent non-executive Directors\n"
    "Mr. Guo Changhe (Chairman)  Mr. Tsang Yiu Wah  Mr. Sin Chi Kin\n"
    "Ms. Guo Xiaoqing    Dr. Meng Fanrong"
)


def test_a_table_aligned_with_spaces_keeps_each_name_under_its_heading() -> None:
    lines = fill_text_grid(ALIGNED).split("\n")
    assert lines[2] == "-  Mr. HAN Bin  Ms. CHEUNG Wai Man"
    assert lines[3] == "Mr. XU Guangming            Ms. LU Fang"  # a blank at the end: as is
    assert lines[:2] == ALIGNED.split("\n")[:2]


def test_a_wider_gap_is_a_blank_cell_when_the_table_is_not_aligned() -> None:
    lines = fill_text_grid(GAPS).split("\n")
    assert lines[2] == "Ms. Guo Xiaoqing  -  Dr. Meng Fanrong"


def test_tables_of_figures_and_prose_are_left_alone() -> None:
    caps = "  2026  2027  2028\nPurchase caps  10,000    14,000\nSales caps  5,000  6,000  7,000"
    assert fill_text_grid(caps) == caps
    prose = "The Board comprises:\nMr. A  Mr. B\n\nA paragraph    with wide    spaces."
    assert fill_text_grid(prose) == prose
    assert fill_text_grid(GAPS, blank="\x00").split("\n")[2].split("  ")[1] == "\x00"


def test_pdf_cells_are_placed_by_where_they_start() -> None:
    anchors = [56.0, 230.0, 400.0]
    assert place_by_x([231.0, 399.0], anchors, 6.0) == [1, 2]
    assert place_by_x([56.0, 300.0], anchors, 6.0) is None  # not under any heading
    assert fill_row(["Mr. B", "Ms. C"], [1, 2]) == ["-", "Mr. B", "Ms. C"]


WRAPPED = (
    "(RMB'000)                           Construction Services    Property Leasing    Port\n"
    "                                    Framework Agreement     Framework           Framework\n"
    "                                                            Agreement           Agreement\n"
    "Year ending 31 December 2026\n"
    "  Annual cap                        4,800,000               38,000              1,200,000\n"
)


def test_column_headings_wrapped_over_lines_are_joined_under_their_columns() -> None:
    head, *rest = join_wrapped_headers(WRAPPED).split("\n")
    assert [c.strip() for c in head.split("  ") if c.strip()] == [
        "(RMB'000)",
        "Construction Services Framework Agreement",
        "Property Leasing Framework Agreement",
        "Port Framework Agreement",
    ]
    assert rest == WRAPPED.split("\n")[3:]


@pytest.mark.parametrize(
    "table",
    [
        # headings two spaces apart, not aligned with the figures: read as they are
        "(RMB'000)\n  Year ending 31 December 2025  Year ending 31 December 2026\n"
        "Purchases (Parts Agreement)  520,000  575,000\n",
        # a full line of headings over a unit line
        "                 2025        2026\n                 HK$'000     HK$'000\n"
        "Purchases        12,500      14,000\n",
    ],
)
def test_tables_whose_headings_do_not_wrap_are_left_alone(table: str) -> None:
    assert join_wrapped_headers(table) == table
