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


def _amounts(text: str, kind: str = "actual") -> list[tuple]:
    found = extract_pages([HEAD + text]).get("historical_amounts", [])
    return [
        (h["amount"], h["currency"], h["period_end"], h["agreement"])
        for h in found
        if h["kind"] == kind
    ]


def test_a_table_of_actual_amounts_is_read_and_its_caps_are_not_caps():
    extraction = extract_pages([HEAD + TABLE])
    assert _amounts(TABLE) == [
        (10_100_000, "RMB", "2024-12-31", "Master Purchase Agreement"),
        (15_200_000, "RMB", "2025-12-31", "Master Purchase Agreement"),
    ]
    assert [c["amount"] for c in extraction["annual_caps"]] == [20_000_000]
    # the caps in force then, printed beside the actual amounts, are kept apart as kind "cap"
    assert _amounts(TABLE, "cap") == [
        (12_000_000, "RMB", "2024-12-31", "Master Purchase Agreement"),
        (14_000_000, "RMB", "2025-12-31", "Master Purchase Agreement"),
    ]


ACROSS = (
    "The Company entered into the Master Supply Agreement and the Master Purchase Agreement.\n\n"
    "HISTORICAL TRANSACTION AMOUNTS AND EXISTING ANNUAL CAPS\n\n"
    "The table below sets out the existing annual caps and the historical transaction amounts:\n\n"
    "(RMB million)\n"
    "  Year ended 31 December 2021  Year ended 31 December 2022  Year ending 31 December 2023\n"
    "Sales to Jade - existing annual cap  260.0  285.0  310.0\n"
    "Sales to Jade - historical amount  231.4  266.9  218.5 (Note)\n"
    "Purchases from Jade - historical amount  98.7  117.3  96.2 (Note)\n\n"
    "PROPOSED ANNUAL CAPS\n\n"
    "The Board proposes the following annual caps:\n\n"
    "(RMB million)\n"
    "  For the year ending 31 December 2024  For the year ending 31 December 2025\n"
    "Sales to Jade (Master Supply Agreement)  320.0  365.0\n"
    "Purchases from Jade (Master Purchase Agreement)  145.0  160.0\n"
)


def test_rows_of_actual_amounts_by_category_take_the_agreement_of_that_categorys_caps():
    extraction = extract_pages([HEAD + ACROSS])
    by_category = {c["category"]: c["agreement"] for c in extraction["annual_caps"]}
    found = extraction["historical_amounts"]
    actual = [(h["amount"], h["period_end"], h["category"]) for h in found if h["kind"] == "actual"]
    assert actual == [
        (231_400_000, "2021-12-31", "Sales to Jade"),
        (266_900_000, "2022-12-31", "Sales to Jade"),
        (98_700_000, "2021-12-31", "Purchases from Jade"),
        (117_300_000, "2022-12-31", "Purchases from Jade"),
    ]  # the year still "ending" (a part-year the note explains) is not read as a full year
    assert all(h["agreement"] == by_category[h["category"]] for h in found)
    caps = [(h["amount"], h["category"]) for h in found if h["kind"] == "cap"]
    assert caps == [(260_000_000, "Sales to Jade"), (285_000_000, "Sales to Jade")]


YEAR_KIND = (
    "HISTORICAL AMOUNTS AND EXISTING ANNUAL CAPS\n\n"
    "The existing annual caps and historical transaction amounts for the three years ending "
    "31 December 2024 are set out below:\n\n"
    "(RMB'000)\n"
    "  2023 existing cap  2023 actual  2024 existing cap  2024 actual (eleven months)\n"
    "Purchases  450,000  401,760  495,000  377,905\n"
)


def test_columns_by_year_and_kind_and_a_part_year_ends_with_its_last_month():
    found = extract_pages([HEAD + YEAR_KIND])["historical_amounts"]
    assert [(h["kind"], h["amount"], h["period_end"], h["category"]) for h in found] == [
        ("cap", 450_000_000, "2023-12-31", "Purchases"),
        ("actual", 401_760_000, "2023-12-31", "Purchases"),
        ("cap", 495_000_000, "2024-12-31", "Purchases"),
        ("actual", 377_905_000, "2024-11-30", "Purchases"),
    ]


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
