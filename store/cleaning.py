"""Text as the database can hold it: PostgreSQL rejects NUL, and search snippets use the other
C0 control characters as highlight markers, so both are taken out of stored text."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """`value` without NUL and control characters other than tab, newline, CR and form feed."""
    return _UNSAFE.sub("", value) if value else ""
