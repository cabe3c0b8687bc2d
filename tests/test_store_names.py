"""The one person-name key (store.names): how Hong Kong filings write one person's name, and
names that must stay apart. extract's person_key and alerts' matching use this key."""

import pytest

from store import name_key, parse_name


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


#: Each group is one person, written the ways HK filings write them.
SAME_PERSON = [
    ["WONG Hon-Kit", "WONG Hon Kit", "Hon-Kit WONG", "Mr. Wong Hon Kit", "WONG HonKit",
     "Hon Kit Wong", "The Hon. WONG Hon Kit, JP", "WONG Hon Kit (Chairman)"],
    ["Tat Joel CHANG", "Tat Joel, CHANG", "Mr. CHANG Tat Joel", "Prof. Tat Joel CHANG",
     "Chang, Tat Joel", "Tat Joel Chang"],
    ["HongJiang ZHANG", "Hong Jiang ZHANG", "Mr. ZHANG Hong-jiang", "Hongjiang Zhang"],
    ["Guangming George LU", "LU Guangming, George", "Mr. Guangming George LU"],
    ["CHAN Tai Man", "Mr. Chan Tai-man", "Tai Man CHAN", "Ms. CHAN Tai Man, BBS, JP"],
    ["AU-YEUNG Kwok Wai", "AU YEUNG Kwok Wai", "Au Yeung Kwok Wai"],
    ["WONG Ka Fai, Kevin", "Kevin WONG Ka Fai", "Kevin Wong Ka Fai"],
    ["Peter WONG Hon Kit", "Peter Wong Hon Kit"],
    ["Li Ka-shing", "LI Ka Shing", "Sir LI Ka-shing, GBM"],
    ["HO Ka Chun", "Ho Ka Chun", "Ka Chun HO", "Ka-chun Ho"],
    ["雷軍", "雷军", "雷軍先生"],
]  # fmt: skip
#: Pairs of different people a key must keep apart.
DIFFERENT_PEOPLE = [
    ("WONG Hon-Kit", "Mr. WONG Kit"),  # "Hon" is a given-name syllable, not a title
    ("Hon Kit WONG", "Kit WONG"),
    ("CHAN Tai Man", "CHAN Man Tai"),
    ("CHAN Tai Man", "CHAN Tai Ming"),
    ("CHAN Tai Man", "CHAN Tai"),
    ("Tat Joel CHANG", "CHANG Tat Wing"),
    ("Guangming George LU", "Guangming Peter LU"),
    ("John A SMITH", "John B SMITH"),
    ("LEI Jun", "LEI Jun Ming"),
    ("雷軍", "雷明"),
]


@pytest.mark.parametrize("names", SAME_PERSON, ids=[g[0] for g in SAME_PERSON])
def test_store_names_one_person_one_key(names):
    assert len({name_key(n) for n in names}) == 1, {n: name_key(n) for n in names}


@pytest.mark.parametrize("pair", DIFFERENT_PEOPLE, ids=[" vs ".join(p) for p in DIFFERENT_PEOPLE])
def test_store_names_different_people_different_keys(pair):
    a, b = pair
    assert name_key(a) != name_key(b)


def test_store_names_the_key_joins_the_chinese_given_name():
    assert name_key("WONG Hon-Kit") == "honkit wong"
    assert name_key("Mr. WONG Kit") == "kit wong"
    assert name_key("Tat Joel CHANG") == "chang joel tat"


def test_store_names_parse_uses_capitals_for_the_surname():
    (parsed,) = parse_name("Tat Joel, CHANG")
    assert parsed.surname == "chang"
    assert parsed.chinese_given == "tat"
    assert parsed.english == {"joel"}
    readings = parse_name("Lei Jun")  # no capitals: both orders are tried
    assert {p.surname for p in readings} == {"lei", "jun"}


def test_store_names_extract_uses_the_same_key():
    from extract.names import person_key

    for names in SAME_PERSON:
        # extract's clean_person reads "Chang, Tat Joel" as "Chang" (a list, not a name)
        written = [n for n in names if n != "Chang, Tat Joel"]
        assert {person_key(n) for n in written} == {name_key(names[0])}, names
