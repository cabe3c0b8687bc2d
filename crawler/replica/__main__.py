"""`python -m crawler.replica --port 0 --days 7 ...` (see config.build_parser for options)."""

from __future__ import annotations

from .config import parse_args
from .server import serve

if __name__ == "__main__":
    serve(parse_args())
