"""Filter labels in the SQLite word index (store.labels + migration 0007's triggers).

The token covers are checked against the days and amounts they stand for; the triggers are
checked to keep labels and the FTS index in step through inserts, updates, re-extraction and
deletes (FTS5's own integrity check); and filtered word searches are compared with a brute
force over the same rows, on both backends.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

import store
from store import SearchFilters, labels, search
from store.facts import parse_amount
from store.models import HK, Announcement, AnnualCap

A = Announcement.__table__
CAP = AnnualCap.__table__


def _tokens(match: labels.LabelMatch) -> set[str]:
    assert match.expression.startswith(f"{labels.COLUMN} : (")
    tokens = re.findall(r'"([^"]+)"', match.expression)
    assert all(t.startswith(labels.MARK) for t in tokens)
    return {t.removeprefix(labels.MARK) for t in tokens}


def _day_tokens(day: dt.date) -> set[str]:
    return {f"d{day:%Y}", f"d{day:%Y%m}", f"d{day:%Y%m%d}"}


def _cap_tokens(amount: Decimal, currency: str) -> set[str]:
    """A Python mirror of the triggers' cap tokens (its agreement is tested below)."""
    whole = str(min(max(int(amount), 0), labels.MAX_AMOUNT))
    e, d = len(whole) - 1, whole[0]
    cur = currency.lower()
    return {f"cape{e}", f"cape{e}d{d}", f"c{cur}", f"c{cur}e{e}", f"c{cur}e{e}d{d}"}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
        (dt.date(2019, 12, 30), dt.date(2021, 1, 2)),
        (dt.date(2024, 2, 28), dt.date(2024, 3, 1)),
        (dt.date(2023, 5, 17), dt.date(2023, 5, 17)),
        (dt.date(2023, 5, 18), dt.date(2023, 5, 17)),
    ],
)
def test_labels_date_cover_is_exactly_the_days_of_the_range(start, end):
    tokens = _tokens(labels.date_match(start, end))
    assert len(tokens) < 80
    day = start - dt.timedelta(days=400)
    while day <= end + dt.timedelta(days=400):
        assert bool(_day_tokens(day) & tokens) == (start <= day <= end), day
        day += dt.timedelta(days=1)


def test_labels_open_date_ranges_reach_the_covered_years():
    since = _tokens(labels.date_match(dt.date(2020, 6, 1), None))
    until = _tokens(labels.date_match(None, dt.date(2020, 6, 1)))
    assert (
        _day_tokens(dt.date(2199, 12, 31)) & since and not _day_tokens(dt.date(2020, 5, 31)) & since
    )
    assert _day_tokens(dt.date(1999, 4, 1)) & until and not _day_tokens(dt.date(2020, 6, 2)) & until
    assert labels.date_match(None, None) is None


AMOUNTS = [Decimal(a) for a in (
    "0", "0.5", "1", "9.99", "10", "99", "100", "150", "999999.99", "1000000", "1500000",
    "4999999", "5000000", "5000000.01", "99999999", "100000000", "100000000.5", "250000000",
    "1000000000", "12345678901", "9" * 25,
)]  # fmt: skip


@pytest.mark.parametrize(
    ("low", "high"),
    [("5000000", None), ("100000000", None), ("4500000", None), ("0.5", None), (None, "1000000"),
     ("1000000", "250000000"), ("150", "150"), ("250000000", "1000000")],
)  # fmt: skip
@pytest.mark.parametrize("currency", [None, "HKD"])
def test_labels_cap_cover_holds_every_cap_in_range_and_says_when_it_is_exact(low, high, currency):
    low_d = Decimal(low) if low else None
    high_d = Decimal(high) if high else None
    match = labels.cap_match(low_d, high_d, currency)
    tokens = _tokens(match)
    for amount in AMOUNTS:
        for cur in ("HKD", "RMB"):
            inside = (low_d is None or amount >= low_d) and (high_d is None or amount <= high_d)
            inside = inside and (currency is None or cur == currency)
            hit = bool(_cap_tokens(amount, cur) & tokens)
            assert hit or not inside, (amount, cur)  # a superset, always
            if match.exact:
                assert hit == inside, (amount, cur)
    empty = low_d is not None and high_d is not None and low_d > high_d
    assert match.exact == (low in ("5000000", "100000000") and high is None or empty)


def test_labels_cannot_say_odd_codes_or_currencies():
    assert labels.stock_match(["0700.HK"]) is None
    assert labels.type_match("odd-type") is None and labels.language_match("zh-hk") is None
    assert _tokens(labels.type_match(" Major Transaction")) == {"tmajor0transaction"}
    assert _tokens(labels.language_match("ZH")) == {"lzh"}
    assert labels.cap_match(Decimal(1), None, "HK$") is None
    assert labels.cap_match(None, None, None) is None
    assert _tokens(labels.cap_match(None, None, "usd")) == {"cusd"}
    assert _tokens(labels.stock_match(["00700", "09988"])) == {"s00700", "s09988"}


