"""The `filingwatch` command line: thin wrappers over the packages. Nothing imports this module.

Each section belongs to one package; keep the logic in the package, not here.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    help="Watch HKEXnews, extract connected-transaction facts, search and alert.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


# --- store: db upgrade, search, load-sample -------------------------------------------------


def _store_engine(*, create: bool = False):  # noqa: ANN202
    """The engine for FILINGWATCH_DATABASE_URL, its schema brought up to date; a database that
    cannot be used is one line on stderr with the fix, and exit code 2 (store/database.py)."""
    import store

    try:
        return store.open_database(create=create)
    except (store.DatabaseError, store.settings.SettingError) as error:
        _fail(str(error))


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _port_in_use(host: str, port: int, option: str = "--port") -> None:
    """Exit 2 with one line when something already listens on host:port (uvicorn and the
    replica would otherwise die with a traceback, or with SO_REUSEPORT share the port)."""
    import errno
    import socket

    if port == 0:
        return
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                _fail(f"port {port} on {host} is in use (another server is running there): "
                      f"stop it, or choose another port with {option}")  # fmt: skip
            _fail(f"cannot listen on {host}:{port}: {error.strerror}; check {option} and --host")


@db_app.command("upgrade")
def db_upgrade(
    create: bool = typer.Option(
        False, "--create", help="Create the SQLite file if it does not exist (outside ./data)."
    ),
) -> None:
    """Apply the database migrations (safe to repeat; data is kept)."""
    import store

    try:
        done = store.upgrade_database(create=create)
    except (store.DatabaseError, store.settings.SettingError) as error:
        _fail(str(error))
    typer.echo(f"database {done.url}: {done.before or 'empty'} -> {done.after}")


@app.command("settings")
def settings_command(
    markdown: bool = typer.Option(False, "--markdown", help="Print the docs table instead."),
) -> None:
    """Every FILINGWATCH_* setting: its value here (secrets hidden), default and meaning."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from store import settings, shown_url

    if markdown:
        typer.echo("| Variable | Default | Meaning |\n| --- | --- | --- |")
        for s in settings.SETTINGS.values():
            default = f"`{s.default}`" if s.default else "unset"
            typer.echo(f"| `{s.name}` | {default} | {s.help} |")
        return
    table = Table("setting", "value", "default", "meaning")
    for s in settings.SETTINGS.values():
        value = settings.get(s.name) if settings.is_set(s.name) else ""
        if value and any(w in s.name for w in ("PASSWORD", "SECRET", "TOKEN")):
            value = "(set)"
        elif value and s.name.endswith("_URL") and "@" in value:
            value = shown_url(value)
        table.add_row(s.name, escape(value), escape(s.default or ""), escape(s.help))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command("search")
def search_command(
    query: str = typer.Argument("", help='Words, "phrases", OR, -exclude, prefix*.'),
    stock: list[str] | None = typer.Option(None, "--stock", help="Stock code (repeatable)."),
    date_from: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD (HK)."),
    date_to: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (HK)."),
    year: str | None = typer.Option(None, "--year", help="Year published (or --from/--to)."),
    category: str | None = typer.Option(None, "--category", help="Headline category text/code."),
    transaction_type: str | None = typer.Option(
        None, "--type", help='Transaction type, e.g. "connected transaction".'
    ),
    party: str | None = typer.Option(None, "--party", help="Party name (English or Chinese)."),
    person: str | None = typer.Option(None, "--person", help='Person, e.g. "LEI Jun" or 雷軍.'),
    cap_min: str | None = typer.Option(
        None, "--cap-min", help="Annual cap at least (8000000 or 8m)"
    ),
    cap_max: str | None = typer.Option(None, "--cap-max", help="Annual cap at most."),
    currency: str | None = typer.Option(None, "--currency", help="Cap currency: HKD, RMB, USD."),
    lang: str | None = typer.Option(None, "--lang", help="en or zh: that edition only."),
    page: str = typer.Option("1", "--page", help="Page number."),
    per_page: str = typer.Option("20", "--per-page", help="Hits per page (max 200)."),
    sort: str = typer.Option("relevance", "--sort", help="relevance or date."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/search.schema.json)."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
    facts: bool = typer.Option(
        False,
        "--facts",
        help="With --csv/--json: every matching filing's caps, parties and "
        "persons, one row each (docs/search-facts.schema.json).",
    ),  # fmt: skip
) -> None:
    """Search stored announcements: one result per filing; exit code 2 on a malformed query.

    The web's and API's parameters are these options' names (--cap-min -> cap_min), checked
    by the same code (web.search_query.parse).
    """
    from starlette.datastructures import QueryParams

    from web import search_query

    given = {"q": query, "from": date_from, "to": date_to, "year": year, "category": category,
             "type": transaction_type, "party": party, "person": person, "cap_min": cap_min,
             "cap_max": cap_max, "currency": currency, "lang": lang, "page": page,
             "per_page": per_page, "sort": sort}  # fmt: skip
    pairs = [(k, v) for k, v in given.items() if v is not None]
    pairs += [("stock", code) for code in stock or ()]
    if facts and not (as_json or as_csv):
        _fail("--facts prints a table of facts: add --csv or --json")
    try:
        params = search_query.parse(QueryParams(pairs))
        engine = _store_engine()
        if facts:
            filings, rows = search_query.export_facts(engine, params, seconds=None)
        else:
            result = search_query.run(engine, params, seconds=None)
    except search_query.BadQuery as error:
        _fail(str(error))
    if facts:
        _print_facts(params, filings, rows, as_json)
    elif as_json:
        typer.echo(result.model_dump_json(indent=2))
    elif as_csv:
        _print_search_csv(result)
    else:
        _print_search_table(query, result)


