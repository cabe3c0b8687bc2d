"""The `filingwatch` command line: thin wrappers over the packages. Nothing imports this module.

Each section belongs to one package; keep the logic in the package, not here.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Watch HKEXnews, extract connected-transaction facts, search and alert.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


# --- store: db upgrade, search, load-sample -------------------------------------------------


# --- crawler: replica, crawl ------------------------------------------------------------------


@app.command()
def replica(
    port: int = typer.Option(8765, help="Port to listen on; 0 picks a free one."),
    host: str = typer.Option("127.0.0.1", help="Address to bind."),
    days: int = typer.Option(7, help="Spread the announcements over the last N days (HK time)."),
    per_day: int = typer.Option(6, help="At least this many filings a day."),
    extra: int = typer.Option(0, help="N more generated announcements, for volume."),
    seed: int = typer.Option(1, help="Seed of the schedule and the generated announcements."),
    fault: list[str] | None = typer.Option(
        None, help="Misbehave: PATTERN=FAULT[:times=N][:seconds=S] (repeatable)."
    ),
    prerender: bool = typer.Option(False, help="Render every file before serving."),
) -> None:
    """Serve the offline HKEXnews replica; the first line printed is its URL."""
    from crawler.replica import parse_args, serve

    args = ["--port", str(port), "--host", host, "--days", str(days), "--per-day", str(per_day)]
    args += ["--extra", str(extra), "--seed", str(seed)]
    for spec in fault or []:
        args += ["--fault", spec]
    if prerender:
        args.append("--prerender")
    serve(parse_args(args))


# --- extract: extract, reprocess, review ------------------------------------------------------


# --- alerts and scheduler: subscribe, subscriptions, unsubscribe, alerts, run-once, schedule ---


# --- web: serve -------------------------------------------------------------------------------


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the web UI and JSON API (uvicorn) over FILINGWATCH_DATABASE_URL."""
    import uvicorn

    import store
    import web

    engine = store.make_engine()
    store.ensure_schema(engine)
    typer.echo(f"filingwatch web UI on http://{host}:{port}/search (API docs at /docs)")
    uvicorn.run(web.create_app(engine), host=host, port=port, log_level="info")


if __name__ == "__main__":
    app()
