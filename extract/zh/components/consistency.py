"""fw_zh_consistency_v1: drop facts the rest of the announcement shows are not its own.

- A cap for a period that ended before the announcement's date is a historical figure, however
  it is worded (僅供參考，截至2023年…止…支付的服務費分別約為…).
- An agreement dated before the announcement that no cap refers to, while another agreement is
  dated on the announcement's day, is background (the lease a land purchase ends), not the
  transaction; parties known only through it go with it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.zh import doc_utils


@Language.factory("fw_zh_consistency_v1")
def make_consistency(nlp: Language, name: str) -> ConsistencyComponent:
    return ConsistencyComponent()


class ConsistencyComponent:
    def __call__(self, doc: Doc) -> Doc:
        out = doc_utils.facts(doc)
        day = (out.get("announcement_date") or {}).get("value")
        if not day:
            return doc
        out["annual_caps"] = [
            c for c in out.get("annual_caps", []) if not c["period_end"] or c["period_end"] >= day
        ]
        agreements = out.get("agreements", [])
        capped = {c.get("agreement") for c in out["annual_caps"]}
        if any(a.get("date") == day for a in agreements):
            stale = {
                a["name"]
                for a in agreements
                if a.get("date") and a["date"] < day and a["name"] not in capped
            }
            out["agreements"] = [a for a in agreements if a["name"] not in stale]
            out["parties"] = [
                p
                for p in out.get("parties", [])
                if not p.get("_sources") or not p["_sources"] <= stale
            ]
        return doc
