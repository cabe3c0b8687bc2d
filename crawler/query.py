"""Search queries: one (date window, language, stock, headline category) the servlet is asked.

Kept apart from the spider so the plan for a crawl can be tested without a network.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from crawler.items import StockRef
from crawler.urls import ALL, build_search_url
from crawler.windows import Window, clamp_for_categories, plan_windows

TIER1_CODES = frozenset(
    {
        "10000", "20000", "30000", "40000", "50000", "51000", "51500", "52000", "53000",
        "54000", "55000", "56000", "57000", "58000", "59000", "70000", "80000", "81000",
        "90000", "91000",
    }
)  # fmt: skip
"""Tier-1 headline codes (tierone_c.json, hkexnews.md §2.2)."""

LANGUAGES = {"en": ("en",), "zh": ("zh",), "both": ("en", "zh")}


def parse_category(spec: str) -> tuple[str, str]:
    """`"10000"` (a tier-1), `"11300"` (a tier-2; its tier-1 is the first digit's 10000, as in
    every code of hkexnews.md §2.4) or `"10000/11300"` -> (t1code, t2code)."""
    text = spec.strip()
    t1, _, t2 = text.partition("/") if "/" in text else text.partition(":")
    t1, t2 = t1.strip(), t2.strip()
    for code in (t1, t2):
        if code and not (code.isdigit() and len(code) == 5):
            raise ValueError(f"headline category must be five-digit codes, got {spec!r}")
    if t2:
        return t1, t2
    if t1 in TIER1_CODES:
        return t1, ALL
    return t1[0] + "0000", t1


@dataclass(frozen=True)
class Query:
    """One search; `filtered` searches may span 12 months, unfiltered ones one month."""

    window: Window
    language: str
    stock: StockRef | None = None
    t1code: str = ALL
    t2code: str = ALL

    @property
    def filtered(self) -> bool:
        return self.stock is not None or self.t1code != ALL or self.t2code != ALL

    def with_window(self, window: Window) -> Query:
        return replace(self, window=window)

    def url(self, base_url: str, row_range: int) -> str:
        return build_search_url(
            base_url,
            date_from=self.window.start,
            date_to=self.window.end,
            language=self.language,
            row_range=row_range,
            stock_id=self.stock.stock_id if self.stock else -1,
            category=self.stock.category if self.stock else 0,
            t1code=self.t1code,
            t2code=self.t2code,
        )

    def __str__(self) -> str:
        parts = [str(self.window), self.language]
        if self.stock:
            parts.append(f"stock {self.stock.code}")
        if self.t1code != ALL or self.t2code != ALL:
            parts.append(f"category {self.t1code}/{self.t2code}")
        return " ".join(parts)


def plan_queries(
    window: Window,
    *,
    lang: str = "en",
    stocks: list[StockRef] | None = None,
    categories: list[tuple[str, str]] | None = None,
) -> list[Query]:
    """Every query of a crawl, oldest window first."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be en, zh or both, got {lang!r}")
    stock_choices: list[StockRef | None] = list(stocks) if stocks else [None]
    category_choices = list(categories) if categories else [(ALL, ALL)]
    queries: list[Query] = []
    for t1, t2 in category_choices:
        span: Window | None = window
        if (t1, t2) != (ALL, ALL):
            span = clamp_for_categories(window)
        if span is None:
            continue
        for stock in stock_choices:
            filtered = stock is not None or (t1, t2) != (ALL, ALL)
            for part in plan_windows(span, filtered=filtered):
                for language in LANGUAGES[lang]:
                    queries.append(Query(part, language, stock, t1, t2))
    queries.sort(key=lambda q: (q.window, q.language))
    return queries
