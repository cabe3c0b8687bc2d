"""fw_caps_v1 on hand-written sentences and tables: currencies and scales, single caps, caps
per year with "respectively", bullet lists, tables across years and agreements, proposed vs
existing, historical amounts and currency equivalents left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pdfs import render_text_pdf

from extract import extract_pages
from extract.extraction import extract_file

AG = '"Supply Agreement"  the supply agreement dated 2 January 2024 between the Company and Acme\n'


def caps(text: str) -> list[tuple]:
    out = extract_pages([text + "\n\n" + AG])
    return [(c["amount"], c["currency"], c["period_end"]) for c in out["annual_caps"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Annual cap for the period ending 31 December 2012 is RMB8 million.",
            [(8000000, "RMB", "2012-12-31")],
        ),
        (
            "The annual cap for the year ending 31 March 2025 shall be HK$1.5bn.",
            [(1500000000, "HKD", "2025-03-31")],
        ),
        (
            "The fees shall not exceed US$3.2m for the year ending 31 December 2024.",
            [(3200000, "USD", "2024-12-31")],
        ),
        (
            "The annual cap for the year ending 31 December 2024 is Renminbi 8,000,000.",
            [(8000000, "RMB", "2024-12-31")],
        ),
        (
            "The annual cap for the financial year ending 30 June 2026 is HKD 2.5 million.",
            [(2500000, "HKD", "2026-06-30")],
        ),
        (
            "The annual caps will be RMB12,207.2 thousand, RMB15,480.0 thousand and RMB18,950.5 "
            "thousand for the three years ending 31 December 2025, 2026 and 2027 respectively.",
            [
                (12207200, "RMB", "2025-12-31"),
                (15480000, "RMB", "2026-12-31"),
                (18950500, "RMB", "2027-12-31"),
            ],
        ),
        (
            "The annual cap for the year ending 31 December 2024 is HK$10 million (equivalent to "
            "approximately US$1.28 million).",
            [(10000000, "HKD", "2024-12-31")],
        ),
        (
            "The proposed annual caps for the three financial years ending 31 March 2026, 2027 "
            "and 2028 will be HK$30,000,000, HK$35,000,000 and HK$40,000,000, respectively.",
            [
                (30000000, "HKD", "2026-03-31"),
                (35000000, "HKD", "2027-03-31"),
                (40000000, "HKD", "2028-03-31"),
            ],
        ),
        (
            "The maximum aggregate annual value shall not exceed HK$5 million and HK$6 million "
            "for each of the two years ending 31 December 2025 and 2026.",
            [(5000000, "HKD", "2025-12-31"), (6000000, "HKD", "2026-12-31")],
        ),
        ("The historical amount for the year ended 31 December 2023 was HK$9 million.", []),
        ("The consideration of HK$26.4 million shall be paid in cash.", []),
    ],
)
def test_caps_in_sentences(sentence: str, expected: list[tuple]) -> None:
    assert caps(sentence) == expected


def test_caps_bullet_list_after_lead_in() -> None:
    text = (
        "The rental payable under the Supply Agreement shall not exceed:\n\n"
        "- HK$1.5 million for the period from 5 August 2024 to 31 December 2024;\n"
        "- HK$4.2 million for the year ending 31 December 2025; and\n"
    )
    assert caps(text) == [(1500000, "HKD", "2024-12-31"), (4200000, "HKD", "2025-12-31")]


def test_caps_table_years_across_agreements_down_with_unit_line() -> None:
    text = (
        "PROPOSED ANNUAL CAPS\n\nThe Board proposes the following annual caps:\n\n(RMB'000)\n"
        "  Year ending 31 December 2025  Year ending 31 December 2026\n"
        "Purchases (Supply Agreement)  520,000  575,000\n"
        "Sales (Sales Agreement)  1,150,000  1,265,000\n"
    )
    out = extract_pages(
        [
            text + "\n" + AG + '"Sales Agreement"  the sales agreement dated 2 '
            "January 2024 between the Company and Acme\n"
        ]
    )
    got = [
        (c["amount"], c["period_end"], c["agreement"], c["category"]) for c in out["annual_caps"]
    ]
    assert got == [
        (520000000, "2025-12-31", "Supply Agreement", "Purchases"),
        (575000000, "2026-12-31", "Supply Agreement", "Purchases"),
        (1150000000, "2025-12-31", "Sales Agreement", "Sales"),
        (1265000000, "2026-12-31", "Sales Agreement", "Sales"),
    ]


def test_caps_table_bare_years_under_a_day_month_header() -> None:
    text = (
        "The proposed annual caps (HK$ million) are:\n\n"
        "For the year ending 31 December  2024  2025\n"
        "Service fees  12.5  14.0\n"
    )
    assert caps(text) == [(12500000, "HKD", "2024-12-31"), (14000000, "HKD", "2025-12-31")]


def test_caps_table_periods_down_keeps_proposed_not_existing_column() -> None:
    text = (
        "REVISION OF ANNUAL CAPS\n\nThe Board proposes to revise the annual caps as follows:\n\n"
        "  Existing annual cap  Revised annual cap\n"
        "Year ending 31 December 2025  RMB500 million  RMB620 million\n"
        "Year ending 31 December 2026  RMB550 million  RMB700 million\n"
    )
    assert caps(text) == [(620000000, "RMB", "2025-12-31"), (700000000, "RMB", "2026-12-31")]


def test_caps_historical_table_is_skipped() -> None:
    text = (
        "HISTORICAL TRANSACTION AMOUNTS\n\nThe historical amounts were as follows:\n\n"
        "  Year ended 31 December 2022  Year ended 31 December 2023\n"
        "Service fees paid  HK$10.2 million  HK$14.6 million\n"
    )
    assert caps(text) == []


# --- prose caps in the ways others write them (issue 11) ------------------------------------

TWO_AGREEMENTS = (
    '"Supply Agreement"  the supply agreement dated 2 January 2024 between the Company and Acme\n'
    '"Supplemental Agreement"  the supplemental agreement dated 30 June 2025 between the '
    "Company and Acme\n"
)


def caps_with(text: str, defs: str = AG) -> list[tuple]:
    out = extract_pages([text + "\n\n" + defs])
    return [
        (c["amount"], c["currency"], c["period_end"], c["agreement"]) for c in out["annual_caps"]
    ]


def test_one_cap_for_each_of_the_two_financial_years() -> None:
    text = (
        "The fees payable under the Supply Agreement are subject to a maximum annual cap of "
        "HKD 4 million for each of the two financial years ending 30 June 2027."
    )
    assert caps_with(text) == [
        (4000000, "HKD", "2026-06-30", "Supply Agreement"),
        (4000000, "HKD", "2027-06-30", "Supply Agreement"),
    ]


def test_a_list_of_equivalent_amounts_in_brackets_is_not_caps() -> None:
    text = (
        "The fees under the Supply Agreement will not exceed RMB2.2 million, RMB2.9 million and "
        "RMB3.4 million (equivalent to approximately HK$2.4 million, HK$3.2 million and HK$3.7 "
        "million) for the three years ending 31 December 2025, 2026 and 2027 respectively."
    )
    assert caps_with(text) == [
        (2200000, "RMB", "2025-12-31", "Supply Agreement"),
        (2900000, "RMB", "2026-12-31", "Supply Agreement"),
        (3400000, "RMB", "2027-12-31", "Supply Agreement"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Company will pay a refundable deposit of HK$800,000 within 10 days, which is "
        "included in the annual cap for the year ending 31 December 2025.",
        "Purchases amounted to approximately HK$6.1 million for the seven months ended 31 July "
        "2025, and the annual cap for the year ending 31 December 2025 may not be sufficient.",
        "The Group pays a monthly rent of HK$120,000 under a lease outside the annual cap for "
        "the year ending 31 December 2025.",
    ],
)
def test_deposits_historical_amounts_and_rents_near_a_cap_are_not_caps(sentence: str) -> None:
    assert caps_with(sentence) == []


def test_revised_cap_from_old_to_new_and_under_the_amended_agreement() -> None:
    text = (
        "On 30 June 2025, the Company and Acme entered into the Supplemental Agreement to "
        "revise the annual cap for the year ending 31 December 2025 from HK$9 million to "
        "HK$13 million."
    )
    assert caps_with(text, TWO_AGREEMENTS) == [(13000000, "HKD", "2025-12-31", "Supply Agreement")]


def test_not_more_than_is_a_cap() -> None:
    text = (
        "The aggregate fees payable under the Supply Agreement shall not be more than HK$3 "
        "million for the year ending 31 December 2025."
    )
    assert caps_with(text) == [(3000000, "HKD", "2025-12-31", "Supply Agreement")]


def test_amounts_listed_for_the_n_years_ending_a_date_respectively() -> None:
    text = (
        "The annual caps under the Supply Agreement for the three years ending 31 December 2027 "
        "are RMB20 million, RMB25 million and RMB30 million, respectively."
    )
    assert caps_with(text) == [
        (20000000, "RMB", "2025-12-31", "Supply Agreement"),
        (25000000, "RMB", "2026-12-31", "Supply Agreement"),
        (30000000, "RMB", "2027-12-31", "Supply Agreement"),
    ]


def test_two_lists_respectively_over_the_same_periods_in_one_sentence() -> None:
    """Purchases and sales, each a list "respectively", the second "for the same periods": the
    periods of the sentence serve each list in turn."""
    text = (
        "The Board proposes that purchases under the Supply Agreement for the period from the "
        "date of the EGM to 30 June 2026 and for each of the two years ending 30 June 2027 and "
        "30 June 2028 shall not exceed HK$5 million, HK$9 million and HK$11 million, "
        "respectively, and that sales for the same periods shall not exceed HK$2 million, "
        "HK$4 million and HK$6 million, respectively."
    )
    assert sorted(caps(text)) == sorted(
        [
            (5000000, "HKD", "2026-06-30"),
            (9000000, "HKD", "2027-06-30"),
            (11000000, "HKD", "2028-06-30"),
            (2000000, "HKD", "2026-06-30"),
            (4000000, "HKD", "2027-06-30"),
            (6000000, "HKD", "2028-06-30"),
        ]
    )


def test_unbulleted_lines_under_a_lead_line_that_ends_in_a_colon() -> None:
    text = (
        "Annual caps\n\n"
        "The aggregate rent payable under the Supply Agreement shall not exceed:\n\n"
        "For the period from 1 September 2025 to 31 December 2025: HK$5.4 million\n"
        "For the period from 1 January 2026 to 31 August 2026: HK$10.8 million\n"
    )
    assert caps(text) == [(5400000, "HKD", "2025-12-31"), (10800000, "HKD", "2026-08-31")]


def test_caps_in_a_principal_terms_row() -> None:
    text = (
        "PRINCIPAL TERMS OF THE SUPPLY AGREEMENT\n\nDate:          2 January 2025\n"
        "Annual caps:   HK$5,000,000 for the year ending 31 December 2025 and HK$6,000,000 for "
        "the year ending 31 December 2026\n"
    )
    assert caps_with(text) == [
        (5000000, "HKD", "2025-12-31", "Supply Agreement"),
        (6000000, "HKD", "2026-12-31", "Supply Agreement"),
    ]


def caps_kind(text: str, defs: str = AG) -> list[tuple]:
    out = extract_pages([text + "\n\n" + defs])
    return [(c["amount"], c["period_end"], c["agreement"], c["kind"]) for c in out["annual_caps"]]


def test_a_cap_the_text_says_was_set_before_is_not_a_cap_and_the_revision_is_revised() -> None:
    text = (
        "Under the Supply Agreement, the purchases by the Group were capped at HK$5,000,000 for "
        "each of the two years ending 31 December 2026. On 30 June 2025, the Company and Acme "
        "entered into the Supplemental Agreement to revise those caps to HK$7,500,000 and "
        "HK$8,200,000 for the years ending 31 December 2025 and 2026, respectively."
    )
    assert caps_kind(text, TWO_AGREEMENTS) == [
        (7500000, "2025-12-31", "Supply Agreement", "revised"),
        (8200000, "2026-12-31", "Supply Agreement", "revised"),
    ]


def test_a_cap_sentence_under_a_revised_caps_heading_is_revised() -> None:
    text = (
        "REVISED ANNUAL CAP\n\n"
        "The annual cap under the Supply Agreement for the year ending 31 December 2025 will be "
        "HK$4 million."
    )
    assert caps_kind(text) == [(4000000, "2025-12-31", "Supply Agreement", "revised")]


SECTIONS = (
    '"Cleaning Agreement"  the cleaning agreement dated 2 January 2025 between the Company and '
    "Acme\n"
    '"Catering Agreement"  the catering agreement dated 2 January 2025 between the Company and '
    "Acme\n"
)


def test_caps_in_prose_belong_to_the_agreement_of_their_section() -> None:
    text = (
        "A. THE CLEANING AGREEMENT\n\nAnnual caps\n\n"
        "The annual caps for the three years ending 31 December 2027 are HK$2 million, HK$2.2 "
        "million and HK$2.4 million, respectively.\n\n"
        "B. THE CATERING AGREEMENT\n\nAnnual caps\n\n"
        "The service fees shall not exceed HK$6 million for the year ending 31 December 2025."
    )
    assert caps_with(text, SECTIONS) == [
        (2000000, "HKD", "2025-12-31", "Cleaning Agreement"),
        (2200000, "HKD", "2026-12-31", "Cleaning Agreement"),
        (2400000, "HKD", "2027-12-31", "Cleaning Agreement"),
        (6000000, "HKD", "2025-12-31", "Catering Agreement"),
    ]


def test_caps_in_two_clauses_and_year_ends_written_out_in_full() -> None:
    text = (
        "The annual cap under the Supply Agreement for the period from 1 May 2025 to 31 December "
        "2025 shall be HK$1.1 million, and the annual caps for the years ending 31 December 2026 "
        "and 31 December 2027 shall be HK$2.3 million and HK$2.6 million, respectively."
    )
    assert caps_with(text) == [
        (1100000, "HKD", "2025-12-31", "Supply Agreement"),
        (2300000, "HKD", "2026-12-31", "Supply Agreement"),
        (2600000, "HKD", "2027-12-31", "Supply Agreement"),
    ]


def test_amounts_each_led_by_a_bare_year_under_a_year_end() -> None:
    text = (
        "The annual caps under the Supply Agreement for the years ending 30 June are as "
        "follows: 2026: HK$3 million; 2027: HK$3.4 million; and 2028: HK$3.9 million."
    )
    assert caps_with(text) == [
        (3000000, "HKD", "2026-06-30", "Supply Agreement"),
        (3400000, "HKD", "2027-06-30", "Supply Agreement"),
        (3900000, "HKD", "2028-06-30", "Supply Agreement"),
    ]


def test_a_table_under_a_bracket_numbered_heading_belongs_to_that_agreement() -> None:
    text = (
        "(1) Cleaning Agreement\n\n"
        "The table below sets out the proposed annual caps:\n\n"
        "                        Year ending 31 December\n"
        "                        2026          2027\n"
        "                        HK$'000       HK$'000\n"
        "Office cleaning         1,200         1,300\n\n"
        "(2) Catering Agreement\n\n"
        "The proposed annual caps are set out below:\n\n"
        "                        Year ending 31 December\n"
        "                        2026          2027\n"
        "                        HK$'000       HK$'000\n"
        "Staff canteen           2,500         2,700\n"
    )
    assert caps_with(text, SECTIONS) == [
        (1200000, "HKD", "2026-12-31", "Cleaning Agreement"),
        (1300000, "HKD", "2027-12-31", "Cleaning Agreement"),
        (2500000, "HKD", "2026-12-31", "Catering Agreement"),
        (2700000, "HKD", "2027-12-31", "Catering Agreement"),
    ]


_TWO_AGREEMENTS = Path(__file__).parent / "fixtures" / "two_agreement_caps"
_TWO_CAPS = {
    ("Master Purchase Agreement", "2026-12-31", 10_000_000),
    ("Master Purchase Agreement", "2027-12-31", 12_000_000),
    ("Master Purchase Agreement", "2028-12-31", 14_000_000),
    ("Master Sales Agreement", "2026-12-31", 5_000_000),
    ("Master Sales Agreement", "2027-12-31", 6_000_000),
    ("Master Sales Agreement", "2028-12-31", 7_000_000),
}


@pytest.mark.parametrize("layout", sorted(_TWO_AGREEMENTS.glob("*.txt")), ids=lambda p: p.stem)
def test_caps_of_two_agreements_sit_under_their_own(layout: Path, tmp_path: Path) -> None:
    """Each cap under its own agreement, from text and from PDF (fixtures' README)."""
    from extract import extract_file

    text = layout.read_text(encoding="utf-8")
    from_pdf = extract_file(render_text_pdf(text, tmp_path / "x.pdf"))["annual_caps"]
    for caps in (extract_pages([text])["annual_caps"], from_pdf):
        assert {(c["agreement"], c["period_end"], c["amount"]) for c in caps} == _TWO_CAPS


def test_caps_said_to_remain_unchanged_are_not_this_announcements() -> None:
    text = (
        "The proposed annual caps under the Supply Agreement for the two years ending 31 "
        "December 2027 are RMB6,100 million and RMB6,500 million, respectively.\n\n"
        "For information, the annual caps under the financial services agreement, being "
        "RMB3,000 million for each of the three years ending 31 December 2025, remain "
        "unchanged and are not affected by the Supplemental Agreement.\n"
    )
    caps = extract_pages([text])["annual_caps"]
    assert [(c["amount"], c["period_end"]) for c in caps] == [
        (6_100_000_000, "2026-12-31"),
        (6_500_000_000, "2027-12-31"),
    ]


# --- others4: "not expected to exceed", a stub period then each of two years, totals ---------


def test_amounts_not_expected_to_exceed_are_caps() -> None:
    text = (
        "The rent receivable under the Supply Agreement for the years ending 31 March 2026, "
        "2027 and 2028 is not expected to exceed HK$2.1 million, HK$2.3 million and HK$2.5 "
        "million respectively."
    )
    assert caps_with(text) == [
        (2100000, "HKD", "2026-03-31", "Supply Agreement"),
        (2300000, "HKD", "2027-03-31", "Supply Agreement"),
        (2500000, "HKD", "2028-03-31", "Supply Agreement"),
    ]


def test_a_stub_period_then_one_cap_for_each_of_two_year_ends_written_out() -> None:
    """The list of year ends belongs to the second amount only; each year end is as written
    (not counted back from the first one)."""
    text = (
        "The maximum fee payable under the Supply Agreement is HK$0.8 million for the period "
        "from 1 October 2025 to 31 December 2025, and HK$3.5 million for each of the two years "
        "ending 31 December 2026 and 31 December 2027."
    )
    assert caps_with(text) == [
        (800000, "HKD", "2025-12-31", "Supply Agreement"),
        (3500000, "HKD", "2026-12-31", "Supply Agreement"),
        (3500000, "HKD", "2027-12-31", "Supply Agreement"),
    ]


def test_a_sentence_giving_the_sum_of_a_tables_caps_is_not_a_cap() -> None:
    text = (
        "ANNUAL CAPS\n\n"
        "The proposed annual caps under the Supply Agreement are:\n\n"
        "                                 Sales of parts    Repair fees\n"
        "                                 (HK$'000)         (HK$'000)\n"
        "Year ending 31 December 2026     8,000             1,500\n"
        "Year ending 31 December 2027     9,000             1,700\n\n"
        "Taken together, the caps for the year ending 31 December 2026 come to HK$9.5 million, "
        "which is not to exceed the Company's budget.\n"
    )
    assert sorted(caps_with(text)) == [
        (1500000, "HKD", "2026-12-31", "Supply Agreement"),
        (1700000, "HKD", "2027-12-31", "Supply Agreement"),
        (8000000, "HKD", "2026-12-31", "Supply Agreement"),
        (9000000, "HKD", "2027-12-31", "Supply Agreement"),
    ]


TWO_DEFINED = (
    '"Alpha Agreement"  the alpha agreement dated 2 January 2026 between the Company and Acme\n'
    '"Beta Agreement"  the beta agreement dated 2 January 2026 between the Company and Acme\n'
)


def test_one_amount_for_each_agreement_named_respectively() -> None:
    text = (
        "The proposed annual caps under the Alpha Agreement and the Beta Agreement for the year "
        "ending 31 December 2026 will be HK$5 million and HK$3 million respectively."
    )
    assert caps_with(text, TWO_DEFINED) == [
        (5000000, "HKD", "2026-12-31", "Alpha Agreement"),
        (3000000, "HKD", "2026-12-31", "Beta Agreement"),
    ]


def test_one_amount_for_each_of_the_listed_years() -> None:
    text = (
        "The Board proposes that the annual cap under the Supply Agreement for each of the "
        "financial years ending 30 June 2026, 2027 and 2028 be set at HK$7 million."
    )
    assert caps_with(text) == [
        (7000000, "HKD", "2026-06-30", "Supply Agreement"),
        (7000000, "HKD", "2027-06-30", "Supply Agreement"),
        (7000000, "HKD", "2028-06-30", "Supply Agreement"),
    ]


def test_caps_in_prose_under_a_heading_set_apart_from_its_number() -> None:
    text = (
        "I.     ALPHA AGREEMENT\n\n"
        "The annual caps for the years ending 31 December 2026 and 2027 are HK$4 million and "
        "HK$5 million respectively.\n\n"
        "II.    BETA AGREEMENT\n\n"
        "The annual caps for the years ending 31 December 2026 and 2027 are HK$1 million and "
        "HK$2 million respectively.\n"
    )
    assert caps_with(text, TWO_DEFINED) == [
        (4000000, "HKD", "2026-12-31", "Alpha Agreement"),
        (5000000, "HKD", "2027-12-31", "Alpha Agreement"),
        (1000000, "HKD", "2026-12-31", "Beta Agreement"),
        (2000000, "HKD", "2027-12-31", "Beta Agreement"),
    ]


def test_amounts_each_followed_by_their_year_under_a_year_end() -> None:
    text = (
        "The proposed caps under the Supply Agreement for the years ending 30 September are "
        "RMB5 million for 2026, RMB6 million for 2027 and RMB7 million for 2028."
    )
    assert caps_with(text) == [
        (5000000, "RMB", "2026-09-30", "Supply Agreement"),
        (6000000, "RMB", "2027-09-30", "Supply Agreement"),
        (7000000, "RMB", "2028-09-30", "Supply Agreement"),
    ]


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_bullets_with_the_marker_set_apart_under_a_caps_heading_per_agreement(
    from_pdf: bool, tmp_path: Path
) -> None:
    """ "•  category: not exceeding A for <period>, B for <period>"; "A for each of <a period>
    and the two years ending <d1> and <d2>"; "A, B and C for <a period> and the years ending
    <d1> and <d2>, respectively"."""
    text = (
        "Annual caps for the Supply Agreement:\n"
        "•  handling fees receivable by the Company: not exceeding HK$300,000 for the period "
        "from 1 May 2025 to 30 September 2025, not exceeding HK$720,000 for the year ending 30 "
        "September 2026 and not exceeding HK$790,000 for the year ending 30 September 2027; and\n"
        "•  maximum daily outstanding balance of advances: not exceeding HK$9,000,000 for each "
        "of the period from 1 May 2025 to 30 September 2025 and the two years ending 30 "
        "September 2026 and 30 September 2027.\n"
        "•  maximum daily balance of deposits: not exceeding HK$4,000,000, HK$4,500,000 and "
        "HK$5,000,000 for the period from 1 May 2025 to 30 September 2025 and the years ending "
        "30 September 2026 and 30 September 2027, respectively.\n"
    )
    if from_pdf:  # the bullet glyph comes back as "(cid:127)" from the test renderer's font
        out = extract_file(render_text_pdf(text + "\n\n" + AG, tmp_path / "bullets.pdf"))
        got = [(c["amount"], c["currency"], c["period_end"]) for c in out["annual_caps"]]
    else:
        got = caps(text)
    assert got == [
        (300000, "HKD", "2025-09-30"),
        (720000, "HKD", "2026-09-30"),
        (790000, "HKD", "2027-09-30"),
        (9000000, "HKD", "2025-09-30"),
        (9000000, "HKD", "2026-09-30"),
        (9000000, "HKD", "2027-09-30"),
        (4000000, "HKD", "2025-09-30"),
        (4500000, "HKD", "2026-09-30"),
        (5000000, "HKD", "2027-09-30"),
    ]


def test_two_amounts_one_for_a_year_and_one_for_each_of_the_next_two() -> None:
    text = (
        "The annual caps under the Supply Agreement are RMB120.5 million for the year ending "
        "31 December 2026, and RMB18.0 million for each of the years ending 31 December 2027 "
        "and 31 December 2028 for the additional premises."
    )
    assert caps(text) == [
        (120500000, "RMB", "2026-12-31"),
        (18000000, "RMB", "2027-12-31"),
        (18000000, "RMB", "2028-12-31"),
    ]


def test_bullets_that_say_not_exceed_under_a_lead_line_without_a_colon() -> None:
    text = (
        "The Company proposes the following in respect of the Supply Agreement.\n\n"
        "•  deposits: the maximum daily balance shall not exceed RMB2,500 million for each of "
        "the three years ending 31 December 2028;\n"
        "•  loans: the maximum daily balance shall not exceed RMB1,000 million, RMB1,200 "
        "million and RMB1,500 million for the three years ending 31 December 2026, 2027 and "
        "2028, respectively.\n"
    )
    assert caps(text) == [
        (2500000000, "RMB", "2026-12-31"),
        (2500000000, "RMB", "2027-12-31"),
        (2500000000, "RMB", "2028-12-31"),
        (1000000000, "RMB", "2026-12-31"),
        (1200000000, "RMB", "2027-12-31"),
        (1500000000, "RMB", "2028-12-31"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The annual cap under the Supply Agreement shall be HK$25 million for each of the "
            "three financial years ending 31 March 2026, 2027 and 2028.",
            ["2026-03-31", "2027-03-31", "2028-03-31"],
        ),
        (
            "The maximum daily balance of deposits under the Supply Agreement shall not exceed "
            "HK$25 million for each of the two years ending 31 December 2026 and 31 December "
            "2027.",
            ["2026-12-31", "2027-12-31"],
        ),
    ],
)
def test_each_of_the_n_years_followed_by_the_list_of_those_years(
    sentence: str, expected: list[str]
) -> None:
    assert caps(sentence) == [(25000000, "HKD", end) for end in expected]


