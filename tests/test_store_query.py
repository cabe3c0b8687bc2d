import re

import pytest

from store.fts import fts5_query
from store.query import And, Cjk, Not, Or, Phrase, QueryError, parse, positive_terms


def test_store_query_words_are_and():
    assert parse("Xiaomi lease") == And(
        (Phrase(("xiaomi",), "Xiaomi"), Phrase(("lease",), "lease"))
    )


def test_store_query_phrase():
    assert parse('"annual cap"') == Phrase(("annual", "cap"), "annual cap")


def test_store_query_or_binds_looser_than_and():
    node = parse("a b OR c")
    assert isinstance(node, Or)
    assert node.children[0] == And((Phrase(("a",), "a"), Phrase(("b",), "b")))


def test_store_query_exclusion_and_prefix():
    node = parse("xiao* -tencent")
    assert node == And(
        (Phrase(("xiao",), "xiao", prefix=True), Not(Phrase(("tencent",), "tencent")))
    )


def test_store_query_excluded_phrase():
    assert parse('lease -"framework agreement"').children[1] == Not(
        Phrase(("framework", "agreement"), "framework agreement")
    )


def test_store_query_punctuation_splits_like_the_index():
    assert parse("o'neil") == Phrase(("o", "neil"), "o'neil")
    assert parse("HK$1.2") == Phrase(("hk", "1", "2"), "HK$1.2")


def test_store_query_cjk_is_substring_term():
    assert parse("雷軍") == Cjk("雷军")  # folded to one script, as the index is
    assert parse("雷軍 Xiaomi") == And((Cjk("雷军"), Phrase(("xiaomi",), "Xiaomi")))


def test_store_query_empty_is_none():
    assert parse("") is None
    assert parse("   ") is None


def test_store_query_lowercase_or_is_a_word():
    assert parse("this or that") == And(
        (Phrase(("this",), "this"), Phrase(("or",), "or"), Phrase(("that",), "that"))
    )


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        'foo "bar',
        "OR",
        "foo OR",
        "OR foo",
        "foo OR OR bar",
        "-",
        "-foo",
        "foo OR -bar",
        "*",
        "!!!",
        '""',
        "x" * 10_000,
        " ".join(["w"] * 100),
    ],
)
def test_store_query_malformed_raises_one_line(query):
    with pytest.raises(QueryError) as error:
        parse(query)
    assert "\n" not in str(error.value) and str(error.value)


@pytest.mark.parametrize(
    "query", ["'; DROP TABLE announcement; --", "a\x00b", "NEAR(a b)", "a:b", "^a"]
)
def test_store_query_hostile_text_is_only_words(query):
    leaves = positive_terms(parse(query))
    assert leaves and all(isinstance(leaf, Phrase) for leaf in leaves)
    assert all(re.fullmatch(r"[^\W_]+", token) for leaf in leaves for token in leaf.tokens)


def test_store_query_compiles_to_fts5():
    assert fts5_query(parse('a "b c" OR d* -e')) == '(("a" AND "b c") OR (("d"*) NOT ("e")))'
