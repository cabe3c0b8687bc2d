"""The replica as a Starlette application: HKEXnews's URLs, plus `/_replica/*` for tests.

Why Starlette under uvicorn: Python's http.server queues five connections and stalls Scrapy
(issue 3); an asyncio server answers concurrent requests properly. Routes stay thin: the
rules live in servlet.py, the files in files.py, the misbehaviour in faults.py.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import math
from datetime import UTC
from email.utils import format_datetime

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import taxonomy
from .catalogue import Catalogue, build_catalogue
from .config import ReplicaConfig
from .faults import Fault, FaultError, FaultRegistry
from .feeds import feed
from .htmlpages import (
    error_page,
    home_page,
    method_not_allowed_page,
    not_found_page,
    servlet_error_page,
)
from .manifest import manifest
from .servlet import ServletError, stock_lookup, title_search

JSON_TYPE = "application/json;charset=UTF-8"
JS_TYPE = "text/javascript;charset=UTF-8"


def build_app(config: ReplicaConfig | None = None, catalogue: Catalogue | None = None) -> Starlette:
    """The ASGI app for `config` (the catalogue is built here unless one is given)."""
    config = config or ReplicaConfig()
    catalogue = catalogue or build_catalogue(config)
    registry = FaultRegistry(list(config.faults))
    routes = _Routes(catalogue, registry)
    app = Starlette(
        routes=[
            Route("/", routes.root),
            Route("/index.htm", routes.home),
            Route("/search/titleSearchServlet.do", routes.servlet, methods=["GET", "POST"]),
            Route("/search/prefix.do", routes.prefix),
            Route("/search/partial.do", routes.partial),
            Route("/ncms/script/eds/{name}.json", routes.script_json),
            Route("/ncms/json/eds/{name}.json", routes.feed_json),
            Route("/listedco/listconews/{path:path}", routes.document),
            Route("/_replica/manifest", routes.manifest),
            Route("/_replica/faults", routes.faults, methods=["GET", "POST", "DELETE"]),
            Route("/_replica/gold/{slug}", routes.gold),
            Route("/_replica/text/{slug}", routes.text),
        ],
        middleware=[Middleware(FaultMiddleware, registry=registry)],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.catalogue = catalogue
    app.state.faults = registry
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    if status == 404:
        return HTMLResponse(not_found_page(), status_code=404)
    if status == 405:
        return HTMLResponse(method_not_allowed_page(request.method), status_code=405)
    return HTMLResponse(error_page(status, "Error"), status_code=status)


def _maybe_gzip(request: Request, body: str, media_type: str) -> Response:
    """JSON is gzipped when asked for, as the exchange does (clients are told to send gzip)."""
    raw = body.encode("utf-8")
    if "gzip" in request.headers.get("accept-encoding", "") and len(raw) > 512:
        return Response(
            gzip.compress(raw, compresslevel=5, mtime=0),
            media_type=media_type,
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(raw, media_type=media_type)


class _Routes:
    def __init__(self, catalogue: Catalogue, registry: FaultRegistry) -> None:
        self.catalogue = catalogue
        self.registry = registry

    async def root(self, request: Request) -> Response:
        """The site root redirects to the home page, as www1.hkexnews.hk/ does."""
        return RedirectResponse("/index.htm", status_code=302)

    async def home(self, request: Request) -> Response:
        return HTMLResponse(home_page(len(self.catalogue.filings)))

    async def servlet(self, request: Request) -> Response:
        if request.method == "POST":
            return HTMLResponse(
                method_not_allowed_page("POST"), status_code=405, headers={"Allow": "GET, HEAD"}
            )
        try:
            body = title_search(self.catalogue, request.query_params)
        except ServletError:
            return HTMLResponse(servlet_error_page())
        return _maybe_gzip(request, body, JSON_TYPE)

    async def prefix(self, request: Request) -> Response:
        return _maybe_gzip(
            request, stock_lookup(self.catalogue, request.query_params, False), JS_TYPE
        )

    async def partial(self, request: Request) -> Response:
        return _maybe_gzip(
            request, stock_lookup(self.catalogue, request.query_params, True), JS_TYPE
        )

    async def script_json(self, request: Request) -> Response:
        data = self._script(request.path_params["name"])
        if data is None:
            raise HTTPException(404)
        return _maybe_gzip(request, json.dumps(data, ensure_ascii=False), JSON_TYPE)

    async def feed_json(self, request: Request) -> Response:
        data = feed(self.catalogue, request.path_params["name"])
        if data is None:
            raise HTTPException(404)
        return _maybe_gzip(request, json.dumps(data, ensure_ascii=False), JSON_TYPE)

    def _script(self, name: str) -> list | None:
        base, _, lang = name.rpartition("_")
        if lang not in ("e", "c"):
            return None
        language = "zh" if lang == "c" else "en"
        counts = self.catalogue.counts()
        stocks = self.catalogue.stocks
        return {
            "activestock_sehk": lambda: stocks.stock_list_json(language, active=True),
            "inactivestock_sehk": lambda: stocks.stock_list_json(language, active=False),
            "tierone": lambda: taxonomy.tier_one_json(language, counts),
            "tiertwo": lambda: taxonomy.tier_two_json(language, counts),
            "tiertwogrp": lambda: taxonomy.tier_two_group_json(language),
            "doc": lambda: taxonomy.doc_json(language),
        }.get(base, lambda: None)()

    async def document(self, request: Request) -> Response:
        path = request.url.path
        store = self.catalogue.files
        if path not in store:
            raise HTTPException(404)
        data = store.get(path)
        assert data is not None
        spec = store.specs[path]
        headers = {
            "Accept-Ranges": "bytes",
            "Last-Modified": format_datetime(spec.released.astimezone(UTC), usegmt=True),
            "ETag": f'"{store.sha256(path)}"',
        }
        return _ranged(request, data, spec.content_type, headers)

    async def manifest(self, request: Request) -> Response:
        with_sha = request.query_params.get("sha256", "1") != "0"
        body = await asyncio.to_thread(manifest, self.catalogue, str(request.base_url), with_sha)
        return JSONResponse(body)

    async def faults(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.registry.clear()
        elif request.method == "POST":
            try:
                payload = await request.json()
                items = payload if isinstance(payload, list) else [payload]
                for item in items:
                    self.registry.add(Fault.from_json(item))
            except (ValueError, FaultError) as exc:
                return JSONResponse({"error": str(exc).splitlines()[0]}, status_code=400)
        return JSONResponse({"faults": self.registry.list()})

    def _doc(self, slug: str):
        for f in self.catalogue.filings:
            if f.doc.slug == slug:
                return f.doc
        raise HTTPException(404)

    async def gold(self, request: Request) -> Response:
        doc = self._doc(request.path_params["slug"])
        if doc.gold is None:
            raise HTTPException(404)
        return JSONResponse(doc.gold)

    async def text(self, request: Request) -> Response:
        doc = self._doc(request.path_params["slug"])
        return Response(doc.text, media_type="text/plain; charset=utf-8")


def _ranged(request: Request, data: bytes, media_type: str, headers: dict[str, str]) -> Response:
    """200, or 206 for one satisfiable `Range: bytes=a-b`, or 416 (HEAD works via uvicorn)."""
    size = len(data)
    spec = request.headers.get("range", "")
    if not spec.startswith("bytes=") or "," in spec:
        return Response(data, media_type=media_type, headers=headers)
    first, _, last = spec[6:].strip().partition("-")
    try:
        if first == "":
            start, end = max(0, size - int(last)), size - 1
        else:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
    except ValueError:
        return Response(data, media_type=media_type, headers=headers)
    if start >= size or start > end:
        return Response(
            b"", status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"}
        )
    headers = {**headers, "Content-Range": f"bytes {start}-{end}/{size}"}
    return Response(data[start : end + 1], status_code=206, media_type=media_type, headers=headers)


class FaultMiddleware:
    """Applies the first matching fault to a request (never to `/_replica/*`)."""

    def __init__(self, app: ASGIApp, registry: FaultRegistry) -> None:
        self.app = app
        self.registry = registry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_replica"):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        fault = self.registry.take(scope["path"] + (f"?{query}" if query else ""))
        if fault is None:
            await self.app(scope, receive, send)
            return
        kind = fault.fault
        if kind == "slow":
            await asyncio.sleep(fault.seconds)
            await self.app(scope, receive, send)
        elif kind == "500":
            await _send(send, 500, "text/html; charset=utf-8",
                        error_page(500, "Internal Server Error").encode())  # fmt: skip
        elif kind == "429":
            await _send(send, 429, "text/html; charset=utf-8",
                        error_page(429, "Too Many Requests").encode(),
                        [(b"retry-after", str(math.ceil(fault.seconds)).encode())])  # fmt: skip
        elif kind == "html_error":
            await _send(send, 200, "text/html; charset=utf-8",
                        error_page(503, "Service Unavailable").encode())  # fmt: skip
        else:
            await self._rewrite(scope, receive, send, kind)

    async def _rewrite(self, scope: Scope, receive: Receive, send: Send, kind: str) -> None:
        """Run the real handler, then spoil its body (and fix Content-Length)."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                      if k.lower() != b"accept-encoding"]}  # fmt: skip
        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        status = start.get("status", 200)
        if kind == "empty_body":
            body = b""
        elif kind == "truncated_pdf":
            body = body[: len(body) // 2]
        elif kind == "malformed_json":
            body = body[: max(1, len(body) // 2)]
        elif kind == "empty_page":
            body = _emptied(body)
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _emptied(body: bytes) -> bytes:
    """A valid envelope with no rows, keeping recordCnt: a page that should have had rows."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if not isinstance(data, dict) or "result" not in data:
        return body
    data["result"] = "null"
    data["loadedRecord"] = 0
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


async def _send(send: Send, status: int, media_type: str, body: bytes,
                extra: list[tuple[bytes, bytes]] | None = None) -> None:  # fmt: skip
    headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})