def test_an_existing_caps_table_with_periods_and_units_in_one_header_line() -> None:
    """A PDF read prints a two-line header ("Year ending" over "31 March 2026" over "HK$
    million") as one line; the table the text calls the existing caps stays out still."""
    text = (
        "The existing annual caps approved by the independent shareholders were as follows:\n\n"
        "Year ending 31 March 2026 HK$ million  Year ending 31 March 2027 HK$ million\n"
        "Brokerage commission income  9.0  10.0\n"
        "Margin interest income  28.0  32.0\n\n"
        "The Board proposes to revise the annual caps for the Supply Agreement as follows:\n\n"
        "Year ending 31 March 2026 HK$ million  Year ending 31 March 2027 HK$ million\n"
        "Brokerage commission income  14.0  18.0\n"
        "Margin interest income  48.0  60.0\n"
    )
    assert sorted(caps(text)) == [
        (14000000, "HKD", "2026-03-31"),
        (18000000, "HKD", "2027-03-31"),
        (48000000, "HKD", "2026-03-31"),
        (60000000, "HKD", "2027-03-31"),
    ]


def test_a_cell_that_says_what_its_figure_is_after_it() -> None:
    """ "5,600 (revised)", "2,706.8 (Note)": the mark after the figure does not end the table."""
    text = (
        "HISTORICAL AMOUNTS, EXISTING ANNUAL CAPS AND REVISED AND PROPOSED ANNUAL CAPS\n\n"
        "Unit: RMB million\n\n"
        "Year ending/ended 31 December    Existing annual cap    Actual amount    "
        "Revised / proposed annual cap\n"
        "2024                         4,500                  4,391.7          -\n"
        "2025                         4,800                  2,706.8 (Note)   5,600 (revised)\n"
        "2026                         -                      -                6,100 (proposed)\n"
    )
    assert sorted(caps(text)) == [
        (5600000000, "RMB", "2025-12-31"),
        (6100000000, "RMB", "2026-12-31"),
    ]


