"""Web latency under load: 8 concurrent clients against 100,000 stored filings.

    .venv/bin/python bench/web.py [--n 100000] [--clients 8] [--requests 400] [--db PATH]
    .venv/bin/python bench/web.py --backend postgresql [--pg-database fw_bench_web]

Loads N synthetic, extracted filings into a SQLite file (kept in bench/out/ and reused when
it already holds N filings) or a PostgreSQL database (likewise kept and reused), serves the
app the way `filingwatch serve` does (web/serving.py) in a child process, then drives the
search, filing and person pages with keep-alive HTTP/1.1 clients (bench/http11.py), one page
type at a time, each with a bounded number of requests, and prints p50 / p95 latency per
page, with the CPU the server and the load generator spent per request (they share the
machine's CPUs). Target: p95 < 200 ms.
Not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from bench.http11 import Client, HttpError, encode_path  # noqa: E402
from store import bench_data  # noqa: E402
from store.cjk import cjk_bigrams, cjk_runs  # noqa: E402

OUT = ROOT / "bench" / "out"
PG_ADMIN_URL = os.environ.get(
    "FILINGWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
HK = store.HK

SURNAMES = [
    "CHAN",
    "CHEUNG",
    "LEE",
    "WONG",
    "LAU",
    "NG",
    "HO",
    "TSANG",
    "LEUNG",
    "YEUNG",
    "ZHANG",
    "WANG",
    "LIU",
    "CHEN",
    "YANG",
    "ZHAO",
    "HUANG",
    "ZHOU",
    "WU",
    "XU",
    "SUN",
    "MA",
    "ZHU",
    "HU",
    "GUO",
    "LIN",
    "HE",
    "GAO",
    "LUO",
    "ZHENG",
    "KWOK",
    "SIU",
    "MAK",
]
GIVEN = [
    "Jun",
    "Wei",
    "Ming",
    "Hoi",
    "Yan",
    "Wing",
    "Hong",
    "Ka",
    "Chun",
    "Fai",
    "Kwok",
    "Lai",
    "Tak",
    "Shun",
    "Li",
    "Hua",
    "Jian",
    "Guo",
    "Qiang",
    "Xin",
    "Yu",
    "Hao",
    "Bin",
    "Lei",
    "Peng",
    "Rui",
    "Tao",
    "Dong",
    "Siu",
    "Ling",
    "Mei",
    "Kin",
    "Man",
    "Kit",
    "Sum",
    "Yee",
]
ZH_CHARS = "陳張李黃劉吳何曾梁楊周趙王林郭蕭麥明偉華強志文家俊嘉麗永康啟美娟國輝凱玲"
WORDS = [
    "Pacific",
    "Harbour",
    "Meridian",
    "Lotus",
    "Golden",
    "Orchid",
    "Jade",
    "River",
    "Summit",
    "Crane",
    "Pearl",
    "Delta",
    "Bright",
    "Lantern",
    "Sino",
    "Aqua",
    "Tianhe",
    "Everbloom",
    "Silverpeak",
    "Vpeak",
    "Eastern",
    "Northern",
    "Crest",
    "Dragon",
    "Phoenix",
    "Victoria",
    "Kowloon",
    "Lantau",
    "Tai Ping",
    "Evergreen",
    "Oriental",
    "Cathay",
]
SECTORS = [
    "Energy",
    "Holdings",
    "Logistics",
    "Properties",
    "Technology",
    "Pharmaceutical",
    "Foods",
    "Shipping",
    "Financial",
    "Auto",
    "Gas",
    "Water",
    "Hotels",
    "Education",
]
SUBJECTS = [
    "supply of natural gas",
    "property management services",
    "IT services",
    "warehousing and logistics",
    "equipment rental",
    "hotel management services",
    "brokerage and margin financing",
    "purchase of raw materials",
    "tenancy of premises",
    "provision of guarantee",
    "entrusted loan",
    "sale of cell phones and accessories",
]
TYPES = [
    "connected transaction",
    "continuing connected transaction",
    "discloseable transaction",
    "major transaction",
    "very substantial disposal",
    "share transaction",
]
CURRENCIES = ["HKD", "HKD", "RMB", "RMB", "USD"]
ROLES = ("executive", "non_executive", "independent_non_executive")

SEARCHES = [
    "q=connected", 'q="annual cap"', "q=supply+gas", "q=warehous*", "q=hotel+-tenancy",
    "q=property+management", "q=guarantee+OR+loan", "q=continuing+connected&sort=date",
    "q=cap&currency=RMB&cap_min=50m", "q=services&year=2021", "q=zhang", "q=harbour+crest",
    "q=&type=major+transaction", "q=equipment&stock={code}", "q=&stock={code}",
    "q=&person={person}", "q={person}", "q=物業管理", "q=關連交易", "q=IT+services&page=3",
    "q=substantial+shareholder", 'q="entrusted+loan"&sort=date', "q=pacific*&lang=en",
]  # fmt: skip


def _log(message: str) -> None:
    print(message, flush=True)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on a terminal, plain log lines (every 10%) otherwise."""
    if sys.stdout.isatty():
        from rich.progress import Progress

        with Progress() as progress:
            task = progress.add_task(label, total=total)
            yield lambda n: progress.advance(task, n)
        return
    state = {"done": 0, "next": total // 10 or 1}

    def advance(n: int) -> None:
        state["done"] += n
        if state["done"] >= state["next"] or state["done"] == total:
            _log(f"{label}: {state['done']:,}/{total:,}")
            state["next"] += total // 10 or 1

    yield advance


class Corpus:
    """Deterministic synthetic companies, boards and people."""

    def __init__(self, n_filings: int, rnd: random.Random) -> None:
        self.rnd = rnd
        n_companies = max(10, n_filings // 100)
        codes = rnd.sample(range(1, 10000), n_companies)
        self.companies = []
        for code in codes:
            name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {rnd.choice(SECTORS)}"
            self.companies.append((f"{code:05d}", name, name.upper()[:20]))
        self.people: list[tuple[str, str | None]] = []
        seen: set[str] = set()
        while len(self.people) < n_companies * 7:
            name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)} {rnd.choice(GIVEN)}"
            key = store.name_key(name)
            if not key or key in seen:  # one key, one person: "LAU Dong Shun" = "Dong Shun LAU"
                continue
            seen.add(key)
            zh = "".join(rnd.sample(ZH_CHARS, 3)) if rnd.random() < 0.3 else None
            self.people.append((name, zh))
        # Boards of nine: mostly the company's own people, some who sit on several boards.
        self.boards = []
        for i in range(n_companies):
            own = list(range(i * 7, i * 7 + 7))
            others = [p for p in rnd.sample(range(len(self.people)), 11) if p not in own][:2]
            self.boards.append(own + others)


