"""jobs/people.py: one person per real person. Namesakes at two issuers are two people unless
a Chinese name, a shared company or a filing naming both links them; the English and Chinese
editions of a filing count once. On SQLite and PostgreSQL, through the real store and pairing."""

from __future__ import annotations

from graph_helpers import at, connected, filing

import store
from jobs.editions import pair_editions
from jobs.people import org_key, resolve


def _people(engine):
    return resolve(store.graph_sources(engine))


def test_namesakes_at_two_issuers_with_nothing_linking_them_are_two_people(
    db_engine, add_announcement
):
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["WONG Hon Kit", "LI Ka Shing"]})  # fmt: skip
    filing(add_announcement, "b1", "00002", "XIAOMI CORP", at(2024, 2, 5),
           directors={"non_executive": ["Mr. Wong Hon Kit"]})  # fmt: skip
    people = _people(db_engine)
    found = people.find("WONG Hon Kit")
    assert [e.stock_codes for e in found] == [("00001",), ("00002",)]
    assert all(e.filing_count == 1 and e.linked_by == () for e in found)
    assert store.person_id_by_name(db_engine, "WONG Hon Kit") is not None  # one name-key row
    assert len(people.find("LI Ka Shing")) == 1


def test_a_shared_chinese_name_links_namesakes(db_engine, add_announcement):
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["WONG Hon Kit"]})  # fmt: skip
    filing(add_announcement, "a1c", "00001", "長江和記", at(2024, 1, 5), language="zh",
           directors={"executive": ["黃漢傑"]})  # fmt: skip
    filing(add_announcement, "b1", "00002", "XIAOMI CORP", at(2024, 2, 5),
           directors={"executive": ["WONG Hon Kit"]})  # fmt: skip
    filing(
        add_announcement,
        "b1c",
        "00002",
        "小米集團",
        at(2024, 2, 5),
        language="zh",
        directors={"executive": ["黄汉杰"]},
    )  # fmt: skip  (simplified script: one name)
    assert pair_editions(db_engine) == 2
    (wong,) = _people(db_engine).find("WONG Hon Kit")
    assert wong.stock_codes == ("00001", "00002") and wong.linked_by == ("chinese name",)
    assert wong.filing_count == 2 and set(wong.filings) == {"a1", "b1"}
    assert _people(db_engine).find("黃漢傑") == [wong]


def test_a_shared_company_links_namesakes(db_engine, add_announcement):
    chan = connected("CHAN Tai Man", kind="director", via="Beijing Kingsoft Co., Ltd.",
                     entity="Kingsoft Limited")  # fmt: skip
    for news_id, code, name in (("a1", "00001", "CKH HOLDINGS"), ("b1", "00002", "XIAOMI CORP")):
        filing(add_announcement, news_id, code, name, at(2024, 1, 5), persons=[chan])
    (chan,) = _people(db_engine).find("CHAN Tai Man")
    assert chan.stock_codes == ("00001", "00002") and chan.linked_by == ("shared company",)


def test_a_filing_naming_both_roles_links_namesakes(db_engine, add_announcement):
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["LAM Ka Yan"]}, parties=["Xiaomi Corporation"])  # fmt: skip
    filing(add_announcement, "b1", "00002", "XIAOMI CORP", at(2024, 3, 5),
           directors={"executive": ["LAM Ka Yan"]})  # fmt: skip
    (lam,) = _people(db_engine).find("LAM Ka Yan")
    assert lam.stock_codes == ("00001", "00002") and lam.linked_by == ("filing naming both",)


def test_english_and_chinese_editions_count_each_filing_once(db_engine, add_announcement):
    for n, day in ((1, 5), (2, 20)):
        filing(add_announcement, f"e{n}", "01810", "XIAOMI CORP", at(2024, 1, day),
               directors={"executive": ["LEI Jun", "LIN Bin"]})  # fmt: skip
        filing(add_announcement, f"e{n}c", "01810", "小米集團", at(2024, 1, day), language="zh",
               directors={"executive": ["雷軍", "林斌"]})  # fmt: skip
    assert pair_editions(db_engine) == 2
    (lei,) = _people(db_engine).find("Jun LEI")
    assert lei.filing_count == 2 and lei.filings == ("e1", "e2")
    assert lei.name == "LEI Jun" and lei.chinese_names == ("雷军",)
    assert "雷軍" in lei.names  # the Chinese editions' mentions joined him
    assert _people(db_engine).find("雷軍") == [lei]


