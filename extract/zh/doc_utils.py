"""Small helpers the components share: the normalised text, lines, sentences, fact slots.

A `Doc` made by `spacy.blank("zh")` with the char segmenter has one token per character, so any
character offset maps to a token and `doc.char_span` never fails to align. Components therefore
search the normalised text with patterns and record character offsets; the pipeline turns offsets
into the contract's evidence (page and sentence).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

SENT_END = set("。！？!?")

if not Doc.has_extension("fw_norm"):
    Doc.set_extension("fw_norm", default="")
if not Doc.has_extension("fw_zh"):
    Doc.set_extension("fw_zh", default=None)


def facts(doc: Doc) -> dict[str, Any]:
    if doc._.fw_zh is None:
        doc._.fw_zh = {}
    return doc._.fw_zh


def norm(doc: Doc) -> str:
    return doc._.fw_norm or doc.text


def sentence_bounds(doc: Doc, idx: int) -> tuple[int, int]:
    """Character bounds of the sentence holding offset `idx` (split on 。！？ and line breaks)."""
    text = doc.text
    idx = max(0, min(idx, len(text) - 1)) if text else 0
    s = idx
    while s > 0 and text[s - 1] not in SENT_END and text[s - 1] not in "\n\f":
        s -= 1
    e = idx
    while e < len(text) and text[e] not in "\n\f":
        if text[e] in SENT_END:
            e += 1
            break
        e += 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def lines(doc: Doc) -> Iterator[tuple[int, int]]:
    """(start, end) of every line (form feeds count as line breaks)."""
    text = doc.text
    start = 0
    for i, ch in enumerate(text):
        if ch in "\n\f":
            yield start, i
            start = i + 1
    yield start, len(text)


def sentences(doc: Doc, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence between two offsets."""
    end = len(doc.text) if end is None else end
    i = start
    while i < end:
        if doc.text[i].isspace():
            i += 1
            continue
        s, e = sentence_bounds(doc, i)
        if e <= i:
            i += 1
            continue
        yield s, e
        i = e
