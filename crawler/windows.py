"""Date windows for the title search: what the server will answer, and how to split.

HKEXnews limits an unfiltered search to about one month and any search to 12 months (longer
windows answer a *silent* zero), headline-category searches start on 2007-06-25, and one answer
holds at most 10,000 rows. Windows built here never cross those limits, so a "null" answer
can only mean "nothing matched" or a refusal we could not foresee (see the spider's rule).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

HK = ZoneInfo("Asia/Hong_Kong")
HEADLINE_CATEGORY_START = date(2007, 6, 25)
SEARCH_START = date(1999, 4, 1)


@dataclass(frozen=True, order=True)
class Window:
    """An inclusive range of Hong Kong dates."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends before it starts: {self.start} > {self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def halves(self) -> tuple[Window, Window]:
        """Two windows covering this one; only for windows of two days or more."""
        if self.days < 2:
            raise ValueError("a one-day window cannot be split")
        middle = self.start + timedelta(days=self.days // 2 - 1)
        return Window(self.start, middle), Window(middle + timedelta(days=1), self.end)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def today_hk(now: datetime | None = None) -> date:
    """Today's date in Hong Kong, whatever the machine's zone."""
    return (now or datetime.now(HK)).astimezone(HK).date()


def split_months(window: Window, months: int = 1) -> list[Window]:
    """Consecutive windows of at most `months` calendar months (month-aligned for months=1).

    `split_months(2024-01-15..2024-03-10)` -> 01-15..01-31, 02-01..02-29, 03-01..03-10.
    """
    out: list[Window] = []
    start = window.start
    while start <= window.end:
        if months == 1:
            last_day = calendar.monthrange(start.year, start.month)[1]
            end = date(start.year, start.month, last_day)
        else:
            end = _add_months(start, months) - timedelta(days=1)
        end = min(end, window.end)
        out.append(Window(start, end))
        start = end + timedelta(days=1)
    return out


def plan_windows(window: Window, *, filtered: bool) -> list[Window]:
    """Query windows for a crawl: one month each when unfiltered, up to 12 months when a stock
    or a headline category narrows the search (the server's own limits)."""
    return split_months(window, 1 if not filtered else 12)


def clamp_for_categories(window: Window) -> Window | None:
    """Headline-category searches return a silent zero before 2007-06-25: start there."""
    if window.end < HEADLINE_CATEGORY_START:
        return None
    return Window(max(window.start, HEADLINE_CATEGORY_START), window.end)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
