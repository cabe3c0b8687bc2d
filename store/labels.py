"""Filter labels in the SQLite word index: FTS5 expressions for stock, date and cap filters.

Each announcement's `search_labels` column (kept by the triggers of migration 0007) holds
tokens for its stock codes, its Hong Kong publication day, month and year, its language,
its transaction types and each annual cap's currency and size bucket. A filter becomes an
expression over that column which FTS5 intersects with the text query while it walks the
doclists, skipping to the rows that carry a label instead of testing every text match
against an id set.

Every function here returns None when its filter cannot be said in tokens (the caller then
falls back to the SQL filter), and `LabelMatch.exact` is False when the tokens are a superset
(the caller then also applies the exact SQL condition).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

COLUMN = "search_labels"
#: Every label starts with U+E000, a private-use character: FTS5's tokenizer keeps it inside
#: the token, while store.query never lets it into a user's term (it is not a letter or a
#: digit), so no word anyone types can match a label and none needs a column filter.
MARK = "\ue000"
#: Cap amounts are bucketed by their whole part as an SQLite integer (at most 2**63-1).
MAX_AMOUNT = 2**63 - 1
#: Open date ranges are covered from/to these days (HKEXnews starts in 1999).
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)

#: The labels of announcement row `{r}`, as migration 0007's triggers compute them (bulk
#: loaders that bypass the triggers set the column with this, then rebuild the index);
#: char(57344) is MARK.
LABELS_SQL = """(SELECT CASE WHEN x = '' THEN ''
    ELSE char(57344) || replace(x, ' ', ' ' || char(57344)) END FROM (SELECT trim(
    coalesce((SELECT group_concat('s' || code, ' ') FROM (
        SELECT {r}.stock_code AS code WHERE {r}.stock_code <> ''
        UNION SELECT value FROM json_each(
            CASE WHEN json_valid({r}.stock_codes) THEN {r}.stock_codes ELSE '[]' END))), '')
    || coalesce(' d' || strftime('%Y', {r}.published_at, '+8 hours')
        || ' d' || strftime('%Y%m', {r}.published_at, '+8 hours')
        || ' d' || strftime('%Y%m%d', {r}.published_at, '+8 hours'), '')
    || CASE WHEN lower({r}.language) GLOB '[a-z]*' AND lower({r}.language) NOT GLOB '*[^a-z]*'
        THEN ' l' || lower({r}.language) ELSE '' END
    || coalesce((SELECT ' ' || group_concat('t' || replace(v, ' ', '0'), ' ') FROM (
        SELECT DISTINCT lower(value) AS v FROM json_each(CASE WHEN json_valid(
            {r}.transaction_types) THEN {r}.transaction_types ELSE '[]' END))
        WHERE v GLOB '[a-z]*' AND v NOT GLOB '*[^a-z ]*'), '')
    || coalesce((SELECT ' ' || group_concat(
            'cape' || e || ' cape' || e || 'd' || d || CASE
            WHEN length(cur) = 3 AND cur GLOB '[a-z][a-z][a-z]'
            THEN ' c' || cur || ' c' || cur || 'e' || e || ' c' || cur || 'e' || e || 'd' || d
            ELSE '' END, ' ')
        FROM (SELECT lower(currency) AS cur, length(n) - 1 AS e, substr(n, 1, 1) AS d
              FROM (SELECT currency, CAST(max(CAST(amount AS INTEGER), 0) AS TEXT) AS n
                    FROM annualcap WHERE announcement_id = {r}.id))), '')) AS x))"""


@dataclass(frozen=True)
class LabelMatch:
    """An FTS5 expression over the labels column; `exact` False: a superset of the filter.

    `tokens`: the labels any one of which matches (unmarked), for PostgreSQL's labels
    tsvector (migration 0012), which holds the same tokens in a column of its own.
    """

    expression: str
    exact: bool = True
    tokens: tuple[str, ...] = ()


def stock_match(codes: list[str]) -> LabelMatch | None:
    """Any of `codes` (already normalised, e.g. "00700"); None if one is not alphanumeric."""
    if not codes or not all(c.isascii() and c.isalnum() for c in codes):
        return None
    return _any(f"s{c.lower()}" for c in codes)


def language_match(language: str) -> LabelMatch | None:
    """The edition's language ("en", "zh"); None unless it is letters only."""
    language = language.strip().lower()
    return _any([f"l{language}"]) if language.isascii() and language.isalpha() else None


