"""Cap periods: "year ending 31 December 2025", "period from 1 April 2024 to 31 December 2024",
"the three years ending 31 December 2025, 2026 and 2027", a bare "2014" under a header that says
"Year ending 31 December". Each becomes its end date and the phrase as printed.
"""

from __future__ import annotations

import datetime as dt
import re

from extract.dates import DATE_ANY, MONTHS, all_dates, day_month

_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"  # noqa: E501
)
PERIOD = re.compile(
    r"(?P<label>(?:(?:financial|fiscal)\s+)?(?:year|period|six months|nine months|three months|"
    r"twelve months|months|FY)\s*(?:ending|ended|from\b[^;]{0,60}?\bto|to|up to|until)\s+"
    rf"(?:on\s+)?(?:{DATE_ANY.pattern}))",
    re.I,
)
YEARS_LIST = re.compile(
    rf"(?:years?|periods?)\s+(?:ending|ended)\s+(?:on\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})"
    r"\s+(?P<years>(?:\d{4}\s*,\s*)*\d{4}(?:\s*,?\s*(?:and|&)\s*\d{4})?)",
    re.I,
)
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*/\s*(\d{4}|\d{2})\b")
_PAST = re.compile(r"\b(ended|historical|actual)\b", re.I)


#: a financial year named by the two calendar years it spans: "2025/26", "FY2025/2026", "2025-26"
_SPLIT_YEAR = re.compile(
    r"\b(?:FY\s?)?((?:19|20)\d{2})\s?(?:/|[–-](?=\d{2}\b))\s?((?:19|20)?\d{2})\b"
)


def period_end(label: str, default_day_month: tuple[int, int] | None = None) -> dt.date | None:
    """The end date of a period phrase or table header cell."""
    dates = all_dates(label)
    if dates:
        return dates[-1][2]
    split = _SPLIT_YEAR.search(label)
    if split:  # "2026/27": the financial year that ends in 2027 (on 31 March unless told)
        first, second = int(split.group(1)), split.group(2)
        end_year = int(second) if len(second) == 4 else first - first % 100 + int(second)
        if end_year == first + 1:
            month, day = default_day_month or (3, 31)
            try:
                return dt.date(end_year, month, day)
            except ValueError:
                return None
    year = re.search(r"\b(?:FY\s?)?((?:19|20)\d{2})\b", label)
    if year:
        month, day = default_day_month or (12, 31)
        try:
            return dt.date(int(year.group(1)), month, day)
        except ValueError:
            return None
    return None


def year_label(end: dt.date) -> str:
    """ "year ending 31 December 2026": the label of a year known only by its end."""
    return f"year ending {end.day} {end.strftime('%B')} {end.year}"


def clean_label(label: str) -> str:
    text = " ".join(label.split()).strip(" :;,.")
    return re.sub(r"^(?:for|during|in)\s+(?:each of\s+)?(?:the\s+)?", "", text, flags=re.I)


def is_past(label: str) -> bool:
    return bool(_PAST.search(label))


#: "the years ending 31 March 2027 and 31 March 2028": each year end written out
DATES_LIST = re.compile(
    rf"(?:years|periods)\s+(?:ending|ended)\s+(?:on\s+)?(?P<dates>(?:{DATE_ANY.pattern})"
    rf"(?:\s*(?:,|,?\s*and|&)\s*(?:{DATE_ANY.pattern}))+)",
    re.I,
)


def years_list(text: str) -> list[tuple[str, dt.date]]:
    """ "years ending 31 December 2025, 2026 and 2027" -> three (label, end date); also
    "years ending 31 March 2027 and 31 March 2028"."""
    m = YEARS_LIST.search(text)
    full = DATES_LIST.search(text)
    if full and (not m or full.start() <= m.start()):
        return [(year_label(d), d) for _, _, d in all_dates(full.group("dates"))]
    if not m:
        return []
    month = MONTHS[m.group("month").lower()]
    day = int(m.group("day"))
    out = []
    for y in re.findall(r"\d{4}", m.group("years")):
        try:
            out.append((f"year ending {day} {m.group('month')} {y}", dt.date(int(y), month, day)))
        except ValueError:
            continue
    return out


_EACH = re.compile(
    rf"\b(?P<each>each\s+of\s+)?the\s+(?P<n>two|three|four|five|\d)\s+(?:financial\s+|fiscal\s+)?years\s+"
    rf"(?:ending|ended)\s+(?:on\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})",
    re.I,
)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}
#: a year end followed by more of a list: ", 2027 and 2028", " and 31 December 2027"
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|&)\s*(?:\d{1,2}\s+[A-Za-z]+\s+)?\d{4}")


def each_years(text: str, each: bool = True) -> list[tuple[str, dt.date]]:
    """ "for each of the two financial years ending 30 June 2027" -> the two year ends; with
    each=False also "for the three years ending 31 December 2027" (amounts listed per year)."""
    m = _EACH.search(text)
    if not m or (each and not m.group("each")):
        return []
    if _LIST_GOES_ON.match(text[m.end() :]):  # "the three years ending 31 March 2026, 2027
        return years_list(text[m.start() :])  # and 2028": the years listed, not counted back
    n = _COUNT.get(m.group("n").lower()) or int(m.group("n"))
    written = years_list(text[m.start() :])
    if len(written) == n:  # "the two years ending 31 March 2021 and 31 March 2022"
        return written
    month, day, last = MONTHS[m.group("month").lower()], int(m.group("day")), int(m.group("year"))
    out = []
    for y in range(last - n + 1, last + 1):
        try:
            out.append((f"year ending {day} {m.group('month')} {y}", dt.date(y, month, day)))
        except ValueError:
            continue
    return out


def header_day_month(text: str) -> tuple[int, int] | None:
    """ "For the year ending 31 December" (years in the columns)."""
    if re.search(r"(?:ending|ended)\s+(?:on\s+)?\d{1,2}\s+\w+\s*(?:$|\()", text):
        return day_month(text)
    return day_month(text) if not re.search(r"\d{4}", text) else None


def periods_in(text: str) -> list[tuple[str, dt.date, int]]:
    """Every period `text` names, as (label, end date, position), in order: "the year ending 31
    March 2025", "the period from 12 June 2023 to 31 March 2024", and each year end of a list
    ("the years ending 31 March 2025 and 31 March 2026", "the years ending 31 December 2025,
    2026 and 2027", "each of the three years ending 31 December 2027"). Periods already ended
    ("the year ended ...") are left out; a year end named twice counts once."""
    found: list[tuple[str, dt.date, int]] = []
    for m in PERIOD.finditer(text):
        end = period_end(m.group("label"))
        if end is not None and not is_past(m.group("label")):
            found.append((clean_label(m.group("label")), end, m.start()))
    for rx in (DATES_LIST, YEARS_LIST):
        for m in rx.finditer(text):
            if not is_past(m.group(0)):
                found += [(lab, d, m.start()) for lab, d in years_list(m.group(0))]
    for m in _EACH.finditer(text):
        listed = _LIST_GOES_ON.match(text[m.end() :])
        if not is_past(m.group(0)) and not listed:  # "the two years ending 31 March 2025
            # and 31 March 2026" is a list, read above
            found += [(lab, d, m.start()) for lab, d in each_years(m.group(0), each=False)]
    found.sort(key=lambda p: p[2])
    seen: set[dt.date] = set()
    out = []
    for p in found:
        if p[1] not in seen:
            seen.add(p[1])
            out.append(p)
    return out
