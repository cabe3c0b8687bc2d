"""Display helpers shared by templates, CSV and feeds: money, dates, evidence highlighting.

`highlight` is the one place that produces HTML from stored text: it escapes every segment
itself and only adds `<mark>` around matches, so its output is safe to mark as such.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from markupsafe import Markup, escape

CURRENCY_PREFIX = {"HKD": "HK$", "USD": "US$", "RMB": "RMB ", "SGD": "S$", "EUR": "€"}
_SCALES = ((Decimal(10**9), "billion"), (Decimal(10**6), "million"), (Decimal(10**3), "thousand"))

# Money as announcements write it: "RMB8 million", "HK$1.2 billion", "US$ 350,000".
MONEY_RE = re.compile(
    r"(?:RMB|HK\$|US\$|HKD|USD|S\$|EUR|GBP|JPY|MOP|NT\$|人民幣|港幣|港元|美元)\s?"
    r"\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|萬|億|百萬))?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:million|billion)",
    re.IGNORECASE,
)


def to_decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money(amount: object, currency: str | None = None) -> str:
    """`HK$1,200,000,000` — exact, with thousands separators and no spurious decimals."""
    value = to_decimal(amount)
    if value is None:
        return ""
    text = f"{value:,.2f}".removesuffix(".00")
    code = (currency or "").upper()
    return f"{CURRENCY_PREFIX.get(code, code + ' ' if code else '')}{text}"


def money_short(amount: object) -> str:
    """`1.2 billion` — the scale announcements use, shown beside the exact amount."""
    value = to_decimal(amount)
    if value is None:
        return ""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            short = (value / scale).quantize(Decimal("0.01")).normalize()
            return f"{short:f} {word}"
    return f"{value:,f}"


def date(value: object, fmt: str = "%-d %b %Y") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(fmt)
    return str(value)


def datetime_hk(value: dt.datetime | None) -> str:
    return value.strftime("%-d %b %Y %H:%M") if value else ""


def http_url(value: str | None) -> str:
    """The URL if it is http(s), else "": a stored `javascript:` link must never be clickable."""
    value = (value or "").strip()
    return value if re.match(r"^https?://", value, re.IGNORECASE) else ""


def _needle_pattern(needle: str) -> str:
    pattern = re.escape(needle)
    if needle[:1].isascii() and needle[:1].isalnum():
        pattern = r"\b" + pattern
    if needle[-1:].isascii() and needle[-1:].isalnum():
        pattern += r"\b"
    return pattern


@functools.lru_cache(maxsize=4096)
def _highlighter(parts: tuple[str, ...], money_too: bool) -> re.Pattern[str]:
    """One compiled pattern per set of needles (longest first), reused across requests."""
    patterns = [_needle_pattern(n) for n in parts]
    if money_too:
        patterns.insert(0, MONEY_RE.pattern)
    return re.compile("|".join(patterns), re.IGNORECASE)


def highlight(text: str | None, needles: Iterable[str] = (), *, money_too: bool = False) -> Markup:
    """Escape `text` and wrap each occurrence of a needle (case-insensitive) in `<mark>`."""
    if not text:
        return Markup("")
    parts = tuple(sorted({n.strip() for n in needles if n and len(n.strip()) >= 2}, key=len))
    if not parts and not money_too:
        return Markup(escape(text))
    regex = _highlighter(parts[::-1], money_too)
    out: list[str] = []
    pos = 0
    for m in regex.finditer(text):
        if m.end() == m.start():
            continue
        out.append(str(escape(text[pos : m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def name_needles(name: str | None) -> list[str]:
    """A person's name and its parts, so "Jun LEI" also marks "LEI Jun" in the evidence."""
    if not name:
        return []
    cleaned = re.sub(
        r"^(Mr|Mrs|Ms|Miss|Dr|Madam|Professor|Prof)\.?\s+", "", name.strip(), flags=re.I
    )
    return [name, cleaned, *[p for p in re.split(r"[\s,]+", cleaned) if len(p) >= 2]]


def date_needles(*values: object) -> list[str]:
    """Dates as announcements print them ("24 May 2012"), to mark them in evidence."""
    out = []
    for v in values:
        d = date(v, "%-d %B %Y")
        if d:
            out.append(d)
    return out