def test_a_heading_closes_the_prose_on_existing_caps_above_a_table() -> None:
    """A paragraph on the existing cap, then "ANNUAL CAPS" over the new caps' table."""
    text = (
        "The existing annual cap for the year ended 31 December 2025 was HK$6,000,000, and the "
        "fees paid for the eleven months ended 30 November 2025 were about HK$4,870,000.\n\n"
        "ANNUAL CAPS\n\n"
        "Period                                         Annual cap (HK$)\n"
        "From the Effective Date to 31 December 2026    5,400,000\n"
        "Year ending 31 December 2027                   7,600,000\n"
    )
    assert sorted(caps(text)) == [(5400000, "HKD", "2026-12-31"), (7600000, "HKD", "2027-12-31")]


def test_bullets_under_a_lead_line_that_names_the_period() -> None:
    """ "For the year ending 31 December 2024:" over one bullet per category."""
    text = (
        "ANNUAL CAPS\n\n"
        "The annual caps for the amounts payable under the Supply Agreement are set out below:\n\n"
        "For the year ending 31 December 2024:\n"
        "•  royalties: JPY180,000,000 (equivalent to approximately HK$9,360,000)\n"
        "•  development service fees: JPY95,000,000 (equivalent to approximately HK$4,940,000)\n\n"
        "For the year ending 31 December 2025:\n"
        "•  royalties: JPY420,000,000 (equivalent to approximately HK$21,840,000)\n"
        "•  development service fees: JPY60,000,000 (equivalent to approximately HK$3,120,000)\n"
    )
    assert sorted(caps(text)) == [
        (60000000, "JPY", "2025-12-31"),
        (95000000, "JPY", "2024-12-31"),
        (180000000, "JPY", "2024-12-31"),
        (420000000, "JPY", "2025-12-31"),
    ]


