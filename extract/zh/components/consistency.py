"""fw_zh_consistency_v1: drop facts the rest of the announcement shows are not its own.

- A cap for a period that ended before the announcement's date is a historical figure, however
  it is worded (僅供參考，截至2023年…止…支付的服務費分別約為…).
- An agreement dated before the announcement that no cap refers to, while another agreement is
  dated on the announcement's day, is background (the lease a land purchase ends), not the
  transaction; parties known only through it go with it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extract.pipe import FactPipe, component
from extract.zh import doc_utils

_KEPT = ("annual_caps", "agreements", "parties")


@component("fw_zh_consistency_v1", _KEPT, ["announcement_date", *_KEPT])
class ConsistencyComponent(FactPipe):
    def match(self, doc: Doc) -> dict[str, list[dict]]:
        """The facts that remain of those it checks (none changed when the date is unknown)."""
        facts = doc_utils.facts(doc)
        out: dict[str, list[dict]] = {}
        day = (facts.get("announcement_date") or {}).get("value")
        if not day:
            return out
        out["annual_caps"] = [
            c for c in facts.get("annual_caps", []) if not c["period_end"] or c["period_end"] >= day
        ]
        agreements = facts.get("agreements", [])
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
                for p in facts.get("parties", [])
                if not p.get("_sources") or not p["_sources"] <= stale
            ]
        return out
