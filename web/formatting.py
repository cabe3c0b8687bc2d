"""Display helpers shared by templates, CSV and feeds: money, dates, evidence highlighting.

`highlight` is the one place that produces HTML from stored text: it escapes every segment
itself and only adds `<mark>` around matches, so its output is safe to mark as such.
"""

from __future__ import annotations

import datetime as dt
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


def _needle_spans(text: str, lowered: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `needle`; ASCII word edges must be word boundaries
    (so "Jun" marks "Jun LEI" but not "June")."""
    spans = []
    target = needle.lower()
    check_left = needle[:1].isascii() and needle[:1].isalnum()
    check_right = needle[-1:].isascii() and needle[-1:].isalnum()
    start = lowered.find(target)
    while start != -1:
        end = start + len(target)
        left_ok = not check_left or start == 0 or not text[start - 1].isalnum()
        right_ok = not check_right or end == len(text) or not text[end].isalnum()
        if left_ok and right_ok:
            spans.append((start, end))
        start = lowered.find(target, start + 1)
    return spans


def highlight(text: str | None, needles: Iterable[str] = (), *, money_too: bool = False) -> Markup:
    """Escape `text` and wrap each occurrence of a needle (case-insensitive) in `<mark>`.

    Plain string search, not a regex per fact: a compiled pattern per filing's names would
    cost more than the rest of the page."""
    if not text:
        return Markup("")
    parts = {n.strip() for n in needles if n and len(n.strip()) >= 2}
    spans: list[tuple[int, int]] = []
    if money_too:
        spans += [m.span() for m in MONEY_RE.finditer(text)]
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case changes length
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for needle in parts:
        spans += _needle_spans(text, lowered, needle)
    if not spans:
        return Markup(escape(text))
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < pos or end == start:
            continue  # overlaps a longer match already marked
        out.append(str(escape(text[pos:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
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
