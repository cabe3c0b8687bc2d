"""Search benchmark: load N synthetic filings into SQLite and PostgreSQL, time ten queries.

    .venv/bin/python bench/search.py                      # 100,000 filings, both backends
    nice .venv/bin/python bench/search.py --n 1000000     # the 1M target (p95 < 100 ms)
    .venv/bin/python bench/search.py --n 1000000 --reuse  # keep the databases; reload neither

Filings are generated from a fixed seed (same N, same data): English and Chinese titles and
text, parties, directors and connected persons from a shared pool, annual caps in several
currencies. Loading (store.bench_data) bypasses the ORM (executemany on SQLite, COPY on
PostgreSQL) with the insert triggers and secondary indexes dropped, then rebuilds the indexes,
which is several times faster than maintaining them row by row. Queries go through
`store.search` exactly as the CLI and web do (facets on, 20 per page). PostgreSQL uses a scratch
database `fw_bench`, dropped at the end unless --keep or --reuse (which also skips loading a
backend whose database already holds N filings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import store  # noqa: E402
from store.bench_data import (  # noqa: E402
    PostgresBulkLoader,
    SqliteBulkLoader,
    database_on,
    explained,
    holds,
)
from store.cjk import cjk_bigrams, cjk_runs  # noqa: E402
from store.names import name_key  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BENCH_DB = "fw_bench"
BATCH = 5000
UTC = dt.UTC

# --- synthetic vocabulary ---------------------------------------------------------------------

SURNAMES = (
    "CHAN WONG LEE LI CHEUNG LAU NG HO LAM LEUNG TANG CHOW YEUNG TSANG KWOK ZHANG WANG LIU "
    "CHEN ZHAO LEI XU SUN HU GUO MA LUO LIANG SONG ZHENG TAM FUNG YIP SIU KAU LO MAK POON"
).split()
SYLLABLES = (
    "Wai Ka Ming Kin Chi Man Ho Yan Jun Tao Hong Wei Xin Pak Kwan Tak Shun Hui Ling Mei Kit "
    "Fai Keung Wing Yiu Sze Hang Lok Chun Tung Hua Jian Guo Qiang Yong Ping Li Na Fang"
).split()
ZH_SURNAMES = "陳黃李張劉林王吳梁何雷周鄭郭馬羅胡朱許蔡"
ZH_GIVEN = "志明偉華國軍文建家俊嘉永德輝強麗芳敏傑鴻"
PLACES = (
    "Harbour Pacific Dragon Golden Jade Orient Summit Evergreen Silver Phoenix Pearl Lotus "
    "Victoria Kowloon Shenzhen Beijing Shanghai Guangzhou Xiaomi Tencent Kingsoft Lenovo Sino "
    "Cathay Wharf Fortune Everbright Huarun Yuexiu Zhongshan Macau Tianjin Chongqing"
).split()
TRADES = (
    "Logistics Property Energy Technology Pharmaceutical Investment Construction Media "
    "Textile Ports Finance Resources Foods Shipping Telecom Healthcare Retail Cement"
).split()
SUFFIXES = ("Company Limited", "Holdings Limited", "Group Limited", "Co., Ltd.")
ZH_PLACES = "北京 上海 深圳 廣州 成都 香港 澳門 天津 重慶 杭州 小米 金山 華潤 越秀".split()
ZH_TRADES = "物流 地產 能源 科技 製藥 投資 建設 傳媒 紡織 港口 金融 資源 食品 航運".split()
AGREEMENTS = (
    "framework agreement|tenancy agreement|lease agreement|supply agreement|services agreement|"
    "master purchase agreement|logistics services agreement|loan agreement|"
    "sale and purchase agreement|management services agreement|warehousing agreement|"
    "distribution agreement|licence agreement|construction agreement|subscription agreement"
).split("|")
ZH_AGREEMENTS = (
    "框架協議 租賃協議 供應協議 服務協議 採購協議 物流服務協議 貸款協議 買賣協議".split()
)
TYPES = (
    "connected transaction|continuing connected transaction|discloseable transaction|"
    "major transaction|very substantial acquisition|share transaction"
).split("|")
ZH_TYPES = {
    "connected transaction": "關連交易",
    "continuing connected transaction": "持續關連交易",
    "discloseable transaction": "須予披露交易",
    "major transaction": "主要交易",
    "very substantial acquisition": "非常重大收購",
    "share transaction": "股份交易",
}
CURRENCIES = ("HKD", "HKD", "HKD", "RMB", "RMB", "USD")
FILLER = (
    "the board considers that the terms are fair and reasonable and in the interests of the "
    "shareholders as a whole|the independent non-executive directors have reviewed the "
    "transactions|the annual caps were determined with reference to historical amounts and "
    "expected growth|a circular containing further details will be despatched to shareholders|"
    "the transactions constitute continuing connected transactions under chapter 14A of the "
    "listing rules|the consideration was arrived at after arm's length negotiations|"
    "the company will comply with the reporting and announcement requirements|"
    "shareholders and potential investors should exercise caution when dealing in the shares|"
    "the acquisition is subject to the satisfaction of the conditions precedent|"
    "payment shall be made in cash within thirty days after the date of the invoice|"
    "the price shall be no less favourable than that offered by independent third parties|"
    "completion is expected to take place on or before the long stop date"
).split("|")
ZH_FILLER = (
    "董事會認為該等交易之條款屬公平合理，並符合本公司及股東之整體利益。|"
    "獨立非執行董事已審閱該等持續關連交易。|年度上限乃參考過往交易金額及預期增長而釐定。|"
    "股東及潛在投資者於買賣本公司股份時務請審慎行事。|代價乃經公平磋商後釐定。"
).split("|")
PERSON_POOL = 20_000
CODE_POOL = 3_000


def _person_pool(rng: random.Random) -> list[tuple[str, str]]:
    """(english name, chinese name) pairs; key collisions are merged like the store does."""
    people: dict[str, tuple[str, str]] = {}
    while len(people) < PERSON_POOL:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {rng.choice(SURNAMES)}"
        zh = rng.choice(ZH_SURNAMES) + "".join(rng.choices(ZH_GIVEN, k=rng.choice((1, 2))))
        people.setdefault(name_key(name), (name, zh))
    return list(people.values())


class Generator:
    """Deterministic synthetic filings: batch b is the same for a given seed whatever N is."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.seconds = 0.0
        self.people = _person_pool(rng)
        self.codes = [f"{c:05d}" for c in rng.sample(range(1, 9999), CODE_POOL)]
        self.code_weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(CODE_POOL)))
        self.companies = {
            code: (
                f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}",
                rng.choice(ZH_PLACES) + rng.choice(ZH_TRADES) + "控股有限公司",
            )
            for code in self.codes
        }
        self.lexicon = [
            "".join(rng.choices("bcdfghjklmnprstvwz", k=1) + rng.choices("aeiou", k=1)) * 1
            + rng.choice(("ton", "ley", "ham", "field", "wick", "more", "dale", "port"))
            for _ in range(3000)
        ]
        self.start = dt.datetime(2008, 1, 1, tzinfo=store.HK)
        self.span = int((dt.datetime(2026, 1, 1, tzinfo=store.HK) - self.start).total_seconds())

    def batch(self, b: int, first_id: int, n: int) -> list[dict]:
        rng = random.Random(self.seed * 1_000_003 + b)
        return [self.filing(rng, first_id + i) for i in range(n)]

    def filing(self, rng: random.Random, id_: int) -> dict:
        code = rng.choices(self.codes, cum_weights=self.code_weights)[0]
        company, company_zh = self.companies[code]
        zh = rng.random() < 0.1
        ttype = rng.choice(TYPES)
        agreement = rng.choice(AGREEMENTS)
        counterpart = f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}"
        counterpart_zh = rng.choice(ZH_PLACES) + rng.choice(ZH_TRADES) + "有限公司"
        directors = rng.sample(self.people, rng.randint(3, 6))
        connected = rng.choice(directors) if rng.random() < 0.6 else None
        caps = [
            (
                rng.choice(CURRENCIES),
                rng.randint(1, 5000) * 10 ** rng.randint(4, 6)
                + (rng.randint(0, 99) / 100 if rng.random() < 0.2 else 0),
            )
            for _ in range(rng.randint(1, 3))
        ]
        published = self.start + dt.timedelta(seconds=rng.randrange(self.span))
        if zh:
            title = f"{ZH_TYPES[ttype]} - {rng.choice(ZH_AGREEMENTS)}"
            sentences = [
                f"於{published.year}年{published.month}月{published.day}日，本公司與"
                f"{counterpart_zh}訂立{rng.choice(ZH_AGREEMENTS)}。",
                f"{connected[1] if connected else directors[0][1]}先生為本公司董事。",
                *rng.sample(ZH_FILLER, 3),
                f"年度上限為{caps[0][0]}{int(caps[0][1]):,}元。",
            ]
            text = "".join(sentences)
        else:
            title = f"{ttype.upper()} - {agreement.upper()}"
            words = " ".join(rng.choices(self.lexicon, k=rng.randint(40, 120)))
            sentences = [
                f"On {published:%d %B %Y}, {company} entered into the {agreement} with "
                f"{counterpart} for a term of {rng.randint(1, 3)} years.",
                (
                    f"{connected[0]} is a director of the Company and holds "
                    f"{rng.randint(30, 75)}% of {counterpart}."
                    if connected
                    else f"{counterpart} is an independent third party."
                ),
                *rng.sample(FILLER, 4),
                f"The annual cap is {caps[0][0]}{caps[0][1]:,.2f}.",
                words + ".",
                "The directors are " + ", ".join(d[0] for d in directors) + ".",
            ]
            text = " ".join(s[:1].upper() + s[1:] for s in sentences)
        facts = [company, counterpart, counterpart_zh, agreement]
        facts += [d[0] for d in directors] + ([connected[1]] if connected else [])
        facts_text = "\n".join(facts)
        cjk = cjk_runs(title, company, facts_text, text)
        return {
            "id": id_,
            "news_id": f"B{id_:09d}",
            "stock_code": code,
            "stock_codes": json.dumps([code]),
            "stock_name": company.upper()[:30],
            "title": title,
            "headline": f"Announcements and Notices - [{ttype.title()}]",
            "headline_t1": "10000",
            "headline_t2": json.dumps(["11300"]),
            "published_at": published,
            "language": "zh" if zh else "en",
            "text": text,
            "facts_text": facts_text,
            "cjk_text": cjk,
            "cjk_bigrams": cjk_bigrams(cjk),
            "transaction_types": json.dumps([ttype]),
            "parties": [(company, company_zh), (counterpart, counterpart_zh)],
            "caps": caps,
            "directors": directors,
            "connected": connected,
        }


