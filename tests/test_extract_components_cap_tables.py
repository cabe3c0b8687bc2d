"""extract/components/cap_tables.py through fw_caps_v1: cap tables in the layouts issuers use,
read as grids (header lines, unit lines, group labels, labelled value rows), from text and from
a PDF rendered with reportlab and read back with pdfminer.six. Only proposed and revised caps
are caps; existing caps, historical amounts, "equivalent to" columns and ended years are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pdfs import render_text_pdf

from extract import extract_pages
from extract.components.cap_tables import Grid, _unit_in_labels, _unjoined
from extract.document import Line
from extract.extraction import extract_file

DEFS = (
    "\n\nDEFINITIONS\n\n"
    '"Alpha Supply Agreement"  the alpha supply agreement dated 3 March 2025 between the '
    "Company and Northwind Trading\n"
    '"Beta Services Agreement"  the beta services agreement dated 3 March 2025 between the '
    "Company and Northwind Trading\n"
    '"Northwind Trading"  Northwind Trading Limited, a company incorporated in Hong Kong\n'
)


def caps(text: str, tmp_path: Path | None = None) -> list[tuple]:
    body = text + DEFS
    if tmp_path is None:
        out = extract_pages([body])
    else:
        out = extract_file(render_text_pdf(body, tmp_path / "caps.pdf"))
    return [
        (c["amount"], c["currency"], c["period_end"], c["agreement"], c["kind"])
        for c in out["annual_caps"]
    ]


YEARS_ACROSS_UNIT_ROW = (
    "PROPOSED ANNUAL CAPS\n\n"
    "The proposed annual caps under the Alpha Supply Agreement are set out below:\n\n"
    "Financial year ending 31 March           2026          2027          2028\n"
    "                                         HK$'000       HK$'000       HK$'000\n"
    "Purchases of packaging by the Group      12,500        14,000        15,750\n"
)

HISTORICAL_EXISTING_PROPOSED_ROWS = (
    "Historical amounts, existing caps and proposed caps\n\n"
    "The table below sets out the historical amounts, the existing annual caps and the "
    "proposed annual caps under the Beta Services Agreement:\n\n"
    "                               For the year ended/ending 30 June\n"
    "                               2024      2025      2026      2027      2028\n"
    "                               (RMB million)\n"
    "Historical transaction amount  40.1      42.7(1)   -         -         -\n"
    "Existing annual cap            45.0      50.0      55.0      -         -\n"
    "Proposed annual cap            -         -         60.0      66.0      72.5\n"
)

ONE_COLUMN_PER_AGREEMENT = (
    "ANNUAL CAPS\n\n"
    "The proposed annual caps for the transactions under the two agreements are as follows:\n\n"
    "                                              Alpha Supply         Beta Services\n"
    "                                              Agreement            Agreement\n"
    "                                              (US$)                (US$)\n"
    "For the period from 1 May 2025 to 31 December 2025   2,000,000     300,000\n"
    "For the year ending 31 December 2026                 5,500,000     900,000\n"
)

REVISED_WITH_EQUIVALENT_COLUMN = (
    "REVISION OF ANNUAL CAPS\n\n"
    "The existing annual caps and the revised annual caps under the Alpha Supply Agreement are "
    "as follows:\n\n"
    "Year ending 31 December  Existing cap  Revised cap  Revised cap (equivalent to approx.)\n"
    "                         RMB'000       RMB'000      HK$'000\n"
    "2025                     80,000        96,000       104,640\n"
    "2026                     90,000        118,000      128,620\n"
)

GROUPS_AND_CATEGORIES = (
    "The proposed annual caps for the three years ending 31 December 2027 are as follows:\n\n"
    "                                    Year ending 31 December\n"
    "                                    2025         2026         2027\n"
    "                                    (RMB million)\n"
    "Alpha Supply Agreement\n"
    "  Sales of cement                   310          350          395\n"
    "  Sales of clinker                  45           52           60\n"
    "Beta Services Agreement\n"
    "  Transport services                18           21           24\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_years_across_with_a_unit_row_and_31_march_year_ends(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(YEARS_ACROSS_UNIT_ROW, tmp_path if from_pdf else None)
    assert got == [
        (12500000, "HKD", "2026-03-31", "Alpha Supply Agreement", "proposed"),
        (14000000, "HKD", "2027-03-31", "Alpha Supply Agreement", "proposed"),
        (15750000, "HKD", "2028-03-31", "Alpha Supply Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_historical_and_existing_rows_above_the_proposed_row_are_not_caps(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(HISTORICAL_EXISTING_PROPOSED_ROWS, tmp_path if from_pdf else None)
    assert got == [
        (60000000, "RMB", "2026-06-30", "Beta Services Agreement", "proposed"),
        (66000000, "RMB", "2027-06-30", "Beta Services Agreement", "proposed"),
        (72500000, "RMB", "2028-06-30", "Beta Services Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_one_column_per_agreement_with_a_stub_period(from_pdf: bool, tmp_path: Path) -> None:
    got = caps(ONE_COLUMN_PER_AGREEMENT, tmp_path if from_pdf else None)
    assert sorted(got) == sorted(
        [
            (2000000, "USD", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (300000, "USD", "2025-12-31", "Beta Services Agreement", "proposed"),
            (5500000, "USD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (900000, "USD", "2026-12-31", "Beta Services Agreement", "proposed"),
        ]
    )


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_revised_column_kept_existing_and_equivalent_columns_left_out(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(REVISED_WITH_EQUIVALENT_COLUMN, tmp_path if from_pdf else None)
    assert got == [
        (96000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "revised"),
        (118000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "revised"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_group_label_rows_name_the_agreement_of_the_category_rows_under_them(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(GROUPS_AND_CATEGORIES, tmp_path if from_pdf else None)
    assert sorted(got) == sorted(
        [
            (310000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (350000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (395000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
            (45000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (52000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (60000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
            (18000000, "RMB", "2025-12-31", "Beta Services Agreement", "proposed"),
            (21000000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
            (24000000, "RMB", "2027-12-31", "Beta Services Agreement", "proposed"),
        ]
    )


def test_a_total_column_beside_the_categories_is_not_a_cap_of_its_own() -> None:
    text = (
        "The proposed annual caps under the Alpha Supply Agreement are:\n\n"
        "Year ending 31 December   Sales    Purchases   Total\n"
        "                          (HK$ million)\n"
        "2025                      10.0     5.0         15.0\n"
        "2026                      12.0     6.0         18.0\n"
    )
    assert sorted(caps(text)) == sorted(
        [
            (10000000, "HKD", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (5000000, "HKD", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (12000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (6000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        ]
    )


def test_a_blank_line_between_the_header_and_the_body() -> None:
    text = (
        "The proposed annual caps under the Beta Services Agreement are:\n\n"
        "                       Year ending 31 December\n"
        "                       2025        2026\n"
        "                       (RMB'000)\n\n"
        "Proposed annual caps   10,000      12,000\n"
        "Increase (%)           20%         20%\n"
    )
    assert caps(text) == [
        (10000000, "RMB", "2025-12-31", "Beta Services Agreement", "proposed"),
        (12000000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
    ]


def test_a_unit_printed_beside_the_first_year_only() -> None:
    text = (
        "The proposed annual caps under the Beta Services Agreement are:\n\n"
        "Year ended 31 December  Year ending 31 December\n"
        "2022 (RMB million)  2023  2025  2026\n"
        "Historical transaction amounts  0.5  0.6\n"
        "Proposed annual caps  0.9  1.1\n"
    )
    assert caps(text) == [
        (900000, "RMB", "2025-12-31", "Beta Services Agreement", "proposed"),
        (1100000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
    ]


STACKED_EXISTING_THEN_PROPOSED = (
    "HISTORICAL FIGURES AND ANNUAL CAPS\n\n"
    "The tables below show the existing annual caps and actual amounts, and then the proposed "
    "annual caps under the Beta Services Agreement:\n\n"
    "                               Year ended    Year ended    Year ending\n"
    "                               31 March      31 March      31 March\n"
    "                               2024          2025          2026\n"
    "                               HK$ million   HK$ million   HK$ million\n"
    "Existing annual caps           30            34            38\n"
    "Actual amounts                 21            26            12\n\n"
    "                               Year ending   Year ending   Year ending\n"
    "                               31 March      31 March      31 March\n"
    "                               2027          2028          2029\n"
    "                               HK$ million   HK$ million   HK$ million\n"
    "Proposed annual caps           41            45            52\n"
)

WRAPPED_STUB_HEADER = (
    "The proposed annual caps for the transactions under the Alpha Supply Agreement are set "
    "out below:\n\n"
    "Transaction          For the period from      For the year ending   For the year ending\n"
    "                     the effective date to    31 December 2026      31 December 2027\n"
    "                     31 December 2025\n"
    "                     US$'000                  US$'000               US$'000\n"
    "Sale of spare parts  800                      2,100                 2,450\n"
)

EQUIVALENT_ROW = (
    "ANNUAL CAPS\n\n"
    "The annual caps under the Alpha Supply Agreement are:\n\n"
    "                                         Year ending 31 December\n"
    "                                         2026            2027\n"
    "                                         RMB'000         RMB'000\n"
    "Proposed annual caps                     40,000          48,000\n"
    "(equivalent to approximately HK$'000)    44,000          52,800\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_a_proposed_table_under_an_existing_caps_table_is_read_on_its_own(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(STACKED_EXISTING_THEN_PROPOSED, tmp_path if from_pdf else None)
    assert got == [
        (41000000, "HKD", "2027-03-31", "Beta Services Agreement", "proposed"),
        (45000000, "HKD", "2028-03-31", "Beta Services Agreement", "proposed"),
        (52000000, "HKD", "2029-03-31", "Beta Services Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_a_stub_period_header_wrapped_onto_its_own_date_line(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(WRAPPED_STUB_HEADER, tmp_path if from_pdf else None)
    assert got == [
        (800000, "USD", "2025-12-31", "Alpha Supply Agreement", "proposed"),
        (2100000, "USD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (2450000, "USD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_an_equivalent_to_row_under_the_caps_row_is_not_caps(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(EQUIVALENT_ROW, tmp_path if from_pdf else None)
    assert got == [
        (40000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (48000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


EXISTING_AND_REVISED_SUBCOLUMNS = (
    "REVISION OF ANNUAL CAPS\n\n"
    "The caps under the Alpha Supply Agreement before and after the revision are:\n\n"
    "                     2025                        2026\n"
    "                     Existing     Revised        Existing     Revised\n"
    "                     HK$ million  HK$ million    HK$ million  HK$ million\n"
    "Sale of tiles        14           19             15           21\n"
)


def test_revised_sub_columns_under_each_year_are_revised_caps() -> None:
    assert caps(EXISTING_AND_REVISED_SUBCOLUMNS) == [
        (19000000, "HKD", "2025-12-31", "Alpha Supply Agreement", "revised"),
        (21000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "revised"),
    ]


EURO_CELLS_31_MARCH = (
    "PROPOSED ANNUAL CAPS\n\n"
    "The proposed annual caps under the Alpha Supply Agreement are:\n\n"
    "Financial year ending 31 March       Proposed annual cap\n"
    "2027                                 EUR 1,250,000\n"
    "2028                                 EUR 1,600,000\n"
)


def test_amounts_in_euro_cells_under_a_31_march_year_end() -> None:
    assert caps(EURO_CELLS_31_MARCH) == [
        (1250000, "EUR", "2027-03-31", "Alpha Supply Agreement", "proposed"),
        (1600000, "EUR", "2028-03-31", "Alpha Supply Agreement", "proposed"),
    ]


# --- year-keyed rows, category columns, rows read as one line (others4) ---------------------

YEAR_KEYED_ROWS = (
    "CAPS AND ACTUAL AMOUNTS\n\n"
    "The existing caps, the actual amounts and the proposed caps are set out below:\n\n"
    "                              Purchase of         Provision of\n"
    "                              alpha goods         beta services\n"
    "Year ending 30 June           (HK$'000)           (HK$'000)\n"
    "2024   Existing cap           5,000               1,200\n"
    "       Actual amount          4,100               1,050\n"
    "2025   Existing cap           5,500               1,300\n"
    "       Actual amount          4,600               1,100\n"
    "2026   Proposed cap           6,000               1,400\n"
    "2027   Proposed cap           6,600               1,500\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_rows_keyed_by_year_then_label_and_columns_matched_to_agreements_by_words(
    from_pdf: bool, tmp_path: Path
) -> None:
    """A year cell then a label cell ("2026  Proposed cap") is one label; the rows of actual
    amounts and existing caps are left out; a category column naming no agreement goes to the
    one agreement whose name shares its words ("alpha goods" -> Alpha Supply Agreement)."""
    got = caps(YEAR_KEYED_ROWS, tmp_path if from_pdf else None)
    assert sorted(got) == [
        (1400000, "HKD", "2026-06-30", "Beta Services Agreement", "proposed"),
        (1500000, "HKD", "2027-06-30", "Beta Services Agreement", "proposed"),
        (6000000, "HKD", "2026-06-30", "Alpha Supply Agreement", "proposed"),
        (6600000, "HKD", "2027-06-30", "Alpha Supply Agreement", "proposed"),
    ]


def test_two_rows_read_as_one_line_are_split_at_the_agreements_they_name() -> None:
    text = (
        "ANNUAL CAPS\n\n"
        "The annual caps for the year ending 31 December are:\n\n"
        "Agreement  2026  2027\n"
        "Alpha Supply Agreement (sales) Beta Services Agreement (fees)  "
        "HK$9,000,000 HK$2,000,000  HK$9,900,000 HK$2,200,000\n"
    )
    assert sorted(caps(text)) == [
        (2000000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (2200000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
        (9000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (9900000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


JOINED_WITHOUT_A_CUT = (
    "ANNUAL CAPS\n\n"
    "The annual caps under the Alpha Supply Agreement for the year ending 31 December are:\n\n"
    "Category  2026  2027\n"
    "Sales of goods  HK$9,000,000 HK$2,000,000  HK$9,900,000 HK$2,200,000\n"
)


def test_a_line_of_two_rows_whose_label_cannot_be_cut_is_one_row_per_figure() -> None:
    """Two amounts to every cell and no second agreement or bracket to cut the label at: one
    row per figure, each with the whole label (`_unjoined`)."""
    assert sorted(caps(JOINED_WITHOUT_A_CUT)) == [
        (2000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (2200000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
        (9000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (9900000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_the_total_under_a_joined_line_sums_its_rows() -> None:
    """The rows of a joined line count as rows before the total is judged: a table of one
    joined line and its total has two rows above the total, which is their sum, not a cap."""
    got = caps(JOINED_WITHOUT_A_CUT + "Total  HK$11,000,000  HK$12,100,000\n")
    assert sorted(got) == sorted(caps(JOINED_WITHOUT_A_CUT))


def test_a_unit_joined_to_a_split_line_leaves_every_row_of_it() -> None:
    """ "Fees Amounts in HK$'000" split into two rows that keep the label: the unit is cut from
    both, so neither reads "Fees Amounts" as its category."""
    line = Line(1, 0, 10, "", [])
    grid = Grid(["2026"], "", rows=[("Fees Amounts in HK$'000", ["9,000 2,000"], line, None)])
    grid.rows = _unjoined(grid.rows[0], [])
    assert _unit_in_labels(grid) == ("HKD", 1000)
    assert [r[0] for r in grid.rows] == ["Fees", "Fees"]


def test_a_group_label_drawn_into_the_header_row_heads_the_first_rows() -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The proposed caps of the two agreements are:\n\n"
        "                                          For the year ending 31 December\n"
        "Agreement / category Alpha Supply Agreement    2026 (HK$ million)    2027 (HK$ million)\n"
        "Sale of tiles                                  10.0                  12.0\n"
        "Beta Services Agreement\n"
        "Cleaning services                              3.0                   3.5\n"
    )
    assert sorted(caps(text)) == [
        (3000000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (3500000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
        (10000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (12000000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


AGREEMENTS_OVER_COLUMN_GROUPS = (
    "PROPOSED ANNUAL CAPS\n\n"
    "The existing caps and the proposed annual caps under the two agreements are:\n\n"
    "                              Alpha Supply Agreement       Beta Services Agreement\n"
    "                              Existing cap  Proposed cap   Existing cap  Proposed cap\n"
    "                              (HK$'000)     (HK$'000)      (HK$'000)     (HK$'000)\n"
    "Year ending 31 December 2025  4,000         -              900           -\n"
    "Year ending 31 December 2026  -             5,200          -             1,100\n"
    "Year ending 31 December 2027  -             5,800          -             1,250\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_agreements_each_over_a_group_of_existing_and_proposed_columns(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(AGREEMENTS_OVER_COLUMN_GROUPS, tmp_path if from_pdf else None)
    assert sorted(got) == [
        (1100000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (1250000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
        (5200000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (5800000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_a_group_label_joined_onto_the_row_above_heads_the_rows_below() -> None:
    """What a PDF reader may give for a one-cell agreement line between kinds of rows."""
    text = (
        "HISTORICAL AMOUNTS AND CAPS\n\n"
        "                           For the year ended/ending 31 March\n"
        "                           2025      2026      2027\n"
        "                           (RMB'000)\n"
        "Alpha Supply Agreement\n"
        "Historical amount          8,120     -         -\n"
        "Proposed annual cap Beta Services Agreement   -   12,500    13,800\n"
        "Historical amount          1,020     -         -\n"
        "Proposed annual cap        -         1,900     2,100\n"
    )
    assert sorted(caps(text)) == [
        (1900000, "RMB", "2026-03-31", "Beta Services Agreement", "proposed"),
        (2100000, "RMB", "2027-03-31", "Beta Services Agreement", "proposed"),
        (12500000, "RMB", "2026-03-31", "Alpha Supply Agreement", "proposed"),
        (13800000, "RMB", "2027-03-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_rows_keyed_by_a_period_phrase_then_what_the_figure_is() -> None:
    text = (
        "ANNUAL CAPS\n\n"
        "The existing caps, the actual amounts and the proposed caps under the Beta Services "
        "Agreement are:\n\n"
        "                                                 Amount\n"
        "                                                 (HK$ million)\n"
        "Year ending 31 December 2025     Existing cap    22.0\n"
        "                                 Actual amount   15.1\n"
        "Year ending 31 December 2026     Proposed cap    25.0\n"
        "Year ending 31 December 2027     Proposed cap    27.5\n"
    )
    assert caps(text) == [
        (25000000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (27500000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
    ]


def test_split_financial_years_and_the_unit_in_the_row_label() -> None:
    """ "2026/27" is the year ending in 2027 (31 March unless the table says); the line right
    above the table names its agreement when the paragraph before names two."""
    text = (
        "ANNUAL CAPS\n\n"
        "The Company has entered into the Alpha Supply Agreement and the Beta Services "
        "Agreement.\n\n"
        "The caps under the Alpha Supply Agreement are shown below.\n\n"
        "Financial year       2026/27        2027/28\n"
        "Cap (HK$'000)        1,000          1,200\n"
    )
    assert caps(text) == [
        (1000000, "HKD", "2027-03-31", "Alpha Supply Agreement", "proposed"),
        (1200000, "HKD", "2028-03-31", "Alpha Supply Agreement", "proposed"),
    ]


NOTE_UNDER_THE_TABLE = (
    "CAPS\n\n"
    "                             Sale of         Repair of\n"
    "                             finished goods  machinery\n"
    "Year ending 31 December      (HK$'000)       (HK$'000)\n"
    "2025   Existing cap          7,000           2,000\n"
    "       Actual amount for the\n"
    "       nine months ended 30 September 2025   5,012   1,420\n"
    "2026   Proposed cap          8,000           2,400\n"
    "2027   Proposed cap          8,800           2,600\n\n"
    "Note: the proposed caps for sales and repairs relate to the Beta Services Agreement and "
    "the Alpha Supply Agreement respectively.\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_a_note_under_the_table_gives_the_agreement_of_each_column_in_order(
    from_pdf: bool, tmp_path: Path
) -> None:
    """Categories sharing no word with the agreements' names; the note says which is which. A
    label wrapped over two lines does not end the table."""
    got = caps(NOTE_UNDER_THE_TABLE, tmp_path if from_pdf else None)
    assert sorted(got) == [
        (2400000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (2600000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
        (8000000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (8800000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
    ]


def test_figures_a_reader_cut_with_a_space_are_mended() -> None:
    text = (
        "ANNUAL CAPS\n\n"
        "The proposed caps under the Alpha Supply Agreement for the years ending 31 December "
        "are:\n\n"
        "                                2026      2027      2028\n"
        "Licence fees (HK$'000)          48,00 0   76,50 0   92,000\n"
    )
    assert caps(text) == [
        (48000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (76500000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
        (92000000, "HKD", "2028-12-31", "Alpha Supply Agreement", "proposed"),
    ]


WRAPPED_LABELS_AND_A_THREE_LINE_STUB_HEADER = (
    "PROPOSED ANNUAL CAPS\n\n"
    "The Board proposes these caps for the transactions under the two agreements:\n\n"
    "                                        For the period from    For the year ending\n"
    "                                        1 April 2026 to        31 March 2027\n"
    "                                        30 June 2026\n"
    "                                        (HK$'000)              (HK$'000)\n"
    "Alpha Supply Agreement\n"
    "Supply of cartons, pallets and\n"
    "  shrink wrap to the Group              2,100                  8,700\n"
    "Beta Services Agreement\n"
    "Cleaning and security services at\n"
    "  the Group's depots                    600                    2,500\n"
    "Total                                   2,700                  11,200\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_labels_wrapped_over_two_lines_under_group_labels_and_a_range_header_on_three_lines(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(WRAPPED_LABELS_AND_A_THREE_LINE_STUB_HEADER, tmp_path if from_pdf else None)
    assert sorted(got) == [
        (600000, "HKD", "2026-06-30", "Beta Services Agreement", "proposed"),
        (2100000, "HKD", "2026-06-30", "Alpha Supply Agreement", "proposed"),
        (2500000, "HKD", "2027-03-31", "Beta Services Agreement", "proposed"),
        (8700000, "HKD", "2027-03-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_a_unit_repeated_over_the_columns_with_single_spaces_is_the_unit_line() -> None:
    text = (
        "Proposed annual caps\n\n"
        "                                   Year ending 31 December\n"
        "                                   2026        2027\n"
        "                                   HK$ million HK$ million\n"
        "Alpha Supply Agreement             13.0        14.5\n"
        "Beta Services Agreement            2.0         2.2\n"
    )
    assert sorted(caps(text)) == [
        (2000000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (2200000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
        (13000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (14500000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


# --- PRC issuers' units, group headings over runs of years, unit lines off the header ------

WIDE_UNIT_ABOVE_HEADER = (
    "ANNUAL CAPS\n\n"
    "The proposed annual caps under the two agreements are set out below:\n\n"
    "{unit}\n\n"
    "Agreement                  Year ending 31 December 2025   Year ending 31 December 2026\n"
    "Alpha Supply Agreement     4.20                           5.75\n"
    "Beta Services Agreement    0.36                           0.48\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
@pytest.mark.parametrize(
    ("unit", "scale"),
    [
        ("(Unit: RMB100 million)", 100_000_000),
        ("(in RMB hundred million)", 100_000_000),
        ("(RMB'000,000)", 1_000_000),
    ],
)
def test_a_hundred_million_unit_line_a_blank_line_above_the_header(
    unit: str, scale: int, from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(WIDE_UNIT_ABOVE_HEADER.format(unit=unit), tmp_path if from_pdf else None)
    assert sorted(got) == sorted(
        [
            (round(4.20 * scale), "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
            (round(5.75 * scale), "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (round(0.36 * scale), "RMB", "2025-12-31", "Beta Services Agreement", "proposed"),
            (round(0.48 * scale), "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
        ]
    )


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
@pytest.mark.parametrize("unit", ["(Unit: RMB'0,000)", "(RMB ten thousand)", "(Unit: RMB10,000)"])
def test_ten_thousand_units_and_group_headings_over_runs_of_years(
    unit: str, from_pdf: bool, tmp_path: Path
) -> None:
    """Historical amounts over 2022 2023, proposed caps over 2025 2026 2027: two headings over
    five year columns, split where the years jump."""
    text = (
        "HISTORICAL AMOUNTS AND PROPOSED ANNUAL CAPS\n\n"
        "The table below sets out the historical amounts and the proposed annual caps under "
        "the Beta Services Agreement:\n\n"
        f"{unit}\n\n"
        "                          Historical amounts    Proposed annual caps\n"
        "                          2022      2023        2025      2026      2027\n"
        "Maintenance fees          1,210     1,390       2,000     2,400     2,900\n"
    )
    assert caps(text, tmp_path if from_pdf else None) == [
        (20000000, "RMB", "2025-12-31", "Beta Services Agreement", "proposed"),
        (24000000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
        (29000000, "RMB", "2027-12-31", "Beta Services Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_actual_existing_and_revised_headings_over_a_dated_column_and_repeated_years(
    from_pdf: bool, tmp_path: Path
) -> None:
    """An actual amount to a half-year date, then existing caps and revised caps for the same
    two years: three headings, three runs of columns; only the revised ones are caps."""
    text = (
        "REVISION OF ANNUAL CAPS\n\n"
        "The actual amount, the existing annual caps and the revised annual caps under the Alpha "
        "Supply Agreement are as follows:\n\n"
        "(Unit: RMB'0,000)\n\n"
        "                   Actual amount       Existing annual caps     Revised annual caps\n"
        "                   for the six months  for the year ending      for the year ending\n"
        "                   ended               31 December              31 December\n"
        "                   30 June 2025        2025        2026         2025        2026\n"
        "Sales of resin     31,500              52,000      56,000       70,000      78,000\n"
    )
    assert caps(text, tmp_path if from_pdf else None) == [
        (700000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "revised"),
        (780000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "revised"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_a_unit_line_under_the_table(from_pdf: bool, tmp_path: Path) -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The proposed annual caps under the Alpha Supply Agreement are as follows:\n\n"
        "                                  Year ending          Year ending\n"
        "                                  30 June 2026         30 June 2027\n"
        "Purchases of spare parts          3,400                3,900\n"
        "Purchases of lubricants           870                  910\n"
        "Amounts in HK$'000\n"
    )
    assert sorted(caps(text, tmp_path if from_pdf else None)) == sorted(
        [
            (3400000, "HKD", "2026-06-30", "Alpha Supply Agreement", "proposed"),
            (3900000, "HKD", "2027-06-30", "Alpha Supply Agreement", "proposed"),
            (870000, "HKD", "2026-06-30", "Alpha Supply Agreement", "proposed"),
            (910000, "HKD", "2027-06-30", "Alpha Supply Agreement", "proposed"),
        ]
    )


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_item_markers_in_a_cell_of_their_own_before_the_row_labels(
    from_pdf: bool, tmp_path: Path
) -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The proposed annual caps under the Alpha Supply Agreement are as follows:\n\n"
        "                                         For the year ending 31 December\n"
        "                                         2026          2027\n"
        "                                         (US$'000)\n"
        "(i)   Purchases of spare parts by the Group        1,250         1,400\n"
        "(ii)  Purchases of lubricants by the Group         320           350\n"
    )
    assert sorted(caps(text, tmp_path if from_pdf else None)) == sorted(
        [
            (1250000, "USD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (1400000, "USD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
            (320000, "USD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (350000, "USD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
        ]
    )


@pytest.mark.parametrize(
    ("unit", "scale"),
    [
        ("(Unit: ten thousand yuan)", 10_000),
        ("(in 10,000 RMB)", 10_000),
        ("(Unit: hundred million yuan)", 100_000_000),
        ("(Unit: RMB yuan)", 1),
    ],
)
def test_units_written_with_the_number_before_yuan_or_rmb(unit: str, scale: int) -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The proposed annual caps under the Alpha Supply Agreement are:\n\n"
        f"{unit}\n\n"
        "Year ending 31 March     Proposed annual cap     Percentage increase\n"
        "2026                     1,200                   -\n"
        "2027                     1,500                   25.0%\n"
    )
    assert caps(text) == [
        (1200 * scale, "RMB", "2026-03-31", "Alpha Supply Agreement", "proposed"),
        (1500 * scale, "RMB", "2027-03-31", "Alpha Supply Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_split_financial_years_and_an_actual_run_running_into_the_existing_caps(
    from_pdf: bool, tmp_path: Path
) -> None:
    """Years named "2025/26" end in their second year; the actual amounts and the existing
    caps read as one rising run of years, cut where the revised caps' years begin again."""
    text = (
        "REVISION OF ANNUAL CAPS\n\n"
        "For the years ending 31 March, the actual amounts, the existing annual caps and the "
        "revised annual caps under the Alpha Supply Agreement are as follows:\n\n"
        "(HK$ million)\n\n"
        "                   Actual amounts         Existing annual caps     Revised annual caps\n"
        "                   2023/24   2024/25      2025/26     2026/27      2025/26     2026/27\n"
        "Freight charges    41.2      47.9         55.0        60.0         72.0        85.0\n"
    )
    assert caps(text, tmp_path if from_pdf else None) == [
        (72000000, "HKD", "2026-03-31", "Alpha Supply Agreement", "revised"),
        (85000000, "HKD", "2027-03-31", "Alpha Supply Agreement", "revised"),
    ]


