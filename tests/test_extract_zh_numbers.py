"""extract/zh/numbers.py: money with its multipliers and currencies, dates in both notations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from extract.zh.normalise import normalise
from extract.zh.numbers import cn_int, find_amounts, find_dates, parse_unit


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("人民幣8百萬元", Decimal(8_000_000), "RMB"),
        ("港幣1.2億元", Decimal(120_000_000), "HKD"),
        ("人民币12207.2千元", Decimal(12_207_200), "RMB"),
        ("8,000,000港元", Decimal(8_000_000), "HKD"),
        ("1.2億港元", Decimal(120_000_000), "HKD"),
        ("3.2百萬美元", Decimal(3_200_000), "USD"),
        ("人民幣5,000萬元", Decimal(50_000_000), "RMB"),
        ("港元12億", Decimal(1_200_000_000), "HKD"),
        ("8百萬元人民幣", Decimal(8_000_000), "RMB"),
        ("人民币80,000,000元", Decimal(80_000_000), "RMB"),
        ("HK$3.6百萬", Decimal(3_600_000), "HKD"),
        ("澳門幣2千萬元", Decimal(20_000_000), "MOP"),
        ("新加坡元1.5百萬元", Decimal(1_500_000), "SGD"),
        ("人民幣1.5十億元", Decimal(1_500_000_000), "RMB"),
    ],
)
def test_amounts(text: str, amount: Decimal, currency: str) -> None:
    found = find_amounts(normalise(f"年度上限為{text}。"))
    assert [(a[2], a[3]) for a in found] == [(amount, currency)]


def test_a_plain_number_is_not_money() -> None:
    assert find_amounts("約27百萬立方米及0.15%") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2012年5月24日", dt.date(2012, 5, 24)),
        ("二零一二年五月二十四日", dt.date(2012, 5, 24)),
        ("二〇二五年十二月三十一日", dt.date(2025, 12, 31)),
        ("2025年 3 月 26 日", dt.date(2025, 3, 26)),
    ],
)
def test_dates(text: str, date: dt.date) -> None:
    assert [d for _, _, d in find_dates(normalise(text))] == [date]


def test_impossible_dates_are_dropped() -> None:
    assert find_dates("2025年2月30日") == []


@pytest.mark.parametrize(
    ("s", "n"), [("十", 10), ("二十四", 24), ("三十一", 31), ("二零一二", 2012)]
)
def test_chinese_numerals(s: str, n: int) -> None:
    assert cn_int(s) == n


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("(人民幣千元)", ("RMB", 1000)),
        ("千港元", ("HKD", 1000)),
        ("(百萬港元)", ("HKD", 10**6)),
        ("(港元)", ("HKD", 1)),
        ("人民幣百萬元", ("RMB", 10**6)),
        ("(以人民幣千元計)", ("RMB", 1000)),
    ],
)
def test_table_units(cell: str, unit: tuple[str, int]) -> None:
    assert parse_unit(normalise(cell)) == unit


def test_a_label_is_not_a_unit() -> None:
    assert parse_unit("採購") is None
