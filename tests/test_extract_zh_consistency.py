"""fw_zh_consistency_v1: past-period caps and background agreements are dropped."""

from __future__ import annotations

from extract.zh import extract_zh

TEXT = """（股份代號：02636）

須予披露及關連交易

於2025年4月25日，天和底盤與天和控股訂立資產轉讓協議。本集團一直根據綜合服務框架協議向天和控股租用目標資產。

年度上限

截至2024年12月31日止年度的年度上限為人民幣5百萬元。
截至2025年12月31日止年度的年度上限為人民幣6百萬元。

「天和控股」  指  天和汽車控股集團有限公司，本公司的控股股東
「天和底盤」  指  寧波天和底盤系統有限公司，本公司的全資附屬公司
「本公司」  指  天和汽車零部件股份有限公司
「資產轉讓協議」  指  天和底盤與天和控股於2025年4月25日訂立的資產轉讓協議
「綜合服務框架協議」  指  本公司與天和控股於2024年12月20日訂立的綜合服務框架協議

香港，2025年4月25日
"""


def test_background_agreements_and_their_only_parties_go() -> None:
    out = extract_zh([TEXT])
    assert [a["name"] for a in out["agreements"]] == ["資產轉讓協議"]
    assert [p["name"] for p in out["parties"]] == ["天和底盤", "天和控股"]


def test_caps_for_periods_already_over_go() -> None:
    out = extract_zh([TEXT])
    assert [(c["amount"], c["period_end"]) for c in out["annual_caps"]] == [
        (6_000_000, "2025-12-31")
    ]
