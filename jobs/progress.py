"""Progress for long extract runs: a Rich bar on a terminal, one plain line per document
otherwise (logs, cron, CI), so either way an operator sees where a batch is."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from jobs.worker import Outcome


@contextmanager
def reporter(label: str = "extract") -> Iterator[Callable[[int, int, Outcome], None]]:
    if sys.stderr.isatty():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=False,
        ) as bar:
            task = bar.add_task(label, total=None)

            def update(done: int, total: int, outcome: Outcome) -> None:
                bar.update(task, completed=done, total=total)
                if not outcome.ok:
                    bar.console.print(f"[red]failed[/] {outcome.announcement_id}: {outcome.reason}")

            yield update
    else:

        def plain(done: int, total: int, outcome: Outcome) -> None:
            status = "ok" if outcome.ok else f"failed: {outcome.reason}"
            print(
                f"{label} {done}/{total} announcement {outcome.announcement_id} {status}",
                file=sys.stderr,
                flush=True,
            )

        yield plain