def test_caps_of_an_agreement_not_announced_here_are_not_caps() -> None:
    """An existing agreement the deal will end, defined inline with its caps: not this
    announcement's caps, while the caps of "the Tenancy Agreements" (all of them) are."""
    old = (
        'On 20 May 2026 the Company entered into an acquisition agreement (the "Acquisition '
        'Agreement") with Acme to buy the warehouse. '
        "The Group leases the warehouse under the warehouse services agreement dated 15 "
        'December 2023 (the "Warehouse Services Agreement"), the annual caps of which are '
        "HK$36,000,000 for the year ending 31 December 2026 and HK$38,000,000 for the year "
        "ending 31 December 2027.\n\nHong Kong, 20 May 2026\n"
    )
    assert caps(old) == []
    together = (
        'On 2 January 2024 the Company entered into two tenancy agreements (the "Tenancy '
        'Agreements") with Acme. The amounts receivable under the Tenancy Agreements shall not '
        "exceed HK$12.5 million for the year ending 31 December 2026.\n"
    )
    assert caps(together) == [(12500000, "HKD", "2026-12-31")]


def test_bare_years_take_the_year_end_of_the_cap_sentence_before() -> None:
    """ "... RMB214.5 million for 2024, rising to RMB228.0 million for 2025": the years end
    when the cap sentence before says they do (here 30 June)."""
    text = (
        "The annual caps for the services under the Supply Agreement will be RMB1,865 million "
        "for the year ending 30 June 2024 and RMB1,942 million for the year ending 30 June "
        "2025. The annual cap for the purchase of materials will be RMB214.5 million for 2024, "
        "rising to RMB228.0 million for 2025.\n"
    )
    assert sorted(caps(text)) == [
        (214500000, "RMB", "2024-06-30"),
        (228000000, "RMB", "2025-06-30"),
        (1865000000, "RMB", "2024-06-30"),
        (1942000000, "RMB", "2025-06-30"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The existing annual cap for the year ending 31 December 2026 is not revised and "
        "remains at HK$5,000,000.",
        "The annual caps for the year ending 31 December 2026 (RMB9,300 million and RMB440 "
        "million respectively) will not be revised.",
        "The proposed annual cap for the year ending 31 December 2027 under the Supply "
        "Agreement was incorrectly stated as RMB48,600,000 in the Announcement.",
    ],
)
def test_caps_said_not_to_change_or_misprinted_are_not_caps(sentence: str) -> None:
    assert caps(sentence) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Group will ensure that the transaction amounts will not exceed the Existing Annual "
        "Cap of MOP85.0 million for the year ending 31 December 2026 until the Revised Annual "
        "Caps are approved.",
        "The caps for royalties were calculated by applying the royalty rate of 2.5% to the "
        "Group's projected net sales of approximately HK$344 million, HK$412 million and HK$496 "
        "million for the three financial years ending 30 June 2021.",
        "The Revised Annual Caps were determined with reference to the following factors:\n\n"
        "(a) the historical transaction amounts; and\n\n"
        "(b) the budgeted gross revenue of the entertainment zone for the nine months ending 31 "
        "December 2026 and the year ending 31 December 2027 of approximately MOP420 million and "
        "MOP610 million, respectively.",
    ],
)
def test_figures_the_caps_were_worked_out_from_and_the_existing_cap_are_not_caps(
    text: str,
) -> None:
    assert caps(text) == []


