"""crawler.query: categories and the plan of queries for a crawl."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.items import StockRef
from crawler.query import parse_category, plan_queries
from crawler.windows import Window


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("10000", ("10000", "-2")), ("51500", ("51500", "-2")), ("11300", ("10000", "11300")),
     ("21100", ("20000", "21100")), ("10000/11200", ("10000", "11200"))],
)  # fmt: skip
def test_query_parse_category(spec, expected) -> None:
    assert parse_category(spec) == expected


@pytest.mark.parametrize("spec", ["abc", "1130", "10000/1"])
def test_query_parse_category_rejects_junk(spec) -> None:
    with pytest.raises(ValueError):
        parse_category(spec)


def test_query_plan_both_languages_month_windows() -> None:
    queries = plan_queries(Window(date(2024, 1, 20), date(2024, 2, 10)), lang="both")
    assert [(str(q.window), q.language) for q in queries] == [
        ("2024-01-20..2024-01-31", "en"), ("2024-01-20..2024-01-31", "zh"),
        ("2024-02-01..2024-02-10", "en"), ("2024-02-01..2024-02-10", "zh"),
    ]  # fmt: skip
    assert not queries[0].filtered


def test_query_plan_stock_and_category() -> None:
    stock = StockRef("03888", 12345, "KINGSOFT")
    queries = plan_queries(
        Window(date(2006, 1, 1), date(2008, 1, 1)), stocks=[stock], categories=[("10000", "11300")]
    )
    assert [str(q.window) for q in queries] == ["2007-06-25..2008-01-01"]
    query = queries[0]
    assert query.filtered and "stockId=12345" in query.url("http://x", 100)
    assert "t2code=11300" in query.url("http://x", 100)


def test_query_plan_rejects_unknown_lang() -> None:
    with pytest.raises(ValueError):
        plan_queries(Window(date(2024, 1, 1), date(2024, 1, 2)), lang="fr")
