"""fw_header_v1, fw_definitions_v1, fw_transaction_types_v1 and fw_chapters_v1."""

from __future__ import annotations

import pytest

from extract import extract_pages
from extract.components.definitions import parse_body

HEADER = (
    "Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take "
    "no responsibility for the contents of this announcement.\n\n"
    "ACME PORTS HOLDINGS LIMITED\n亞克港口控股有限公司\n"
    "(incorporated in Bermuda with limited liability)\n(Stock Code: 388)\n\n"
    "(1) DISCLOSEABLE AND CONNECTED TRANSACTION\nACQUISITION OF A WHARF;\n\nAND\n\n"
    "(2) RESUMPTION OF TRADING\n\nTHE ACQUISITION\n\n"
    "The acquisition constitutes a discloseable transaction under Chapter 14 and a connected "
    "transaction under Chapters 14A and 13 of the Listing Rules. Any transaction with the "
    "substantial shareholder may constitute a major transaction.\n\n"
    "By order of the Board\nAcme Ports Holdings Limited\nCHAN Tai Man\nChairman\n\n"
    "Hong Kong, 3rd March, 2025\n"
)


@pytest.fixture(scope="module")
def header() -> dict:
    return extract_pages([HEADER])


def test_header_stock_code_is_zero_padded(header: dict) -> None:
    assert header["stock_code"] == "00388"


def test_header_date_from_signature_line(header: dict) -> None:
    assert header["announcement_date"] == "2025-03-03"


def test_header_title_joins_lines_across_blank_connectors(header: dict) -> None:
    assert header["title"] == (
        "(1) DISCLOSEABLE AND CONNECTED TRANSACTION ACQUISITION OF A WHARF; AND "
        "(2) RESUMPTION OF TRADING"
    )


def test_header_company_from_signature_in_normal_case(header: dict) -> None:
    assert header["company"] == "Acme Ports Holdings Limited"


def test_header_signature_lead_in_lower_case_reads_the_company() -> None:
    """ "By order of the board" (lower case) once crashed the whole extraction."""
    text = HEADER.replace("By order of the Board", "By order of the board of directors of")
    assert extract_pages([text])["company"] == "Acme Ports Holdings Limited"


def test_transaction_types_from_title_and_body_not_hedged(header: dict) -> None:
    assert sorted(header["transaction_types"]) == [
        "connected transaction",
        "discloseable transaction",
    ]


def test_chapters_lists_every_cited_chapter(header: dict) -> None:
    assert header["listing_rules_chapters"] == ["14", "14A", "13"]


def test_header_form_fields_for_a_monthly_return() -> None:
    text = (
        "FF301\n\nMonthly Return of Equity Issuer on Movements in Securities\n\n"
        "Name of Issuer: Acme Ports Holdings Limited\nDate Submitted: 2 January 2025\n\n"
        "Stock code (if listed)  00388  Description  Ordinary shares\n"
    )
    out = extract_pages([text])
    assert (out["company"], out["announcement_date"], out["title"], out["stock_code"]) == (
        "Acme Ports Holdings Limited",
        "2025-01-02",
        "Monthly Return of Equity Issuer on Movements in Securities",
        "00388",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "北京小米科技有限責任公司 (Beijing Xiaomi Technology Co., Ltd.), a limited liability "
            "company established in the PRC",
            ("Beijing Xiaomi Technology Co., Ltd.", "北京小米科技有限責任公司"),
        ),
        (
            "GO Hotels (HK) Limited (金蘭酒店(香港)有限公司), a company incorporated in Hong Kong",
            ("GO Hotels (HK) Limited", "金蘭酒店(香港)有限公司"),
        ),
        (
            "Kingsoft Corporation Limited, an exempted company incorporated in the Cayman Islands",
            ("Kingsoft Corporation Limited", None),
        ),
        (
            "Namba Realty Tokutei Mokuteki Kaisha, a special purpose company incorporated in Japan",
            ("Namba Realty Tokutei Mokuteki Kaisha", None),
        ),
        ("the board of Directors", (None, None)),
        ("has the meaning ascribed to it under the Listing Rules", (None, None)),
    ],
)
def test_definitions_full_and_chinese_names(body: str, expected: tuple) -> None:
    assert parse_body(body) == expected


