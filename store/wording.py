"""Counts in words: "1 filing", "2 filings" — one helper for every message that prints a count."""

from __future__ import annotations

_IRREGULAR = {"person": "persons", "company": "companies", "party": "parties", "day": "days"}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """`plural(1, "filing")` -> "1 filing"; `plural(3, "filing")` -> "3 filings"."""
    if count == 1:
        return f"{count:,} {noun}"
    form = plural_form or _IRREGULAR.get(noun) or (noun[:-1] + "ies" if _y_plural(noun) else "")
    return f"{count:,} {form or noun + 's'}"


def _y_plural(noun: str) -> bool:
    return noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou"
