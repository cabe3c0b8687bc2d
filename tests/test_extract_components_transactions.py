"""fw_transaction_types_v1: the types an announcement says its transaction constitutes, several
of them joined before one "transaction" ("a discloseable and share transaction")."""

from __future__ import annotations

import pytest

from extract import extract_pages


def types(says: str) -> list[str]:
    text = (
        "The Board announces that on 1 June 2025 the Company entered into the Agreement. "
        f"The acquisition {says} of the Company under Chapter 14 of the Listing Rules.\n"
    )
    return sorted(extract_pages([text])["transaction_types"])


@pytest.mark.parametrize(
    ("says", "expected"),
    [
        ("constitutes a discloseable and share transaction", ["discloseable", "share"]),
        ("constitutes a major and connected transaction", ["connected", "major"]),
        (
            "constitutes a discloseable, connected and share transaction",
            ["connected", "discloseable", "share"],
        ),
        ("constitutes a major transaction and a connected transaction", ["connected", "major"]),
        ("constitutes a share transaction", ["share"]),
    ],
)
def test_types_joined_before_one_transaction_are_each_a_type(says: str, expected: list) -> None:
    assert types(says) == [f"{t} transaction" for t in expected]


def test_a_joined_type_that_would_only_be_so_is_no_type() -> None:
    assert types("would not constitute a discloseable and share transaction") == []


def test_a_type_the_transaction_is_rather_than_is_no_type() -> None:
    says = (
        "will constitute a one-off connected transaction, rather than a continuing connected "
        "transaction,"
    )
    assert types(says) == ["connected transaction"]