def test_definitions_inline_entities_and_persons() -> None:
    text = (
        "On 3 December 2024, Pacific Lotus Investments Limited (太平蓮投資有限公司) "
        '("Pacific Lotus"), a wholly-owned subsidiary of the Company, entered into the share '
        'purchase agreement (the "Share Purchase Agreement") with Mr. Kenneth Yiu Fai TANG '
        '(鄧耀輝) (the "Vendor"), pursuant to which Pacific Lotus agreed to acquire shares.\n\n'
        "The Vendor is a director and substantial shareholder of Lotus Beauty, a subsidiary of "
        "the Company, and is therefore a connected person of the Company at the subsidiary level.\n"
    )
    out = extract_pages([text])
    assert out["parties"] == [
        {
            "name": "Pacific Lotus",
            "full_name": "Pacific Lotus Investments Limited",
            "chinese_name": "太平蓮投資有限公司",
        },
        {"name": "Vendor", "full_name": "Kenneth Yiu Fai TANG", "chinese_name": "鄧耀輝"},
    ]
    assert out["agreements"][0]["name"] == "Share Purchase Agreement"
    assert out["agreements"][0]["date"] == "2024-12-03"
    assert [p["name"] for p in out["connected_persons"]] == ["Kenneth Yiu Fai TANG"]


def test_header_stock_code_from_a_column_of_a_form_table() -> None:
    out = extract_pages(
        [
            "FF301\n\nMonthly Return of Equity Issuer on Movements in Securities\n\n"
            "For the month ended:  31 October 2026\n"
            "Name of Issuer:  Dragon Gate Healthcare International Holdings Limited\n"
            "Date Submitted:  9 November 2026\n\n"
            "Type of shares  Class of shares  Listed on the Exchange  Stock code\n"
            "Ordinary shares  Ordinary  Yes  6160\n"
        ]
    )
    assert out["stock_code"] == "06160"


# --- covers, signature blocks and chapters denied (issue 11) -------------------------------


def test_cover_row_stock_code_not_a_code_cited_for_another_company() -> None:
    text = (
        "Lumenwell Robotics (Shenzhen) Co., Ltd.\n(A joint stock company incorporated in the "
        "PRC with limited liability)\n\nGLOBAL OFFERING\n\n"
        "Nominal value  :  RMB1.00 per H Share\nStock code  :  2817\n\n"
        "The cornerstone investor is a subsidiary of a company listed on the Stock Exchange "
        "with stock code 6030.\n\nHong Kong, May 19, 2026\n"
    )
    out = extract_pages([text])
    assert out["stock_code"] == "02817"


def test_date_on_its_own_line_under_the_place() -> None:
    text = (
        "(Stock Code: 2817)\n\nCONNECTED TRANSACTION\n\n"
        + "The Board announces the transaction on the terms below.\n\n" * 60
        + "By order of the Board\n"
        "Lumenwell Robotics (Shenzhen) Co., Ltd.*\nLAM Chi\nChairman\n\n"
        "Shenzhen, the PRC\n22 November 2024\n"
    )
    assert extract_pages([text])["announcement_date"] == "2024-11-22"


@pytest.mark.parametrize(
    ("sentence", "chapters"),
    [
        (
            "As all the applicable percentage ratios are below 5%, the Lease does not "
            "constitute a notifiable transaction under Chapter 14 of the Listing Rules. The "
            "Lease constitutes a connected transaction under Chapter 14A of the Listing Rules.",
            ["14A"],
        ),
        (
            "As the Purchaser is an Independent Third Party, the Disposal does not constitute "
            "a connected transaction under Chapter 14A of the Listing Rules. The Disposal is a "
            "discloseable transaction under Chapter 14 of the Listing Rules.",
            ["14"],
        ),
        (
            "If the Vendor becomes a substantial shareholder, later transactions may constitute "
            "connected transactions under Chapter 14A of the Listing Rules.",
            [],
        ),
    ],
)
def test_chapters_named_to_say_they_do_not_apply_are_not_cited(
    sentence: str, chapters: list[str]
) -> None:
    assert extract_pages([sentence])["listing_rules_chapters"] == chapters
