"""fw_zh_norm_v1: traditional/half-width norms on every token, the normalised text on the Doc.

Runs first. Token.norm_ lets a PhraseMatcher(attr="NORM") match 关连交易 and 關連交易 with one
pattern; `doc._.fw` (its `norm`) lets regex components do the same on the whole text.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH, NORM
from spacy.tokens import Doc

from extract.document import state
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.normalise import normalise


@component("fw_zh_norm_v1", ["token.norm", "norm"])
class NormComponent(FactPipe):
    def match(self, doc: Doc) -> str:
        return normalise(doc_utils.text(doc))

    def set_annotations(self, doc: Doc, text: str) -> None:
        state(doc).norm = text
        if not len(doc):
            return
        # one array write, not a Token object per character
        add = doc.vocab.strings.add
        spans = doc.to_array([IDX, LENGTH]).tolist()
        norms = [add(text[start : start + length]) for start, length in spans]
        doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
