"""fw_agreements_v1, fw_parties_v1 and fw_connected_persons_v1."""

from __future__ import annotations

import pytest

from extract import extract_pages
from extract.components.definitions import parse_body

DEFS = (
    '"Company"  Harbour Crest Logistics Holdings Limited (港灣峰物流控股有限公司), a company '
    "incorporated in the Cayman Islands\n"
    '"Crest Warehousing"  Crest Warehousing Limited (峰倉儲有限公司), a company incorporated in '
    "Hong Kong\n"
    '"Existing Agreement"  the warehousing agreement dated 28 March 2021 between the Company and '
    "Crest Warehousing\n"
    '"Warehousing Agreement"  the warehousing services framework agreement dated 15 March 2024 '
    "entered into between the Company and Crest Warehousing\n"
    '"Tsang Holdings"  Tsang Holdings Limited, a company incorporated in the BVI\n'
)
BOARD = (
    "As at the date of this announcement, the executive Directors are Mr. TSANG Wing Hong and "
    "Ms. TSANG Hoi Yan; and the independent non-executive Director is Mr. YIP Tak Ming.\n"
)


def run(body: str) -> dict:
    return extract_pages(
        [body + "\n\nDEFINITIONS\n\n" + DEFS + "\nHong Kong, 15 March 2024\n\n" + BOARD]
    )


def test_agreements_current_not_existing_with_term_from_rows() -> None:
    out = run(
        "THE WAREHOUSING AGREEMENT\n\nDate:  15 March 2024\n"
        "Parties:  (1) the Company; and\n(2) Crest Warehousing\n"
        "Term:  from 1 April 2024 to 31 December 2026 (both days inclusive)\n"
    )
    assert out["agreements"] == [
        {
            "name": "Warehousing Agreement",
            "date": "2024-03-15",
            "term_start": "2024-04-01",
            "term_end": "2026-12-31",
            "parties": ["Company", "Crest Warehousing"],
        }
    ]
    assert [p["name"] for p in out["parties"]] == ["Company", "Crest Warehousing"]
    assert out["parties"][1]["full_name"] == "Crest Warehousing Limited"


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Crest Warehousing is wholly owned by Tsang Holdings, which is in turn wholly owned by "
            "Mr. TSANG Wing Hong, an executive Director. Crest Warehousing is therefore an "
            "associate "
            "of Mr. TSANG Wing Hong and a connected person of the Company.",
            ["TSANG Wing Hong", "Tsang Holdings"],  # the holding vehicle too, since session 6
        ),
        (
            "Crest Warehousing is owned as to 70% by Mr. TSANG Kwok Po, the father of Ms. TSANG "
            "Hoi "
            "Yan, an executive Director. Accordingly, Crest Warehousing is an associate of Ms. "
            "TSANG "
            "Hoi Yan and thus a connected person of the Company.",
            ["TSANG Kwok Po", "TSANG Hoi Yan"],
        ),
        (
            "Crest Warehousing is owned as to 80% by Mr. TSANG Wing Hong and as to 20% by Ms. "
            "TSANG "
            "Hoi Yan, his daughter. Crest Warehousing is thus an associate of Mr. TSANG Wing "
            "Hong and "
            "a connected person of the Company.",
            ["TSANG Wing Hong", "TSANG Hoi Yan"],  # a co-owner who is his daughter: the chain
        ),
        (
            "Crest Warehousing is the controlling shareholder of the Company holding approximately "
            "52.36% of its shares, and is therefore a connected person of the Company.",
            ["Crest Warehousing"],
        ),
        ("Crest Warehousing is an independent third party and is not a connected person.", []),
    ],
)
def test_connected_persons_through_whom(sentence: str, names: list[str]) -> None:
    """The contract (its Kingsoft example): the person through whom the party is connected,
    with the party as connected_entity; the declared associate is not listed again. Since
    session 5 the chain to the director is listed whole: an owner named as a director's
    relative is listed with the party (tests/fixtures/others3/AUTHORING3.md)."""
    assert [p["name"] for p in run(sentence)["connected_persons"]] == names


def test_connected_person_relationship_and_entity() -> None:
    out = run(
        "Mr. TSANG Wing Hong, a director and substantial shareholder of the Company holds over "
        "30% of the issued share capital of Crest Warehousing. Crest Warehousing is therefore a "
        "connected person of the Company."
    )
    assert out["connected_persons"] == [
        {
            "name": "TSANG Wing Hong",
            "connected_entity": "Crest Warehousing",
            "relationship": "a director and substantial shareholder of the Company holds over 30% "
            "of the issued share capital of Crest Warehousing",
            "relationship_kind": "director",
            "counterpart": "the Company",
        },
    ]


