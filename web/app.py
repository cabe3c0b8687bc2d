"""The FastAPI application: routers, static files, error pages, security headers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import store
from web import (
    agreements,
    api,
    companies,
    feeds,
    filings,
    graph,
    people,
    review,
    search_page,
    search_query,
    security,
    subscription_pages,
)
from web.config import Settings
from web.render import STATIC_DIR, page

log = logging.getLogger(__name__)

# Our pages need no script at all; the API docs (/docs) load Swagger's, so they are exempt.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
DOCS = ("/docs", "/redoc")
#: Pages that show or act on subscriptions, signed links or the admin token: never stored
#: by a browser or a shared cache.
PRIVATE = ("/subscriptions", "/api/subscriptions", "/unsubscribe/", "/feeds/subscriptions/",
           "/review", "/api/review")  # fmt: skip


def _signed_in(scope: Scope) -> bool:
    """The request carries a credential (bearer token or the admin cookie)."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization" or (
            name == b"cookie" and security.ADMIN_COOKIE.encode() + b"=" in value
        ):
            return True
    return False


class HeadAsGet:
    """HEAD answers wherever GET does: the GET route runs and its body is dropped (FastAPI's
    routes list GET only, so HEAD got 405; the status and headers are the GET's)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware on every request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        private = path.startswith(PRIVATE) or _signed_in(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                if b"content-security-policy" not in names and not path.startswith(DOCS):
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                if private:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    names.discard(b"cache-control")
                    extra.append((b"cache-control", b"no-store"))
                headers.extend((k, v) for k, v in extra if k not in names)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


#: Requests a worker runs at once. SQLite work is CPU in this process: more threads than 2
#: only share the GIL (bench/web.py, search p95 at 8 clients on 2 workers: 40 threads 123-164
#: ms, 2 threads 88 ms, 1 thread 74 ms but one slow search then stalls its worker). PostgreSQL
#: handlers wait on the network, so they keep anyio's 40.
SQLITE_THREADS = 2
SERVER_THREADS = 40


def _threads_for(engine: store.Engine) -> int:
    return SQLITE_THREADS if engine.dialect.name == "sqlite" else SERVER_THREADS


def create_app(engine: store.Engine | None = None) -> FastAPI:
    """The web app over `engine` (default: FILINGWATCH_DATABASE_URL, schema brought up to date).

    Settings (admin token, secret key) are read from the environment here, once per app.
    """
    if engine is None:
        engine = store.make_engine()
        store.ensure_schema(engine)
    settings = Settings.from_env()
    threads = settings.threads or _threads_for(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Page handlers are sync functions run in anyio's thread pool (40 threads by default).
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="filingwatch",
        summary="HKEXnews announcements with extracted connected-transaction facts.",
        description=(
            "Search filings and their extracted facts, read a filing's parties, agreements, "
            "annual caps, connected persons and directors with evidence, follow a person "
            "across companies. Subscription management needs `Authorization: Bearer "
            "<FILINGWATCH_ADMIN_TOKEN>`."
        ),
        version="1.0",
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.search_cache = search_query.ResultCache(app.state.settings.cache_seconds)
    store.limit_statement_time(engine, app.state.settings.search_seconds)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    routers = (search_page, filings, people, companies, graph, agreements, subscription_pages,
               feeds, api, review)  # fmt: skip
    for module in routers:
        app.include_router(module.router)
    app.include_router(review.api_router)
    app.include_router(graph.api_router)
    app.include_router(agreements.api_router)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)  # outermost: HEAD is GET to everything inside

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is no page at this address."
        headers = getattr(exc, "headers", None)
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        return page(
            request,
            "error.html",
            {"status": exc.status_code, "message": detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return page(request, "error.html", {"status": 400, "message": problems}, status_code=400)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        message = "Something went wrong on our side; the error has been logged."
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=500)
        return page(request, "error.html", {"status": 500, "message": message}, status_code=500)

    return app