def _print_facts(params, filings: int, rows: list, as_json: bool) -> None:  # noqa: ANN001
    if as_json:
        from web import schemas

        payload = schemas.FactsResponse(
            query=params.q,
            filters=params.filters_dict(),
            filings=filings,
            rows=[schemas.FactRow(**vars(r)) for r in rows],
        )
        typer.echo(payload.model_dump_json(indent=2))
        return
    import csv
    import sys

    import store
    from web.search_page import fact_cell

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(store.FACT_COLUMNS)
    for row in rows:
        writer.writerow([fact_cell(getattr(row, c)) for c in store.FACT_COLUMNS])


def _print_search_csv(result) -> None:  # noqa: ANN001
    import csv
    import sys

    from web.search_page import spreadsheet_safe  # the web export's formula defusing

    columns = ["id", "news_id", "stock_code", "stock_name", "published_at", "title", "score"]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*columns, "other_edition", "parties", "largest_cap", "connected_persons",
                     "snippet"])  # fmt: skip
    for hit in result.hits:
        cells = [
            hit.id, hit.news_id, hit.stock_code, hit.stock_name, hit.published_at.isoformat(),
            hit.title, round(hit.score or 0.0, 6),
            hit.other_edition.news_id if hit.other_edition else "", "; ".join(hit.parties),
            _cap_text(hit.largest_cap), "; ".join(hit.connected_persons),
            _plain_snippet(hit.snippet),
        ]  # fmt: skip
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in cells])


def _cap_text(cap) -> str:  # noqa: ANN001
    """`RMB 8,000,000 (period ending 31 December 2012)`."""
    if cap is None:
        return ""
    period = cap.period_label or (f"to {cap.period_end}" if cap.period_end else "")
    text = f"{cap.currency} {cap.amount:,f}".removesuffix(".00")
    return f"{text} ({period})" if period else text


def _plain_snippet(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))


def _print_search_table(query: str, result) -> None:  # noqa: ANN001
    import html

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    more = "" if result.total_exact else "+"
    total = result.paging.total
    title = f"{total:,}{more} filing{'' if total == 1 else 's'} for {query!r}"
    table = Table(title=f"{title} (page {result.paging.page} of {result.paging.pages})")
    for column in ("published (HK)", "stock", "title", "key facts", "snippet"):
        table.add_column(column, overflow="fold")
    for hit in result.hits:
        parts = hit.snippet.split("<mark>")
        snippet = escape(html.unescape(parts[0]))
        for part in parts[1:]:
            marked, _, rest = part.partition("</mark>")
            snippet += (
                f"[bold yellow]{escape(html.unescape(marked))}[/]{escape(html.unescape(rest))}"
            )
        facts = []
        if hit.parties:
            facts.append("parties: " + "; ".join(hit.parties))
        if hit.largest_cap:
            facts.append("largest cap: " + _cap_text(hit.largest_cap))
        if hit.connected_persons:
            facts.append("connected: " + "; ".join(hit.connected_persons))
        if hit.other_edition:
            other = "Chinese" if hit.other_edition.language == "zh" else "English"
            facts.append(f"{other} edition: {hit.other_edition.news_id}")
        table.add_row(
            f"{hit.published_at:%Y-%m-%d %H:%M} {hit.language}",
            f"{hit.stock_code} {escape(hit.stock_name)}",
            f"{escape(hit.title)}\n[dim]{hit.news_id}[/]",
            escape("\n".join(facts)),
            snippet,
        )
    console.print(table)
    for name, values in result.facets.items():
        if values:
            shown = ", ".join(f"{escape(v.label)} ({v.count})" for v in values[:8])
            console.print(f"[dim]{name}:[/] {shown}")


SAMPLE_NEWS_ID = "sample-kingsoft-2012-05-24"


