"""fw_definitions_v1: the full name an inline definition gives its term."""

from __future__ import annotations

from extract import extract_pages

LIST = (
    "The Board announces that the Group entered into two agreements, namely:\n\n"
    '(a) the supply agreement (the "Supply Agreement") between Zhiyuan (Hangzhou) Automobile '
    'Co., Ltd. ("Zhiyuan Hangzhou") and Xinyuan Group; and\n\n'
    '(b) the logistics services agreement (the "Logistics Services Agreement") between '
    'Zhiyuan Hangzhou and Hangzhou Xinyuan Logistics Co., Ltd. ("Xinyuan Logistics").\n'
)


def parties() -> tuple[dict, dict]:
    out = extract_pages([LIST])
    return {a["name"]: a["parties"] for a in out["agreements"]}, {
        p["name"]: p["full_name"] for p in out["parties"]
    }


def test_a_name_after_between_a_defined_term_and_is_the_last_name_only() -> None:
    agreements, full = parties()
    assert full["Xinyuan Logistics"] == "Hangzhou Xinyuan Logistics Co., Ltd."
    assert agreements["Logistics Services Agreement"] == ["Zhiyuan Hangzhou", "Xinyuan Logistics"]


ALIASED = (
    "The Board announces that on 3 March 2026, the Company entered into the services "
    'agreement (the "Services Agreement") with the Controlling Shareholder.\n\n'
    'Grand Pearl Investment Group Limited ("GPIG" or the "Controlling Shareholder") holds '
    "approximately 60% of the issued shares of the Company.\n"
)


def test_a_second_term_after_or_names_the_same_party_by_its_first_term() -> None:
    out = extract_pages([ALIASED])
    assert [a["parties"] for a in out["agreements"]] == [["Company", "GPIG"]]
    full = {p["name"]: p["full_name"] for p in out["parties"]}
    assert full["GPIG"] == "Grand Pearl Investment Group Limited"
    assert "Controlling Shareholder" not in full


def test_a_term_together_with_another_is_a_group_not_another_name() -> None:
    text = (
        'On 3 March 2026, Crest Nav One entered into a memorandum of agreement ("MOA I") with '
        'Nordhavn Bulk Carriers AS ("Nordhavn"); and Crest Nav Two entered into a memorandum '
        'of agreement ("MOA II", together with MOA I, the "MOAs") with Nordhavn.\n'
    )
    names = [a["name"] for a in extract_pages([text])["agreements"]]
    assert "MOAs" not in names and "MOA II" in names


def test_an_institution_named_also_in_chinese_is_an_entity() -> None:
    """No company suffix, but a Chinese name longer than a person's: a college is a party."""
    text = (
        'On 28 August 2023, Sichuan Tianyuan Vocational College (四川天元職業學院) ("Tianyuan '
        'College"), a subsidiary of the Company, entered into a catering services agreement (the '
        '"Catering Services Agreement") with Chengdu Jinsha Catering Management Co., Ltd. ("Jinsha '
        'Catering").\n'
    )
    parties = {p["name"]: p["full_name"] for p in extract_pages([text])["parties"]}
    assert parties["Tianyuan College"] == "Sichuan Tianyuan Vocational College"


def test_an_indonesian_company_named_by_its_pt_prefix_is_an_entity() -> None:
    text = (
        'On 10 May 2021, PT Borneo Hitam Energi (the "Purchaser"), a subsidiary of the Company, '
        'entered into a sale and purchase agreement (the "SPA") with Riverbank Assets Limited '
        '("Riverbank").\n'
    )
    parties = {p["name"]: p["full_name"] for p in extract_pages([text])["parties"]}
    assert parties["Purchaser"] == "PT Borneo Hitam Energi"