def test_parties_from_entered_into_sentence_without_definitions_of_parties() -> None:
    out = extract_pages(
        [
            'On 20 May 2025, GO Japan Godo Kaisha (金蘭日本) ("GO Japan"), an indirect '
            "wholly-owned subsidiary of the Company, as purchaser, entered into the sale and "
            'purchase agreement (the "SPA") with Namba Realty Co., Ltd. ("Namba Realty"), as '
            "vendor, pursuant to which GO Japan agreed to acquire the Property."
        ]
    )
    assert [p["name"] for p in out["parties"]] == ["GO Japan", "Namba Realty"]


def test_agreements_named_only_where_they_are_entered_into() -> None:
    """No definition and no heading of its own: the "entered into the X Agreement" sentence."""
    out = extract_pages(
        [
            "The Board announces that on 26 November 2026, Foshan Anda, a wholly-owned "
            "subsidiary of the Company, entered into the Master Purchase and Sales Agreement "
            "with Chengdu Tianyi for a term commencing on 1 December 2026 and ending on "
            "31 December 2027.\n\nDEFINITIONS\n\n"
            '"Chengdu Tianyi"  Chengdu Tianyi Materials Co., Ltd. (成都天藝材料有限公司), '
            "a company established in the PRC\n"
            '"Foshan Anda"  Foshan Anda Information Technology Co., Ltd., a wholly-owned '
            "subsidiary of the Company\n\nHong Kong, 26 November 2026\n\n" + BOARD
        ]
    )
    assert out["agreements"] == [
        {
            "name": "Master Purchase and Sales Agreement",
            "date": "2026-11-26",
            "term_start": "2026-12-01",
            "term_end": "2027-12-31",
            "parties": ["Foshan Anda", "Chengdu Tianyi"],
        }
    ]
    assert [p["name"] for p in out["parties"]] == ["Foshan Anda", "Chengdu Tianyi"]


# --- parties named where the agreement is made (issue 11) ----------------------------------


def test_parties_with_a_guarantor_who_is_a_natural_person() -> None:
    out = extract_pages(
        [
            "On 3 June 2025, the Company as purchaser entered into the acquisition agreement (the "
            '"Acquisition Agreement") with Brightlake Ventures Limited ("Brightlake") as vendor '
            "and Mr. LO Kin Shan as guarantor, pursuant to which the Company agreed to acquire "
            "the Target.\n\nDEFINITIONS\n\n"
            '"Company"  Harbour Crest Logistics Holdings Limited, a company incorporated in the '
            "Cayman Islands\n\nHong Kong, 3 June 2025\n\n" + BOARD
        ]
    )
    assert [p["name"] for p in out["parties"]] == ["Company", "Brightlake", "LO Kin Shan"]


def test_parties_of_an_agreement_made_between_two_named_parties() -> None:
    out = extract_pages(
        [
            "On 8 May 2025, Kestrel Foods (Shenzhen) Co., Ltd.* (深圳紅隼食品有限公司) "
            '("Kestrel Shenzhen"), an indirect wholly-owned subsidiary of the Company, entered '
            'into a cold storage agreement (the "Storage Agreement").\n\n'
            "The Storage Agreement is dated 8 May 2025 and made between Kestrel Shenzhen, as "
            'customer, and Polar Chain Logistics Co., Ltd.* (極地鏈物流有限公司) ("Polar Chain"), '
            "as service provider.\n\nHong Kong, 8 May 2025\n\n" + BOARD
        ]
    )
    parties = {p["name"]: p for p in out["parties"]}
    assert list(parties) == ["Kestrel Shenzhen", "Polar Chain"]
    assert parties["Polar Chain"]["full_name"] == "Polar Chain Logistics Co., Ltd."
    assert parties["Kestrel Shenzhen"]["chinese_name"] == "深圳紅隼食品有限公司"


def test_agreements_from_capitals_headings_with_their_principal_terms() -> None:
    out = extract_pages(
        [
            "On 2 July 2025, the Company and Tallpine Group entered into the 2026 Fuel Supply "
            "Agreement and the 2026 Depot Services Agreement.\n\n"
            "1. THE 2026 FUEL SUPPLY AGREEMENT\n\nDate:   2 July 2025\n"
            "Parties:   (i) the Company; and (ii) Tallpine Group\n"
            "Term:   1 January 2026 to 31 December 2028\n\n"
            "2. THE 2026 DEPOT SERVICES AGREEMENT\n\nDate:   2 July 2025\n"
            "Parties:   (i) the Company; and (ii) Tallpine Group\n\nDEFINITIONS\n\n"
            '"Company"  Westbay Energy Holdings Limited, a company incorporated in Bermuda\n'
            '"Tallpine Group"  Tallpine Group Limited, the controlling shareholder of the Company\n'
            "\nHong Kong, 2 July 2025\n\n" + BOARD
        ]
    )
    got = [(a["name"], a["parties"]) for a in out["agreements"]]
    assert got == [
        ("2026 Fuel Supply Agreement", ["Company", "Tallpine Group"]),
        ("2026 Depot Services Agreement", ["Company", "Tallpine Group"]),
    ]


