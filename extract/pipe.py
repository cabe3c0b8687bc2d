"""The one base of our spaCy components, English and Chinese, in the style of spaCy's SpanRuler.

A component finds its facts (`match`) and writes them (`set_annotations`); `__call__` is written
once, here, so a component holds only what it finds. Each is registered with
`@Language.factory(name, assigns=..., requires=...)` naming what it writes and reads, so
`nlp.analyze_pipes()` tells when a component runs before one it needs.

Facts live in one typed extension, `doc._.fw` (`extract.document.DocState`). spaCy's checks
name attributes no deeper than `doc._.fw`, so a part of it is declared as `doc._.fw[<key>]`
(`fw_attrs`): a fact key ("title", "directors") or the state a component prepares
("sentences", "norm").
"""

from __future__ import annotations

from typing import Any, ClassVar

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from extract.document import facts

#: what spaCy's span ruler writes and our components read: doc.spans["fw"]
SPANS = "doc.spans"
#: sentence starts on the tokens (Span.sent, Doc.sents)
SENT_STARTS = "token.is_sent_start"


def fw_attrs(*parts: str) -> list[str]:
    """`assigns`/`requires` entries for parts of `doc._.fw`: fw_attrs("title") is
    ["doc._.fw[title]"]."""
    return [f"doc._.fw[{part}]" for part in parts]


class FactPipe(Pipe):
    """A component that reads the Doc and its facts so far and adds facts of its own.

    Subclasses implement `match(doc)`; `set_annotations` writes its result under `fact`, or,
    when `fact` is None, merges the mapping of fact keys `match` returned.
    """

    #: the fact key the result of `match` is written under (None: `match` returns several)
    fact: ClassVar[str | None] = None

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's handler re-raises unless told not to
            return error_handler(self.name, self, [doc], e)

    def match(self, doc: Doc) -> Any:  # noqa: ANN401 - each component's own facts
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Any) -> None:  # noqa: ANN401
        if self.fact is None:
            facts(doc).update(found)
        else:
            facts(doc)[self.fact] = found
