"""Small helpers the components share: the normalised text, lines, sentences, facts.

A `Doc` made by `spacy.blank("zh")` with the char segmenter has one token per character, so any
character offset maps to a token and `doc.char_span` never fails to align. Components therefore
search the normalised text with patterns and record character offsets; the pipeline turns offsets
into the contract's evidence (page and sentence).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from extract.document import facts, state

__all__ = ["facts", "lines", "norm", "sentence_bounds", "sentences", "state", "text"]

SENT_END = set("。！？!?")


def text(doc: Doc) -> str:
    """doc.text, computed once: spaCy joins every token's text on each access."""
    st = state(doc)
    if st.text is None:
        st.text = doc.text
    return st.text


def norm(doc: Doc) -> str:
    return state(doc).norm or text(doc)


def sentence_bounds(doc: Doc, idx: int) -> tuple[int, int]:
    """Character bounds of the sentence holding offset `idx` (split on 。！？ and line breaks)."""
    t = text(doc)
    idx = max(0, min(idx, len(t) - 1)) if t else 0
    s = idx
    while s > 0 and t[s - 1] not in SENT_END and t[s - 1] not in "\n\f":
        s -= 1
    e = idx
    while e < len(t) and t[e] not in "\n\f":
        if t[e] in SENT_END:
            e += 1
            break
        e += 1
    while s < e and t[s].isspace():
        s += 1
    while e > s and t[e - 1].isspace():
        e -= 1
    return s, e


def lines(doc: Doc) -> Iterator[tuple[int, int]]:
    """(start, end) of every line (form feeds count as line breaks)."""
    t = text(doc)
    start = 0
    for i, ch in enumerate(t):
        if ch in "\n\f":
            yield start, i
            start = i + 1
    yield start, len(t)


def sentences(doc: Doc, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence between two offsets."""
    t = text(doc)
    end = len(t) if end is None else end
    i = start
    while i < end:
        if t[i].isspace():
            i += 1
            continue
        s, e = sentence_bounds(doc, i)
        if e <= i:
            i += 1
            continue
        yield s, e
        i = e
