"""fw_historical_v1: actual amounts of past periods, apart from the caps a filing sets."""

from __future__ import annotations

from extract.extraction import extract_pages

HEAD = "ACME HOLDINGS LIMITED\n(Stock Code: 06123)\n\n"
TABLE = (
    "RENEWAL OF CONTINUING CONNECTED TRANSACTIONS\n\n"
    "On 1 December 2026 Alpha Trading Limited and Beta Supply Limited entered into the "
    "Master Purchase Agreement for a term from 1 January 2027 to 31 December 2029.\n\n"
    "HISTORICAL TRANSACTION AMOUNTS\n\n"
    "The historical transaction amounts under the Master Purchase Agreement were as follows:\n\n"
    "Period  Annual cap  Actual transaction amount\n"
    "For the year ended 31 December 2024  RMB12.0 million  RMB10.1 million\n"
    "For the year ended 31 December 2025  RMB14.0 million  RMB15.2 million\n\n"
    "PROPOSED ANNUAL CAPS\n\n"
    "The annual caps under the Master Purchase Agreement are set out below:\n\n"
    "Period  Annual cap\n"
    "For the year ending 31 December 2027  RMB20.0 million\n"
)


def _amounts(text: str) -> list[tuple]:
    found = extract_pages([HEAD + text]).get("historical_amounts", [])
    return [(h["amount"], h["currency"], h["period_end"], h["agreement"]) for h in found]


def test_a_table_of_actual_amounts_is_read_and_its_caps_are_not_caps():
    extraction = extract_pages([HEAD + TABLE])
    assert _amounts(TABLE) == [
        (10_100_000, "RMB", "2024-12-31", "Master Purchase Agreement"),
        (15_200_000, "RMB", "2025-12-31", "Master Purchase Agreement"),
    ]
    assert [c["amount"] for c in extraction["annual_caps"]] == [20_000_000]
    assert all(h["kind"] == "actual" for h in extraction["historical_amounts"])


def test_a_sentence_with_years_listed_respectively():
    text = (
        "On 1 December 2026 Alpha Trading Limited and Beta Supply Limited entered into the "
        "Master Purchase Agreement.\n\nThe actual transaction amounts under the Master "
        "Purchase Agreement for the years ended 31 December 2024 and 2025 were approximately "
        "HK$9.8 million and HK$12.1 million respectively.\n"
    )
    assert _amounts(text) == [
        (9_800_000, "HKD", "2024-12-31", "Master Purchase Agreement"),
        (12_100_000, "HKD", "2025-12-31", "Master Purchase Agreement"),
    ]


def test_a_part_year_sentence():
    text = (
        "The actual transaction amount for the nine months ended 30 September 2026 was "
        "approximately US$3.5 million.\n"
    )
    assert _amounts(text) == [(3_500_000, "USD", "2026-09-30", None)]


def test_no_actual_amounts_leaves_the_json_as_it_was():
    text = (
        "The annual cap for the year ending 31 December 2027 is RMB8 million. The annual caps "
        "were determined with reference to the historical transaction amounts.\n"
    )
    assert "historical_amounts" not in extract_pages([HEAD + text])