@app.command("load-sample")
def load_sample() -> None:
    """Store the Kingsoft sample announcement (extract/samples/) so search has something real."""
    import datetime as dt
    import hashlib
    import json
    from pathlib import Path

    import store

    samples = Path(__file__).resolve().parent / "extract" / "samples"
    text_path = samples / "kingsoft-2012-05-24.txt"
    text = text_path.read_text(encoding="utf-8")
    extraction = json.loads((samples / "kingsoft-2012-05-24.json").read_text(encoding="utf-8"))
    announcement_id, outcome = store.save_filing(
        _store_engine(),
        {
            "news_id": SAMPLE_NEWS_ID,
            "stock_code": "03888",
            "stock_codes": ["03888"],
            "stock_name": "KINGSOFT",
            "title": extraction.get("title") or "CONTINUING CONNECTED TRANSACTION",
            "headline": "Announcements and Notices - [Continuing Connected Transaction]",
            "published_at": dt.datetime(2012, 5, 24, 19, 0, tzinfo=store.HK),
            "file_type": "TXT",
            "language": "en",
            "file_path": str(text_path),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "size": len(text.encode("utf-8")),
            "status": "fetched",
        },
        extraction,
        text=text,
        extractor_version=0,
    )
    typer.echo(f"sample {SAMPLE_NEWS_ID}: {outcome} (announcement id {announcement_id})")


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

    _port_in_use(host, port)
    args = ["--port", str(port), "--host", host, "--days", str(days), "--per-day", str(per_day)]
    args += ["--extra", str(extra), "--seed", str(seed)]
    for spec in fault or []:
        args += ["--fault", spec]
    if prerender:
        args.append("--prerender")
    serve(parse_args(args))


@app.command()
def crawl(
    date_from: str | None = typer.Option(
        None, "--from", help="First day (YYYY-MM-DD, HK). Default: last crawl's mark minus 1 day."
    ),
    date_to: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD). Default: today."),
    stock: list[str] | None = typer.Option(None, "--stock", help="Stock code (repeatable)."),
    category: list[str] | None = typer.Option(
        None, "--category", help="Headline code: tier-1 10000, tier-2 11300 or 10000/11300."
    ),
    lang: str = typer.Option("en", "--lang", help="en, zh or both."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="Default FILINGWATCH_BASE_URL or https://www1.hkexnews.hk."
    ),
    rate: float | None = typer.Option(
        None, "--rate", help="Requests/s (default FILINGWATCH_CRAWL_RATE or 1; 0 = replica only)."
    ),
    files_dir: str | None = typer.Option(
        None, "--files-dir", help="Default FILINGWATCH_FILES_DIR or data/files."
    ),
    log_level: str = typer.Option("INFO", "--log-level", help="Scrapy log level (its log file)."),
    verbose: bool = typer.Option(
        False, "--verbose", help="Scrapy's log on the terminal (default: a file under data/logs)."
    ),
) -> None:
    """Crawl HKEXnews (or the replica) into the database, in a child process."""
    import sys
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    import crawler

    console = Console(stderr=True)
    options = dict(
        stock_codes=stock or (), categories=category or (), lang=lang, base_url=base_url,
        rate=rate, files_dir=files_dir, log_level=log_level, verbose=verbose,
    )  # fmt: skip
    _store_engine().dispose()  # a database that cannot be used: one line, before the child
    try:
        if console.is_terminal:
            columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("files  {task.fields[failed]} failed")]  # fmt: skip
            with Progress(*columns, console=console, transient=True) as bar:
                task = bar.add_task("crawling", total=None, failed=0)

                def show(event: dict) -> None:
                    if event["event"] == "started":
                        window = f"{event['window_from']} .. {event['window_to']}"
                        bar.update(task, description=f"crawling {window}")
                    elif event["event"] == "progress":
                        bar.update(task, total=max(event["seen"], 1), failed=event["files_failed"],
                                   completed=event["files"] + event["files_failed"])  # fmt: skip

                summary = crawler.run_crawl(date_from, date_to, progress=show, **options)
        else:
            last = [0.0]

            def show(event: dict) -> None:
                now = time.monotonic()
                if event["event"] == "started":
                    print(f"crawl: run {event['run_id']} window {event['window_from']} .. "
                          f"{event['window_to']}", file=sys.stderr, flush=True)  # fmt: skip
                elif event["event"] == "progress" and now - last[0] >= 5:
                    last[0] = now
                    line = (f"crawl: seen {event['seen']}, files {event['files']}, "
                            f"failed {event['files_failed']}")  # fmt: skip
                    print(line, file=sys.stderr, flush=True)

            summary = crawler.run_crawl(date_from, date_to, progress=show, **options)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    table = Table(title=f"crawl run {summary.get('run_id')}: {summary['status']}")
    table.add_column("")
    table.add_column("value", justify="right")
    keys = ("window_from", "window_to", "seen", "new", "changed", "unchanged", "failed",
            "files_fetched", "bytes", "elapsed_s")  # fmt: skip
    for key in keys:
        if key in summary:
            table.add_row(key.replace("_", " "), str(summary[key]))
    Console().print(table)
    if summary.get("log_file"):
        console.print(f"log: {summary['log_file']}", highlight=False, soft_wrap=True)
    if summary.get("error"):
        from rich.markup import escape

        console.print(f"[red]error:[/red] {escape(summary['error'])}", highlight=False,
                      soft_wrap=True)  # fmt: skip
    if summary["status"] != "succeeded":
        raise typer.Exit(1)


# --- extract: extract, reprocess, review, status ----------------------------------------------


