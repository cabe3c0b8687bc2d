"""extract/names.py: the one place the title-name patterns are built from."""

from __future__ import annotations

import re

from extract.names import ABBREVIATED_TITLES, clean_person, has_surname, title_rx, titled_name_rx


def test_title_rx_full_stop_required_optional_or_none() -> None:
    must = re.compile(title_rx(ABBREVIATED_TITLES, ".") + r"\s")
    may = re.compile(title_rx(ABBREVIATED_TITLES, ".?") + r"\s")
    bare = re.compile(title_rx(("Sir", "Tan Sri")) + r"\s")
    assert must.match("Mrs. ") and not must.match("Mrs ")
    assert may.match("Mrs. ") and may.match("Mrs ")
    assert bare.match("Tan Sri ") and not bare.match("Sir. ")


def test_titled_name_rx_reads_the_name_after_any_title() -> None:
    rx = re.compile(titled_name_rx(title_rx(ABBREVIATED_TITLES, "."), title_rx(("Madam",))))
    assert rx.search("the spouse of Mr. TSANG Wing Hong and").group(1) == "TSANG Wing Hong"
    assert rx.search("Madam O'Brien Ka-shing").group(1) == "O'Brien Ka-shing"
    assert rx.search("Mr TSANG") is None  # the short titles here need their full stop
    assert re.compile(titled_name_rx("Mr", words=2)).match("Mr A B C").group(1) == "A B"


def test_titled_name_rx_with_commas() -> None:
    rx = re.compile(titled_name_rx(title_rx(("Mr",), ".?"), words=5, commas=True) + "$")
    assert rx.search("Mr. Tat Joel, CHANG").group(1) == "Tat Joel, CHANG"
    assert re.compile(titled_name_rx("Mr") + "$").search("Mr. Tat Joel, CHANG") is None


def test_has_surname_reads_the_capitals_else_the_first_or_last_word() -> None:
    assert has_surname("LEONG Ka Hou, Antonio", "Leong")
    assert not has_surname("LEONG Ka Hou, Antonio", "Antonio")
    assert has_surname("Stefan HOFMANN", "Hofmann")
    assert has_surname("Lui Chun Wah", "Lui")
    assert not has_surname("LUI", "Lui")  # a surname alone is not a name in full


def test_malaysian_two_word_titles_leave_the_name_and_a_surname_tan_stays() -> None:
    assert clean_person("Tan Sri CHONG Kok Weng") == "CHONG Kok Weng"
    assert clean_person("Puan Sri LEE Mei Hua") == "LEE Mei Hua"
    assert clean_person("TAN Ah Kow") == "TAN Ah Kow"