def test_a_cap_sentence_that_goes_on_to_its_basis_keeps_the_caps_before_it() -> None:
    text = (
        "The proposed annual caps under the Supply Agreement are HK$10 million and HK$12 million "
        "for the years ending 31 December 2026 and 2027, respectively, which were determined with "
        "reference to the historical amounts of HK$7 million for the year ending 31 December "
        "2025.\n"
    )
    assert sorted(caps(text)) == [(10000000, "HKD", "2026-12-31"), (12000000, "HKD", "2027-12-31")]


def test_a_stub_period_and_a_list_of_years_then_the_amounts_respectively() -> None:
    text = (
        "The annual caps for the charter hire payable under the Supply Agreement for the period "
        "from 1 October 2023 to 31 December 2023, and the two years ending 31 December 2024 and "
        "31 December 2025 will be US$9.5 million, US$42.0 million and US$46.0 million, "
        "respectively.\n"
    )
    assert caps(text) == [
        (9500000, "USD", "2023-12-31"),
        (42000000, "USD", "2024-12-31"),
        (46000000, "USD", "2025-12-31"),
    ]


def test_one_category_a_line_each_figure_keyed_by_its_year() -> None:
    text = (
        "Proposed annual caps (RMB million):\n\n"
        "Procurement - 2026: 1,850; 2027: 2,000; 2028: 2,150\n"
        "Sales - 2026: 320; 2027: 350; 2028: 380\n\n"
        "The corresponding historical amounts for the nine months ended 30 September 2025 were "
        "RMB1,062.7 million (Procurement) and RMB177.9 million (Sales).\n"
    )
    assert sorted(caps(text)) == [
        (320000000, "RMB", "2026-12-31"),
        (350000000, "RMB", "2027-12-31"),
        (380000000, "RMB", "2028-12-31"),
        (1850000000, "RMB", "2026-12-31"),
        (2000000000, "RMB", "2027-12-31"),
        (2150000000, "RMB", "2028-12-31"),
    ]


