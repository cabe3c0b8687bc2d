"""fw_zh_norm_v1: traditional/half-width norms on every token, the normalised text on the Doc.

Runs first. Token.norm_ lets a PhraseMatcher(attr="NORM") match 关连交易 and 關連交易 with one
pattern; `doc._.fw_norm` lets regex components do the same on the whole text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.zh import doc_utils
from extract.zh.normalise import normalise


@Language.factory("fw_zh_norm_v1")
def make_norm(nlp: Language, name: str) -> NormComponent:
    return NormComponent()


class NormComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = normalise(doc_utils.text(doc))
        doc._.fw_norm = text
        for tok in doc:
            tok.norm_ = text[tok.idx : tok.idx + len(tok.text)]
        doc_utils.facts(doc)
        return doc
