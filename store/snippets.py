"""Snippets safe to render: the database marks matches with sentinel characters (never found in
stored text, see store.cleaning), we add marks for CJK substrings, HTML-escape, then turn the
sentinels into <mark> tags. Also a plain-Python window for queries the index cannot highlight."""

from __future__ import annotations

import html
import re

from store.query import Cjk, Node, Phrase
from store.script import fold

START, STOP = "\x02", "\x03"
ELLIPSIS = "…"


def render(marked: str) -> str:
    """HTML-escaped text with <mark> where the sentinels were, whitespace collapsed."""
    marked = " ".join(marked.split())
    return html.escape(marked, quote=False).replace(START, "<mark>").replace(STOP, "</mark>")


def terms_pattern(terms: list[Node]) -> re.Pattern[str] | None:
    """A regex matching the positive terms the way the index does (tokens, prefixes, CJK)."""
    parts: list[str] = []
    for term in terms:
        if isinstance(term, Cjk):
            parts.append(re.escape(term.text))
        elif isinstance(term, Phrase):
            body = r"[^\w]+".join(re.escape(t) for t in term.tokens)
            parts.append(rf"(?<![^\W_]){body}" + (r"[^\W_]*" if term.prefix else r"(?![^\W_])"))
    if not parts:
        return None
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


def mark(text: str, pattern: re.Pattern[str] | None) -> str:
    """Sentinels around every match of `pattern` that is not inside an existing mark."""
    if pattern is None:
        return text
    pieces = re.split(f"({START}[^{STOP}]*{STOP})", text)
    return "".join(piece if piece.startswith(START) else _mark(piece, pattern) for piece in pieces)


def _mark(piece: str, pattern: re.Pattern[str]) -> str:
    """Marks where `pattern` matches the folded piece (CJK terms are folded, store.script), put
    around the printed characters: folding keeps every offset."""
    out, last = [], 0
    for m in pattern.finditer(fold(piece)):
        out += [piece[last : m.start()], START, piece[m.start() : m.end()], STOP]
        last = m.end()
    return "".join(out) + piece[last:]


def window(text: str, pattern: re.Pattern[str] | None, width: int = 200) -> str:
    """About `width` characters of `text` around the first match, matches marked (unescaped)."""
    text = " ".join(text.split())
    found = pattern.search(fold(text)) if pattern else None
    if found is None:
        cut = text[:width]
        return mark(cut, pattern) + (ELLIPSIS if len(text) > width else "")
    start = max(0, found.start() - width // 3)
    end = min(len(text), start + width)
    cut = text[start:end]
    return (ELLIPSIS if start else "") + mark(cut, pattern) + (ELLIPSIS if end < len(text) else "")
