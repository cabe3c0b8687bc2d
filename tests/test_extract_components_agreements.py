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
