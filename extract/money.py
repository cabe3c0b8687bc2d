"""Money as announcements write it: HK$1.5bn, RMB8 million, US$3.2m, Renminbi 8,000,000.

Amounts become plain numbers in units (RMB8 million -> 8000000) with ISO-like currency codes,
as the extraction contract requires.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CURRENCIES = {
    "hk$": "HKD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "rmb": "RMB",
    "renminbi": "RMB",
    "cny": "RMB",
    "us$": "USD",
    "usd": "USD",
    "us dollars": "USD",
    "s$": "SGD",
    "sgd": "SGD",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "jpy": "JPY",
    "¥": "JPY",
    "yen": "JPY",
    "mop": "MOP",
    "mop$": "MOP",
    "nt$": "TWD",
    "twd": "TWD",
}
SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "'000": 1_000,
    "’000": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mil": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}
_CUR = r"HK\$|US\$|MOP\$|NT\$|S\$|HKD|RMB|USD|SGD|EUR|GBP|JPY|MOP|TWD|CNY|Renminbi|€|£|¥"
#: every currency mark a figure may carry, as a regex alternation
CURRENCY_MARK = _CUR
MONEY = re.compile(
    rf"(?P<cur>{_CUR})\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|billion|bn|mn|m|k)?(?![A-Za-z])",
    re.I,
)
NUMBER = re.compile(r"^\(?(\d[\d,]*(?:\.\d+)?)\)?$")
#: a token the tokenizer must keep whole (spaCy `token_match`)
MONEY_TOKEN = re.compile(rf"^(?:{_CUR})\d[\d,]*(?:\.\d+)?(?:bn|mn|m|k|b)?$", re.I)


def currency_code(text: str) -> str | None:
    return CURRENCIES.get(text.strip().lower())


def to_number(num: str, scale: str | None = None) -> float | int | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return int(value) if value == value.to_integral_value() else float(value)


def parse_money(text: str) -> tuple[float | int, str] | None:
    """The first amount in `text` as (amount in units, currency code)."""
    m = MONEY.search(text)
    if not m:
        return None
    amount = to_number(m.group("num"), m.group("scale"))
    cur = currency_code(m.group("cur"))
    if amount is None or cur is None:
        return None
    return amount, cur


#: units of PRC issuers' tables: "RMB'0,000" and "RMB ten thousand" (10,000), "RMB100 million"
#: and "RMB hundred million" (100,000,000); "RMB10,000" or "RMB100 million" only framed as a
#: unit ("(Unit: RMB10,000)", "(in RMB100 million)"), since in prose they are amounts
_TEN_THOUSANDS = re.compile(
    rf"({_CUR})\s?(?:['’]0,000|ten[\s-]thousands?|hundred\s+millions?"
    r"|['’]00\s?million)",
    re.I,
)
_FRAMED_UNIT = re.compile(
    rf"(?:\bunits?\s*[:：]?\s*|\bin\s+|\(\s*)({_CUR})\s?(10,000|10000|10\s?thousand|100\s?million)"
    r"\s*(?:\)|$)",
    re.I,
)
_WIDE_SCALES = {"10,000": 10_000, "10000": 10_000, "10thousand": 10_000, "10 thousand": 10_000}


def _wide_unit(text: str) -> tuple[str | None, int]:
    """ "(Unit: RMB'0,000)", "RMB ten thousand", "(Unit: RMB100 million)"."""
    m = re.search(rf"({_CUR})\s?['’]000,000\b", text, re.I)  # "(RMB'000,000)": millions
    if m:
        return currency_code(m.group(1)), 1_000_000
    m = _TEN_THOUSANDS.search(text)
    if m:
        hundred_m = re.search(r"hundred|00\s?million", m.group(0), re.I)
        return currency_code(m.group(1)), 100_000_000 if hundred_m else 10_000
    m = _FRAMED_UNIT.search(text)
    if m:
        scale = _WIDE_SCALES.get(m.group(2).lower(), 100_000_000)
        return currency_code(m.group(1)), scale
    m = _YUAN_UNIT.search(text)
    if m:
        hundred_m = re.search(r"hundred|100", m.group(0))
        plain = not re.search(r"thousand|million|10,?000", m.group(0), re.I)
        return "RMB", 1 if plain else 100_000_000 if hundred_m else 10_000
    return None, 1


#: the unit written after the number, as translations of PRC tables print it: "(Unit: ten
#: thousand yuan)", "(in 10,000 RMB)", "(hundred million yuan)", "(Unit: RMB yuan)"
_YUAN_UNIT = re.compile(
    r"(?:\b(?:ten\s+thousand|hundred\s+million)\s+(?:yuan|RMB|Renminbi)\b"
    r"|(?:\bunits?\s*[:：]?\s*|\bin\s+|\(\s*)(?:10,?000|100\s+million)\s+(?:yuan|RMB|Renminbi)\b"
    r"|\bunits?\s*[:：]\s*(?:RMB\s*)?yuan\b)",
    re.I,
)


def unit_of_header(text: str) -> tuple[str | None, int]:
    """Currency and multiplier a table header announces: "(RMB'000)", "HK$ million",
    "(Unit: RMB'0,000)", "RMB100 million"."""
    wide = _wide_unit(text)
    if wide[0] is not None:
        return wide
    m = re.search(rf"({_CUR})\s?(['’]000|thousand|million|billion|m\b|mn\b|bn\b)", text, re.I)
    if m:
        return currency_code(m.group(1)), SCALES.get(m.group(2).lower(), 1)
    m = re.search(rf"\b({_CUR})(?![\d])", text, re.I)
    if m:
        return currency_code(m.group(1)), 1
    return None, 1
