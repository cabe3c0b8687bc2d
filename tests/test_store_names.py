import pytest

from store import name_key


@pytest.mark.parametrize(
    "name", ["Mr. LEI Jun", "Jun LEI", "LEI, Jun", "mr jun lei", "Dr. Jun LEI, JP", "ＬＥＩ Ｊｕｎ"]
)
def test_store_names_variants_share_a_key(name):
    assert name_key(name) == "jun lei"


def test_store_names_chinese_in_one_script():
    # issue 12: a Traditional and a Simplified spelling are one person
    assert name_key("雷軍") == name_key("雷军") == "雷军"
    assert name_key("林強") == name_key("林强")


def test_store_names_hyphenated_given_name():
    assert name_key("KAU Pak-Kwan") == name_key("Pak Kwan KAU")


def test_store_names_empty():
    assert name_key("Mr.") == ""