def rows_for(filings: list[dict], person_ids: dict[str, int], dialect: str) -> dict[str, list]:
    """Plain tuples per table for one batch, in the column order of store.bench_data's
    INSERT/COPY (ANNOUNCEMENT_COLUMNS, INSERTS)."""

    def when(value: dt.datetime):  # noqa: ANN202
        utc = value.astimezone(UTC)
        return utc.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else utc

    out: dict[str, list] = {
        k: [] for k in ("announcement", "party", "annualcap", "pm", "cp", "label")
    }
    for f in filings:
        i = f["id"]
        out["announcement"].append(
            (
                i,
                f["news_id"],
                f["stock_code"],
                f["stock_codes"],
                f["stock_name"],
                f["title"],
                f["headline"],
                f["headline_t1"],
                f["headline_t2"],
                False,
                when(f["published_at"]),
                f"https://example.invalid/{f['news_id']}.pdf",
                "PDF",
                f["language"],
                "extracted",
                0,
                1,
                f["text"],
                f["facts_text"],
                f["cjk_text"],
                f["cjk_bigrams"],
                f["transaction_types"],
                False,
                when(f["published_at"]),
            )
        )
        for name, zh in f["parties"]:
            out["party"].append((i, name, name, zh, name_key(name)))
        for currency, amount in f["caps"]:
            out["annualcap"].append((i, f"{amount:.2f}", currency))
        roles = ("executive", "non_executive", "independent_non_executive")
        for n, (name, _zh) in enumerate(f["directors"]):
            out["pm"].append((person_ids[name_key(name)], i, name, roles[n % 3]))
        if f["connected"]:
            name = f["connected"][0]
            pid = person_ids[name_key(name)]
            out["pm"].append((pid, i, name, "connected_person"))
            out["cp"].append((i, pid, name, f["parties"][1][0]))
        out["label"].append((i, "stock", f["stock_code"]))
        out["label"].append((i, "transaction_type", json.loads(f["transaction_types"])[0]))
    return out


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def batches(gen: Generator, n: int) -> Iterator[list[dict]]:
    for b, first in enumerate(range(0, n, BATCH)):
        started = time.perf_counter()
        filings = gen.batch(b, first + 1, min(BATCH, n - first))
        gen.seconds += time.perf_counter() - started
        yield filings


