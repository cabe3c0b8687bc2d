from store.query import parse, positive_terms
from store.snippets import START, STOP, mark, render, terms_pattern, window


def test_store_snippets_render_escapes_then_marks():
    raw = f'a <b>&amp; {START}x{STOP} "q"'
    assert render(raw) == 'a &lt;b&gt;&amp;amp; <mark>x</mark> "q"'


def test_store_snippets_mark_cjk_outside_existing_marks():
    pattern = terms_pattern(positive_terms(parse("雷軍")))
    assert mark(f"{START}雷軍{STOP}與雷軍", pattern) == f"{START}雷軍{STOP}與{START}雷軍{STOP}"


def test_store_snippets_window_marks_words_prefixes_and_phrases():
    pattern = terms_pattern(positive_terms(parse('xiao* "annual cap" lei')))
    text = (
        "Beijing Xiaomi agreed. The annual  cap is RMB8 million. Jun LEI abstained; Leighton not."
    )
    html = render(window(text, pattern))
    assert "<mark>Xiaomi</mark>" in html
    assert "<mark>annual cap</mark>" in html
    assert "<mark>LEI</mark>" in html and "<mark>Lei" not in html


def test_store_snippets_window_without_match_is_the_start():
    assert window("one two three", None, width=7) == "one two…"
