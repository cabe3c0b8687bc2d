"""Numbers, money and dates as HKEX prints them in Chinese.

Amounts: 人民幣8百萬元, 港幣1.2億元, 人民幣12207.2千元, 8,000,000港元, 1.2億港元 — a currency
before or after, an optional multiplier (千/萬/百萬/千萬/億/十億). Dates: 2012年5月24日 and the
older all-Chinese form 二零一二年五月二十四日. All regexes run on normalised text
(`normalise.normalise`), so simplified 人民币/亿 match too.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extract.patterns import load, strings

CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "〇零○一二三四五六七八九"
DATE_RE = re.compile(
    rf"(\d{{4}}|[{_CN}O]{{4}})\s*年\s*(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*"
    rf"(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日"
)
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def cn_int(s: str) -> int | None:
    """'24' -> 24, '二十四' -> 24, '十' -> 10, '二零一二' -> 2012 (digit by digit)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, units = s.partition("十")
        t = CN_DIGIT.get(tens, None) if tens else 1
        u = CN_DIGIT.get(units, None) if units else 0
        if t is None or u is None:
            return None
        return t * 10 + u
    digits = [CN_DIGIT.get(c) for c in s]
    if not digits or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def date_from_match(m: re.Match[str]) -> dt.date | None:
    y, mo, d = (cn_int(g) for g in m.groups()[:3])
    if y is None or mo is None or d is None:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) for every well-formed date in normalised text."""
    out = []
    for m in DATE_RE.finditer(text):
        d = date_from_match(m)
        if d:
            out.append((m.start(), m.end(), d))
    return out


@lru_cache(maxsize=1)
def multipliers() -> dict[str, int]:
    return {r["pattern"]: int(r["factor"]) for r in load("multipliers", "zh")}


@lru_cache(maxsize=1)
def currencies() -> dict[str, str]:
    return {r["pattern"]: r["code"] for r in load("currencies", "zh")}


def _alt(items: list[str]) -> str:
    return "|".join(re.escape(i) for i in items)


@lru_cache(maxsize=1)
def amount_re() -> re.Pattern[str]:
    pre = _alt(
        strings("currencies", language="zh", position="prefix")
        + strings("currencies", language="zh", position="both")
    )
    suf = _alt(
        strings("currencies", language="zh", position="suffix")
        + strings("currencies", language="zh", position="both")
    )
    mult = _alt(strings("multipliers", language="zh"))
    return re.compile(
        rf"(?P<pc>{pre})\s*(?P<n1>{NUM})\s*(?P<m1>{mult})?\s*(?:元(?!人民幣))?"
        rf"|(?P<n2>{NUM})\s*(?P<m2>{mult})?\s*(?P<sc>{suf})"
    )


def to_number(num: str, mult: str | None = None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if mult:
        value *= multipliers()[mult]
    return value


def plain(value: Decimal) -> int | float:
    """Contract amounts are plain numbers: ints when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def find_amounts(text: str) -> list[tuple[int, int, Decimal, str]]:
    """(start, end, amount in units, ISO currency) for every money amount in normalised text."""
    out = []
    cur = currencies()
    for m in amount_re().finditer(text):
        if m.group("pc"):
            code, value = cur[m.group("pc")], to_number(m.group("n1"), m.group("m1"))
        else:
            code, value = cur[m.group("sc")], to_number(m.group("n2"), m.group("m2"))
        if value is not None:
            out.append((m.start(), m.end(), value, code))
    return out


@lru_cache(maxsize=1)
def unit_re() -> re.Pattern[str]:
    """A table's unit cell: (人民幣千元), 千港元, (百萬港元), 港幣百萬元, (以人民幣千元計)."""
    allc = _alt(list(currencies()))
    mult = _alt(strings("multipliers", language="zh"))
    return re.compile(
        rf"(?:以)?(?P<c1>{allc})?\s*(?P<m>{mult})?\s*(?:元)?\s*(?P<c2>{allc})?(?:計)?"
    )


def parse_unit(cell: str) -> tuple[str, int] | None:
    """'(人民幣千元)' -> ('RMB', 1000); '千港元' -> ('HKD', 1000); None when not a unit cell."""
    inner = cell.strip().strip("()（）").strip()
    if not inner:
        return None
    m = unit_re().fullmatch(inner)
    if not m or not (m.group("c1") or m.group("c2")):
        return None
    code = currencies()[m.group("c1") or m.group("c2")]
    return code, multipliers().get(m.group("m") or "", 1)
