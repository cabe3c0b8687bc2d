"""fw_agreements_v1 on hand-written definitions: an obligation defined as performed under
another agreement is not an agreement, and an agreement made between two outsiders beside the
one the Group signs is background."""

from __future__ import annotations

from extract import extract_pages

DEFS = (
    "On 5 May 2025, the Company entered into the Indemnity Deed with Harbour Bank Limited.\n\n"
    "DEFINITIONS\n\n"
    '"Company"  Lotus Bay Holdings Limited\n'
    '"Harbour Bank"  Harbour Bank Limited, a licensed bank in Hong Kong\n'
    '"Pine Ridge"  Pine Ridge Development Limited, a company owned as to 35% by the Company\n'
    '"Indemnity Deed"  the indemnity deed dated 5 May 2025 between the Company and Harbour Bank\n'
    '"Indemnity"  the indemnity to be given by the Company under the Indemnity Deed\n'
    '"Term Loan Agreement"  the term loan agreement dated 5 May 2025 between Pine Ridge and '
    "Harbour Bank\n"
)


def test_an_obligation_under_an_agreement_and_an_outsiders_agreement_are_not_agreements() -> None:
    names = [a["name"] for a in extract_pages([DEFS])["agreements"]]
    assert names == ["Indemnity Deed"]


def test_an_agreement_signed_by_a_subsidiary_is_kept() -> None:
    text = DEFS + (
        '"Pine Ridge Services"  Pine Ridge Services Limited, a wholly-owned subsidiary of the '
        "Company\n"
        '"Services Agreement"  the services agreement dated 5 May 2025 between Pine Ridge '
        "Services and Harbour Bank\n"
    )
    names = {a["name"] for a in extract_pages([text])["agreements"]}
    assert names == {"Indemnity Deed", "Services Agreement"}


def test_agreements_listed_under_an_entered_into_lead_line() -> None:
    """ "On [date], A ("Crescent Credit" or the "Lender") ... entered into:" then one item per
    line, each "with" its counterparties; a share charge is an agreement too."""
    text = (
        "SECURED LOAN\n\n"
        'The Board announces that on 30 September 2025, Crescent Credit Limited ("Crescent '
        'Credit" or the "Lender"), a wholly-owned subsidiary of the Company, entered into:\n\n'
        '(i) a loan agreement (the "Loan Agreement") with Tai Hing Property Development '
        'Limited ("Tai Hing"), pursuant to which Crescent Credit agreed to lend;\n\n'
        '(ii) a deed of guarantee (the "Deed of Guarantee") with Mr. MA Kwok Keung ("Mr. MA"), '
        "pursuant to which Mr. MA guaranteed the obligations of Tai Hing; and\n\n"
        '(iii) a share charge (the "Share Charge") with Mr. MA, pursuant to which Mr. MA '
        "charged the shares of Tai Hing in favour of Crescent Credit.\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got == {
        "Loan Agreement": ["Crescent Credit", "Tai Hing"],
        "Deed of Guarantee": ["Crescent Credit", "Mr. MA"],
        "Share Charge": ["Crescent Credit", "Mr. MA"],
    }


def test_agreements_defined_together_are_not_an_agreement_and_a_limitada_is_a_party() -> None:
    text = (
        "The Board announces that on 12 December 2024, the following agreements (together, the "
        '"Agreements") were entered into:\n\n'
        '(a) a hotel management agreement (the "Hotel Management Agreement") between Lotus Bay '
        'Hotel Management Limited ("LBHM"), a subsidiary of the Company, and Sociedade de '
        'Hotelaria Cotai Jade Limitada ("Cotai Jade"), in respect of the hotel; and\n\n'
        '(b) a brand licence agreement (the "Brand Licence Agreement") between Lotus Bay Brand '
        'Holdings Limited ("LB Brand"), a subsidiary of the Company, and Cotai Jade, for the '
        "use of the trade marks.\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got == {
        "Hotel Management Agreement": ["LBHM", "Cotai Jade"],
        "Brand Licence Agreement": ["LB Brand", "Cotai Jade"],
    }