# --- loaders (store.bench_data): one generation pass feeds every backend; each loader times ---
# --- only its own work ---------------------------------------------------------------------


def pg_url() -> str:
    return database_on(PG_ADMIN_URL, BENCH_DB)


# --- queries ----------------------------------------------------------------------------------


def queries(gen: Generator) -> list[tuple[str, str, store.SearchFilters]]:
    popular = gen.codes[0]
    return [
        ("single word", "warehousing", store.SearchFilters()),
        ("phrase", '"framework agreement"', store.SearchFilters()),
        ("OR", "tenancy OR licence", store.SearchFilters()),
        ("prefix", "logist*", store.SearchFilters()),
        ("exclusion", "acquisition -loan", store.SearchFilters()),
        ("stock filter", "agreement", store.SearchFilters(stock_codes=[popular])),
        (
            "date filter",
            "services",
            store.SearchFilters(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 3, 31)),
        ),
        ("cap filter", "supply", store.SearchFilters(cap_min=100_000_000, currency="HKD")),
        ("facets (broad)", "transaction", store.SearchFilters()),
        ("Chinese 2 chars", "雷軍", store.SearchFilters()),
    ]


def time_queries(url: str, gen: Generator, runs: int) -> list[tuple]:
    """Per query: (label, total, p50 ms, p95 ms, p50 CPU ms of this process).

    The CPU column is what the query costs when the machine is not shared: on SQLite the
    database runs inside this process; on PostgreSQL it only counts the client side.
    """
    engine = store.make_engine(url)
    store.ensure_schema(engine)  # a kept database from an older run gets newer indexes
    results = []
    for label, query, filters in queries(gen):
        total = store.search(engine, query, filters).total  # warm-up
        wall, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            store.search(engine, query, filters)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        results.append((f"{label}: {query}", total, _pct(wall, 50), _pct(wall, 95), _pct(cpu, 50)))
    engine.dispose()
    return results


