"""The people graph's cost: building it from N filings, asking it, exporting it.

    .venv/bin/python bench/graph.py [--sizes 1000,10000,50000] [--seed 7]

Generates N synthetic extracted filings in memory (the rows store.graph_sources returns:
English editions with a Chinese twin for one in three, boards of 6-9 directors drawn from a
pool of people per issuer with namesakes across issuers, connected persons with an
agreement and a cap), then times `build_graph` (people resolved, links dated), 200
`neighbourhood` questions at depth 2 as of a date, and the FtM export (`ftm_entities`,
serialised to JSON lines). RSS is the process's peak so far (the sizes run in order).
Reading the store is one pass over the extracted filings without their text
(store/graph_sources.py), not timed here. Not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from jobs import build_graph, ftm_entities  # noqa: E402
from store import FilingSource, GraphSources, MentionSource  # noqa: E402

SURNAMES = "CHAN CHEUNG LEE WONG LAU NG HO TSANG LEUNG YEUNG ZHANG WANG LIU CHEN YANG".split()
GIVEN = "Tai Man Ka Ho Wing Hong Siu Ming Kwok Wai Chi Keung Jun Bin Hua Li".split()
ROLES = ("executive", "non_executive", "independent_non_executive")


def synthetic(n: int, rng: random.Random) -> GraphSources:
    issuers = max(10, n // 40)
    pool = {code: [f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
                   for _ in range(12)] for code in range(1, issuers + 1)}  # fmt: skip
    keys: dict[str, tuple[int, str]] = {}
    filings: list[FilingSource] = []
    mentions: list[MentionSource] = []
    start = dt.datetime(2015, 1, 1, 12, tzinfo=store.HK)
    ann_id = 0
    for i in range(n):
        code = rng.randint(1, issuers)
        stock = f"{code:05d}"
        board = rng.sample(pool[code], rng.randint(6, 9))
        cp = board[0]
        extraction = {
            "directors": {r: board[j::3] for j, r in enumerate(ROLES)},
            "connected_persons": [{"name": cp, "connected_entity": f"Party {code} Ltd",
                                   "relationship_kind": "substantial_shareholder",
                                   "counterpart": "the Company"}],
            "agreements": [{"name": "Master Agreement", "date": "2020-01-01",
                            "term_start": "2020-01-01", "term_end": "2022-12-31",
                            "parties": ["the Company", f"Party {code} Ltd"]}],
            "annual_caps": [{"amount": 1000000 * (i % 50 + 1), "currency": "HKD",
                             "period_end": "2020-12-31", "agreement": "Master Agreement"}],
        }  # fmt: skip
        when = start + dt.timedelta(hours=6 * i)
        twin = i % 3 == 0
        ann_id += 1
        filings.append(FilingSource(ann_id, f"n{i}", f"n{i}c" if twin else None, stock,
                                    f"ISSUER {code} HOLDINGS", "en", when, "CONNECTED",
                                    "", None, [], extraction))  # fmt: skip
        for j, name in enumerate(board):
            key = store.name_key(name)
            pid = keys.setdefault(key, (len(keys) + 1, name))[0]
            role = ROLES[j % 3]
            mentions.append(MentionSource(ann_id, pid, name, role, name, key, None))
        if twin:
            ann_id += 1
            filings.append(FilingSource(ann_id, f"n{i}c", f"n{i}", stock, f"發行人{code}",
                                        "zh", when, "關連交易", "", None, [], None))  # fmt: skip
    return GraphSources(filings, mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'filings':>8} {'people':>7} {'links':>7} {'build s':>8} {'RSS MiB':>9} "
          f"{'ask ms p50':>10} {'ask ms max':>10} {'export s':>9} {'entities':>9}")  # fmt: skip
    for n in (int(s) for s in args.sizes.split(",")):
        rng = random.Random(args.seed)
        sources = synthetic(n, rng)
        started = time.perf_counter()
        graph = build_graph(sources)
        build = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the process's, so far
        people = [f"person:{k}" for k in graph.people.entities]
        asks = []
        for center in rng.sample(people, min(200, len(people))):
            started = time.perf_counter()
            graph.neighbourhood(center, dt.date(2018, 6, 30), 2)
            asks.append((time.perf_counter() - started) * 1000)
        asks.sort()
        started = time.perf_counter()
        count = sum(1 for e in ftm_entities(graph) if json.dumps(e, ensure_ascii=False))
        export = time.perf_counter() - started
        print(f"{n:>8} {len(graph.people.entities):>7} {len(graph.links):>7} {build:>8.2f} "
              f"{peak:>9.0f} {asks[len(asks) // 2]:>10.1f} {asks[-1]:>10.1f} {export:>9.2f} "
              f"{count:>9}")  # fmt: skip


if __name__ == "__main__":
    main()