def test_full_names_with_a_bracketed_place_and_listed_parties() -> None:
    out = extract_pages(
        [
            'On 9 May 2025, Ridgeway Home Limited (the "Purchaser"), a wholly-owned subsidiary '
            'of the Company, Summit Crest Holdings Limited (the "Vendor") and Mr. YAU Kin (the '
            '"Guarantor") entered into the sale and purchase agreement (the "SP Agreement").\n\n'
            "Hong Kong, 9 May 2025\n\n" + BOARD
        ]
    )
    full = {p["name"]: p["full_name"] for p in out["parties"]}
    assert full["Vendor"] == "Summit Crest Holdings Limited"
    body = "Ridgeway Ceramics (BVI) Limited, a company incorporated in the BVI"
    assert parse_body(body) == ("Ridgeway Ceramics (BVI) Limited", None)


def test_role_rows_and_parties_named_by_a_collective_term() -> None:
    out = extract_pages(
        [
            'On 4 April 2025, Seaview Apparel Limited ("Seaview"), a subsidiary of the Company, '
            "entered into the Purchase Agreement with Mr. NG Lap and Mr. TSE Wai as vendors.\n\n"
            "THE LEASE AGREEMENT\n\nLandlord: Harbourline Estates\nTenant: Seaview\n"
            "Term: 1 May 2025 to 30 April 2027\n\nDEFINITIONS\n\n"
            '"Harbourline Estates"  Harbourline Estates Limited, a company incorporated in Hong '
            "Kong\n"
            '"Lease Agreement"  the lease agreement dated 4 April 2025\n'
            '"Purchase Agreement"  the sale and purchase agreement dated 4 April 2025 entered into '
            "between Seaview, the Vendors and the Company\n"
            '"Company"  Seaview Group Holdings Limited, a company incorporated in Bermuda\n'
            "\nHong Kong, 4 April 2025\n\n" + BOARD
        ]
    )
    got = {a["name"]: a["parties"] for a in out["agreements"]}
    assert got == {
        "Purchase Agreement": ["Seaview", "Company", "NG Lap", "TSE Wai"],
        "Lease Agreement": ["Harbourline Estates", "Seaview"],
    }


def test_parties_whose_names_end_in_a_dotted_or_european_suffix() -> None:
    out = extract_pages(
        [
            'On 4 March 2025, Harbour Ships One Limited ("Ships One") entered into a '
            'memorandum of agreement (the "MOA") with Fjordline Tankers AS ("Fjordline") for the '
            "purchase of a vessel. On the same date, Harbour Ships One Limited and Banco Oriental"
            ' de Lisboa, S.A. ("BOL") entered into a deposit agreement (the "Deposit Agreement")'
            "."
        ]
    )
    assert sorted(p["name"] for p in out["parties"]) == ["BOL", "Fjordline", "Ships One"]


def test_a_natural_person_who_signs_a_deed_in_a_sentence_of_his_own() -> None:
    out = extract_pages(
        [
            'On 8 July 2024, Aster Finance Limited ("Aster Finance") and Baywood Piling Limited '
            '("Baywood") entered into a loan agreement (the "Loan Agreement"). On the same '
            'date, Mr. CHOW Wai Lun executed a deed of guarantee (the "Deed") in favour of '
            "Aster Finance. The Deed secures the obligations of Baywood under the Loan Agreement."
        ]
    )
    assert "CHOW Wai Lun" in [p["name"] for p in out["parties"]]


def test_signatories_need_a_titled_subject_and_a_signing_verb() -> None:
    from extract.components.signatories import signing_persons

    names = ["Deed", "Loan Agreement"]
    assert signing_persons("Ms. LO Yan, as guarantor, signed the Deed.", names) == [
        ("LO Yan", "Deed")
    ]
    assert signing_persons("Mr. HO Kit reviewed the Loan Agreement.", names) == []
    assert signing_persons("The Deed was signed by the Company.", names) == []


def test_parties_defined_in_a_sentence_with_means() -> None:
    """'In this announcement, "Sunvale Jiangsu" means 昇谷... (Sunvale Solar (Jiangsu) Co.,
    Ltd.), ...; "Yuetai Industrial" means ...': definitions written as one sentence."""
    text = (
        "On 30 July 2021, Sunvale Jiangsu, as lessee, entered into the Lease Agreement with "
        "Yuetai Industrial, as lessor.\n\n"
        'In this announcement, "Sunvale Jiangsu" means 昇谷太陽能(江蘇)有限公司 (Sunvale Solar '
        '(Jiangsu) Co., Ltd.), a company established in the PRC; "Yuetai Industrial" means '
        "常州悅泰產業園開發有限公司 (Changzhou Yuetai Industrial Park Development Co., Ltd.), a "
        'company established in the PRC; and "Lease Agreement" means the lease agreement dated '
        "30 July 2021 between Sunvale Jiangsu and Yuetai Industrial.\n"
    )
    got = {p["name"]: p["full_name"] for p in extract_pages([text])["parties"]}
    assert got == {
        "Sunvale Jiangsu": "Sunvale Solar (Jiangsu) Co., Ltd.",
        "Yuetai Industrial": "Changzhou Yuetai Industrial Park Development Co., Ltd.",
    }


