"""fw_zh_header_v1: company, stock code, announcement date and title from a Chinese page head."""

from __future__ import annotations

import pytest
import spacy

import extract.zh.components  # noqa: F401
from extract.zh import doc_utils

HEAD = """香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責。

{company}
KINGSOFT CORPORATION LIMITED
（於開曼群島持續經營的有限公司）
（股份代號：{code}）

{title}

於2012年5月24日，本公司與北京小米訂立協議。

承董事會命
{company}
主席
雷軍

{place}

於本公告日期，執行董事為張宏江博士。
"""


def _facts(text: str) -> dict:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("fw_zh_norm_v1")
    nlp.add_pipe("fw_zh_header_v1")
    facts = doc_utils.facts(nlp(text))
    return {k: v["value"] for k, v in facts.items() if isinstance(v, dict) and "value" in v}


def test_the_segmenter_is_char_and_needs_no_download() -> None:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    assert [t.text for t in nlp("關連交易")] == ["關", "連", "交", "易"]


@pytest.mark.parametrize(
    ("company", "code", "title", "place", "want"),
    [
        (
            "金山軟件有限公司",
            "03888",
            "持續關連交易",
            "香港，2012年5月24日",
            ("金山軟件有限公司", "03888", "持續關連交易", "2012-05-24"),
        ),
        (
            "金山软件有限公司",
            "3888",
            "持续关连交易",
            "香港，二零一二年五月二十八日",
            ("金山软件有限公司", "03888", "持续关连交易", "2012-05-28"),
        ),
        (
            "天和汽車零部件股份有限公司*",
            "02636",
            "主要及關連交易\n收購目標公司全部股權",
            "中國寧波，2024年12月20日",
            (
                "天和汽車零部件股份有限公司",
                "02636",
                "主要及關連交易 收購目標公司全部股權",
                "2024-12-20",
            ),
        ),
    ],
)
def test_header(company: str, code: str, title: str, place: str, want: tuple) -> None:
    f = _facts(HEAD.format(company=company, code=code, title=title, place=place))
    assert (f["company"], f["stock_code"], f["title"], f["announcement_date"]) == want


def test_without_a_place_line_the_date_under_the_signature_is_used() -> None:
    text = HEAD.format(
        company="金山軟件有限公司", code="03888", title="關連交易", place="2012年6月1日"
    )
    assert _facts(text)["announcement_date"] == "2012-06-01"


def test_a_title_continues_across_a_lone_connector() -> None:
    text = HEAD.format(
        company="東方子午能源控股有限公司",
        code="00862",
        title="非常重大收購事項\n收購目標公司80%股權\n\n及\n\n恢復買賣",
        place="香港，2025年3月3日",
    )
    assert _facts(text)["title"] == "非常重大收購事項 收購目標公司80%股權 及 恢復買賣"


def test_a_monthly_return_form_gives_its_code_and_submission_date() -> None:
    facts = _facts(
        "股份發行人的證券變動月報表\n\n截至月份:  2025年1月31日  狀態: 新提交\n\n"
        "公司名稱:  Alco Holdings Limited\n\n呈交日期:  2025年2月5日\n\n"
        "證券代號 (如上市)  00328  說明\n"
    )
    assert (facts["stock_code"], facts["announcement_date"]) == ("00328", "2025-02-05")


def test_a_forms_name_is_its_title_and_a_labelled_name_its_company() -> None:
    facts = _facts(
        "股份發行人及根據《上市規則》第十九B章上市的香港預託證券發行人的證券變動月報表\n\n"
        "截至月份:  2025年1月31日  狀態: 新提交\n\n公司名稱:  創輝國際控股有限公司\n\n"
        "呈交日期:  2025年2月5日\n\n證券代號 (如上市)  00739  說明\n\n"
        "股份數目  面值  法定/註冊股本\n"
    )
    assert facts["company"] == "創輝國際控股有限公司"
    assert facts["title"].endswith("證券變動月報表")


def test_a_website_line_is_not_the_title() -> None:
    facts = _facts(
        "寶德電子控股有限公司\n（股份代號：00915）\n網站：www.bodak-elec.com.hk\n\n"
        "持續關連交易\n修訂總採購協議項下之年度上限\n\n茲提述本公司之公告。\n"
    )
    assert facts["title"] == "持續關連交易 修訂總採購協議項下之年度上限"
