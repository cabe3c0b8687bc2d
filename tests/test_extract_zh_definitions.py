"""fw_zh_definitions_v1: parties (the signing organisations) and agreements from 釋義 and inline."""

from __future__ import annotations

import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils


def _facts(text: str) -> dict:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    nlp.add_pipe("fw_zh_definitions_v1")
    return doc_utils.facts(nlp(text))


DEFS = """於2024年8月5日，本公司與曾氏海事訂立設備租賃框架協議。

日期：2024年8月5日
訂約方：(i)本公司；及(ii)曾氏海事
期限：自2024年8月5日起至2026年12月31日止

釋義

「本公司」  指  峰鶴工程集團有限公司，一家於開曼群島註冊成立的有限公司
「本集團」  指  本公司及其附屬公司
「曾氏海事」  指  曾氏海事工程有限公司，一家於香港註冊成立的有限公司
「曾氏家族」  指  曾氏家族控股有限公司，一家由曾永康先生全資擁有的公司
「設備租賃框架協議」  指  本公司與曾氏海事於2024年8月5日訂立的設備租賃框架協議
「聯交所」  指  香港聯合交易所有限公司
「現有協議」  指  本公司與曾氏海事於2021年3月1日訂立的協議
"""


def test_signing_parties_only_with_the_issuer_as_本公司() -> None:
    f = _facts(DEFS)
    assert [(p["name"], p["full_name"]) for p in f["parties"]] == [
        ("本公司", "峰鶴工程集團有限公司"),
        ("曾氏海事", "曾氏海事工程有限公司"),
    ]


def test_agreements_with_date_and_term_but_not_existing_ones() -> None:
    f = _facts(DEFS)
    assert [
        (a["name"], a["date"], a["term_start"], a["term_end"], a["parties"])
        for a in f["agreements"]
    ] == [("設備租賃框架協議", "2024-08-05", "2024-08-05", "2026-12-31", ["本公司", "曾氏海事"])]


def test_inline_definitions_and_simplified_text() -> None:
    text = (
        "于2012年5月24日，本公司的全资附属公司成都金山数字娱乐科技有限公司（「成都数字娱乐」）"
        "与北京小米科技有限责任公司（“北京小米”）订立协议（「协议」），期限自2012年1月1日起至"
        "2012年12月31日止。"
    )
    f = _facts(text)
    assert [(p["name"], p["full_name"]) for p in f["parties"]] == [
        ("成都数字娱乐", "成都金山数字娱乐科技有限公司"),
        ("北京小米", "北京小米科技有限责任公司"),
    ]
    assert f["agreements"][0]["name"] == "协议"
    assert f["agreements"][0]["term_end"] == "2012-12-31"


def test_a_collective_term_lists_its_member_agreements() -> None:
    text = (
        "(A) 零部件採購框架協議\n日期：2024年12月20日\n訂約方：本公司；天和控股\n"
        "期限：2025年1月1日至2027年12月31日\n\n(B) 產品銷售框架協議\n日期：2024年12月20日\n"
        "訂約方：本公司；天和控股\n期限：2025年1月1日至2027年12月31日\n\n"
        "「天和控股」  指  天和汽車控股集團有限公司，一家於中國成立的公司\n"
        "「經重續協議」  指  零部件採購框架協議及產品銷售框架協議\n"
    )
    f = _facts(text)
    assert [a["name"] for a in f["agreements"]] == ["零部件採購框架協議", "產品銷售框架協議"]
    assert f["agreements"][1]["term_start"] == "2025-01-01"


def test_without_definitions_parties_and_agreement_come_from_the_text() -> None:
    text = (
        "（股份代號：09671）\n\n持續關連交易\n總採購協議\n\n"
        "董事會宣佈，於2025年3月3日，本公司全資附屬公司深圳盛泰信息技術有限公司與蘇州明珠貿易"
        "有限公司訂立總採購協議，期限由2025年4月1日起至2025年12月31日止。\n\n"
        "日期：  2025年3月3日\n訂約方：  （1）深圳盛泰信息技術有限公司；及\n"
        "  （2）蘇州明珠貿易有限公司\n"
    )
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_header_v1", "fw_zh_definitions_v1"):
        nlp.add_pipe(pipe)
    f = doc_utils.facts(nlp(text))
    assert [p["name"] for p in f["parties"]] == ["深圳盛泰信息技術有限公司", "蘇州明珠貿易有限公司"]
    assert [(a["name"], a["date"], a["term_end"]) for a in f["agreements"]] == [
        ("總採購協議", "2025-03-03", "2025-12-31")
    ]


def test_signatories_come_from_the_summary_sentences() -> None:
    """Defined role terms (買方, 賣方) before 訂立 in the sentences introducing the agreement;
    本公司 as the announcer or the owner of a subsidiary is not a signatory."""
    text = (
        "於2025年8月22日，賣方（獨立第三方）與買方（本公司之間接全資附屬公司）訂立了股權轉讓協議。\n\n"
        "本公司欣然宣佈，於2025年8月22日，本公司的間接全資附屬公司愛高立科有限公司（「買方」）、"
        "中城幸福（貴陽）產業管理有限責任公司（「賣方」）及深圳愛高創科控股有限公司（「合資公司」）"
        "訂立股權轉讓協議（「協議」）。據此，買方同意收購合資公司11%股權。\n"
    )
    f = _facts(text)
    [agreement] = f["agreements"]
    assert (agreement["name"], agreement["date"]) == ("協議", "2025-08-22")
    assert set(agreement["parties"]) == {"買方", "賣方", "合資公司"}


def test_the_issuer_signing_itself_is_a_party_and_an_owner_is_not() -> None:
    text = (
        "華晟醫藥股份有限公司\n（股份代號：06199）\n\n持續關連交易\n\n"
        "(b) 本公司與華晟集團的全資附屬公司杭州華晟醫院管理有限公司（「醫院管理公司」）"
        "訂立產品銷售框架協議（「產品銷售協議」），據此，本集團將向醫院管理公司銷售產品。\n"
    )
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_header_v1", "fw_zh_definitions_v1"):
        nlp.add_pipe(pipe)
    f = doc_utils.facts(nlp(text))
    [agreement] = f["agreements"]
    assert agreement["parties"] == ["本公司", "醫院管理公司"]
    issuer = next(p for p in f["parties"] if p["name"] == "本公司")
    assert issuer["full_name"] == "華晟醫藥股份有限公司"


def test_a_directors_service_contract_is_not_an_agreement() -> None:
    text = "鄭先生已就其獲委任為本公司執行董事與本公司訂立服務合約，為期三年。\n"
    assert _facts(text)["agreements"] == []


def test_natural_persons_defined_inline_are_parties_where_they_sign() -> None:
    text = (
        "天匯數碼控股有限公司\n（股份代號：02655）\n\n股份交易\n\n"
        "董事會欣然宣佈，於二零二一年八月十日，本公司（作為買方）與蔡偉文先生（「賣方甲」）及"
        "孟慧珍女士（「賣方乙」，與賣方甲統稱「賣方」）訂立收購協議（「收購協議」）。\n\n"
        "許遼先生（「許先生」）已獲委任為非執行董事。\n"
    )
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for pipe in ("fw_zh_norm_v1", "fw_zh_header_v1", "fw_zh_definitions_v1"):
        nlp.add_pipe(pipe)
    f = doc_utils.facts(nlp(text))
    parties = {p["name"]: p["full_name"] for p in f["parties"]}
    assert parties == {"本公司": "天匯數碼控股有限公司", "賣方甲": "蔡偉文", "賣方乙": "孟慧珍"}
