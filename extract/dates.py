"""Dates as HKEX announcements write them ("24 May 2012", "31st December 2012", "May 24, 2012").

Parsing here is pure and small so every component reads dates the same way.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"  # noqa: E501
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
DATE_ANY = re.compile(f"(?:{DAY_MONTH_YEAR.pattern})|(?:{MONTH_DAY_YEAR.pattern})", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b", re.I)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first full date in `text`, or None."""
    m = DATE_ANY.search(text)
    if not m:
        return None
    if m.group(1):
        return _make(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
    return _make(int(m.group(6)), MONTHS[m.group(4).lower().rstrip(".")], int(m.group(5)))


def all_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date in `text` as (start, end, date)."""
    out = []
    for m in DATE_ANY.finditer(text):
        d = parse_date(m.group(0))
        if d:
            out.append((m.start(), m.end(), d))
    return out


def day_month(text: str) -> tuple[int, int] | None:
    """A year-less "31 December" (a table header whose years are columns)."""
    m = _DAY_MONTH.search(text)
    if not m:
        return None
    return MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1))


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def add_years(start: dt.date, years: int) -> dt.date:
    """End of a term of `years` years from `start` (the day before the anniversary)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28)
    return anniversary - dt.timedelta(days=1)