def test_columns_of_years_ended_before_the_announcement_are_not_caps() -> None:
    """Two headings over five years that rise without a break: the layout does not say where
    the historical amounts stop; the announcement's date does."""
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The table below sets out the historical amounts and the proposed annual caps under the "
        "Alpha Supply Agreement:\n\n"
        "(RMB million)\n\n"
        "                          Historical amounts    Proposed annual caps\n"
        "                          2023      2024        2025      2026      2027\n"
        "Maintenance fees          12.1      13.9        20.0      24.0      29.0\n\n"
        "By order of the Board\nHong Kong, 20 March 2025\n"
    )
    assert caps(text) == [
        (20000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
        (24000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (29000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_a_label_column_heading_beside_the_group_headings(from_pdf: bool, tmp_path: Path) -> None:
    """ "Category | Historical amount ... | Proposed annual cap ..." over one dated column and
    three bare years: "Category" heads the labels, the other two head the two runs."""
    text = (
        "ANNUAL CAPS\n\n"
        "Set out below are the historical amount and the proposed annual caps under the Alpha "
        "Supply Agreement (Unit: RMB ten thousand):\n\n"
        "Category                Historical amount for the     Proposed annual cap for the "
        "year ending 31 December\n"
        "                        year ended 31 December 2024   2025      2026      2027\n"
        "Sales of steel coils    45,210                        60,000    66,000    72,600\n"
    )
    assert caps(text, tmp_path if from_pdf else None) == [
        (600000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
        (660000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (726000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_financial_services_columns_each_with_a_ten_thousand_unit(
    from_pdf: bool, tmp_path: Path
) -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The proposed annual caps under the Beta Services Agreement are set out below:\n\n"
        "                               Deposit services          Loan services\n"
        "                               (maximum daily balance)   (maximum daily balance)\n"
        "                               RMB'0,000                 RMB'0,000\n"
        "Year ending 31 December 2026   280,000                   150,000\n"
        "Year ending 31 December 2027   300,000                   175,000\n"
    )
    assert sorted(caps(text, tmp_path if from_pdf else None)) == sorted(
        [
            (2800000000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
            (1500000000, "RMB", "2026-12-31", "Beta Services Agreement", "proposed"),
            (3000000000, "RMB", "2027-12-31", "Beta Services Agreement", "proposed"),
            (1750000000, "RMB", "2027-12-31", "Beta Services Agreement", "proposed"),
        ]
    )


def test_two_rows_read_as_one_are_split_again() -> None:
    """A PDF reader can join two table rows: two labels, then two amounts in every cell."""
    text = (
        "ANNUAL CAPS\n\n"
        "The annual caps under the agreements are as follows:\n\n"
        "Agreement  2026  2027\n"
        "Alpha Supply Agreement (purchases) Beta Services Agreement (fees)  US$4,000,000 "
        "US$900,000  US$4,400,000 US$950,000\n"
    )
    assert sorted(caps(text)) == sorted(
        [
            (4000000, "USD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
            (4400000, "USD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
            (900000, "USD", "2026-12-31", "Beta Services Agreement", "proposed"),
            (950000, "USD", "2027-12-31", "Beta Services Agreement", "proposed"),
        ]
    )


def test_existing_and_proposed_headings_over_unbroken_years_take_the_named_years() -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\n"
        "The existing annual cap for the year ending 31 December 2025 and the proposed annual "
        "caps for the three years ending 31 December 2028 under the Alpha Supply Agreement "
        "are:\n\n"
        "(HK$'000)\n\n"
        "                         Existing annual cap   Proposed annual caps\n"
        "                         2025                  2026        2027        2028\n"
        "Service fees             10,000                12,000      14,400      17,300\n"
    )
    assert caps(text) == [
        (12000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (14400000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
        (17300000, "HKD", "2028-12-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_a_figure_in_the_unit_line_s_currency_with_an_approximate_equivalent_beside_it() -> None:
    text = (
        "The proposed annual caps under the Alpha Supply Agreement are as follows:\n\n"
        "Unit: MOP million\n"
        "Period  Alpha Supply Agreement\n"
        "Year ending 31 December 2027  26.4 (approximately HK$25.6 million)\n"
        "Year ending 31 December 2028  28.9 (approximately HK$28.1 million)\n"
    )
    assert [c[:3] for c in caps(text)] == [
        (26400000, "MOP", "2027-12-31"),
        (28900000, "MOP", "2028-12-31"),
    ]


def test_a_principal_terms_block_is_not_a_cap_table() -> None:
    text = (
        "The annual caps are set out below.\n\n"
        "Date                 18 August 2025\n"
        "Parties              the Company and Northwind Trading\n"
        "Fees                 a minimum of HK$120,000 per month\n"
    )
    assert caps(text) == []


def test_group_headings_over_a_year_row_that_starts_with_the_label_heading(
    tmp_path: Path,
) -> None:
    """ "Existing annual caps | Revised annual caps" over a row of years led by "Category of
    transaction": the existing caps' columns are left out, from text and from PDF."""
    text = (
        "EXISTING ANNUAL CAPS AND REVISED ANNUAL CAPS\n\n"
        "  Existing annual caps  Revised annual caps\n"
        "Category of transaction  Year ending 30 June 2025  Year ending 30 June 2026  "
        "Year ending 30 June 2025  Year ending 30 June 2026\n"
        "  RMB'000  RMB'000  RMB'000  RMB'000\n"
        "Sales under the Alpha Supply Agreement  120,000  135,000  168,000  190,000\n"
        "Services under the Beta Services Agreement  24,000  26,000  -  -\n"
    )
    want = [
        (168000000, "RMB", "2025-06-30", "Alpha Supply Agreement", "revised"),
        (190000000, "RMB", "2026-06-30", "Alpha Supply Agreement", "revised"),
    ]
    assert caps(text) == want
    assert caps(text, tmp_path) == want


def test_a_long_label_one_space_from_its_first_figure() -> None:
    """ "Property all risks (investment properties) 22.5  24.0": the figure is not the label's."""
    text = (
        "The proposed annual caps under the Alpha Supply Agreement are set out below:\n\n"
        "Category                                   FY2026/27    FY2027/28\n"
        "                                           HK$ million  HK$ million\n"
        "Contractors' all risks                     58.0         64.0\n"
        "Property all risks (investment properties) 22.5         24.0\n"
        "Employees' compensation                    15.0         16.5\n\n"
        'Note: "FY2026/27" means the financial year ending 31 March 2027, and so on.\n'
    )
    assert sorted(c[0] for c in caps(text)) == [
        15000000,
        16500000,
        22500000,
        24000000,
        58000000,
        64000000,
    ]


@pytest.mark.parametrize(
    ("intro", "totals"),
    [
        ("", []),
        (' The amount in the "Total" row is the aggregate annual cap.', [30000000, 33000000]),
        (" The total row is the sum of the caps and does not constitute a separate cap.", []),
    ],
)
def test_a_total_row_is_a_cap_only_where_the_text_says_so(intro: str, totals: list) -> None:
    text = (
        f"The proposed annual caps under the Alpha Supply Agreement are set out below.{intro}\n\n"
        "Year ending 31 December          2026         2027\n"
        "                                 HK$ million  HK$ million\n"
        "Packaging                        10.0         11.0\n"
        "Labels                           12.0         13.0\n"
        "Freight                          8.0          9.0\n"
        "Total                            30.0         33.0\n"
    )
    got = sorted(c[0] for c in caps(text))
    assert got == sorted([8000000, 9000000, 10000000, 11000000, 12000000, 13000000, *totals])


def test_a_lettered_caps_section_after_the_agreements_own_sections() -> None:
    """ "A. THE ALPHA SUPPLY AGREEMENT", "B. THE BETA SERVICES AGREEMENT", then "C. PROPOSED
    ANNUAL CAPS": the caps' table is under no one agreement; each row names its own."""
    text = (
        "A.  THE ALPHA SUPPLY AGREEMENT\n\nThe Group will buy supplies from Northwind Trading.\n\n"
        "B.  THE BETA SERVICES AGREEMENT\n\nNorthwind Trading will provide services.\n\n"
        "C.  PROPOSED ANNUAL CAPS\n\n"
        "The proposed annual caps for the transactions are as follows:\n\n"
        "                                      Year ending          Year ending\n"
        "                                      31 December 2025     31 December 2026\n"
        "Supply purchases by the Group         186,000              248,000\n"
        "Services fees payable by the Group    24,500               33,800\n"
        "Amount in HK$'000\n"
    )
    assert sorted(caps(text)) == [
        (24500000, "HKD", "2025-12-31", "Beta Services Agreement", "proposed"),
        (33800000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (186000000, "HKD", "2025-12-31", "Alpha Supply Agreement", "proposed"),
        (248000000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_years_over_their_own_rows_and_column_headings_wrapped() -> None:
    """Agreements across the columns (headings wrapped over three lines), each year a line over
    its "Historical amount" and "Annual cap" rows: a year with a historical amount has its
    cap in force; the later years' caps are the proposed ones."""
    text = (
        "HISTORICAL AMOUNTS AND ANNUAL CAPS\n\n"
        "The historical amounts and existing annual caps and the proposed annual caps are set "
        "out below.\n\n"
        "(HK$'000)                           Alpha Supply             Beta Services\n"
        "                                    Agreement                Agreement\n"
        "Year ended 31 December 2024\n"
        "  Historical amount                 3,602                    32\n"
        "  Annual cap                        4,300                    36\n"
        "Year ending 31 December 2025\n"
        "  Historical amount                 2,987                    28\n"
        "  Annual cap                        4,600                    36\n"
        "Year ending 31 December 2026\n"
        "  Annual cap                        4,800                    38\n"
        "Year ending 31 December 2027\n"
        "  Annual cap                        5,200                    39\n\n"
        "Hong Kong, 12 December 2025\n"
    )
    assert sorted(caps(text)) == [
        (38000, "HKD", "2026-12-31", "Beta Services Agreement", "proposed"),
        (39000, "HKD", "2027-12-31", "Beta Services Agreement", "proposed"),
        (4800000, "HKD", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (5200000, "HKD", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_a_row_of_nine_figures_from_pdf(tmp_path: Path) -> None:
    """Actual, existing, revised and new caps side by side: from text and from a PDF (where
    each column is at least as wide as its widest figure, as a typesetter sets it)."""
    text = (
        "Historical amounts, existing caps, revised caps and new caps under the Alpha Supply "
        "Agreement\n\n(unit: RMB'000)\n\n"
        "Category      2022 actual    2023 actual    2024 actual        2024 existing    2024 "
        "revised    2025 cap     2026 cap     2027 cap\n"
        "                                            (to 30 June)       cap              cap\n"
        "Category I    1,226,503      1,318,779      795,410            1,400,000        "
        "1,750,000       1,900,000    2,050,000    2,200,000\n\n"
        "Hong Kong, 29 August 2024\n"
    )
    want = [
        (1750000000, "RMB", "2024-12-31", "Alpha Supply Agreement", "revised"),
        (1900000000, "RMB", "2025-12-31", "Alpha Supply Agreement", "proposed"),
        (2050000000, "RMB", "2026-12-31", "Alpha Supply Agreement", "proposed"),
        (2200000000, "RMB", "2027-12-31", "Alpha Supply Agreement", "proposed"),
    ]
    assert sorted(caps(text)) == want
    assert sorted(caps(text, tmp_path)) == want


LABELS_WRAPPED_OVER_FOUR_LINES = (
    "PROPOSED ANNUAL CAPS\n\n"
    "The proposed annual caps under the two agreements are as follows:\n\n"
    "                                  For the period      For the year     For the year\n"
    "                                  from 1 January      ending           ending\n"
    "                                  2026 to 31 March    31 March         31 March\n"
    "                                  2026                2027             2028\n"
    "                                  (HK$ million)       (HK$ million)    (HK$ million)\n"
    "Supply of packaging materials\n"
    "  to the Group under the\n"
    "  Alpha Supply\n"
    "  Agreement                       3.0                 12.0             13.0\n\n"
    "Cleaning services fees\n"
    "  payable to Beta under\n"
    "  the Beta Services\n"
    "  Agreement                       1.0                 4.0              4.5\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_row_labels_wrapped_over_several_lines_under_a_five_line_header(
    from_pdf: bool, tmp_path: Path
) -> None:
    got = caps(LABELS_WRAPPED_OVER_FOUR_LINES, tmp_path if from_pdf else None)
    assert sorted(got) == [
        (1000000, "HKD", "2026-03-31", "Beta Services Agreement", "proposed"),
        (3000000, "HKD", "2026-03-31", "Alpha Supply Agreement", "proposed"),
        (4000000, "HKD", "2027-03-31", "Beta Services Agreement", "proposed"),
        (4500000, "HKD", "2028-03-31", "Beta Services Agreement", "proposed"),
        (12000000, "HKD", "2027-03-31", "Alpha Supply Agreement", "proposed"),
        (13000000, "HKD", "2028-03-31", "Alpha Supply Agreement", "proposed"),
    ]


def test_a_period_over_each_pair_of_existing_and_revised_columns_on_two_lines() -> None:
    """ "Year ending / 31 December 2026" over "Existing | Revised": each period heads its own
    pair of columns, in the order its lines are printed."""
    text = (
        "The existing and revised annual caps under the Alpha Supply Agreement are:\n\n"
        "Annual caps (US$ million)\n\n"
        "                          Year ending             Year ending\n"
        "                          31 December 2026        31 December 2027\n"
        "                          Existing    Revised     Existing    Revised\n"
        "                          annual cap  annual cap  annual cap  annual cap\n"
        "Management fees           38.5        46.0        42.0        55.0\n"
    )
    assert sorted(caps(text)) == [
        (46000000, "USD", "2026-12-31", "Alpha Supply Agreement", "revised"),
        (55000000, "USD", "2027-12-31", "Alpha Supply Agreement", "revised"),
    ]


def test_a_row_names_its_agreement_by_a_short_name_in_brackets() -> None:
    """An aggregate table after the agreements' own sections: "(Alpha Supply)" in a row's label
    says whose caps the row restates, so they are not read as the section's agreement's."""
    text = (
        "2. THE BETA SERVICES AGREEMENT\n\n"
        "The Beta Services Agreement has a term of three years.\n\n"
        "3. AGGREGATE ANNUAL CAPS\n\n"
        "                                     2026          2027\n"
        "                                     HK$ million   HK$ million\n"
        "Supply fees payable (Alpha Supply)   52.0          56.5\n"
        "Service fees (Beta Services)         13.8          14.0\n"
    )
    assert sorted(c[3] for c in caps(text)) == [
        "Alpha Supply Agreement",
        "Alpha Supply Agreement",
        "Beta Services Agreement",
        "Beta Services Agreement",
    ]


def test_lettered_rows_each_with_its_label_wrapped_over_two_lines() -> None:
    text = (
        "The proposed annual caps under the Alpha Supply Agreement are set out below:\n\n"
        "                                  Year ending 31 December\n"
        "                                  2026          2027\n"
        "                                  HK$'000       HK$'000\n"
        "(A) Purchases by the Group\n"
        "    from Northwind Trading        36,000        40,500\n\n"
        "(B) Sales by the Group\n"
        "    to Northwind Trading          62,000        68,000\n"
    )
    assert sorted(c[0] for c in caps(text)) == [36000000, 40500000, 62000000, 68000000]