def test_the_cap_under_an_agreement_signed_long_before_is_not_a_cap() -> None:
    text = (
        "Under the 2022-2024 Engineering Services Framework Agreement dated 28 October 2021, the "
        "annual cap for the services for the year ending 31 December 2024 is RMB16.0 billion. "
        "By the Supplemental Agreement, the parties agreed to revise the annual cap for the year "
        "ending 31 December 2024 to RMB19.5 billion.\n\nBeijing, 25 October 2024\n"
    )
    assert caps(text) == [(19500000000, "RMB", "2024-12-31")]


SIDE_BY_SIDE = (
    "2. THE SUPPLY AGREEMENT\n\n"
    "The table below sets out the historical amounts and the proposed annual caps:\n\n"
    "                 Historical amounts                 Proposed annual caps\n"
    "(RMB'000)\n"
    "Year ended 31 March 2024      96,412      Year ending 31 March 2027      148,000\n"
    "Year ended 31 March 2025      112,870      Year ending 31 March 2028      166,000\n"
    "Ten months ended 31 January 2026      104,355      Year ending 31 March 2029      185,000\n"
)


@pytest.mark.parametrize("from_pdf", [False, True], ids=["text", "pdf"])
def test_historical_amounts_and_caps_printed_side_by_side(from_pdf: bool, tmp_path: Path) -> None:
    """Two tables side by side, each row a period and its figure under each heading: only the
    half headed "Proposed annual caps" holds caps."""
    text = SIDE_BY_SIDE + "\n\n" + AG
    out = extract_file(render_text_pdf(text, tmp_path / "x.pdf")) if from_pdf else None
    got = (out or extract_pages([text]))["annual_caps"]
    assert [(c["amount"], c["currency"], c["period_end"], c["agreement"]) for c in got] == [
        (148000000, "RMB", "2027-03-31", "Supply Agreement"),
        (166000000, "RMB", "2028-03-31", "Supply Agreement"),
        (185000000, "RMB", "2029-03-31", "Supply Agreement"),
    ]


