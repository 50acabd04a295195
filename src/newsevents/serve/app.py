"""The HTTP API and the dashboard: one FastAPI application over one events database.

Routes are thin: they turn query strings into a ``queries.EventFilter``, call one ``Store`` method
and format the result (JSON, CSV or GeoJSON). The dashboard is static files (``static/``) that
call the same API.

The process opens the database once and gives each request its own cursor (a cheap second
connection to the same open database): reads run in parallel threads and see every committed
write. Without a token the database is opened read-only; with one it is opened for writing and
``POST /articles`` is the way in (DuckDB allows one writing process, so ``newsevents ingest``
into the same file waits until the server stops).
"""
from __future__ import annotations

import asyncio
import csv
import hmac
import io
import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..config import Settings
from ..errors import InputError, NewsEventsError, NotFound, QueryError, StoreError
from ..export import CSV_COLUMNS, flatten
from ..model import COUNT_KINDS
from ..queries import DEFAULT_SORT, SORTS, EventFilter
from ..store import Store
from .evidence import highlight_spans

STATIC = resources.files("newsevents") / "serve" / "static"
# The dashboard loads nothing from elsewhere; the policy makes the browser refuse it if it tried,
# and refuse any script that article text might smuggle in.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")


@dataclass(frozen=True)
class ServeSettings:
    """Options of one server process."""

    db: str = field(default="events.duckdb", metadata={"help": "the DuckDB file to serve"})
    token: str | None = field(default=None, metadata={
        "help": "enables POST /articles for clients sending 'Authorization: Bearer TOKEN'"})
    max_page: int = field(default=1000, metadata={"help": "largest page of GET /events (JSON, CSV)"})
    max_map_page: int = field(default=10000, metadata={"help": "largest page of GET /events?format=geojson"})
    map_points: int = field(default=5000, metadata={
        "help": "GET /map sends the events themselves up to this many, else counts in cells"})
    max_body_bytes: int = field(default=5_000_000, metadata={"help": "largest request body (POST /articles)"})
    query_seconds: float = field(default=10.0, metadata={"help": "a query running longer is stopped (503)"})
    cache_entries: int = field(default=1024, metadata={
        "help": "answers to GET queries kept in memory until the database changes (0: none)"})
    pipeline: Settings = field(default_factory=Settings, metadata={"help": "settings of POST /articles' coder"})


class ApiError(HTTPException):
    """An HTTP error with a message for the client (rendered in the one JSON error shape)."""


