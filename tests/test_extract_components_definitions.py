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
