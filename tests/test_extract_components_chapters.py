"""fw_chapters_v1: Listing Rules chapters, not chapters of other laws."""

from __future__ import annotations

from extract import extract_pages


def test_a_chapter_of_the_laws_of_hong_kong_is_no_listing_rules_chapter() -> None:
    text = (
        "Pacific Lotus is an insurer authorised under the Insurance Ordinance (Chapter 41 of the "
        "Laws of Hong Kong). The transactions constitute continuing connected transactions "
        "under Chapter 14A of the Listing Rules."
    )
    assert extract_pages([text])["listing_rules_chapters"] == ["14A"]