# --- the triggers (SQLite only: PostgreSQL's planner needs no labels) ------------------------


def _stored_labels(engine, announcement_id: int) -> tuple[str, str]:
    """(labels as the triggers left them, labels computed now by store.labels.LABELS_SQL),
    each without the MARK that starts every label."""
    with engine.connect() as conn:
        stored, computed = conn.execute(
            sa.text(
                f"SELECT search_labels, {labels.LABELS_SQL.format(r='announcement')}"
                " FROM announcement WHERE id = :i"
            ),
            {"i": announcement_id},
        ).one()
    assert all(t.startswith(labels.MARK) for t in stored.split())
    return stored.replace(labels.MARK, ""), computed.replace(labels.MARK, "")


def _integrity(engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO announcement_fts(announcement_fts, rank) VALUES ('integrity-check', 1)"
        )


def _extraction(*caps: tuple[str, str]) -> dict:
    return {
        "transaction_types": ["connected transaction"],
        "annual_caps": [
            {"amount": amount, "currency": currency, "period": "FY2025"}
            for amount, currency in caps
        ],
    }


def test_labels_follow_inserts_updates_reextraction_and_deletes(sqlite_engine):
    engine = sqlite_engine
    when = dt.datetime(2024, 3, 31, 23, 30, tzinfo=HK)  # 15:30 UTC: the HK day is the 31st
    fields = {"news_id": "n1", "stock_code": "00700", "stock_codes": ["00700", "09988"],
              "title": "CONNECTED TRANSACTION", "published_at": when, "text": "a lease",
              "sha256": "a"}  # fmt: skip
    with store.session(engine) as s:
        row, _ = store.upsert_announcement(s, fields)
        s.commit()
        rid = row.id
    stored, computed = _stored_labels(engine, rid)
    assert stored == computed == "s00700 s09988 d2024 d202403 d20240331 len"
    _integrity(engine)

    with store.session(engine) as s:
        extraction = _extraction(("150000000", "HKD"), ("5000000.50", "RMB"))
        store.save_extraction(s, rid, extraction, text="a lease", extractor_version=1)
        s.commit()
    stored, computed = _stored_labels(engine, rid)
    assert stored == computed
    assert {"chkde8d1", "crmbe6d5", "cape8", "cape6d5"} <= set(stored.split())
    assert "tconnected0transaction" in stored.split()
    _integrity(engine)

    with store.session(engine) as s:  # re-extraction replaces the caps
        store.save_extraction(s, rid, _extraction(("20", "USD")), text="b", extractor_version=2)
        s.commit()
    stored, _ = _stored_labels(engine, rid)
    assert "cusde1d2" in stored.split() and "chkde8d1" not in stored.split()
    _integrity(engine)

    with store.session(engine) as s:  # a changed file moves date and stock
        later = {**fields, "sha256": "b", "published_at": when + dt.timedelta(hours=1),
                 "stock_code": "00001", "stock_codes": ["00001"]}  # fmt: skip
        store.upsert_announcement(s, later)
        s.commit()
    stored, computed = _stored_labels(engine, rid)
    assert stored == computed and stored.startswith("s00001 d2024 d202404 d20240401 ")
    _integrity(engine)
    assert search(engine, "lease", SearchFilters(stock_codes=["00700"])).total == 0
    assert search(engine, "lease", SearchFilters(stock_codes=["1"], currency="USD")).total == 1

    with engine.begin() as conn:
        conn.execute(sa.delete(A).where(A.c.id == rid))
    _integrity(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(CAP)).scalar_one() == 0


def test_labels_are_not_found_by_the_words_a_user_types(sqlite_engine):
    with store.session(sqlite_engine) as s:
        store.upsert_announcement(
            s,
            {
                "news_id": "n1",
                "stock_code": "00700",
                "title": "LEASE",
                "published_at": dt.datetime(2024, 1, 2, 10, tzinfo=HK),
            },  # fmt: skip
        )
        s.commit()
    assert search(sqlite_engine, "s00700").total == 0
    assert search(sqlite_engine, f"{labels.MARK}s00700 OR s0*").total == 0
    assert search(sqlite_engine, "d2024 OR d20240102").total == 0
    assert search(sqlite_engine, "00700").total == 1  # the code itself is text


# --- filtered word searches against a brute force (both backends) ----------------------------


