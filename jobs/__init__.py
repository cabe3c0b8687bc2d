"""The batch runner: read stored files, extract them in worker processes under time and memory
limits, save the facts, pair English and Chinese editions.

Why a package of its own: extract/ is pure (text in, facts out) and store/ is the only package
that speaks SQL; this sits above both and joins them, and owns the process pool.

Public surface (docs/architecture.md): run_pending, reprocess, run_file, run_files,
BatchSummary, Outcome, pair_editions, reporter (progress for the CLI); run_worker (a Celery
worker, jobs/celery_worker.py), status_lines (`filingwatch status`), broker_configured; the
people graph: load_graph, build_graph, Graph, Subgraph, resolve (people as entities),
ftm_entities (the FtM export), and its questions: neighbourhoods, describe, graph_json,
parse_day, GraphQueryError, cached_graph.
Importing it is light: the batch (spaCy, the pool) loads when a name is first used.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BatchSummary",
    "Graph",
    "GraphQueryError",
    "Node",
    "Subgraph",
    "build_graph",
    "cached_graph",
    "describe",
    "graph_json",
    "neighbourhoods",
    "parse_day",
    "ftm_entities",
    "load_graph",
    "resolve",
    "Outcome",
    "pair_editions",
    "BrokerError",
    "broker_configured",
    "reporter",
    "reprocess",
    "run_file",
    "run_files",
    "run_pending",
    "run_worker",
    "status_lines",
]

_HOMES = {
    "BatchSummary": "jobs.batch",
    "run_pending": "jobs.batch",
    "reprocess": "jobs.batch",
    "run_file": "jobs.batch",
    "run_files": "jobs.batch",
    "Outcome": "jobs.worker",
    "pair_editions": "jobs.editions",
    "reporter": "jobs.progress",
    "run_worker": "jobs.celery_worker",
    "status_lines": "jobs.extraction_status",
    "broker_configured": "jobs.queueing",
    "BrokerError": "jobs.queueing",
    "Graph": "jobs.connections",
    "build_graph": "jobs.connections",
    "load_graph": "jobs.connections",
    "resolve": "jobs.people",
    "ftm_entities": "jobs.ftm",
    "Subgraph": "jobs.connections",
    "Node": "jobs.connections",
    "GraphQueryError": "jobs.graph_views",
    "cached_graph": "jobs.graph_views",
    "describe": "jobs.graph_views",
    "graph_json": "jobs.graph_views",
    "neighbourhoods": "jobs.graph_views",
    "parse_day": "jobs.graph_views",
}


def __getattr__(name: str) -> Any:
    # spaCy and the pool are heavy: the scheduler and the CLI import this package at start-up.
    if name not in _HOMES:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
