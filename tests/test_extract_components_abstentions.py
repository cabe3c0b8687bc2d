"""fw_abstentions_v1 on hand-written board paragraphs: the ways a director is said not to vote
on the board resolution, a pronoun pointing back at the one director just named ("he") or at
every director just named ("they"), and a board name printed with a comma before its English
name."""

from __future__ import annotations

import pytest

from extract import extract_pages


def abstained(text: str) -> list[str]:
    board = (
        "As at the date of this announcement, the executive Directors are Mr. PANG Siu Fai, "
        "Kelvin and Ms. TONG Yee; and the independent non-executive Directors are Mr. LAI Chun "
        "and Ms. KO Wing.\n"
    )
    return extract_pages([text + "\n\nHong Kong, 1 April 2025\n\n" + board])["abstained_directors"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ms. TONG Yee did not participate in the Board's vote on the Lease Agreement.",
        "Ms. TONG Yee did not attend and vote at the meeting of the Board approving the Lease.",
        "Ms. TONG Yee recused herself from the vote on the Lease Agreement.",
    ],
)
def test_other_ways_of_saying_a_director_did_not_vote(sentence: str) -> None:
    assert abstained(sentence) == ["TONG Yee"]


def test_not_attending_a_meeting_is_not_abstaining() -> None:
    assert abstained("Ms. TONG Yee did not attend the Board meeting held on 1 April 2025.") == []


def test_he_points_back_at_the_one_director_of_the_sentence_before() -> None:
    text = (
        "Mr. LAI Chun holds 30% of the counterparty. Accordingly, he has abstained from voting "
        "on the relevant Board resolution."
    )
    assert abstained(text) == ["LAI Chun"]


@pytest.mark.parametrize(
    "subject", ["They have", "Both of them have", "The above-mentioned Directors have"]
)
def test_they_points_back_at_every_director_of_the_sentence_before(subject: str) -> None:
    text = (
        "Ms. TONG Yee sits on the board of the lessor, and Mr. LAI Chun is its adviser. "
        f"{subject} abstained from voting on the Board resolution approving the Lease."
    )
    assert abstained(text) == ["TONG Yee", "LAI Chun"]


def test_both_of_them_looks_two_sentences_back_when_the_last_names_one_director() -> None:
    text = (
        "Ms. TONG Yee owns the lessor. Mr. LAI Chun is her brother-in-law. Both of them have "
        "abstained from voting on the Board resolution."
    )
    assert abstained(text) == ["TONG Yee", "LAI Chun"]


def test_a_name_given_to_a_group_of_directors_stands_for_them() -> None:
    text = (
        'Ms. KO Wing and Mr. LAI Chun (together, the "Conflicted Directors") sit on the board '
        "of the lessor. The Conflicted Directors have abstained from voting on the Board "
        "resolution."
    )
    assert abstained(text) == ["KO Wing", "LAI Chun"]


def test_they_points_back_at_nobody_when_the_sentence_before_names_no_director() -> None:
    text = (
        "The lessor is owned by two trusts. They have abstained from voting on the Board "
        "resolution approving the Lease."
    )
    assert abstained(text) == []


def test_an_alternate_who_did_not_vote_in_the_directors_place_is_no_abstention() -> None:
    text = (
        "Mr. LAI Chun has abstained from voting on the Board resolution, and Ms. KO Wing, his "
        "alternate, did not vote on his behalf."
    )
    assert abstained(text) == ["LAI Chun"]


def test_a_board_name_with_a_comma_before_the_english_name() -> None:
    text = "Mr. PANG Siu Fai, Kelvin has abstained from voting on the Board resolution."
    assert [n.replace(",", "") for n in abstained(text)] == ["PANG Siu Fai Kelvin"]


def test_a_titled_surname_several_directors_share_is_the_one_printed_with_that_title() -> None:
    """ "Dr. HUI and Mr. HUI Ka Ming": three directors are called HUI; the one the board prints
    as "Dr. HUI ..." and who is not already named in full beside him is meant."""
    board = (
        "As at the date of this announcement, the executive Directors are Dr. HUI Siu Lun "
        "(Chairman) and Mr. HUI Ka Ming; the non-executive Director is Ms. HUI Mei Yee; and the "
        "independent non-executive Directors are Mr. LAI Chun and Ms. KO Wing.\n"
    )
    text = "Dr. HUI and Mr. HUI Ka Ming have abstained from voting on the Board resolutions."
    got = extract_pages([text + "\n\nHong Kong, 1 April 2025\n\n" + board])["abstained_directors"]
    assert sorted(got) == ["HUI Ka Ming", "HUI Siu Lun"]


def test_each_of_them_at_the_start_of_a_long_clause_points_back_at_the_directors() -> None:
    text = (
        "Ms. TONG Yee is the chairman of the Supplier and Mr. LAI Chun is its chief financial "
        "officer. Each of them has a material interest in the transactions and has abstained "
        "from voting on the relevant resolutions of the Board."
    )
    assert abstained(text) == ["TONG Yee", "LAI Chun"]


def test_a_defined_term_for_one_director_as_the_subject() -> None:
    text = (
        'The Company entered into the Loan Agreement with Ms. TONG Yee (the "Lender") and '
        "Mr. LAI Chun as witness. The Lender, having a material interest in the transactions, "
        "did not vote on the Board resolutions approving the Loan Agreement."
    )
    assert abstained(text) == ["TONG Yee"]


def test_a_shareholder_who_is_not_on_the_board_is_no_board_abstention() -> None:
    text = (
        "Ms. CHAN Oi Lin, a shareholder who is the spouse of Mr. LAI Chun, has abstained "
        "from voting on the resolution."
    )
    assert abstained(text) == []


def test_both_at_the_start_of_the_next_sentence() -> None:
    text = (
        "Ms. TONG Yee is a director of the Purchaser, and Mr. LAI Chun is her son. Both have "
        "abstained from voting on the Board resolutions approving the Agreement."
    )
    assert abstained(text) == ["TONG Yee", "LAI Chun"]


def test_a_second_director_whose_verb_the_sentence_leaves_out() -> None:
    text = (
        "Mr. LAI Chun abstained from voting on the resolutions approving the Tenancy Agreements,"
        " and Ms. TONG Yee on the Supply Agreement. Save as aforesaid, no Director has a "
        "material interest."
    )
    assert abstained(text) == ["LAI Chun", "TONG Yee"]


def test_not_taking_part_in_the_deliberation_or_voting_by_agreement() -> None:
    text = (
        "Ms. TONG Yee, who is also a director of the landlord, has, by agreement with the "
        "Board, not participated in the deliberation or voting on the resolutions."
    )
    assert abstained(text) == ["TONG Yee"]


def test_a_director_not_required_to_abstain_did_not() -> None:
    text = (
        "Mr. LAI Chun, a director nominated by the supplier, has no material interest in the "
        "transactions; he therefore was not required to abstain from voting."
    )
    assert abstained(text) == []