def test_caps_restated_in_another_currency_and_the_rate_are_not_caps() -> None:
    text = (
        "The revised annual caps under the Supply Agreement for the years ending 31 December "
        "2026 and 2027 are US$46.0 million and US$55.0 million, respectively. For reference "
        "only, at the exchange rate of US$1.00 to HK$7.80, the revised annual caps are "
        "equivalent to approximately HK$358.8 million and HK$429.0 million for the years "
        "ending 31 December 2026 and 2027, respectively."
    )
    assert sorted(caps(text)) == [(46000000, "USD", "2026-12-31"), (55000000, "USD", "2027-12-31")]


def test_one_amount_for_a_stub_period_and_each_of_the_years_after() -> None:
    text = (
        "The maximum fees under the Supply Agreement shall be RMB3,000,000 for the period from "
        "1 July 2024 to 31 December 2024 and for each of the two years ending 31 December 2025 "
        "and 2026."
    )
    assert sorted(caps(text)) == [
        (3000000, "RMB", "2024-12-31"),
        (3000000, "RMB", "2025-12-31"),
        (3000000, "RMB", "2026-12-31"),
    ]


def test_the_cap_of_the_year_the_agreement_ends_in_ends_with_its_term() -> None:
    text = (
        'On 22 April 2022, the Company entered into a tenancy agreement (the "Tenancy '
        'Agreement") with Lusitano Jewellery Limited ("Lusitano") for a term from 1 May 2022 '
        "to 30 April 2025.\n\n"
        "The annual caps under the Tenancy Agreement are as follows:\n\n"
        "                    Year ending 31 December\n"
        "                    2024            2025\n"
        "Annual caps (MOP)   7,600,000       2,700,000\n"
    )
    got = extract_pages([text])["annual_caps"]
    assert [(c["amount"], c["period_end"]) for c in got] == [
        (7600000, "2024-12-31"),
        (2700000, "2025-04-30"),
    ]
