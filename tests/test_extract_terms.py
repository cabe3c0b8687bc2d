"""extract/terms.py: finding defined terms inside text."""

from __future__ import annotations

import re

from extract.terms import ROW_ROLES, find_terms, is_instrument, roles_rx


def test_the_longest_term_wins() -> None:
    text = "between the Company and BMG Singapore"
    assert find_terms(text, ["BMG", "BMG Singapore", "Company"]) == [
        (12, "Company"),
        (24, "BMG Singapore"),
    ]


def test_a_term_at_the_start_of_a_longer_name_is_not_that_term() -> None:
    """ "BMG" is not named by "BMG International (Singapore) Pte. Ltd.", nor the Company by
    "the Company Secretary"."""
    text = "the Company Secretary and BMG International (Singapore) Pte. Ltd. signed"
    assert find_terms(text, ["BMG", "Company"]) == []


def test_a_term_followed_by_group_or_a_lower_case_word_or_a_gap() -> None:
    text = "the BMG Group and BMG  Purchases and BMG will"
    assert [t for _, t in find_terms(text, ["BMG"])] == ["BMG", "BMG", "BMG"]


def test_an_agreement_is_found_before_a_title_case_word() -> None:
    """A cap table's heading runs on: "Supply Agreement Proposed Annual Caps"."""
    text = "Supply Agreement Proposed Annual Caps"
    assert find_terms(text, ["Supply Agreement"]) == [(0, "Supply Agreement")]


def test_agreements_are_instruments() -> None:
    assert is_instrument("Master Supply Agreement")
    assert not is_instrument("Supply Holdings")


def test_roles_rx_one_vocabulary_spaces_as_asked() -> None:
    """The roles are written once; a space in a role is any space unless the caller keeps it."""
    assert re.fullmatch(roles_rx(["JV Partner"]), "JV  Partner")
    assert not re.fullmatch(roles_rx(["Service provider"], space=" "), "Service  provider")
    assert re.fullmatch(roles_rx(ROW_ROLES), "Transferee")