def explain_queries(url: str, gen: Generator, path: Path) -> None:
    """Write EXPLAIN (ANALYZE, BUFFERS) of every statement each query runs (PostgreSQL)."""
    engine = store.make_engine(url)
    with path.open("w") as out:
        for label, query, filters in queries(gen):
            store.search(engine, query, filters)  # warm, as the timed runs are
            with explained(engine) as plans:
                store.search(engine, query, filters)
            out.write(f"{'=' * 100}\n== {label}: {query}  {filters}\n{'=' * 100}\n")
            for plan in plans:
                out.write(plan + "\n\n")
    engine.dispose()
    log(f"EXPLAIN (ANALYZE, BUFFERS) of each query's statements written to {path}")


def _pct(samples: list[float], p: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def print_table(backend: str, n: int, load_s: float, results) -> None:  # noqa: ANN001
    load = f"load {load_s:,.1f} s = {n / load_s:,.0f} filings/s" if load_s else "(not loaded)"
    print(f"\n{backend}  n={n:,}  {load}  load average {os.getloadavg()[0]:.1f}")
    print(f"{'query':<44} {'total':>8} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8}")
    for name, total, p50, p95, cpu in results:
        print(f"{name:<44} {total:>8,} {p50:>8.1f} {p95:>8.1f} {cpu:>8.1f}")
    sys.stdout.flush()


def backends_of(text: str, parser: argparse.ArgumentParser) -> list[str]:
    backends = [b.strip() for b in text.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    return backends


def main(argv: list[str] | None = None) -> None:
    global BENCH_DB
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="filings to load (default 100000)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sqlite-path", help="SQLite file (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--pg-database", default=BENCH_DB, help="scratch PostgreSQL database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the databases, and load only a backend whose database does not already hold"
        " N filings (SQLite: --sqlite-path, default bench/out/search-N.db)",
    )
    parser.add_argument(
        "--explain", type=Path, help="write EXPLAIN (ANALYZE, BUFFERS) of the PostgreSQL queries"
    )
    parser.add_argument(
        "--query-only",
        action="store_true",
        help="skip loading: time the queries on databases kept by an earlier --keep run",
    )
    args = parser.parse_args(argv)
    BENCH_DB = args.pg_database
    if args.query_only:
        gen = Generator(args.seed)
        for backend in backends_of(args.backends, parser):
            url = f"sqlite:///{args.sqlite_path}" if backend == "sqlite" else pg_url()
            name = "SQLite" if backend == "sqlite" else "PostgreSQL"
            print_table(name, args.n, 0.0, time_queries(url, gen, args.runs))
        return
    backends = backends_of(args.backends, parser)
    if args.reuse:
        args.keep = True
        default = Path(__file__).resolve().parent / "out" / f"search-{args.n}.db"
        args.sqlite_path = args.sqlite_path or str(default)
        Path(args.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fw_bench_", dir=os.environ.get("TMPDIR")) as tmp:
        gen = Generator(args.seed)
        people = [name for name, _zh in gen.people]
        sqlite_path = Path(args.sqlite_path or Path(tmp) / "bench.db")
        urls = {"sqlite": f"sqlite:///{sqlite_path}", "postgresql": pg_url()}
        reused = [b for b in backends if args.reuse and holds(urls[b], args.n)]
        loaders: list[SqliteBulkLoader | PostgresBulkLoader] = []
        if "sqlite" in backends and "sqlite" not in reused:
            loaders.append(SqliteBulkLoader(sqlite_path, people, log))
        if "postgresql" in backends and "postgresql" not in reused:
            loaders.append(PostgresBulkLoader(PG_ADMIN_URL, BENCH_DB, people, log))
        for backend in reused:
            log(f"{backend}: reusing {urls[backend]} ({args.n:,} filings)")
        try:
            if loaders:
                load_all(gen, loaders, args.n)
            seconds = {loader.dialect: loader.seconds for loader in loaders}
            for backend in backends:
                name = "SQLite" if backend == "sqlite" else "PostgreSQL"
                results = time_queries(urls[backend], gen, args.runs)
                print_table(name, args.n, seconds.get(backend, 0.0), results)
            if args.explain and "postgresql" in backends:
                explain_queries(urls["postgresql"], gen, args.explain)
        finally:
            for loader in loaders:
                if not args.keep:
                    loader.drop()


def load_all(gen: Generator, loaders: list, n: int) -> None:
    """One generation pass feeds every loader; each times only its own work."""
    log(f"loading {n:,} filings into {', '.join(loader.dialect for loader in loaders)}")
    generating = 0.0
    done = 0
    for filings in batches(gen, n):
        started = time.perf_counter()
        by_dialect = {
            d: rows_for(filings, loaders[0].person_ids, d)
            for d in {loader.dialect for loader in loaders}
        }
        generating += time.perf_counter() - started
        for loader in loaders:
            loader.write(by_dialect[loader.dialect])
        done += len(filings)
        if done % (n // 10 or BATCH) < BATCH:
            log(f"{done:,} filings written")
    for loader in loaders:
        loader.finish()
    log(
        f"generating the filings took {gen.seconds + generating:.1f} s"
        " (not counted in the load rates)"
    )


if __name__ == "__main__":
    main()
