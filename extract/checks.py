"""Cross-checks that turn into `warnings` on the extraction (they never change the facts).

- a cap for every year of an agreement's term (not on a revision of caps: a filing that
  revises some years' caps sets caps for those years only),
- one currency per agreement's caps,
- every abstaining director on the board list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from extract.contract_types import Extraction
from extract.names import person_key

#: a title announcing revised caps ("REVISION OF ANNUAL CAPS", "修訂年度上限")
CAP_REVISION = re.compile(
    r"\brevis(?:ion|ed|ing)\s+(?:of\s+)?(?:the\s+)?(?:existing\s+)?annual\s+caps?\b"
    r"|\brevise\s+the\s+(?:existing\s+)?annual\s+caps?\b"
    r"|修[訂订][^，。\n]{0,30}上限|上限[^，。\n]{0,4}修[訂订]",
    re.I,
)


def _typed(result: Extraction | Mapping[str, Any]) -> Extraction:
    return result if isinstance(result, Extraction) else Extraction.from_json(result)


def is_cap_revision(result: Extraction | Mapping[str, Any]) -> bool:
    """Whether the filing revises caps already set, so it need not cap every year of a term."""
    return bool(CAP_REVISION.search(_typed(result).title or ""))


def warnings_for(result: Extraction | Mapping[str, Any]) -> list[str]:
    """The cross-checks' warnings on an extraction (or its JSON)."""
    ex = _typed(result)
    out: list[str] = []
    revision = is_cap_revision(ex)
    for ag in ex.agreements:
        mine = [c for c in ex.annual_caps if c.agreement in (ag.name, None)]
        if not mine:
            continue
        currencies = sorted({c.currency for c in mine})
        if len(currencies) > 1:
            out.append(
                f"caps of {ag.name!r} are in more than one currency: {', '.join(currencies)}"
            )
        if ag.term_start and ag.term_end and not revision:
            start = dt.date.fromisoformat(ag.term_start)
            end = dt.date.fromisoformat(ag.term_end)
            ends = {c.period_end[:4] for c in mine if c.period_end}
            missing = []
            for year in range(start.year, end.year + 1):
                if str(year) in ends:
                    continue
                # a fiscal year ending in March covers the next calendar year's start
                if year == start.year and any(e > str(year) for e in ends) and start.month > 3:
                    continue
                if year == end.year and end.month <= 3 and str(year) not in ends:
                    if any(c.period_end > ag.term_end for c in mine if c.period_end):
                        continue
                missing.append(str(year))
            if missing and len(missing) < end.year - start.year + 1:
                out.append(f"no cap found for {', '.join(missing)} in the term of {ag.name!r}")
    board = {person_key(n) for _, names in ex.directors.by_category() for n in names}
    if board:
        for name in ex.abstained_directors:
            if person_key(name) not in board:
                out.append(f"abstaining director {name!r} is not on the board list")
    return out