def error_body(status: int, message: str) -> JSONResponse:
    """The API's one error shape: ``{"error": {"status": 404, "message": "..."}}``."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes is refused with 413, declared or not."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_large = f"request body over {self.limit} bytes: send a smaller article"
        if declared and declared.isdigit() and int(declared) > self.limit:
            return await error_body(413, too_large)(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise ApiError(413, too_large)
            return message

        return await self.app(scope, limited, send)


class SecurityHeaders:
    """ASGI middleware: the security headers on every answer (plain ASGI: Starlette's
    ``@app.middleware("http")`` wraps each request in a task group and streams, a large share of a
    small request's CPU)."""

    HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
               (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in self.HEADERS}
                message["headers"] = [*(h for h in message.get("headers", []) if h[0].lower() not in names),
                                      *self.HEADERS]
            await send(message)

        return await self.app(scope, receive, with_headers)


class AnswerCache:
    """ASGI middleware: successful GET answers of the query routes, kept until the database changes.

    Safe because nothing else can change the file while this process has it open (DuckDB lets one
    process write, and no process write while another reads); this process's own writes (POST
    /articles) bump ``version``, which empties the cache.
    """

    ROUTES = ("/events", "/map", "/stats", "/stories", "/articles/")
    MAX_BYTES = 4_000_000   # an answer larger than this is not kept

    def __init__(self, app, entries: int, state):
        self.app, self.entries, self.state = app, entries, state
        self.answers: OrderedDict[bytes, tuple[int, list, bytes]] = OrderedDict()
        self.seen = 0

    @property
    def version(self) -> int:
        return self.state.writes

    async def __call__(self, scope, receive, send):
        if (scope["type"] != "http" or scope["method"] != "GET" or not self.entries
                or not scope["path"].startswith(self.ROUTES)):
            return await self.app(scope, receive, send)
        if self.seen != self.version:
            self.answers.clear()
            self.seen = self.version
        key = scope["path"].encode() + b"?" + scope["query_string"]
        if key in self.answers:
            self.answers.move_to_end(key)
            status, headers, body = self.answers[key]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            return await send({"type": "http.response.body", "body": body})
        version, start, parts = self.version, {}, []

        async def keep(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200 and version == self.version:
                    body = b"".join(parts)
                    if len(body) <= self.MAX_BYTES:
                        self.answers[key] = (200, start["headers"], body)
                        while len(self.answers) > self.entries:
                            self.answers.popitem(last=False)
            await send(message)

        return await self.app(scope, receive, keep)


def create_app(options: ServeSettings) -> FastAPI:
    """The application serving ``options.db``.

    Raises:
        StoreError: the database cannot be opened (missing without a token, locked by a writer).
    """
    if not options.token and not Path(options.db).exists():
        raise StoreError(f"no database at {options.db}: run `newsevents ingest ... --db {options.db}` first")
    store = Store(options.db, read_only=not options.token)
    write_lock = threading.Lock()
    app = FastAPI(title="newsevents", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Sourced, coded event records: query them, map them, read their evidence.")
    app.state.store = store
    app.state.writes = 0   # articles stored by POST /articles: a change empties the answer cache
    app.add_middleware(BodyLimit, limit=options.max_body_bytes)
    app.add_middleware(AnswerCache, entries=options.cache_entries, state=app.state)

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(NewsEventsError)
    async def known_error(request: Request, exc: NewsEventsError):
        status = {QueryError: 400, NotFound: 404, InputError: 422, StoreError: 503}.get(type(exc), 500)
        return error_body(status, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.url.path}: see /openapi.json"
        return error_body(exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # a bug, still answered in the one error shape (and logged by the server with its traceback)
        return error_body(500, f"internal error ({type(exc).__name__}): please report it with the request")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
                             for e in exc.errors())
        return error_body(400, problems)

    async def reader() -> AsyncIterator[Store]:
        # async, so FastAPI runs it on the event loop: a sync dependency costs two thread hops,
        # and a threading.Timer a new thread, per request
        view = store.reader()
        timer = asyncio.get_running_loop().call_later(options.query_seconds, view.interrupt)
        try:
            yield view
        finally:
            timer.cancel()
            view.close()

    def event_filter(q: str | None = Query(None, description="words anywhere in the record"),
                     type: str | None = Query(None, description="PLOVER type(s): PROTEST or PROTEST,ASSAULT"),
                     mode: str | None = Query(None, description="PLOVER mode(s)"),
                     cameo: str | None = Query(None, description="CAMEO code prefix, e.g. 14 or 173"),
                     acled_type: str | None = Query(None, description="ACLED event type, e.g. Protests"),
                     status: str | None = Query(None, description="status(es): occurred, planned, ..."),
                     country: str | None = Query(None, description="ISO3 of an actor or the place"),
                     actor: str | None = Query(None, description="actor name words or code (KEN, GOV, KENGOV)"),
                     since: str | None = Query(None, description="YYYY-MM-DD, inclusive"),
                     until: str | None = Query(None, description="YYYY-MM-DD, inclusive"),
                     bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
                     min_confidence: float | None = Query(None, ge=0, le=1),
                     story: str | None = Query(None, description="story id")) -> EventFilter:
        return EventFilter(q=q, type=type, mode=mode, cameo=cameo, acled_type=acled_type, status=status,
                           country=country, actor=actor, since=since, until=until, bbox=bbox,
                           min_confidence=min_confidence, story=story)

    @app.get("/events", summary="events matching filters, a page at a time")
    def list_events(f: EventFilter = Depends(event_filter), db: Store = Depends(reader),
                    sort: str = Query(DEFAULT_SORT, description="one of " + ", ".join(SORTS)),
                    cursor: str | None = Query(None, description="the previous page's `next`"),
                    limit: int | None = Query(None, ge=1, description="events per page (default 100)"),
                    format: str = Query("json", pattern="^(json|csv|geojson)$"),
                    total: bool = Query(False, description="also count every match (one more query)"),
                    mentions: bool = Query(False, description="add each event's mentions (GET /events/{id} has them all)")):
        cap = options.max_map_page if format == "geojson" else options.max_page
        limit = limit or min(100, cap)
        if limit > cap:
            raise QueryError(f"limit={limit} is over the largest page ({cap}) for format={format}: "
                             "follow the `next` cursor for more")
        if format == "geojson":
            f.located = True
        rows, following = db.events_page(f, sort, cursor, limit, summary=format == "geojson", mentions=mentions,
                                         as_json=format != "geojson")
        counted = db.count_matching(f) if total else None
        headers = {"X-Next-Cursor": following} if following else {}
        if counted is not None:
            headers["X-Total-Count"] = str(counted)
        if format == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(flatten(json.loads(r)) for r in rows)
            return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
        if format == "geojson":
            body = {"type": "FeatureCollection", "features": [_feature(r) for r in rows], "next": following}
            if counted is not None:
                body["total"] = counted
            return JSONResponse(body, media_type="application/geo+json", headers=headers)
        # the stored records are JSON already: they are joined, not decoded and encoded again
        tail = json.dumps({"next": following, **({"total": counted} if counted is not None else {})})
        body = '{"events": [' + ", ".join(rows) + "], " + tail[1:]
        return Response(body, media_type="application/json", headers=headers)

    @app.get("/map", summary="the map's points: the events in view, or counts in cells when there are many")
    def get_map(f: EventFilter = Depends(event_filter), db: Store = Depends(reader),
                zoom: int = Query(2, ge=0, le=20, description="the map's zoom level (sets the cell size)")):
        f.located = True
        total = db.count_matching(f)
        if total <= options.map_points:
            rows, _ = db.events_page(f, "-date", None, max(total, 1), summary=True)
            return JSONResponse({"type": "FeatureCollection", "kind": "events", "total": total,
                                 "features": [_feature(r) for r in rows]}, media_type="application/geo+json")
        # about 60 pixels between cells at any zoom (a 256-pixel tile spans 360 / 2**zoom degrees)
        cells = db.map_cells(f, 84.0 / 2 ** zoom)
        return JSONResponse({"type": "FeatureCollection", "kind": "cells", "total": total, "features": [
            {"type": "Feature", "properties": {"n": c["n"], "type": c["type"], "size": c["size"]},
             "geometry": {"type": "Point", "coordinates": [round(c["lon"], 4), round(c["lat"], 4)]}}
            for c in cells]}, media_type="application/geo+json")

    @app.get("/events/{event_id}", summary="one event with every source mention and its highlighted evidence")
    def get_event(event_id: str, db: Store = Depends(reader)):
        record = db.event(event_id)
        for mention in record["mentions"]:
            # each mention highlighted with its own words (its article may name actors and place otherwise)
            mention["spans"] = highlight_spans(mention.get("record") or record, mention["sentence"] or "",
                                               mention["start"])
        return record

    @app.get("/articles/{article_id}", summary="an article's text and the spans that produced events")
    def get_article(article_id: str, db: Store = Depends(reader)):
        article = db.article(article_id)
        for item in article["events"]:
            start = item["start"] or 0
            item["spans"] = [{**span, "start": span["start"] + start, "end": span["end"] + start}
                             for span in highlight_spans(item["record"], item["sentence"] or "", item["start"])]
        return article

    @app.get("/stats", summary="counts of matching events by type, day, country and status")
    def get_stats(f: EventFilter = Depends(event_filter), db: Store = Depends(reader)):
        return db.stats(f)

    @app.get("/stories", summary="the stories, where the database has them")
    def get_stories(db: Store = Depends(reader)):
        stories = db.stories()
        if stories is None:
            raise NotFound("this database has no stories")
        return {"stories": stories}

    @app.post("/articles", status_code=201, summary="code an article and store it (needs the server's token)")
    async def post_article(request: Request):
        if not options.token:
            raise ApiError(403, "ingest is off: start the server with --token TOKEN to enable POST /articles")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {options.token}".encode()):
            raise ApiError(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'")
        data = await request.body()
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        meta: dict[str, Any] = dict(request.query_params)
        if kind == "application/json":
            try:
                meta = json.loads(data)
            except ValueError:
                raise ApiError(400, "the body is not JSON: send {\"html\" or \"text\": ..., \"url\", "
                                    "\"title\", \"published\"}") from None
            if not isinstance(meta, dict) or not isinstance(meta.get("html") or meta.get("text"), str):
                raise ApiError(400, "give the article as \"html\" or \"text\" (a string)")
            data = (meta.get("html") or meta.get("text")).encode("utf-8")
            kind = "html" if meta.get("html") else "text"
        elif kind in ("text/html", "application/xhtml+xml"):
            kind = "html"
        elif kind == "text/plain":
            kind = "text"
        else:
            raise ApiError(415, f"content type {kind or 'missing'}: send application/json, text/html or text/plain")
        try:
            return await run_in_threadpool(_ingest, store, write_lock, options.pipeline, data, kind, meta)
        finally:
            app.state.writes += 1

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard():
        return FileResponse(str(STATIC / "index.html"))

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


def _ingest(store: Store, lock: threading.Lock, settings: Settings, data: bytes, kind: str,
            meta: dict[str, Any]) -> JSONResponse:
    """Code one posted article and store it; the answer holds its events."""
    from ..ingest import article_from_bytes
    from ..pipeline import extract_articles
    article = article_from_bytes(data, origin=meta.get("url") or "POST /articles", settings=settings,
                                 published=meta.get("published"), url=meta.get("url"), kind=kind,
                                 title=meta.get("title"))
    events = extract_articles([article], settings)[0]
    with lock:
        writer = store.reader()
        try:
            new = writer.insert_articles([(article, events)])[0]
        finally:
            writer.close()
    body = {"article_id": article.id, "stored": new is not None, "events": [e.to_dict() for e in events]}
    return JSONResponse(body, status_code=201 if new is not None else 200)


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    """A map point: the event's flat fields that have a value, and ``size``, its largest count (0
    without counts)."""
    props = {k: v for k, v in row.items() if k not in ("lat", "lon") and v is not None}
    props["size"] = max((row.get(f"{k}_min") or 0 for k in COUNT_KINDS), default=0)
    return {"type": "Feature", "id": row["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]}}