def test_unpaired_chinese_edition_joins_by_its_chinese_name_at_the_same_issuer(
    db_engine, add_announcement
):
    """Pairing may not merge the Chinese-only person row (two English persons share the name);
    the Chinese name still joins them at one issuer, and only there."""
    filing(add_announcement, "e1", "01810", "XIAOMI CORP", at(2024, 1, 5),
           directors={"executive": ["LEI Jun"]})  # fmt: skip
    filing(add_announcement, "e1c", "01810", "小米集團", at(2024, 1, 5), language="zh",
           directors={"executive": ["雷軍"]})  # fmt: skip
    filing(add_announcement, "z9", "01810", "小米集團", at(2024, 5, 1), language="zh",
           directors={"executive": ["雷軍先生"]})  # fmt: skip
    pair_editions(db_engine)
    (lei,) = _people(db_engine).find("LEI Jun")
    assert lei.filing_count == 2 and lei.filings == ("e1", "z9")


def test_a_filing_naming_the_issuer_by_its_full_name_links_too(db_engine, add_announcement):
    """Issuer B is known by its stock short name ("KINGSOFT-W") and by the company name its
    own filings print ("Kingsoft Corporation Limited"); a filing of A naming either links."""
    filing(add_announcement, "a1", "00001", "CKH HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["LAM Ka Yan"]}, parties=["Kingsoft Corporation"])  # fmt: skip
    filing(add_announcement, "b1", "03888", "KINGSOFT-W", at(2024, 3, 5),
           directors={"executive": ["LAM Ka Yan"]})  # fmt: skip
    filing(add_announcement, "c1", "00002", "CKI HOLDINGS", at(2024, 1, 5),
           directors={"executive": ["HO Siu Ming"]}, parties=["SUNSHINE PAPER"])  # fmt: skip
    filing(add_announcement, "d1", "02002", "SUNSHINE PPR", at(2024, 3, 5),
           directors={"executive": ["HO Siu Ming"]}, company="Sunshine Paper Limited")  # fmt: skip
    people = _people(db_engine)
    (lam,) = people.find("LAM Ka Yan")
    assert lam.stock_codes == ("00001", "03888")
    (ho,) = people.find("HO Siu Ming")
    assert ho.stock_codes == ("00002", "02002")


def test_company_keys_ignore_the_words_every_company_name_has():
    assert org_key("Kingsoft Corporation Limited") == org_key("KINGSOFT CORP") == "kingsoft"
    assert org_key("Beijing Xiaomi Technology Co., Ltd.") == "beijing technology xiaomi"
    assert org_key("the Company") == "" and org_key(None) == ""


def test_a_chinese_only_namesake_at_another_issuer_stays_apart(db_engine, add_announcement):
    """陳偉 in a Chinese-only filing of a third issuer: nothing but the name links him to
    either CHAN Wai, so he would otherwise join two namesakes into one."""
    for news_id, code, name in (("a1", "00001", "CKH HOLDINGS"), ("b1", "00002", "XIAOMI")):
        filing(add_announcement, news_id, code, name, at(2024, 1, 5),
               directors={"executive": ["CHAN Wai"]})  # fmt: skip
        filing(add_announcement, f"{news_id}c", code, name, at(2024, 1, 5), language="zh",
               directors={"executive": ["陳偉"]})  # fmt: skip
    filing(add_announcement, "z1", "00003", "第三", at(2024, 2, 1), language="zh",
           directors={"executive": ["陳偉"]})  # fmt: skip
    pair_editions(db_engine)
    people = _people(db_engine)
    chan = people.find("CHAN Wai")
    assert [p.stock_codes for p in chan] == [("00001", "00002")], "same romanisation and 陳偉"
    by_chinese = people.find("陳偉")
    assert sorted(p.stock_codes for p in by_chinese) == [("00001", "00002"), ("00003",)]
