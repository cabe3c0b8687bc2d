"""fw_zh_connected_v1: natural persons through whom a counterparty is connected.

雷軍先生為本公司董事及主要股東，持有北京小米已發行股本30%以上。因此，北京小米為本公司的
關連人士。 A person (named with an honorific) counts when the sentence states a relation
(董事, 主要股東, 控股股東, 持有, 控制 …) and that sentence or the next says 關連人士 or 聯繫人. The
connected entity is the defined party named in that window, preferring the one the 關連人士
clause names. The board paragraph, the signature and abstention sentences are not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.zh import doc_utils
from extract.zh.components.abstain import _abstain_re
from extract.zh.names import names_with_honorifics
from extract.zh.patterns import strings


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    marker = "|".join(re.escape(p) for p in strings("connected", kind="marker"))
    relation = "|".join(re.escape(p) for p in strings("connected", kind="relation"))
    return re.compile(marker), re.compile(relation)


@Language.factory("fw_zh_connected_v1")
def make_connected(nlp: Language, name: str) -> ConnectedComponent:
    return ConnectedComponent()


class ConnectedComponent:
    def __call__(self, doc: Doc) -> Doc:
        out = doc_utils.facts(doc)
        norm, text = doc_utils.norm(doc), doc.text
        marker, relation = _markers()
        parties = [p["name"] for p in out.get("parties", [])]
        board = out.get("board_bounds") or (len(norm), len(norm))
        sig = norm.rfind("承董事會命")
        stop = min(board[0], sig if sig >= 0 else len(norm))
        sents = [(s, e) for s, e in doc_utils.sentences(doc, 0, stop)]
        found: dict[str, dict] = {}
        for k, (s, e) in enumerate(sents):
            if not relation.search(norm, s, e) or _abstain_re().search(norm, s, e):
                continue
            window_end = sents[k + 1][1] if k + 1 < len(sents) else e
            if not marker.search(norm, s, window_end):
                continue
            for _, name_end, name in names_with_honorifics(norm, text, s, e):
                if name in found:
                    continue
                found[name] = {
                    "name": name,
                    "connected_entity": self._entity(norm, s, window_end, parties, marker),
                    "relationship": self._relationship(text, norm, name_end, e),
                    "_ev": (s, e),
                }
        out["connected_persons"] = list(found.values())
        return doc

    @staticmethod
    def _entity(
        norm: str, s: int, e: int, parties: list[str], marker: re.Pattern[str]
    ) -> str | None:
        m = marker.search(norm, s, e)
        best: tuple[int, str] | None = None
        for p in parties:
            for pm in re.finditer(re.escape(p), norm[s:e]):
                pos = s + pm.start()
                score = abs((m.start() if m else pos) - pos)
                if best is None or score < best[0] or (score == best[0] and len(p) > len(best[1])):
                    best = (score, p)
        return best[1] if best else None

    @staticmethod
    def _relationship(text: str, norm: str, name_end: int, e: int) -> str | None:
        rest = text[name_end:e].lstrip("，, ")
        if rest.startswith(("為", "为", "乃", "是")):
            rest = rest[1:]
        rest = rest.rstrip("。")
        return rest or None