def test_an_agreement_defined_in_a_bracket_that_goes_on_after_its_name() -> None:
    """'(the "Repair Services Agreement", together with [two more], the "Agreements")': a
    long tail after the name does not hide the agreement."""
    text = (
        "On 2 June 2025, the Company entered into the following agreements with Kestrel "
        'Engineering Limited ("Kestrel"):\n\n'
        '(a)  the parts supply agreement (the "Parts Supply Agreement");\n\n'
        '(b)  the tooling lease agreement (the "Tooling Lease Agreement"); and\n\n'
        '(c)  the repair services agreement (the "Repair Services Agreement", together with '
        'the Parts Supply Agreement and the Tooling Lease Agreement, the "Renewed '
        'Agreements"), under which Kestrel will repair the machines of the Group.\n'
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert names == [
        "Parts Supply Agreement",
        "Tooling Lease Agreement",
        "Repair Services Agreement",
    ]


def test_agreements_named_by_numbered_headings_set_apart_from_their_number() -> None:
    text = (
        "On 2 June 2025, the Company entered into the following agreements with Kestrel "
        'Engineering Limited ("Kestrel").\n\n'
        "I.    PARTS SUPPLY AGREEMENT\n\n"
        "Parties:    the Company and Kestrel\n\n"
        "II.   REPAIR SERVICES AGREEMENT\n\n"
        "Parties:    the Company and Kestrel\n\n"
        "The Parts Supply Agreement and the Repair Services Agreement run for three years.\n"
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert names == ["Parts Supply Agreement", "Repair Services Agreement"]


def test_guarantees_given_under_the_agreement_defined_just_before_are_not_an_agreement() -> None:
    text = (
        'On 2 June 2025, the Company and Mr. LAM Chi Wing ("Mr. LAM") entered into a fee '
        'agreement (the "Fee Agreement"), pursuant to which Mr. LAM agreed to keep providing '
        'personal guarantees (the "Guarantees") for the bank loans of the Group.\n'
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert names == ["Fee Agreement"]


def test_parties_listed_one_per_line_under_entered_into_among() -> None:
    """ "... (the "Sale Agreement") was entered into among:" then one party per numbered line,
    each with its appositive and role; a charter party is an agreement too."""
    out = extract_pages(
        [
            'On 5 May 2025, a sale agreement (the "Sale Agreement") was entered into among:\n\n'
            '(1)  Lotus Bay Properties Limited ("Lotus Properties"), a wholly-owned subsidiary '
            "of the Company, as vendor;\n"
            '(2)  Harbour Bank Limited ("Harbour Bank"), as purchaser; and\n'
            "(3)  the Company, as guarantor,\n\n"
            "pursuant to which Lotus Properties agreed to sell a warehouse to Harbour Bank.\n\n"
            "On the same day, Lotus Properties entered into a time charter party (the "
            '"Charter Party") with Harbour Bank for a vessel.\n'
        ]
    )
    ags = {a["name"]: a["parties"] for a in out["agreements"]}
    assert ags["Sale Agreement"] == ["Lotus Properties", "Harbour Bank", "Company"]
    assert "Charter Party" in ags


def test_items_under_a_lead_line_that_names_the_counterparty_before_its_colon() -> None:
    """ "A, as landlord, entered into the following tenancy agreements with B, as tenant:" then
    one agreement an item: each item is between A and B."""
    text = (
        'The Board announces that on 26 September 2025, Kam Lee Realty Limited ("KL Realty"), '
        "a wholly-owned subsidiary of the Company, as landlord, entered into the following "
        'tenancy agreements with Silver Brook Trading Limited ("Silver Brook"), as tenant:\n\n'
        '(1) a tenancy agreement in respect of Unit 1801, Kam Lee Centre (the "Office Tenancy '
        'Agreement"); and\n\n'
        '(2) a tenancy agreement in respect of Godown No. 6, Kam Lee Building (the "Warehouse '
        'Tenancy Agreement").\n'
    )
    parties = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert parties == {
        "Office Tenancy Agreement": ["KL Realty", "Silver Brook"],
        "Warehouse Tenancy Agreement": ["KL Realty", "Silver Brook"],
    }


def test_a_confirmation_is_an_agreement_with_its_parties_from_role_rows() -> None:
    text = (
        'The Board announces that on 16 January 2026, Harbour Mount Treasury Limited ("HM '
        'Treasury"), a wholly-owned subsidiary of the Company, subscribed for notes issued by '
        'Eastern Crown Bank Limited ("Eastern Crown Bank") pursuant to a subscription '
        'confirmation dated 16 January 2026 (the "Subscription Confirmation").\n\n'
        "Issuer:                 Eastern Crown Bank\n"
        "Subscriber:             HM Treasury\n"
    )
    parties = {a["name"]: set(a["parties"]) for a in extract_pages([text])["agreements"]}
    assert parties == {"Subscription Confirmation": {"HM Treasury", "Eastern Crown Bank"}}


def test_agreements_known_only_by_their_collective_term() -> None:
    """ "each entered into a tenancy agreement (together, the "Tenancy Agreements")": with no
    member named by a term of its own, the collective term names them."""
    text = (
        "On 22 May 2026, three wholly-owned subsidiaries of the Company, namely Tai Wai Plaza "
        'Limited, Ma On Shan Centre Limited and Fo Tan Square Limited (together, the "Landlords"),'
        ' each entered into a tenancy agreement (together, the "Tenancy Agreements") with Fortune'
        ' Way Supermarkets Limited ("Fortune Way") for a term of three years from 1 June 2026 to '
        "31 May 2029.\n"
    )
    assert [a["name"] for a in extract_pages([text])["agreements"]] == ["Tenancy Agreements"]


def test_a_collective_term_beside_an_agreement_with_a_name_of_its_own() -> None:
    """ "(i) ... entered into three tenancy agreements (together, the "Tenancy Agreements") ...;
    and (ii) ... a supply agreement (the "Supply Agreement")": the tenancy agreements have no
    names of their own, so the collective term is one of the two agreements announced."""
    text = (
        'On 18 August 2025, (i) Lotus Mart Limited ("Lotus Mart") entered into three tenancy '
        'agreements (together, the "Tenancy Agreements") with Hilltop Estates Limited ("Hilltop")'
        '; and (ii) the Company entered into a fresh produce supply agreement (the "Supply '
        'Agreement") with Green Field Trading Limited ("Green Field").\n'
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert sorted(names) == ["Supply Agreement", "Tenancy Agreements"]


def test_a_collective_term_over_a_list_of_named_agreements_is_none_of_them() -> None:
    text = (
        'On 12 December 2025, the following agreements (collectively, the "Renewed '
        'Agreements") were signed:\n\n'
        '(a) the supply agreement (the "Supply Agreement") between the Company and Acme Limited'
        ' ("Acme");\n(b) the services agreement (the "Services Agreement") between the Company '
        "and Acme.\n"
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert sorted(names) == ["Services Agreement", "Supply Agreement"]


def test_the_targets_subsidiarys_agreement_is_kept_and_a_profit_guarantee_is_no_agreement() -> None:
    """An acquisition with a hotel management agreement the target's subsidiary will sign with
    the vendor's subsidiary (a Group member once the deal completes), and a profit guarantee
    that is a term of the sale agreement."""
    text = (
        "On 5 August 2021, the Purchaser entered into the Sale and Purchase Agreement with Ocean "
        "Spring. Ocean Spring has guaranteed to the Purchaser that the audited net profit of the "
        'Target for 2022 shall not be less than HK$28,000,000 (the "Profit Guarantee").\n\n'
        "DEFINITIONS\n\n"
        '"Hotel Management Agreement"  the hotel management agreement to be entered into between '
        "Starlight Hotel and OS Hotel Management on the Completion Date\n"
        '"Ocean Spring"  Ocean Spring Holdings Limited, a company incorporated in Hong Kong\n'
        '"OS Hotel Management"  Ocean Spring Hotel Management Limited, a wholly-owned subsidiary '
        "of Ocean Spring\n"
        '"Purchaser"  Regent Harbour Hotel Investments Limited, a wholly-owned subsidiary of the '
        "Company\n"
        '"Sale and Purchase Agreement"  the sale and purchase agreement dated 5 August 2021 '
        "entered into between the Purchaser and Ocean Spring\n"
        '"Starlight Hotel"  Starlight Hotel Company Limited, a wholly-owned subsidiary of the '
        "Target\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got == {
        "Sale and Purchase Agreement": ["Purchaser", "Ocean Spring"],
        "Hotel Management Agreement": ["Starlight Hotel", "OS Hotel Management"],
    }


def test_two_subsidiaries_each_sign_their_own_contract_under_a_parties_heading() -> None:
    """ "A and B, each an indirect wholly-owned subsidiary of the Company, entered into X and Y
    respectively with C", then a "Parties" heading over one line per contract."""
    text = (
        'On 22 January 2026, Jade Ocean Shipping No.1 Limited ("JO No.1") and Jade Ocean '
        'Shipping No.2 Limited ("JO No.2"), each an indirect wholly-owned subsidiary of the '
        "Company, entered into Shipbuilding Contract A and Shipbuilding Contract B respectively "
        'with Zhoushan Haixing Shipbuilding Co., Ltd. ("Haixing Shipyard").\n\n'
        "THE SHIPBUILDING CONTRACTS\n\n"
        "Parties\n"
        "Shipbuilding Contract A: JO No.1, as buyer, and Haixing Shipyard, as builder\n"
        "Shipbuilding Contract B: JO No.2, as buyer, and Haixing Shipyard, as builder\n\n"
        "Contract price\n"
        "The contract price of each vessel is US$78,500,000.\n\n"
        "DEFINITIONS\n\n"
        '"Shipbuilding Contract A"  the shipbuilding contract dated 22 January 2026 for hull '
        "number HX2601\n"
        '"Shipbuilding Contract B"  the shipbuilding contract dated 22 January 2026 for hull '
        "number HX2602\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got == {
        "Shipbuilding Contract A": ["JO No.1", "Haixing Shipyard"],
        "Shipbuilding Contract B": ["JO No.2", "Haixing Shipyard"],
    }
    parties = [p["name"] for p in extract_pages([text])["parties"]]
    assert "Company" not in parties


def test_a_company_whose_name_ends_in_guarantee_is_no_agreement() -> None:
    text = (
        "On 30 September 2022, HT Leasing entered into the Guarantee Agreement with Hengtong "
        "Guarantee.\n\nDEFINITIONS\n\n"
        '"Guarantee Agreement"  the guarantee agreement dated 30 September 2022 between HT '
        "Leasing and Hengtong Guarantee\n"
        '"Hengtong Guarantee"  Guangxi Hengtong Financing Guarantee Co., Ltd., a company '
        "established in the PRC\n"
        '"HT Leasing"  HT Tianjin Leasing Co., Ltd., a subsidiary of the Company\n'
    )
    got = [a["name"] for a in extract_pages([text])["agreements"]]
    assert got == ["Guarantee Agreement"]


def test_date_parties_and_term_run_on_in_one_line() -> None:
    text = (
        'On 26 August 2021, Harvest Table (HK) Limited ("HT Catering") entered into the Catering '
        'Services Agreement (the "Catering Services Agreement") with St. Clement Medical Group '
        'Limited ("St. Clement").\n\n'
        "CATERING SERVICES AGREEMENT\n\n"
        "Date: 26 August 2021. Parties: HT Catering (as service provider) and St. Clement (as "
        "customer). Term: from 1 September 2021 to 30 June 2024.\n"
    )
    (ag,) = extract_pages([text])["agreements"]
    assert (ag["parties"], ag["term_start"], ag["term_end"]) == (
        ["HT Catering", "St. Clement"],
        "2021-09-01",
        "2024-06-30",
    )


def test_a_sentence_about_both_agreements_by_their_collective_name_gives_their_parties() -> None:
    text = (
        'On 5 November 2018, Crestwood Schools (Hong Kong) Limited ("Crestwood Schools") renewed '
        'its arrangements with Evergreen Campus Services Limited ("Evergreen Services") for '
        'school bus services (the "School Bus Services Agreement") and catering services (the '
        '"Catering Services Agreement", together with the School Bus Services Agreement, the '
        '"Renewed Agreements").\n\n'
        "Both Renewed Agreements are made between Crestwood Schools, as service recipient, and "
        "Evergreen Services, as service provider, and are dated 5 November 2018.\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got == {
        "School Bus Services Agreement": ["Crestwood Schools", "Evergreen Services"],
        "Catering Services Agreement": ["Crestwood Schools", "Evergreen Services"],
    }


def test_a_numbered_parties_heading_over_one_item_a_party() -> None:
    text = (
        "1.  THE SALE AND PURCHASE AGREEMENT\n\n"
        "1.1 Date\n20 November 2025\n\n"
        "1.2 Parties\n"
        '(a) Jade Pavilion Ventures Limited ("Jade Ventures"), a wholly-owned subsidiary of the '
        "Company, as purchaser;\n"
        '(b) Mr. KO Siu Lun ("Mr. Ko"), as a vendor;\n'
        '(c) Brightpoint Capital Partners L.P. ("Brightpoint"), as a vendor (together with Mr. '
        'Ko, the "Vendors"); and\n'
        "(d) the Company, as guarantor of the obligations of Jade Ventures.\n\n"
        '"Sale and Purchase Agreement"  the sale and purchase agreement dated 20 November 2025\n'
    )
    (ag,) = extract_pages([text])["agreements"]
    assert ag["parties"] == ["Jade Ventures", "Mr. Ko", "Brightpoint", "Company"]


def test_subsidiaries_listed_after_namely_are_the_parties_not_their_parent() -> None:
    text = (
        "On 22 May 2026, three wholly-owned subsidiaries of Shatin Grand Properties Limited (the "
        '"Company"), namely Tai Wai Plaza Limited, Ma On Shan Centre Limited and Fo Tan Square '
        'Limited (together, the "Landlords"), each entered into a tenancy agreement (together, '
        'the "Tenancy Agreements") with Fortune Way Supermarkets Limited ("Fortune Way").\n'
    )
    (ag,) = extract_pages([text])["agreements"]
    assert ag["parties"] == [
        "Tai Wai Plaza Limited",
        "Ma On Shan Centre Limited",
        "Fo Tan Square Limited",
        "Fortune Way",
    ]


def test_a_heading_that_names_two_known_agreements_is_no_third() -> None:
    text = (
        "THE MUTUAL SUPPLY AGREEMENT AND THE ENGINEERING SERVICES AGREEMENT\n\n"
        "Reference is made to the Mutual Supply Agreement and the Engineering Services "
        "Agreement.\n\n"
        '"Engineering Services Agreement"  the engineering services agreement dated 28 October '
        "2022 between the Company and HCG\n"
        '"Mutual Supply Agreement"  the mutual supply agreement dated 28 October 2022 between '
        "the Company and HCG\n"
    )
    got = sorted(a["name"] for a in extract_pages([text])["agreements"])
    assert got == ["Engineering Services Agreement", "Mutual Supply Agreement"]


def test_separate_agreements_with_each_of_the_people_listed_under_the_sentence() -> None:
    text = (
        'The Board announces that on 22 December 2023, Lion Rock Securities Limited ("Lion Rock '
        'Securities"), a wholly-owned subsidiary of the Company, entered into separate margin '
        'financing agreements (together, the "Margin Financing Agreements") with each of:\n\n'
        '(a) Mr. TONG Kwok Keung ("Mr. TONG");\n(b) Ms. WAN Pui Shan ("Ms. WAN"); and\n'
        '(c) Mr. LAI Ming Fai ("Mr. LAI"),\n\n'
        "for a term of three years from 1 January 2024 to 31 December 2026.\n"
    )
    (ag,) = extract_pages([text])["agreements"]
    assert ag["parties"] == ["Lion Rock Securities", "Mr. TONG", "Ms. WAN", "Mr. LAI"]


def test_a_full_title_in_a_heading_and_kinds_of_transactions_are_not_more_agreements() -> None:
    """The heading prints the agreement's full title, which the text defines by a short
    term; "Revenue Transactions" defined after "the Bureau Group Companies" is no party."""
    text = (
        "2021-2023 COMPREHENSIVE SERVICES FRAMEWORK AGREEMENT\n\n"
        "On 13 November 2020, the Company entered into the 2021-2023 Comprehensive Services "
        'Framework Agreement (the "Comprehensive Services Agreement") with China Railway '
        'Nanchang Bureau Group Co., Ltd. (the "Nanchang Bureau Group").\n\n'
        'Services to be provided by the Group to the Bureau Group Companies ("Revenue '
        'Transactions"):\n(a) passenger transport services.\n'
    )
    out = extract_pages([text])
    assert [a["name"] for a in out["agreements"]] == ["Comprehensive Services Agreement"]
    assert "Revenue Transactions" not in [p["name"] for p in out["parties"]]


def test_the_guarantor_of_a_guarantee_the_text_names_no_parties_for() -> None:
    text = (
        'On 16 August 2022, the Company entered into a finance lease agreement (the "Finance '
        'Lease Agreement") with Jiangsu Tianheng Water Investment Co., Ltd. ("Tianheng Water").'
        ' On the same date, Tianheng Holdings Group Co., Ltd. ("Tianheng Holdings") executed a '
        'guarantee (the "Guarantee") in favour of the Company to secure the obligations of '
        "Tianheng Water.\n"
    )
    got = {a["name"]: a["parties"] for a in extract_pages([text])["agreements"]}
    assert got["Guarantee"] == ["Tianheng Holdings", "Company"]


def test_an_older_agreement_with_a_section_of_its_own_is_announced_too() -> None:
    """The target's concession agreement, signed a year before, becomes a continuing connected
    transaction on completion: its own heading says the announcement is about it."""
    text = (
        "DISCLOSEABLE TRANSACTION\n\n"
        "On 9 September 2022, the Company entered into a sale and purchase agreement (the "
        '"Sale and Purchase Agreement") with Harbour Vendor Limited ("Harbour Vendor").\n\n'
        "The Concessionaire Agreement\n\n"
        'On 1 March 2021, Sunrise Retail Limited ("Sunrise Retail") entered into a '
        'concessionaire agreement (the "Concessionaire Agreement") with OP Beauty Limited '
        '("OP Beauty").\n\nHong Kong, 9 September 2022\n'
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert sorted(names) == ["Concessionaire Agreement", "Sale and Purchase Agreement"]


def test_a_tenancy_named_by_its_own_heading() -> None:
    text = (
        "On 21 June 2023, members of the Group entered into the Mong Kok Tenancy and the Kiosk "
        "Licence with Sunrise Catering Limited.\n\n"
        "I. THE MONG KOK TENANCY\n\n"
        "Date: 21 June 2023\n"
        'Landlord: Kowloon Terrace Mall Limited ("KT Mall")\n'
        'Tenant: Sunrise Catering Limited ("Sunrise")\n\n'
        "II. THE KIOSK LICENCE\n\n"
        "Date: 21 June 2023\n"
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert "Mong Kok Tenancy" in names


def test_two_agreements_in_one_heading_and_a_principal_terms_heading() -> None:
    text = (
        "Reference is made to the announcement of the Company dated 20 March 2023 in relation to "
        "the Hotel Lease Agreement.\n\n"
        "THE HOTEL LEASE AGREEMENT AND THE SUPPLEMENTAL LEASE AGREEMENT\n\n"
        "Principal terms of the Supplemental Lease Agreement\n\n"
        "Date: 15 August 2024\n"
    )
    names = sorted(a["name"] for a in extract_pages([text])["agreements"])
    assert names == ["Hotel Lease Agreement", "Supplemental Lease Agreement"]