def _extract_engine():  # noqa: ANN202 - a store.Engine, imported late to keep --help fast
    return _store_engine()


@app.command()
def extract(
    path: str = typer.Argument(None, help="A .pdf, .htm/.html or .txt announcement."),
    as_json: bool = typer.Option(False, "--json", help="Print the extraction contract as JSON."),
    pending: bool = typer.Option(False, "--pending", help="Extract every fetched announcement."),
    workers: int = typer.Option(2, help="Worker processes for --pending."),
    limit: int = typer.Option(None, help="At most this many announcements (--pending)."),
    time_limit: float = typer.Option(60.0, help="Seconds allowed per document."),
    memory_mb: int = typer.Option(1536, help="Address space allowed per document (MB)."),
) -> None:
    """Extract one file (PATH --json), or every fetched announcement in the store (--pending).

    Either way each document is read in a worker process under the time and memory limits.
    With FILINGWATCH_BROKER_URL set, --pending queues the filings for `filingwatch worker`s
    and waits for them (FILINGWATCH_QUEUE_WAIT_SECONDS).
    """
    import json

    if pending:
        from jobs import BrokerError, reporter, run_pending

        try:
            with reporter("extract") as progress:
                summary = run_pending(
                    _extract_engine(),
                    workers=workers,
                    progress=progress,
                    limit=limit,
                    time_limit=time_limit,
                    memory_mb=memory_mb,
                )
        except BrokerError as error:
            _fail(str(error))
        typer.echo(summary.line())
        return
    if not path:
        raise typer.BadParameter("give a PATH, or --pending")
    from jobs import run_file

    outcome = run_file(path, time_limit=time_limit, memory_mb=memory_mb)
    if outcome.extraction is None:
        typer.echo(f"error: {outcome.reason or 'unknown failure'}", err=True)
        raise typer.Exit(2)
    result = outcome.extraction.to_json()
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{result['stock_code']}  {result['announcement_date']}  {result['title']}")
    for cap in result["annual_caps"]:
        typer.echo(f"  cap {cap['currency']} {cap['amount']:,} to {cap['period_end']}")
    for w in result.get("warnings", []):
        typer.echo(f"  warning: {w}")


@app.command()
def reprocess(
    workers: int = typer.Option(2, help="Worker processes."),
    time_limit: float = typer.Option(60.0, help="Seconds allowed per document."),
) -> None:
    """Re-extract announcements extracted by an older extractor, from their stored files
    (on `filingwatch worker`s when FILINGWATCH_BROKER_URL is set, as extract --pending)."""
    from jobs import BrokerError, reporter
    from jobs import reprocess as run_reprocess

    try:
        with reporter("reprocess") as progress:
            summary = run_reprocess(
                _extract_engine(), workers=workers, progress=progress, time_limit=time_limit
            )
    except BrokerError as error:
        _fail(str(error))
    typer.echo(summary.line())


review_app = typer.Typer(
    help="The review queue: flagged filings and cross-check warnings; accept or correct.",
    invoke_without_command=True,
)
app.add_typer(review_app, name="review")
FACTS_HELP = (
    "cap:N, party:N, agreement:N, person:N (connected) or director:N, as `show` numbers them"
)


@review_app.callback()
def review_default(ctx: typer.Context) -> None:
    """With no subcommand: the open queue (same as `review list`)."""
    if ctx.invoked_subcommand is None:
        review_list(state="open", kind=None, stock=None, text=None, as_json=False)


def _reviewer(by: str | None) -> str:
    import getpass

    try:
        return by or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container): stay anonymous
        return ""


def _review_call(call):  # noqa: ANN001, ANN202 - run a store call; its ReviewError is one line
    import store

    try:
        return call()
    except store.ReviewError as error:
        _fail(str(error))


