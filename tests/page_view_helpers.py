"""Builders shared by the store page-view tests (tests/test_store_*_view.py): a contract
JSON with only the facts a test names, and Hong Kong times."""

from __future__ import annotations

import datetime as dt

import store


def extraction(
    directors: dict[str, list[str]] | None = None,
    *,
    connected: list[str] = (),
    parties: list[str] = (),
    caps: list[tuple[int, str, str]] = (),
    evidence: dict | None = None,
) -> dict:
    """A contract with these directors (by role), connected persons, parties and caps
    (amount, currency, period end)."""
    return {
        "company": None, "stock_code": None, "announcement_date": None, "title": None,
        "transaction_types": [], "listing_rules_chapters": [],
        "parties": [{"name": n, "full_name": f"{n} Limited"} for n in parties],
        "agreements": [],
        "annual_caps": [{"amount": amount, "currency": currency, "period_end": end}
                        for amount, currency, end in caps],
        "connected_persons": [{"name": n, "connected_entity": "Xiaomi", "relationship": "owner"}
                              for n in connected],
        "directors": {"executive": [], "non_executive": [], "independent_non_executive": [],
                      **(directors or {})},
        "abstained_directors": [], "evidence": evidence or {},
    }  # fmt: skip


def at(y: int, m: int, d: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, hour, tzinfo=store.HK)