def _filing(corpus: Corpus, i: int) -> tuple[dict, dict, list[tuple[int, str]]]:
    """One filing: Announcement fields, extraction JSON, (person index, role) mentions."""
    rnd = corpus.rnd
    c = rnd.randrange(len(corpus.companies))
    code, company, short = corpus.companies[c]
    board = corpus.boards[c]
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3650))
    published = dt.datetime.combine(day, dt.time(rnd.randrange(8, 23), rnd.randrange(60)), HK)
    ttype = rnd.choice(TYPES)
    subject = rnd.choice(SUBJECTS)
    counterparty = f"{rnd.choice(WORDS)} {rnd.choice(SECTORS)} Co., Ltd."
    party_short = counterparty.split(" Co.")[0]
    people = [corpus.people[p][0] for p in board]
    directors = {"executive": people[0:3], "non_executive": people[3:6],
                 "independent_non_executive": people[6:9]}  # fmt: skip
    connected = rnd.choice(board[:6])
    connected_name = corpus.people[connected][0]
    abstained = [connected_name] if connected_name in people[:6] else []
    caps = []
    for k in range(rnd.randint(1, 3)):
        amount = rnd.choice([5, 8, 12, 20, 35, 50, 80, 120, 200, 450]) * 10**6
        caps.append({"amount": amount, "currency": rnd.choice(CURRENCIES),
                     "period_end": f"{day.year + k}-12-31",
                     "period_label": f"year ending 31 December {day.year + k}",
                     "agreement": f"{subject.title()} Agreement", "category": None})  # fmt: skip
    cap_sentences = " ".join(
        f"The annual cap for the year ending 31 December {day.year + k} is "
        f"{cap['currency']}{cap['amount'] // 10**6} million."
        for k, cap in enumerate(caps)
    )
    relationship = f"director and substantial shareholder of {party_short}"
    connected_sentence = (
        f"Mr. {connected_name} is a director of the Company and holds 35% of {party_short}; "
        f"{party_short} is therefore a connected person of the Company."
    )
    text = (
        f"{company}\n(Stock Code: {code})\n{ttype.upper()}\n"
        f"On {day:%d %B %Y}, the Company entered into the {subject.title()} Agreement with "
        f"{counterparty} in relation to the {subject} for a term of three years. "
        f"{connected_sentence} {cap_sentences} The transactions constitute {ttype}s of the "
        "Company under Chapter 14A of the Listing Rules and are subject to the reporting, "
        "announcement and annual review requirements. The Directors (including the independent "
        "non-executive Directors) consider that the terms are fair and reasonable, on normal "
        "commercial terms and in the interests of the Company and its shareholders as a whole. "
        f"As at the date of this announcement, the executive Directors are {', '.join(people[:3])}"
        f"; the non-executive Directors are {', '.join(people[3:6])}; and the independent "
        f"non-executive Directors are {', '.join(people[6:9])}.\n"
    )
    zh = rnd.random() < 0.15
    if zh:
        zh_name = corpus.people[connected][1] or "陳志明"
        text += f"持續關連交易 {zh_name}先生為本公司董事。物業管理服務協議。\n"
    evidence = {
        "parties[0]": {"page": 1, "text": f"The Company entered into an agreement with "
                       f"{counterparty}."},
        "connected_persons[0]": {"page": 1, "text": connected_sentence},
        **{f"annual_caps[{k}]": {"page": 2, "text": f"The annual cap for the year ending 31 "
           f"December {day.year + k} is {cap['currency']}{cap['amount'] // 10**6} million."}
           for k, cap in enumerate(caps)},
        **{f"directors.{role}[{j}]": {"page": 3, "text": f"the {role.replace('_', '-')} "
           f"Directors are {', '.join(names)}"} for role, names in directors.items()
           for j in range(len(names))},
    }  # fmt: skip
    extraction = {
        "company": company, "stock_code": code, "announcement_date": day.isoformat(),
        "title": f"{ttype.upper()} - {subject.upper()}", "transaction_types": [ttype],
        "listing_rules_chapters": ["14A"],
        "parties": [{"name": company, "full_name": f"{company} Limited", "chinese_name": None},
                    {"name": party_short, "full_name": counterparty, "chinese_name": None}],
        "agreements": [{"name": f"{subject.title()} Agreement", "date": day.isoformat(),
                        "term_start": f"{day.year}-01-01", "term_end": f"{day.year + 2}-12-31",
                        "parties": [company, party_short]}],
        "annual_caps": caps,
        "connected_persons": [{"name": connected_name, "connected_entity": party_short,
                               "relationship": relationship}],
        "directors": directors, "abstained_directors": abstained, "evidence": evidence,
    }  # fmt: skip
    names = [company, f"{company} Limited", party_short, counterparty, connected_name, *people]
    fields = {
        "news_id": f"{day:%Y%m%d}{i:07d}", "stock_code": code, "stock_codes": [code],
        "stock_name": short, "title": extraction["title"],
        "headline": f"Announcements and Notices - [{ttype.title()}]", "headline_t1": "10000",
        "headline_t2": ["11300"], "published_at": published,
        "document_url": f"https://www1.hkexnews.hk/listedco/listconews/sehk/{day:%Y/%m%d}/"
                        f"{i}.pdf",
        "file_type": "PDF", "language": "zh" if zh else "en", "status": store.Status.extracted,
        "extractor_version": 1, "text": text, "facts_text": "\n".join(dict.fromkeys(names)),
        "extraction": extraction, "transaction_types": [ttype],
        "extracted_at": published + dt.timedelta(hours=1), "fetched_at": published,
    }  # fmt: skip
    mentions = [(board[j], ROLES[j // 3]) for j in range(9)]
    mentions.append((connected, "connected_person"))
    if abstained:
        mentions.append((connected, "abstained"))
    return fields, extraction, mentions


def load(engine: store.Engine, n: int, batch: int = 2000) -> None:
    """Bulk-load n filings with Core executemany (the store's triggers fill the search index
    and labels; the CJK columns, which the ORM event fills, are computed here as it would)."""
    rnd = random.Random(20260101)
    corpus = Corpus(n, rnd)
    person_rows = [{"name_key": store.name_key(name), "display_name": name,
                    "chinese_name": zh} for name, zh in corpus.people]  # fmt: skip
    ids = bench_data.insert_people(engine, person_rows)
    person_id = [ids[store.name_key(name)] for name, _ in corpus.people]
    with _progress(n, "loading filings") as advance:
        for start in range(0, n, batch):
            items = [_filing(corpus, i) for i in range(start, min(n, start + batch))]
            announcements, parties, agreements, caps, connected, mentions = [], [], [], [], [], []
            for offset, (fields, ex, ms) in enumerate(items):
                ann_id = start + offset + 1
                cjk = cjk_runs(fields["title"], fields["stock_name"], fields["facts_text"],
                               fields["text"])  # fmt: skip
                announcements.append({**fields, "id": ann_id, "cjk_text": cjk,
                                      "cjk_bigrams": cjk_bigrams(cjk), "attempts": 0,
                                      "revised": False, "needs_review": False,
                                      "discovered_at": fields["published_at"]})  # fmt: skip
                for p in ex["parties"]:
                    parties.append({"announcement_id": ann_id, "name": p["name"],
                                    "full_name": p["full_name"], "chinese_name": None,
                                    "name_key": store.name_key(p["full_name"])})  # fmt: skip
                for g in ex["agreements"]:
                    agreements.append({"announcement_id": ann_id, "name": g["name"],
                                       "date": dt.date.fromisoformat(g["date"]),
                                       "parties": g["parties"]})  # fmt: skip
                for k in ex["annual_caps"]:
                    caps.append({"announcement_id": ann_id, "amount": k["amount"],
                                 "currency": k["currency"],
                                 "period_end": dt.date.fromisoformat(k["period_end"]),
                                 "period_label": k["period_label"],
                                 "agreement": k["agreement"]})  # fmt: skip
                cp = ex["connected_persons"][0]
                connected.append({"announcement_id": ann_id, "name": cp["name"],
                                  "person_id": person_id[ms[9][0]],
                                  "connected_entity": cp["connected_entity"],
                                  "relationship": cp["relationship"]})  # fmt: skip
                for p, role in ms:
                    mentions.append({"announcement_id": ann_id, "person_id": person_id[p],
                                     "name_as_written": corpus.people[p][0], "role": role,
                                     "evidence_text": None, "evidence_page": None})  # fmt: skip
            bench_data.insert_rows(engine, {
                "announcement": announcements, "party": parties, "agreement": agreements,
                "annualcap": caps, "connectedperson": connected, "personmention": mentions,
            })  # fmt: skip
            advance(len(items))
    bench_data.analyze(engine)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """The served app: its base URL and the CPU its processes have used so far."""

    def __init__(self, base: str, pid: int) -> None:
        self.base = base
        self.pid = pid

    def cpu_seconds(self) -> float | None:
        """User + system CPU of the server and its worker processes (Linux /proc; else None)."""
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        total, found = 0, False
        try:
            pids = [p for p in os.listdir("/proc") if p.isdigit()]
        except OSError:
            return None
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(pid) == self.pid or int(fields[1]) == self.pid:
                total += int(fields[11]) + int(fields[12])
                found = True
        return total / ticks if found else None


@contextmanager
def serve(db_url: str, workers: int, cache_seconds: float | None = None) -> Iterator[Server]:
    """The app in a child process over the bench database, served as `filingwatch serve`
    serves it (web/serving.py)."""
    port = _free_port()
    env = {**os.environ, "FILINGWATCH_DATABASE_URL": db_url,
           "FILINGWATCH_SECRET_KEY": "bench", "PYTHONPATH": str(ROOT)}  # fmt: skip
    if cache_seconds is not None:
        env["FILINGWATCH_WEB_CACHE_SECONDS"] = str(cache_seconds)
    cmd = [sys.executable, "-m", "web.serving", "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--no-access-log", "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/static/style.css", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.2)
        yield Server(base, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _targets(engine: store.Engine, rnd: random.Random, count: int) -> dict[str, list[str]]:
    """URLs for each page type: random filings and people, a mix of realistic searches."""
    found = bench_data.bench_targets(engine)
    news_ids, people, codes = found.news_ids, found.people, found.stock_codes
    searches = []
    for _ in range(count):
        person = rnd.choice(people)[1]
        query = rnd.choice(SEARCHES).format(code=rnd.choice(codes), person=person)
        searches.append("/search?" + query.replace(" ", "+"))
    # Search last: a slow search the client gave up on keeps the server busy for a while.
    return {
        "filing": [f"/filings/{rnd.choice(news_ids)}" for _ in range(count)],
        "person": [f"/people/{rnd.choice(people)[0]}" for _ in range(count)],
        "search": searches,
    }


class Run:
    """One drive: latencies (ms), errors, wall seconds, the slowest requests and the CPU
    seconds the load generator (this process) and the server spent on it."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.slowest: list[tuple[float, str]] = []
        self.errors = 0
        self.elapsed = 0.0
        self.generator_cpu = 0.0
        self.server_cpu: float | None = None


async def _clients(base: str, urls: list[str], clients: int, run: Run) -> None:
    """`clients` concurrent keep-alive connections share the URL list."""
    queue: asyncio.Queue[tuple[bytes, str]] = asyncio.Queue()
    for url in urls:
        queue.put_nowait((encode_path(url), url))

    async def client() -> None:
        http = Client(base)
        try:
            while not queue.empty():
                path, url = queue.get_nowait()
                start = time.perf_counter()
                try:
                    status, _ = await http.get(path)
                    failed = status >= 400
                except HttpError:  # a timeout counts, at the time it took
                    failed = True
                elapsed = (time.perf_counter() - start) * 1000
                run.latencies.append(elapsed)
                run.slowest.append((elapsed, url))
                run.errors += failed
        finally:
            await http.close()

    await asyncio.gather(*(client() for _ in range(clients)))


def _drive(server: Server, urls: list[str], clients: int) -> Run:
    run = Run()
    server_before, cpu_before = server.cpu_seconds(), time.process_time()
    start = time.perf_counter()
    asyncio.run(_clients(server.base, urls, clients, run))
    run.elapsed = time.perf_counter() - start
    run.generator_cpu = time.process_time() - cpu_before
    server_after = server.cpu_seconds()
    if server_before is not None and server_after is not None:
        run.server_cpu = server_after - server_before
    run.slowest = sorted(run.slowest, reverse=True)[:5]
    return run


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _sqlite_database(path: Path | None, n: int, fresh: bool) -> tuple[str, store.Engine]:
    """(url, engine) of a SQLite file holding n filings: reused, else (re)loaded."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = path or OUT / f"web-{n}.db"
    url = f"sqlite:///{db}"
    engine = store.make_engine(url)
    existing = 0
    if db.exists() and not fresh:
        existing = bench_data.count_announcements(engine)
    if existing != n:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        engine = store.make_engine(url)
        store.upgrade(engine)
        started = time.perf_counter()
        load(engine, n)
        _log(f"loaded {n:,} filings in {time.perf_counter() - started:.0f} s into {db}")
    else:
        _log(f"reusing {db} ({existing:,} filings)")
    return url, engine


def _postgresql_database(name: str, n: int, fresh: bool) -> tuple[str, store.Engine]:
    """(url, engine) of a PostgreSQL database `name` holding n filings: reused, else
    (re)created and loaded through the store's triggers (as the crawler's inserts are)."""
    url = bench_data.database_on(PG_ADMIN_URL, name)
    existing = -1
    if not fresh and bench_data.database_exists(PG_ADMIN_URL, name):
        engine = store.make_engine(url)
        existing = bench_data.count_announcements(engine)
        engine.dispose()
    if existing != n:
        bench_data.admin_execute(PG_ADMIN_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        bench_data.admin_execute(PG_ADMIN_URL, f'CREATE DATABASE "{name}"')
        engine = store.make_engine(url)
        store.upgrade(engine)
        started = time.perf_counter()
        load(engine, n)
        _log(f"loaded {n:,} filings in {time.perf_counter() - started:.0f} s into {name}")
        engine.dispose()
    else:
        _log(f"reusing PostgreSQL database {name} ({existing:,} filings)")
    return url, store.make_engine(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="filings to load")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=400, help="requests per page type")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--cache-seconds", type=float, default=None, help="search cache TTL (0: off; default 60)"
    )
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default bench/out/)")
    parser.add_argument("--fresh", action="store_true", help="reload even if the db exists")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--pg-database", default="fw_bench_web", help="PostgreSQL database (kept and reused)"
    )
    args = parser.parse_args()

    if args.backend == "postgresql":
        url, engine = _postgresql_database(args.pg_database, args.n, args.fresh)
    else:
        url, engine = _sqlite_database(args.db, args.n, args.fresh)
    store.ensure_schema(engine)  # here, once: workers racing to migrate would fail
    rnd = random.Random(7)
    targets = _targets(engine, rnd, args.requests + max(20, args.requests // 4))
    engine.dispose()

    rows = []
    single: list[tuple[str, float, float]] = []
    slowest: list[tuple[float, str, str]] = []
    load_before = os.getloadavg()[0]
    generator_cpu = 0.0
    with serve(url, args.workers, args.cache_seconds) as server:
        warm = [urls[i] for urls in targets.values() for i in range(10)]
        _drive(server, warm, args.clients)
        for page, urls in targets.items():
            # Service time first: one client, no queueing (a quarter of the URLs).
            k = len(urls) - args.requests  # separate URLs, so the cache cannot flatter either
            alone = _drive(server, urls[:k], 1)
            single.append((page, _pct(alone.latencies, 50), _pct(alone.latencies, 95)))
            run = _drive(server, urls[k:], args.clients)
            generator_cpu += run.generator_cpu
            slowest.extend((ms, page, url) for ms, url in run.slowest)
            rows.append((page, run))

    print()
    cache = "60 s" if args.cache_seconds is None else f"{args.cache_seconds:g} s"
    backend = "PostgreSQL" if args.backend == "postgresql" else "SQLite"
    print(f"web latency: {args.n:,} filings, {backend}, {args.clients} concurrent clients, "
          f"{args.workers} uvicorn worker(s), {os.cpu_count()} CPUs, search cache {cache}, "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    print()
    print("| page   | requests | p50 ms | p95 ms | p99 ms | max ms | mean ms | req/s | errors "
          "| server CPU ms/req | generator CPU ms/req |")  # fmt: skip
    print("|--------|---------:|-------:|-------:|-------:|-------:|--------:|------:|-------:"
          "|------------------:|---------------------:|")  # fmt: skip
    for page, run in rows:
        lat, n = run.latencies, len(run.latencies)
        server_cpu = "n/a" if run.server_cpu is None else f"{1000 * run.server_cpu / n:.1f}"
        print(f"| {page:<6} | {n:>8} | {_pct(lat, 50):>6.1f} | {_pct(lat, 95):>6.1f} "
              f"| {_pct(lat, 99):>6.1f} | {max(lat):>6.1f} | {statistics.mean(lat):>7.1f} "
              f"| {n / run.elapsed:>5.1f} | {run.errors:>6} | {server_cpu:>17} "
              f"| {1000 * run.generator_cpu / n:>20.1f} |")  # fmt: skip
    print()
    print(f"load generator (this process, sharing the CPUs with the server): "
          f"{generator_cpu:.2f} CPU s over the {sum(len(r.latencies) for _, r in rows)} "
          f"concurrent requests")  # fmt: skip
    print()
    print("one client at a time (service time, no queueing):")
    print()
    print("| page   | p50 ms | p95 ms |")
    print("|--------|-------:|-------:|")
    for page, p50, p95 in single:
        print(f"| {page:<6} | {p50:>6.1f} | {p95:>6.1f} |")
    print()
    print("target: p95 < 200 ms")
    print()
    print("slowest requests:")
    for ms, page, url in sorted(slowest, reverse=True)[:8]:
        print(f"  {ms:8.0f} ms  {page:<6} {url}")


if __name__ == "__main__":
    main()
