"""An offline imitation of HKEXnews: same URLs, JSON and (generated, real) documents.

Start it with `python -m crawler.replica --port 0 --days 7` or `filingwatch replica`; tests use
`crawler.replica.testing.run_replica()`. See docs/architecture.md and ../shared/hkexnews.md §7.
"""

from __future__ import annotations

from .app import build_app
from .config import ReplicaConfig, parse_args
from .faults import Fault, parse_fault_spec
from .server import serve

__all__ = ["Fault", "ReplicaConfig", "build_app", "parse_args", "parse_fault_spec", "serve"]
