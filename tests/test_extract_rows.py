"""extract/rows.py: a page's text lines (as both PDF readers give them) made into rows."""

from __future__ import annotations

from extract.rows import Cell, page_text, page_text_carried

FIRST = '(i) a loan agreement (the "Loan Agreement") with Tai Hing Property Development Limited'


def test_a_line_that_wraps_inside_a_bracket_naming_a_term_goes_on() -> None:
    """'("Tai Hing" or the' / '"Borrower"), pursuant to ...': one sentence, not a new line."""
    lines = [
        Cell(56.7, 543.2, 528.9, 552.7, f'{FIRST} ("Tai Hing" or the'),
        Cell(56.7, 530.2, 530.3, 540.1, '"Borrower"), pursuant to which the Loan is granted;'),
    ]
    assert page_text(lines, 595.0) == (
        f'{FIRST} ("Tai Hing" or the "Borrower"), pursuant to which the Loan is granted;'
    )


def test_a_quoted_term_under_a_full_line_with_its_brackets_closed_starts_a_line() -> None:
    """A definitions list: each '"Term"' line is its own, whatever the line above."""
    lines = [
        Cell(56.7, 543.2, 528.9, 552.7, f"{FIRST} (the lender) and the guarantors of the"),
        Cell(56.7, 530.2, 300.0, 540.1, '"Borrower" Tai Hing Property Development Limited'),
    ]
    assert page_text(lines, 595.0).split("\n") == [lines[0].text, lines[1].text]


def test_the_columns_a_page_ends_in_place_the_next_pages_first_rows() -> None:
    """A board in columns split by a page break: the second page's rows keep their columns;
    a page that does not open on those columns is read as its own."""
    page1 = [
        Cell(57, 120, 150, 130, "Executive Directors"),
        Cell(220, 120, 330, 130, "Non-executive Director"),
        Cell(381, 120, 420, 130, "INEDs"),
        Cell(57, 106, 130, 116, "Mr. HU Jiawei"),
        Cell(220, 106, 310, 116, "Ms. SHUM Wing Kei"),
        Cell(381, 106, 470, 116, "Professor LUO Ping"),
    ]
    text, carry = page_text_carried(page1, 595.0)
    assert text.split("\n")[-1] == "Mr. HU Jiawei  Ms. SHUM Wing Kei  Professor LUO Ping"
    page2 = [Cell(57, 780, 130, 790, "Mr. FENG Yong"), Cell(381, 780, 470, 790, "Dr. ZHU Hong")]
    assert page_text_carried(page2, 595.0, carry)[0] == "Mr. FENG Yong  -  Dr. ZHU Hong"
    prose = [
        Cell(57, 780, 530, 790, "REASONS FOR THE TRANSACTION"),
        Cell(57, 700, 130, 710, "Mr. FENG Yong"),
        Cell(381, 700, 470, 710, "Dr. ZHU Hong"),
    ]
    assert page_text_carried(prose, 595.0, carry)[0].split("\n")[-1] == (
        "Mr. FENG Yong  Dr. ZHU Hong"
    )
