"""extract/rows.py: a page's text lines (as both PDF readers give them) made into rows."""

from __future__ import annotations

from extract.rows import Cell, page_text

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
