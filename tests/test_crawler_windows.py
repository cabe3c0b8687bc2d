"""crawler.windows: windows the server will answer, and how they split."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.windows import Window, clamp_for_categories, plan_windows, split_months, today_hk


def test_windows_split_months_calendar_aligned() -> None:
    parts = split_months(Window(date(2024, 1, 15), date(2024, 3, 10)))
    assert [str(p) for p in parts] == [
        "2024-01-15..2024-01-31", "2024-02-01..2024-02-29", "2024-03-01..2024-03-10",
    ]  # fmt: skip


def test_windows_long_backfill_covers_every_day_once() -> None:
    whole = Window(date(2007, 1, 1), date(2026, 11, 26))
    parts = plan_windows(whole, filtered=False)
    assert len(parts) == 239
    assert parts[0].start == whole.start and parts[-1].end == whole.end
    assert sum(p.days for p in parts) == whole.days
    pairs = zip(parts, parts[1:], strict=False)
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in pairs)


def test_windows_filtered_searches_use_twelve_months() -> None:
    parts = plan_windows(Window(date(2020, 3, 5), date(2022, 6, 1)), filtered=True)
    assert [str(p) for p in parts] == [
        "2020-03-05..2021-03-04", "2021-03-05..2022-03-04", "2022-03-05..2022-06-01",
    ]  # fmt: skip


def test_windows_halves() -> None:
    a, b = Window(date(2024, 1, 1), date(2024, 1, 31)).halves()
    assert (a.days, b.days) == (15, 16) and a.end.day + 1 == b.start.day
    with pytest.raises(ValueError):
        Window(date(2024, 1, 1), date(2024, 1, 1)).halves()
    with pytest.raises(ValueError):
        Window(date(2024, 1, 2), date(2024, 1, 1))


def test_windows_categories_start_2007_06_25() -> None:
    assert clamp_for_categories(Window(date(2007, 1, 1), date(2007, 12, 31))) == Window(
        date(2007, 6, 25), date(2007, 12, 31)
    )
    assert clamp_for_categories(Window(date(2001, 1, 1), date(2002, 1, 1))) is None


def test_windows_today_is_hong_kong_date() -> None:
    late_utc = datetime(2026, 3, 1, 20, 0, tzinfo=ZoneInfo("UTC"))  # 04:00 next day in HK
    assert today_hk(late_utc) == date(2026, 3, 2)
