"""fw_zh_caps_v1: annual caps from sentences, tables across, lists down; non-caps skipped."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _caps(text: str) -> list[tuple]:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_definitions_v1", "fw_zh_caps_v1"):
        nlp.add_pipe(pipe)
    caps = doc_utils.facts(nlp(text))["annual_caps"]
    return [(c["amount"], c["currency"], c["period_end"], c["category"]) for c in caps]


@pytest.mark.parametrize(
    ("text", "caps"),
    [
        (
            "年度上限：截至2012年12月31日止期間的年度上限為人民幣8百萬元。",
            [(8_000_000, "RMB", "2012-12-31", None)],
        ),
        (
            "截至2025年12月31日止年度的年度上限为人民币12207.2千元。",
            [(12_207_200, "RMB", "2025-12-31", None)],
        ),
        (
            "截至2025年、2026年及2027年12月31日止三個年度的年度上限分別為港幣1.2億元、"
            "港幣1.5億元及8,000,000港元。",
            [
                (120_000_000, "HKD", "2025-12-31", None),
                (150_000_000, "HKD", "2026-12-31", None),
                (8_000_000, "HKD", "2027-12-31", None),
            ],
        ),
        (
            "截至2025年及2026年12月31日止兩個年度各年的年度上限均為1.2億港元。",
            [(120_000_000, "HKD", "2025-12-31", None), (120_000_000, "HKD", "2026-12-31", None)],
        ),
        (
            "應付費用於2024年7月1日至2024年12月31日期間不得超過3.2百萬美元（相當於約25.0百萬港元）。",
            [(3_200_000, "USD", "2024-12-31", None)],
        ),
        ("截至2024年12月31日止年度的現有年度上限為人民幣350百萬元。", []),
        (
            "截至2025年12月31日止年度的年度上限為人民幣8,000,000元（相等於約港幣8,700,000元）。",
            [(8_000_000, "RMB", "2025-12-31", None)],
        ),
        ("截至2024年12月31日止年度，實際交易金額約為人民幣341.6百萬元。", []),
        ("年度上限乃參考歷史銷售額約14,900,000港元釐定。", []),
    ],
)
def test_sentences(text: str, caps: list[tuple]) -> None:
    assert _caps(text) == caps


TABLE = """建議年度上限

（人民幣千元）
  截至2025年12月31日止年度  截至2026年12月31日止年度
採購  520,000  575,000
銷售 1,150,000 1,265,000
"""


def test_a_table_with_periods_across_and_a_unit_above() -> None:
    assert _caps(TABLE) == [
        (520_000_000, "RMB", "2025-12-31", "採購"),
        (575_000_000, "RMB", "2026-12-31", "採購"),
        (1_150_000_000, "RMB", "2025-12-31", "銷售"),
        (1_265_000_000, "RMB", "2026-12-31", "銷售"),
    ]


def test_a_table_of_years_under_a_spanning_header() -> None:
    text = (
        "年度上限如下：\n\n  截至12月31日止年度\n  2025年  2026年\n  （千港元）\n"
        "服務費  1,200  1,500\n"
    )
    assert _caps(text) == [
        (1_200_000, "HKD", "2025-12-31", "服務費"),
        (1_500_000, "HKD", "2026-12-31", "服務費"),
    ]


def test_historical_rows_and_tables_are_not_caps() -> None:
    text = (
        "歷史交易金額\n\n  截至2023年12月31日止年度  截至2024年12月31日止年度\n"
        "已付服務費  港幣10.2百萬元  港幣14.6百萬元\n"
    )
    assert _caps(text) == []


def test_a_list_of_periods_under_a_cap_line() -> None:
    text = (
        "管理費不得超過以下上限：\n\n截至2025年3月31日止財政年度  港幣5百萬元\n"
        "截至2026年3月31日止財政年度  港幣5.5百萬元\n"
    )
    assert _caps(text) == [
        (5_000_000, "HKD", "2025-03-31", None),
        (5_500_000, "HKD", "2026-03-31", None),
    ]


def test_a_revision_table_takes_the_revised_column() -> None:
    text = (
        "修訂年度上限如下：\n\n  现有年度上限  经修订年度上限\n"
        "截至2025年12月31日止年度  人民币380百万元  人民币620百万元\n"
    )
    assert _caps(text) == [(620_000_000, "RMB", "2025-12-31", None)]


def test_a_bullet_list_after_不得超過() -> None:
    text = (
        "租金不得超過：\n\n- 自2024年8月5日起至2024年12月31日止期間港幣1.5百萬元；\n"
        "- 截至2025年12月31日止年度港幣4.2百萬元。\n"
    )
    assert [c[:3] for c in _caps(text)] == [
        (1_500_000, "HKD", "2024-12-31"),
        (4_200_000, "HKD", "2025-12-31"),
    ]


def test_a_spanning_header_in_chinese_numerals() -> None:
    text = (
        "年度上限如下：\n\n  截至十二月三十一日止年度\n  2025年  2026年\n  （人民幣千元）\n"
        "租金  800  900\n"
    )
    assert _caps(text) == [
        (800_000, "RMB", "2025-12-31", "租金"),
        (900_000, "RMB", "2026-12-31", "租金"),
    ]


def test_years_in_chinese_numerals_and_a_unit_under_each_column() -> None:
    text = (
        "董事建議截至二零二八年十二月三十一日止三個年度之年度上限如下：\n\n"
        "  截至十二月三十一日止年度\n  二零二六年  二零二七年  二零二八年\n"
        "  人民幣千元  人民幣千元  人民幣千元\n服務費用總額  46,500  52,800  58,200\n"
    )
    assert _caps(text) == [
        (46_500_000, "RMB", "2026-12-31", "服務費用總額"),
        (52_800_000, "RMB", "2027-12-31", "服務費用總額"),
        (58_200_000, "RMB", "2028-12-31", "服務費用總額"),
    ]


def test_what_a_cap_was_based_on_is_not_a_cap() -> None:
    text = (
        "經修訂年度上限乃參考（i）歷史交易金額；（ii）本集團截至二零二六年三月三十一日止"
        "三個月已確認之採購訂單約港幣61,000,000元；及（iii）預測訂單而釐定。\n"
    )
    assert _caps(text) == []


def test_a_unit_glued_to_each_year_cell_as_pdf_reading_joins_them() -> None:
    text = (
        "董事建議之年度上限如下：\n\n截至十二月三十一日止年度\n"
        "二零二六年人民幣千元  二零二七年人民幣千元\n服務費用總額  46,500  52,800\n"
    )
    assert _caps(text) == [
        (46_500_000, "RMB", "2026-12-31", "服務費用總額"),
        (52_800_000, "RMB", "2027-12-31", "服務費用總額"),
    ]
