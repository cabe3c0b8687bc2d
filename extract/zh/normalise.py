"""Length-preserving normalisation of Chinese announcement text for matching.

HKEX publishes in traditional characters, but issuers from the mainland often print simplified
ones (关连交易, 人民币). Patterns are written once, in traditional; text is mapped character by
character to traditional and full-width ASCII to half-width. Every mapping is one character to one
character, so an offset in the normalised text is the same offset in the printed text, and the
names we output are sliced from what was printed, never from our rewrite.
"""

from __future__ import annotations

from functools import lru_cache

from extract.patterns import load

# Full-width forms U+FF01..U+FF5E -> ASCII, except the Chinese comma (U+FF0C): it separates
# clauses, and turning it into "," would glue numbers across clauses ("2025年，2026").
_KEEP = {"，"}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        if chr(cp) not in _KEEP:
            table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[ord("﹙")] = "("
    table[ord("﹚")] = ")"
    for row in load("s2t", "zh"):
        table[ord(row["s"])] = row["t"]
    return table


def normalise(text: str) -> str:
    """Traditional characters and half-width ASCII; same length as `text`."""
    out = text.translate(_table())
    assert len(out) == len(text)
    return out


def to_traditional(text: str) -> str:
    """Alias that says what the caller wants (pattern tests use it)."""
    return normalise(text)


@lru_cache(maxsize=1)
def _reverse() -> dict[int, str]:
    return {ord(row["t"]): row["s"] for row in load("s2t", "zh")}


def to_simplified(text: str) -> str:
    """Best-effort traditional -> simplified with the same table (for tests and gold checks)."""
    return text.translate(_reverse())
