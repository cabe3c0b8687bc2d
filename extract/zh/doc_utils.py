"""Small helpers the components share: the normalised text, lines, sentences, facts.

A `Doc` made by `spacy.blank("zh")` with the char segmenter has one token per character, so any
character offset maps to a token and `doc.char_span` never fails to align. Components therefore
search the normalised text with patterns and record character offsets; the pipeline turns offsets
into the contract's evidence (page and sentence).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from extract.document import facts, state

__all__ = ["facts", "lines", "norm", "sentence_bounds", "sentences", "state", "text"]

SENT_END = set("。！？!?")
_STOP = re.compile("[。！？!?\n\f]")
_BREAK = re.compile("[\n\f]")


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
    stops = _stops(doc)
    k = bisect.bisect_left(stops, idx)
    s = stops[k - 1] + 1 if k else 0  # just after the last stop before idx
    if k < len(stops):  # the first stop at or after idx: a sentence end is kept, a break not
        e = stops[k] + 1 if t[stops[k]] in SENT_END else stops[k]
    else:
        e = len(t)
    part = t[s:e]
    kept = part.lstrip()
    if not kept:
        return e, e
    return s + len(part) - len(kept), s + len(part) - len(kept) + len(kept.rstrip())


def lines(doc: Doc) -> Iterator[tuple[int, int]]:
    """(start, end) of every line (form feeds count as line breaks)."""
    st = state(doc)
    if st.lines is None:
        t = text(doc)
        breaks = [m.start() for m in _BREAK.finditer(t)]
        starts = [0] + [b + 1 for b in breaks]
        st.lines = list(zip(starts, breaks + [len(t)], strict=True))
    return iter(st.lines)


def sentences(doc: Doc, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence between two offsets."""
    if start == 0:  # the whole text's sentences, found once, each with the offset that found it
        st = state(doc)
        if st.sentences is None:
            st.sentences = list(_sentences(doc, 0, len(text(doc))))
        end = len(text(doc)) if end is None else end
        return ((s, e) for i, s, e in st.sentences if i < end)
    return ((s, e) for _, s, e in _sentences(doc, start, len(text(doc)) if end is None else end))


def _sentences(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    t = text(doc)
    i = start
    while i < end:
        if t[i].isspace():
            i += 1
            continue
        s, e = sentence_bounds(doc, i)
        if e <= i:
            i += 1
            continue
        yield i, s, e
        i = e


def _stops(doc: Doc) -> list[int]:
    """Offsets of every sentence end and line break, ascending."""
    st = state(doc)
    if st.stops is None:
        st.stops = [m.start() for m in _STOP.finditer(text(doc))]
    return st.stops