def type_match(transaction_type: str) -> LabelMatch | None:
    """A transaction type, lower case as stored (letters and spaces; a space is written 0)."""
    kind = transaction_type.strip().lower()
    if not re.fullmatch(r"[a-z][a-z ]*", kind):
        return None
    return _any(["t" + kind.replace(" ", "0")])


def date_match(date_from: dt.date | None, date_to: dt.date | None) -> LabelMatch | None:
    """Hong Kong publication day in [date_from, date_to], as few day/month/year tokens."""
    if date_from is None and date_to is None:
        return None
    start, end = max(date_from or EARLIEST, EARLIEST), min(date_to or LATEST, LATEST)
    if start > end:
        return _any(["d0"])  # no day is in an empty range; "d0" is never a label
    tokens = []
    day = start
    while day <= end:
        year_end, month_end = dt.date(day.year, 12, 31), _month_end(day)
        if day.month == 1 and day.day == 1 and year_end <= end:
            tokens.append(f"d{day:%Y}")
            day = year_end
        elif day.day == 1 and month_end <= end:
            tokens.append(f"d{day:%Y%m}")
            day = month_end
        else:
            tokens.append(f"d{day:%Y%m%d}")
        day += dt.timedelta(days=1)
    return _any(tokens)


def cap_match(
    cap_min: Decimal | None, cap_max: Decimal | None, currency: str | None
) -> LabelMatch | None:
    """Some cap (of `currency`, if given) with cap_min <= amount <= cap_max.

    Buckets are (e, d): the whole part has e+1 digits and starts with digit d. Whole buckets
    and whole decades inside the range become tokens; the range is exact when cap_min is a
    bucket's lower edge (like 5,000,000 or 100,000,000) and there is no cap_max.
    """
    cur = (currency or "").strip().lower()
    if cur and not (len(cur) == 3 and cur.isascii() and cur.isalpha()):
        return None
    prefix = f"c{cur}e" if cur else "cape"
    if cap_min is None and cap_max is None:
        return _any([f"c{cur}"]) if cur else None
    low = _bucket(cap_min) if cap_min is not None else (0, 0)
    high = _bucket(cap_max) if cap_max is not None else (len(str(MAX_AMOUNT)) - 1, 9)
    tokens = []
    for e in range(low[0], high[0] + 1):
        first, last = (0 if e == 0 else 1), 9
        lo = low[1] if e == low[0] else first
        hi = high[1] if e == high[0] else last
        if lo > hi:
            continue
        if (lo, hi) == (first, last):
            tokens.append(f"{prefix}{e}")
        else:
            tokens.extend(f"{prefix}{e}d{d}" for d in range(lo, hi + 1))
    if not tokens:  # cap_min > cap_max
        return _any(["d0"])
    exact = cap_max is None and (cap_min is None or _is_lower_edge(cap_min))
    return LabelMatch(_any(tokens).expression, exact=exact, tokens=tuple(tokens))


def _bucket(amount: Decimal) -> tuple[int, int]:
    """(digits - 1, first digit) of the whole part, as SQLite's CAST(amount AS INTEGER) has it."""
    whole = str(min(max(int(amount), 0), MAX_AMOUNT))
    return len(whole) - 1, int(whole[0])


def _is_lower_edge(amount: Decimal) -> bool:
    """True when every amount in amount's bucket is >= amount (it starts the bucket).

    Not for amounts <= 0: bucket (0, 0) also holds the (meaningless) negative caps.
    """
    if amount <= 0 or amount > MAX_AMOUNT:
        return False
    e, d = _bucket(amount)
    return Decimal(amount) == d * Decimal(10) ** e


def _any(tokens) -> LabelMatch:  # noqa: ANN001
    tokens = tuple(tokens)
    expression = f"{COLUMN} : (" + " OR ".join(f'"{MARK}{t}"' for t in tokens) + ")"
    return LabelMatch(expression, tokens=tokens)


def pg_tsquery_text(matches: list[LabelMatch]) -> str:
    """The tsquery (text, for a cast) that all `matches` hold: an AND of ORs of quoted
    lexemes. Tokens are letters and digits (the functions above check what users give)."""
    ors = (" | ".join("'" + t.replace("'", "''") + "'" for t in m.tokens) for m in matches)
    return " & ".join(f"({o})" for o in ors)


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