def test_an_inline_definition_reads_its_own_sentence() -> None:
    """The agreement defined in the second sentence is not "dated" by the first one's date,
    and the earlier agreement's term (defined after "... between A and B") is no party."""
    text = (
        "The existing supply agreement dated 26 October 2022 between the Company and Taihang "
        'Group (the "Existing Agreement") will expire on 31 December 2025. On 28 October 2025, '
        'the Company entered into a new supply agreement (the "Supply Agreement") with Taihang '
        'Group Co., Ltd. ("Taihang Group").\n'
    )
    out = extract_pages([text])
    assert [(a["name"], a["date"], a["parties"]) for a in out["agreements"]] == [
        ("Supply Agreement", "2025-10-28", ["Company", "Taihang Group"])
    ]


def test_a_person_party_keeps_the_short_name_the_announcement_defines() -> None:
    """'"Dr. LI"  Dr. LI Wai Man, a non-executive Director': the party is "Dr. LI", as the
    announcement writes it, not the bare surname."""
    text = (
        "On 15 April 2026, SMC entered into the Licence Agreement with Harmony Clinic Limited "
        '("Harmony Clinic") and Dr. LI (as guarantor).\n\n'
        '"Dr. LI"  Dr. LI Wai Man, a non-executive Director\n'
        '"SMC"  Serene Medical Centres Limited, a wholly-owned subsidiary of the Company\n'
    )
    assert [p["name"] for p in extract_pages([text])["parties"]] == [
        "SMC",
        "Harmony Clinic",
        "Dr. LI",
    ]


def test_a_person_defined_in_the_table_is_a_party_and_a_relative() -> None:
    """'"Ms. LEE"  Ms. LEE Mei Ling (李美玲), the spouse of ...': a person with a full name; as
    a director's relative who signs she is connected through herself, and the director
    through her."""
    out = extract_pages(
        [
            "On 15 March 2024, the Company entered into the Tenancy Agreement with Ms. LEE, "
            "pursuant to which Ms. LEE will let a shop to the Company.\n\n"
            "Ms. LEE is the spouse of Mr. TSANG Wing Hong, an executive Director, and is "
            "therefore an associate of Mr. TSANG Wing Hong and a connected person of the "
            "Company.\n\nDEFINITIONS\n\n" + DEFS + '"Ms. LEE"  Ms. LEE Mei Ling (李美玲), the '
            "spouse of Mr. TSANG Wing Hong\n"
            '"Tenancy Agreement"  the tenancy agreement dated 15 March 2024 between the '
            "Company and Ms. LEE\n\nHong Kong, 15 March 2024\n\n" + BOARD
        ]
    )
    lee = next(p for p in out["parties"] if p["name"] == "Ms. LEE")
    assert lee["full_name"] == "LEE Mei Ling"
    people = {(p["name"], p["connected_entity"]) for p in out["connected_persons"]}
    assert ("LEE Mei Ling", "Ms. LEE") in people
    assert ("TSANG Wing Hong", "Ms. LEE") in people


def test_a_company_defined_by_its_name_and_its_role_is_one_party() -> None:
    text = (
        'On 9 July 2024, Pearl Grand Investments Limited (the "Purchaser"), a wholly-owned '
        'subsidiary of the Company, entered into a sale and purchase agreement (the "Sale and '
        'Purchase Agreement") with Evergain Ventures Limited.\n\nDEFINITIONS\n\n'
        '"Evergain" or "Vendor"  Evergain Ventures Limited, a company incorporated in the British '
        "Virgin Islands\n"
        '"Purchaser"  Pearl Grand Investments Limited, a wholly-owned subsidiary of the Company\n'
        '"Sale and Purchase Agreement"  the sale and purchase agreement dated 9 July 2024 between '
        "the Purchaser and the Vendor\n"
    )
    got = [(p["name"], p["full_name"]) for p in extract_pages([text])["parties"]]
    assert got == [
        ("Purchaser", "Pearl Grand Investments Limited"),
        ("Evergain", "Evergain Ventures Limited"),
    ]
    (ag,) = extract_pages([text])["agreements"]
    assert ag["parties"] == ["Purchaser", "Evergain"]
