"""The replica's settings and the `python -m crawler.replica` argument parser.

Why one dataclass: the CLI (`filingwatch replica`), `python -m crawler.replica`, the test
helper and `build_app` all describe the same server, so they share one set of names.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .faults import Fault, FaultError, parse_fault_spec
from .files import DEFAULT_CACHE_DIR


@dataclass
class ReplicaConfig:
    days: int = 7
    per_day: int = 6
    extra: int = 0
    seed: int = 1
    host: str = "127.0.0.1"
    port: int = 0
    faults: list[Fault] = field(default_factory=list)
    corpus_dir: Path | None = None  # None: crawler/replica/corpus
    today: date | None = None  # None: today in Hong Kong
    cache_dir: Path | None = DEFAULT_CACHE_DIR  # None: memory only
    prerender: bool = False
    min_generated: int = 8  # generated filings always present (Multi-Files, .htm, revised...)
    deal_lives: int = 2  # whole deal lives (original, revised caps, supplement, renewal)

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError("days must be >= 1")
        if self.per_day < 0 or self.extra < 0:
            raise ValueError("per_day and extra must be >= 0")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m crawler.replica",
        description="An offline imitation of HKEXnews (title search, stock lists, documents).",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port (printed on stdout)")
    p.add_argument("--days", type=int, default=7, help="spread announcements over the last N days")
    p.add_argument("--per-day", type=int, default=6, help="at least this many filings a day")
    p.add_argument("--extra", type=int, default=0, help="N more generated announcements")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="PATTERN=FAULT[:times=N][:seconds=S]",
        help="misbehave for requests whose path?query matches PATTERN (repeatable)",
    )
    p.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    p.add_argument("--today", type=date.fromisoformat, default=None, help="last day (YYYY-MM-DD)")
    p.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    p.add_argument("--no-cache", action="store_true", help="keep rendered files in memory only")
    p.add_argument("--prerender", action="store_true", help="render every file before serving")
    return p


def parse_args(argv: list[str] | None = None) -> ReplicaConfig:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        faults = [parse_fault_spec(spec) for spec in args.fault]
        return ReplicaConfig(
            days=args.days,
            per_day=args.per_day,
            extra=args.extra,
            seed=args.seed,
            host=args.host,
            port=args.port,
            faults=faults,
            corpus_dir=args.corpus,
            today=args.today,
            cache_dir=None if args.no_cache else args.cache_dir,
            prerender=args.prerender,
        )
    except (FaultError, ValueError) as exc:
        parser.error(str(exc))
        raise  # unreachable: parser.error exits