@review_app.command("list")
def review_list(
    state: str = typer.Option("open", "--state", help="open, reviewed, corrected or all."),
    kind: str | None = typer.Option(None, "--kind", help="flagged or warning."),
    stock: str | None = typer.Option(None, "--stock", help="Only this stock code."),
    text: str | None = typer.Option(None, "--text", help="Only reasons containing these words."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the queue by news id, each filing with its reasons (newest first)."""
    import json

    import store

    engine = _store_engine()
    items = _review_call(
        lambda: store.review_list(engine, state=state, kind=kind, stock=stock, text=text)
    )
    if as_json:
        typer.echo(json.dumps([_review_dict(i) for i in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        typer.echo(
            f"{item.news_id}  {item.stock_code} {item.stock_name}  {item.published_at:%Y-%m-%d}"
            f"  {item.state}{f'  ({item.corrections} corrected)' if item.corrections else ''}"
            f"  {item.title[:70]}"
        )
        for reason in item.reasons:
            typer.echo(f"    {reason.kind}: {reason.text}")
        if item.decision is not None:
            typer.echo(f"    accepted by {item.decision.reviewer or '?'}: {item.decision.note}")
    noun = "filing" if len(items) == 1 else "filings"
    typer.echo(f"{len(items)} {noun} ({state}); see one with `filingwatch review show NEWS_ID`")


def _review_dict(item) -> dict:  # noqa: ANN001 - a store.ReviewItem
    decision = item.decision
    return {
        "news_id": item.news_id,
        "stock_code": item.stock_code,
        "stock_name": item.stock_name,
        "title": item.title,
        "published_at": item.published_at.isoformat(),
        "state": item.state,
        "reasons": [{"kind": r.kind, "text": r.text} for r in item.reasons],
        "corrections": item.corrections,
        "accepted": None
        if decision is None
        else {"note": decision.note, "reviewer": decision.reviewer,
              "at": decision.decided_at.isoformat()},
    }  # fmt: skip


@review_app.command("show")
def review_show(news_id: str = typer.Argument(..., help="The filing's news id.")) -> None:
    """One filing's reasons, decision, corrections and numbered facts (to name in `correct`)."""
    import store

    engine = _store_engine()
    sheet = _review_call(lambda: store.review_sheet(engine, news_id))
    item, extraction = sheet.item, sheet.extraction
    typer.echo(f"{item.news_id}  {item.stock_code} {item.stock_name}  {item.published_at:%Y-%m-%d}")
    typer.echo(f"  {item.title}")
    typer.echo(f"  state: {item.state}")
    for reason in item.reasons:
        typer.echo(f"  {reason.kind}: {reason.text}")
    if item.decision is not None:
        d = item.decision
        typer.echo(f"  accepted {d.decided_at:%Y-%m-%d %H:%M} by {d.reviewer or '?'}: {d.note}")
    marks = store.corrected_paths(extraction)
    for kind, facts in store.facts_of(extraction).items():
        for number, fact in enumerate(facts, 1):
            line = f"  {kind}:{number}  {_fact_text(kind, fact)}"
            mark = marks.get(fact["path"])
            if mark:
                was = ", ".join(f"{k} was {v}" for k, v in mark.get("machine", {}).items())
                line += f"  [corrected by {mark.get('reviewer') or '?'}: {mark.get('note')}"
                line += f"; {was}]" if was else "]"
            typer.echo(line)


def _fact_text(kind: str, f: dict) -> str:
    if kind == "cap":
        amount = f.get("amount")
        shown = f"{amount:,}" if isinstance(amount, int | float) else str(amount)
        period = f.get("period_label") or f"ending {f.get('period_end')}"
        return f"{f.get('currency')} {shown}  {period}  agreement: {f.get('agreement') or '-'}"
    if kind == "party":
        others = [x for x in (f.get("full_name"), f.get("chinese_name")) if x]
        return f"{f.get('name')}" + (f"  ({'; '.join(others)})" if others else "")
    if kind == "agreement":
        term = f"{f.get('term_start') or '?'} .. {f.get('term_end') or '?'}"
        return f"{f.get('name')}  dated {f.get('date') or '?'}  term {term}"
    if kind == "person":
        return f"{f.get('name')}  entity: {f.get('connected_entity') or '-'}"
    return f"{f.get('name')}  ({f.get('role')})"


@review_app.command("accept")
def review_accept(
    news_id: str = typer.Argument(..., help="The filing's news id."),
    note: str = typer.Option(..., "--note", help="What you checked, or why it is right."),
    by: str | None = typer.Option(None, "--by", help="Reviewer (default: your login name)."),
) -> None:
    """Mark a filing reviewed as it stands; it leaves the queue until a new reason appears."""
    import store

    engine = _store_engine()
    _review_call(lambda: store.accept_review(engine, news_id, note, _reviewer(by)))
    typer.echo(f"{news_id}: reviewed")


@review_app.command("correct")
def review_correct(
    news_id: str = typer.Argument(..., help="The filing's news id."),
    fact: str = typer.Argument(..., help=FACTS_HELP),
    values: list[str] = typer.Option(
        ..., "--set", help="FIELD=VALUE, repeatable: amount=9.5m currency=HKD period_end=..."
    ),
    note: str = typer.Option(..., "--note", help="Why (e.g. the page and line of the document)."),
    by: str | None = typer.Option(None, "--by", help="Reviewer (default: your login name)."),
) -> None:
    """Correct one fact; the correction is kept across `reprocess` and new extractor versions.

    Fields: cap amount, currency, period_end, period_label; party name, full_name,
    chinese_name; agreement name, date, term_start, term_end; person (connected) name,
    connected_entity, relationship; director name, role (executive, non_executive,
    independent_non_executive)."""
    import store

    fields: dict[str, str] = {}
    for value in values:
        name, sep, raw = value.partition("=")
        if not sep or not name.strip():
            _fail(f"--set takes FIELD=VALUE, not {value!r}")
        fields[name.strip()] = raw
    engine = _store_engine()
    _review_call(lambda: store.correct_review(engine, news_id, fact, fields, note, _reviewer(by)))
    shown = ", ".join(f"{k}={v}" for k, v in fields.items())
    typer.echo(f"{news_id} {fact}: corrected ({shown})")


@app.command()
def status() -> None:
    """Counts: filings by status, the review queue; extraction's queue, workers, rate, failures."""
    import store

    engine = _store_engine()
    counts = store.review_counts(engine)
    total = sum(counts.by_status.values())
    by_status = ", ".join(f"{n} {name}" for name, n in counts.by_status.items())
    typer.echo(f"filings: {total} ({by_status})")
    typer.echo(
        f"review: {counts.needs_review} need review, {counts.reviewed} reviewed, "
        f"{counts.corrected} corrected ({counts.corrections} "
        f"correction{'' if counts.corrections == 1 else 's'})"
    )
    from jobs import status_lines

    for line in status_lines(engine):
        typer.echo(line)


@app.command()
def worker(
    concurrency: int = typer.Option(2, help="Worker processes (documents read at once)."),
    name: str = typer.Option(None, help="The worker's name (NAME@host); default filingwatch."),
    time_limit: float = typer.Option(60.0, help="Seconds allowed per document."),
    memory_mb: int = typer.Option(1536, help="Address space allowed per document (MB)."),
) -> None:
    """Run a Celery worker for extraction tasks (needs FILINGWATCH_BROKER_URL, the database
    and the file store; README "Running on several machines"). Ctrl-C/SIGTERM: a warm stop."""
    from jobs import broker_configured

    if not broker_configured():
        _fail("FILINGWATCH_BROKER_URL is not set: set it to the broker (redis://host:6379/0)")
    _store_engine().dispose()  # a database that cannot be used: one line, not a traceback
    from jobs import run_worker

    run_worker(concurrency, name=name, time_limit=time_limit, memory_mb=memory_mb)


@app.command()
def pair() -> None:
    """Pair English and Chinese editions; link Chinese names to English parties and persons."""
    from jobs import pair_editions
    from store.wording import plural

    typer.echo(f"{plural(pair_editions(_extract_engine()), 'new edition pair')}")


# --- the people graph: graph, export ---------------------------------------------------------


@app.command()
def graph(
    person: str | None = typer.Option(None, "--person", help='A name: "LEI Jun" or 雷軍.'),
    company: str | None = typer.Option(None, "--company", help="Or a stock code: 01810."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="YYYY-MM-DD: the connections of that day (default: all, ever)."
    ),
    depth: int = typer.Option(1, "--depth", help="How many links out (1 to 4)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who was connected to whom on a date: a person's (or company's) directorships,
    shareholdings, family links and connected-person links ([people](docs/people.md)).

    Namesakes nothing links are separate people: each is answered on its own."""
    import json

    from jobs import (
        GraphQueryError,
        describe,
        graph_json,
        load_graph,
        neighbourhoods,
        parse_day,
    )

    try:
        day = parse_day(as_of)
        built = load_graph(_store_engine())
        found = neighbourhoods(built, person=person, company=company, as_of=day, depth=depth)
    except GraphQueryError as error:
        _fail(str(error))
    if as_json:
        typer.echo(json.dumps(graph_json(built, found), ensure_ascii=False, indent=2))
        return
    if not found:
        _fail(f"nobody and nothing by that name in the stored filings: {person or company}", 1)
    for sub in found:
        typer.echo("\n".join(describe(built, sub)))


@app.command()
def deals(
    backfill: bool = typer.Option(
        False, "--backfill", help="Link every stored filing to its agreements again first."
    ),
    stock: str | None = typer.Option(None, "--stock", help="Only this stock code."),
) -> None:
    """Agreements across filings: each with its filings' parts and the years over their cap."""
    import store
    from store.wording import plural

    engine = _store_engine()
    code = stock.strip().zfill(5) if stock else None
    if backfill:
        linked = store.relink_deals(engine, code)
        typer.echo(f"{plural(linked, 'filing')} linked to agreements")
    shown = store.company_deals(engine, code) if code else store.all_deals(engine)
    for d in shown:
        over = sum(1 for y in d.years if y.exceeded)
        roles = ", ".join(f.role for f in d.filings)
        typer.echo(f"{d.id}\t{d.stock_code}\t{d.name}\t{roles}\t{plural(over, 'year')} over cap")


#: `filingwatch export --format F`: each format is one function writing into --out
EXPORT_FORMATS = ("csv", "ftm")


@app.command()
def export(
    fmt: str = typer.Option(
        "csv",
        "--format",
        help="csv: agreements.csv, caps.csv (agreement-years), cap_history.csv into --out; "
        "ftm: FollowTheMoney entities, JSON lines on stdout.",
    ),
    out: str = typer.Option("export", "--out", help="Directory the csv files go in (created)."),
) -> None:
    """Export facts across filings: `--format csv` writes the agreements and their caps as
    files in --out; `--format ftm` streams every person, company, link and agreement as
    FollowTheMoney entities (one JSON object a line) for Aleph or yente-style tools."""
    from pathlib import Path

    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    engine = _store_engine()
    if fmt == "ftm":
        _export_ftm(engine)
        return
    directory = Path(out)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written = _export_csv(engine, directory)
    except OSError as error:
        _fail(f"cannot write to {directory}: {error.strerror or error}")
    for path, rows in written:
        typer.echo(f"{path}: {rows} rows")


def _export_ftm(engine) -> None:  # noqa: ANN001
    import json

    from jobs import ftm_entities, load_graph

    stream = sys.stdout
    for entity in ftm_entities(load_graph(engine)):
        stream.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    stream.flush()


def _export_csv(engine, directory):  # noqa: ANN001, ANN202 - (path, rows) of each file written
    import csv

    import store

    written = []
    for name, (columns, rows) in store.deal_tables(engine).items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
        written.append((path, len(rows)))
    return written


# --- alerts and scheduler: subscribe, subscriptions, unsubscribe, alerts, run-once, schedule ---


def _alerts_engine():  # noqa: ANN202 - a store.Engine, imported late to keep --help fast
    return _store_engine()


def _alerts_console():  # noqa: ANN202 - a rich Console
    """Full-width tables when piped (rich would cut them at 80 columns)."""
    import sys

    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 200)


@app.command()
def subscribe(
    name: str = typer.Argument(..., help='The person to follow, e.g. "LEI Jun".'),
    alias: list[str] | None = typer.Option(None, "--alias", help="Another spelling (repeatable)."),
    chinese: str | None = typer.Option(None, "--chinese", help="Chinese name, e.g. 雷軍."),
    email: str | None = typer.Option(None, "--email", help="Send alerts to this address."),
    webhook: str | None = typer.Option(None, "--webhook", help="POST signed JSON to this URL."),
    feed: bool = typer.Option(False, "--feed", help="Publish alerts in an Atom feed."),
    stock: list[str] | None = typer.Option(None, "--stock", help="Only these stock codes."),
    type_: list[str] | None = typer.Option(
        None, "--type", help='Only these transaction types, e.g. "connected transaction".'
    ),
    role: list[str] | None = typer.Option(
        None, "--role", help="Only when named as: director, connected, abstained (repeatable)."
    ),
    min_cap: str | None = typer.Option(None, "--min-cap", help="Only filings with a cap >= N."),
    backfill: bool = typer.Option(
        False,
        "--backfill",
        help="Also alert on matching filings already stored (default: new only).",
    ),
) -> None:
    """Follow a person: one alert per new filing that names them."""
    import alerts
    from store.wording import plural

    chosen = [c for c, on in (("email", email), ("webhook", webhook), ("feed", feed)) if on]
    if len(chosen) != 1:
        raise typer.BadParameter("choose exactly one of --email, --webhook or --feed")
    engine = _alerts_engine()
    try:
        sub = alerts.create_subscription(
            engine,
            name,
            aliases=alias or [],
            chinese_name=chinese,
            stock_codes=stock or [],
            transaction_types=type_ or [],
            roles=role or [],
            min_cap_amount=min_cap,
            channel=chosen[0],
            target=email or webhook,
        )
    except alerts.SubscriptionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"subscription {sub.id}: {sub.name} -> {sub.channel} {sub.target or ''}".rstrip())
    if sub.channel == "email" and alerts.unsubscribe_url(sub.id) is None:
        typer.echo(
            "warning: FILINGWATCH_SECRET_KEY is not set, so its e-mails carry no unsubscribe link",
            err=True,
        )
    if sub.channel == "webhook":
        typer.echo(f"webhook secret (verify X-Filingwatch-Signature with it): {sub.secret}")
    if sub.channel == "feed":
        url = alerts.feed_url(sub.id)
        if url is None:
            typer.echo(
                "warning: FILINGWATCH_SECRET_KEY is not set, so the feed has no stable link; set "
                "it (and FILINGWATCH_PUBLIC_URL), then `filingwatch subscriptions` shows it",
                err=True,
            )
        else:
            typer.echo(f"feed: {url}")
    if backfill:
        made = alerts.match_new(engine, include_history_for=[sub.id])
        typer.echo(f"backfill: {plural(made, 'alert')} for filings already stored")


@app.command()
def subscriptions() -> None:
    """List subscriptions."""
    from rich.table import Table

    import alerts

    table = Table("id", "name", "aliases", "chinese", "channel", "target", "filters", "since")
    for sub in alerts.list_subscriptions(_alerts_engine()):
        filters = [f"stock {','.join(sub.stock_codes)}" if sub.stock_codes else ""]
        filters += [f"type {','.join(sub.transaction_types)}" if sub.transaction_types else ""]
        filters += [f"role {','.join(sub.roles)}" if sub.roles else ""]
        filters += [f"cap>={sub.min_cap_amount}" if sub.min_cap_amount is not None else ""]
        filters += ["" if sub.active else "inactive"]
        table.add_row(
            str(sub.id),
            sub.name,
            ", ".join(sub.aliases),
            sub.chinese_name or "",
            sub.channel,
            sub.target or "",
            "; ".join(f for f in filters if f),
            sub.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    _alerts_console().print(table)


@app.command()
def unsubscribe(subscription_id: int = typer.Argument(..., help="The id from `subscriptions`.")):
    """Delete a subscription and its alerts."""
    import alerts

    if not alerts.delete_subscription(_alerts_engine(), subscription_id):
        typer.echo(f"error: no subscription {subscription_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"deleted subscription {subscription_id}")


@app.command(name="alerts")
def alerts_command(
    pending: bool = typer.Option(False, "--pending", help="Only alerts not yet delivered."),
    limit: int = typer.Option(50, help="Show the newest N."),
) -> None:
    """List alerts, newest first: who was named, in what role, why, and delivery state."""
    from rich.table import Table

    import store

    table = Table("id", "sub", "named", "role", "filing", "why", "status", "tries", "note")
    for alert in store.alert_log(_alerts_engine(), limit=limit, pending_only=pending):
        note = alert.last_error or ""
        if alert.status == "pending" and alert.next_attempt_at:
            note = f"next {alert.next_attempt_at:%Y-%m-%d %H:%M}; {note}".rstrip("; ")
        table.add_row(
            str(alert.id),
            str(alert.subscription_id),
            alert.person_name,
            alert.role,
            f"{alert.stock_code} {alert.title[:40]}",
            f"{alert.matched_alias} ({alert.score:.0f})",
            alert.status,
            str(alert.attempts),
            note[:60],
        )
    _alerts_console().print(table)


@app.command(name="run-once")
def run_once(
    base_url: str | None = typer.Option(
        None, "--base-url", help="HKEXnews base URL (the replica's, for a demo)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print every stage's counts as JSON."),
    verbose: bool = typer.Option(False, "--verbose", help="Scrapy's log on the terminal."),
) -> None:
    """Run one cycle now: crawl the new window, extract, match, deliver.

    Exit code 1 when the cycle is not ok (a failed crawl, or another stage's error); the
    operator is notified (FILINGWATCH_OPERATOR_EMAIL / FILINGWATCH_OPERATOR_WEBHOOK)."""
    import json

    import scheduler

    _store_engine().dispose()  # a database that cannot be used: one line, not a traceback
    options = {"verbose": True} if verbose else None
    result = scheduler.run_cycle(base_url, crawl_options=options)
    if result.get("status") == scheduler.SKIPPED:
        typer.echo("skipped: another cycle holds the lock")
        return
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str, ensure_ascii=False))
    else:
        for line in _cycle_lines(result):
            typer.echo(line)
    if result.get("errors"):
        typer.echo(f"cycle {result['status']}: {result['errors'][0]}", err=True)
        raise typer.Exit(1)


def _cycle_lines(result: dict) -> list[str]:
    """A cycle's result in a few lines: the crawl, then each later stage's count."""
    from store.wording import plural

    lines = [f"cycle {result.get('status')}"]
    crawl = result.get("crawl") or {}
    if crawl:
        window = f"{crawl.get('window_from')} .. {crawl.get('window_to')}"
        lines.append(
            f"crawl run {crawl.get('run_id')} {crawl.get('status')}, {window}: "
            f"{plural(crawl.get('seen') or 0, 'announcement')} seen, {crawl.get('new') or 0} new, "
            f"{crawl.get('failed') or 0} failed"
        )
        if crawl.get("log_file"):
            lines.append(f"crawl log: {crawl['log_file']}")
    extracted = result.get("extracted")
    if isinstance(extracted, dict):
        lines.append(
            f"extract: {plural(extracted.get('total') or 0, 'document')}, "
            f"{extracted.get('extracted') or 0} extracted, {extracted.get('failed') or 0} failed"
        )
    counts = [
        plural(result[key], noun)
        for key, noun in (("paired", "edition pair"), ("matched", "new alert"))
        if isinstance(result.get(key), int)
    ]
    if isinstance(result.get("delivered"), int):
        counts.append(f"{result['delivered']} delivered")
    if counts:
        lines.append(", ".join(counts))
    return lines


@app.command()
def schedule(
    base_url: str | None = typer.Option(None, "--base-url", help="HKEXnews base URL."),
    cron: str | None = typer.Option(
        None, "--cron", help='Override FILINGWATCH_SCHEDULE (default "30 23 * * *", HK time).'
    ),
) -> None:
    """Run the nightly scheduler in the foreground (SIGTERM/Ctrl-C stops it cleanly)."""
    import logging

    import scheduler

    _store_engine().dispose()  # a database that cannot be used: one line, not a traceback
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    scheduler.run_schedule(base_url=base_url, schedule=cron)


# --- web: serve -------------------------------------------------------------------------------


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes (about one per CPU under load)."),
) -> None:
    """Serve the web UI and JSON API (uvicorn) over FILINGWATCH_DATABASE_URL."""
    from web.serving import run

    _store_engine().dispose()  # a database that cannot be used: one line, not a traceback
    _port_in_use(host, port)
    typer.echo(f"filingwatch web UI on http://{host}:{port}/search (API docs at /docs)")
    run(host, port, workers)


if __name__ == "__main__":
    app()