def _corpus(engine, n: int = 240) -> list[dict]:
    rnd = random.Random(5)
    start = dt.datetime(2019, 12, 31, 14, 0, tzinfo=dt.UTC)  # 22:00 HK
    rows, caps = [], []
    for i in range(1, n + 1):
        code = rnd.choice(["00700", "00001", "09988"])
        when = start + dt.timedelta(hours=5 * i + rnd.choice([0, 1, 9, 10]))
        words = " ".join(rnd.sample(["lease", "supply", "services", "loan", "tenancy"], 2))
        types = rnd.sample(["connected transaction", "Major Transaction", "odd-type"], 2)
        rows.append({
            "id": i, "news_id": f"c{i}", "stock_code": code, "stock_codes": [code],
            "stock_name": "", "title": "ANNOUNCEMENT", "headline": "", "headline_t2": [],
            "published_at": when, "language": rnd.choice(["en", "zh"]), "status": "extracted",
            "attempts": 0,
            "revised": False, "file_type": "PDF", "document_url": "", "text": words,
            "facts_text": "", "transaction_types": types, "needs_review": False,
            "discovered_at": when,
        })  # fmt: skip
        for _ in range(rnd.randint(0, 2)):
            amount = rnd.choice(AMOUNTS[:-1])
            caps.append({"announcement_id": i, "amount": amount,
                         "currency": rnd.choice(["HKD", "RMB"])})  # fmt: skip
    with engine.begin() as conn:
        conn.execute(sa.insert(A), rows)
        conn.execute(sa.insert(CAP), caps)
    by_id = {r["id"]: r | {"caps": []} for r in rows}
    for cap in caps:
        by_id[cap["announcement_id"]]["caps"].append(cap)
    return list(by_id.values())


def _expected(rows: list[dict], word: str, f: SearchFilters) -> set[int]:
    low = parse_amount(f.cap_min) if f.cap_min is not None else None
    high = parse_amount(f.cap_max) if f.cap_max is not None else None
    out = set()
    for r in rows:
        day = r["published_at"].astimezone(HK).date()
        ok = not word or word in r["text"].split()
        ok &= not f.language or r["language"] == f.language
        wanted = (f.transaction_type or "").strip().lower()
        ok &= not wanted or wanted in [t.lower() for t in r["transaction_types"]]
        ok &= not f.stock_codes or r["stock_code"] in [c.zfill(5) for c in f.stock_codes]
        ok &= f.date_from is None or day >= f.date_from
        ok &= f.date_to is None or day <= f.date_to
        if f.cap_min is not None or f.cap_max is not None or f.currency:
            ok &= any(
                (low is None or c["amount"] >= low)
                and (high is None or c["amount"] <= high)
                and (not f.currency or c["currency"] == f.currency)
                for c in r["caps"]
            )
        if ok:
            out.add(r["id"])
    return out


FILTERS = [
    SearchFilters(stock_codes=["00700"]),
    SearchFilters(stock_codes=["00700", "9988"]),
    SearchFilters(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 20)),
    SearchFilters(date_from=dt.date(2020, 1, 10)),
    SearchFilters(date_to=dt.date(2020, 1, 5)),
    SearchFilters(cap_min=5_000_000, currency="HKD"),
    SearchFilters(cap_min="4,999,999"),
    SearchFilters(cap_min=100, cap_max=1_000_000),
    SearchFilters(cap_max=99),
    SearchFilters(currency="RMB", stock_codes=["00001"], date_from=dt.date(2020, 1, 15)),
    SearchFilters(transaction_type=" major transaction"),
    SearchFilters(transaction_type="odd-type", language="zh"),
    SearchFilters(language="zh", cap_min=1_000_000),
]


@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_labels_filtered_word_search_equals_a_brute_force(db_engine, f):
    rows = _corpus(db_engine)
    for word in ("lease", "services", ""):
        expected = _expected(rows, word, f)
        result = search(db_engine, word, f, per_page=200, sort="date", window=1_000)
        assert {h.id for h in result.hits} == expected and result.total == len(expected)
    if db_engine.dialect.name == "sqlite":
        _integrity(db_engine)


def test_labels_scattered_matches_get_scores_and_snippets(db_engine):
    """Two matches 199 rows apart (a sparse window): scored, ranked and highlighted."""
    when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    rows = [{
        "id": i, "news_id": f"s{i}", "stock_code": code, "stock_codes": [code],
        "stock_name": "", "title": "ANNOUNCEMENT", "headline": "", "headline_t2": [],
        "published_at": when + dt.timedelta(hours=i), "language": "en", "status": "extracted",
        "attempts": 0, "revised": False, "file_type": "PDF", "document_url": "",
        "text": ("lease " * (3 if i == 1 else 1)) + "filler " * 30, "facts_text": "",
        "transaction_types": [], "needs_review": False, "discovered_at": when,
    } for i in range(1, 201) for code in [("00700" if i in (1, 200) else "00001")]]  # fmt: skip
    with db_engine.begin() as conn:
        conn.execute(sa.insert(A), rows)
    result = search(db_engine, "lease", SearchFilters(stock_codes=["700"]))
    assert [h.id for h in result.hits] == [1, 200]  # the oldest, with three "lease", first
    assert result.hits[0].score > result.hits[1].score > 0
    assert all("<mark>lease</mark>" in h.snippet.lower() for h in result.hits)
    prefix = search(db_engine, "leas*", SearchFilters(stock_codes=["700"]))
    assert [h.id for h in prefix.hits] == [1, 200]
    assert all("<mark>lease</mark>" in h.snippet.lower() for h in prefix.hits)
