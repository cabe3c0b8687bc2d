"""The one base of our spaCy components, English and Chinese, in the style of spaCy's SpanRuler.

A component finds its facts (`match`) and writes them (`set_annotations`); `__call__` is written
once, here, so a component holds only what it finds. Each is registered with `@component(name,
writes, reads)`, which is `@Language.factory(name, assigns=..., requires=...)` with what it
writes and reads, so `nlp.analyze_pipes()` tells when a component runs before one it needs.

Facts live in one typed extension, `doc._.fw` (`extract.document.DocState`). spaCy's checks
name attributes no deeper than `doc._.fw`, so a part of it is declared as `doc._.fw[<key>]`: a
fact key ("title", "directors") or the state a component prepares ("sentences", "norm").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from extract.document import facts

#: what spaCy's span ruler writes and our components read: doc.spans["fw"]
SPANS = "doc.spans"
#: sentence starts on the tokens (Span.sent, Doc.sents)
SENT_STARTS = "token.is_sent_start"


def attrs(parts: Iterable[str]) -> list[str]:
    """spaCy's spelling of what a component writes or reads: a part of `doc._.fw` by its key
    ("title" is "doc._.fw[title]"); an attribute with a dot ("doc.spans") as it is."""
    return [part if "." in part else f"doc._.fw[{part}]" for part in parts]


def component(
    name: str, writes: Sequence[str], reads: Sequence[str] = (), **config: Any
) -> Callable[[type[FactPipe]], type[FactPipe]]:
    """Register a component class as spaCy's factory `name` (`Language.factory`), with what it
    writes (`assigns`), what it reads (`requires`) and its settings' defaults (`config`)."""

    def register(cls: type[FactPipe]) -> type[FactPipe]:
        cls.writes = tuple(part for part in writes if "." not in part)
        return Language.factory(
            name, default_config=config, assigns=attrs(writes), requires=attrs(reads)
        )(cls)

    return register


class FactPipe(Pipe):
    """A component that reads the Doc and its facts so far and adds facts of its own.

    Subclasses implement `match(doc)`. A component that writes one fact returns it; one that
    writes several returns them by key (those it did not find left out); a component that
    writes anything else overrides `set_annotations`.
    """

    #: the parts of `doc._.fw` it writes (set by `component`)
    writes: ClassVar[tuple[str, ...]] = ()

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
        if len(self.writes) == 1:
            facts(doc)[self.writes[0]] = found
        else:
            facts(doc).update(found)
