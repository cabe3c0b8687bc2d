"""fw_zh_abstain_v1: directors who abstained (已就批准協議的董事會決議案放棄投票).

A name counts when it sits, with its honorific, in a sentence that says 放棄投票/放棄表決/迴避表決
or that its holder did not vote (並無就…決議案投票).
A sentence that only says no director had to abstain (概無董事須放棄投票) names nobody, so it
yields nothing without a special case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load, strings
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.names import names_with_honorifics


@lru_cache(maxsize=1)
def _abstain_re() -> re.Pattern[str]:
    """放棄投票 and the like, or a negated vote (並無就…決議案投票: "did not vote")."""
    words = [re.escape(p) for p in strings("abstention", language="zh")]
    words += [r["regex"] for r in load("abstention", "zh") if "regex" in r]
    return re.compile("|".join(words))


@component("fw_zh_abstain_v1", ["abstained_directors"], ["norm"])
class AbstainComponent(FactPipe):
    def match(self, doc: Doc) -> list[dict]:
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        found: list[dict] = []
        for s, e in doc_utils.sentences(doc):
            if not _abstain_re().search(norm, s, e):
                continue
            for _, _, name in names_with_honorifics(norm, text, s, e):
                if name not in [f["value"] for f in found]:
                    found.append({"value": name, "_ev": (s, e)})
        return found
