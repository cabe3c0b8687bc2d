"""fw_sentences_v1: sentence boundaries from the layout, without a parser.

A line break always ends a sentence (table rows, definitions and headings are lines); inside a
line a full stop, question mark or semicolon-free "." followed by a capital starts a new one,
unless the stop belongs to an abbreviation ("Mr.", "Co., Ltd.", "No.").
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from extract.document import layout_of
from extract.pipe import SENT_STARTS, FactPipe, component

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "messrs",
    "prof",
    "co",
    "ltd",
    "no",
    "inc",
    "corp",
    "st",
    "jr",
    "sr",
    "hon",
    "approx",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "u.s",
    "p.r.c",
    "s.a",
    "n.v",
    "plc",
    "b.v",
    "nos",
    "para",
    "sq",
    "ft",
    "mdm",
    "ir",
    "pte",
    "pty",
    "bhd",
    "sdn",
    "cie",
    "kk",
}
_BOUNDARY = re.compile(r"(?<=[.?!])[\"')]?\s+(?=[\"(]?[A-Z0-9])")


def split_line(text: str) -> list[tuple[int, int]]:
    """Sentence ranges inside one line of text."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start()]
        word = re.search(r"([A-Za-z.]+)\.$", before)
        if word and word.group(1).lower() in _ABBREV:
            continue
        if re.search(r"\b[A-Z]\.$", before):  # an initial: "J. Smith"
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


@component("fw_sentences_v1", [SENT_STARTS, "sentences"])
class SentenceSetter(FactPipe):
    def match(self, doc: Doc) -> list[tuple[int, int]]:
        sents: list[tuple[int, int]] = []
        for line in layout_of(doc).lines:
            if line.text:
                sents.extend((line.start + s, line.start + e) for s, e in split_line(line.text))
        return sents

    def set_annotations(self, doc: Doc, sents: list[tuple[int, int]]) -> None:
        layout_of(doc).sentences = sents
        # One array write: setting token.is_sent_start one by one re-checks the whole doc's
        # annotation each time (quadratic in the document's length).
        if len(doc):
            offsets = doc.to_array([IDX]).astype("int64")
            values = numpy.where(numpy.isin(offsets, [s for s, _ in sents]), 1, -1)
            values[0] = 1
            doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
