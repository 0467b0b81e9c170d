"""hodo's REST API and web UI in one FastAPI app (`hodo serve`).

Routes are thin: they check parameters, open the store, call `hodo.query` or the store's
views, and return JSON. Read-only unless the app is made with `allow_ingest=True`.

Safety:
- a client never names a file: documents, entities and clusters are looked up by id in
  the store, ingested pages arrive as content, static assets come from the package;
- search syntax errors (raw FTS5) and unknown names are 4xx answers with a message;
- the web UI is served with a Content-Security-Policy that allows only its own script,
  and the UI builds pages with textContent, never by parsing page text as HTML.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hodo import __version__, query
from hodo.errors import HodoError, QueryError, StoreBusyError
from hodo.store import Store
from hodo.store.search import SearchFilters

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID = r"^[A-Za-z0-9:_.\-]{1,100}$"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
DateFrom = Annotated[
    str | None, Query(alias="from", pattern=ISO_DATE, description="2024, 2024-06 or 2024-06-19")
]
DateTo = Annotated[str | None, Query(alias="to", pattern=ISO_DATE, description="inclusive at its precision")]
Entities = Annotated[
    list[str],
    Query(
        alias="entity",
        max_length=5,
        description="An entity by any written form, id or QID (repeatable: all must match).",
    ),
]
Name = Annotated[str, Query(min_length=1, max_length=200)]


class Story:
    """The filters every story view takes: entities (all must take part) and a period."""

    def __init__(
        self,
        entity: Entities = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> None:
        self.entities = entity
        self.date_from = date_from
        self.date_to = date_to


class DocFilters(Story):
    """A story's filters plus what narrows documents: their outlet, an event type they report."""

    def __init__(
        self,
        entity: Entities = [],  # noqa: B006
        date_from: DateFrom = None,
        date_to: DateTo = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        event_type: Annotated[str | None, Query(max_length=40)] = None,
    ) -> None:
        super().__init__(entity, date_from, date_to)
        self.outlet = outlet
        self.event_type = event_type

    def resolve(self, store: Store) -> SearchFilters:
        return query.filters(
            store,
            entities=self.entities,
            outlet=self.outlet,
            date_from=self.date_from,
            date_to=self.date_to,
            event_type=self.event_type,
        )


StoryQ = Annotated[Story, Depends()]
DocQ = Annotated[DocFilters, Depends()]


class Page(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="A label for the page (never a path).")
    content: str = Field(min_length=1, max_length=5_000_000)
    kind: Literal["text", "html"] | None = Field(None, description="Sniffed from the content when absent.")
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    pages: list[Page] = Field(min_length=1, max_length=100)


MAX_INGEST_BYTES = 64 * 1024 * 1024
"""The largest request body `POST /api/ingest` takes (a page may hold 5,000,000
characters and a request 100 pages: the body is capped on its own)."""


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes is refused with 413 before it is
    read into memory: at once when its Content-Length says so, else (a chunked body) as
    soon as what has arrived passes the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.message = f"request body too large: the limit is {limit / 1024 / 1024:.1f} MB"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await JSONResponse({"detail": self.message}, status_code=413)(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # FastAPI re-raises an HTTPException met while reading the body
                    raise HTTPException(413, self.message)
            return message

        await self.app(scope, limited, send)


def _json(content: Any) -> JSONResponse:
    """Answers are plain JSON-ready dicts and lists, built by the store: sent as they are,
    without FastAPI validating them again against a return annotation. (Measured: the
    same latency alone, 22 vs 23 ms for a 190 kB timeline; 83 vs 70 requests/s under 32
    concurrent clients, one run each.)"""
    return JSONResponse(content)


def _store(request: Request) -> Iterator[Store]:
    # one connection per request: SQLite connections are not shared across threads, and
    # WAL lets these readers run while `hodo analyze` writes. FastAPI may close it on
    # another worker thread than the one that opened it, hence any_thread.
    s = Store(request.app.state.db, any_thread=True)
    try:
        yield s
    finally:
        s.close()


S = Annotated[Store, Depends(_store)]


def _static_dir() -> Path:
    return Path(str(resources.files("hodo.web").joinpath("static")))


def _swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:  # the docs page then falls back to FastAPI's CDN assets
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


ENV_DB = "HODO_SERVE_DB"
ENV_ALLOW_INGEST = "HODO_SERVE_ALLOW_INGEST"


def factory() -> FastAPI:
    """The app as `hodo serve` configured it, for uvicorn's `factory=True`: each worker
    process imports this module afresh, so the store path and the ingest switch travel in
    the environment (`HODO_SERVE_DB`, `HODO_SERVE_ALLOW_INGEST=1`), set by `hodo serve`
    before it starts uvicorn."""
    db = os.environ.get(ENV_DB)
    if not db:
        raise HodoError(f"{ENV_DB} is not set: start the server with `hodo serve --db STORE`")
    return create_app(db, allow_ingest=os.environ.get(ENV_ALLOW_INGEST) == "1")


def create_app(db_path: str | Path, *, allow_ingest: bool = False) -> FastAPI:
    """The app over the store at `db_path` (which must exist: serving never creates one)."""
    db = Path(db_path)
    if not db.is_file():
        raise HodoError(f"no store at {db}: run `hodo analyze ... --db {db}` first")
    app = FastAPI(
        title="hodo",
        version=__version__,
        description="Japanese news, analysed: documents, entities, events, timeline, contradictions,"
        " briefings.",
        docs_url=None,
        redoc_url=None,
    )

    app.state.db = db

    @app.exception_handler(QueryError)
    async def _bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(HodoError)
    async def _not_found(request: Request, exc: HodoError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    # -- API ----------------------------------------------------------------------------

    @app.get("/api/stats", tags=["corpus"], summary="What the store holds")
    def stats(s: S) -> JSONResponse:
        return _json({**s.views.stats(), "ingest": allow_ingest, "version": __version__})

    @app.get("/api/outlets", tags=["corpus"], summary="Outlets with their number of documents")
    def outlets(s: S) -> JSONResponse:
        return _json(s.views.outlets())

    @app.get("/api/event-types", tags=["events"], summary="PLOVER event types with counts")
    def event_types(s: S) -> JSONResponse:
        return _json(s.views.event_types())

    @app.get("/api/search", tags=["documents"], summary="Full-text search with filters")
    def search(
        s: S,
        f: DocQ,
        q: Annotated[
            str, Query(max_length=1000, description="Words, all required; empty lists documents.")
        ] = "",
        raw: Annotated[bool, Query(description="Pass q to FTS5 MATCH unchanged.")] = False,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> JSONResponse:
        flt = f.resolve(s)
        if q.replace("\x00", "").strip():
            hits = s.search(q, limit=limit, offset=offset, raw=raw, filters=flt)
        else:
            hits = s.list_documents(limit=limit, offset=offset, filters=flt)
        return _json({"query": q, "hits": [h.__dict__ for h in hits], "limit": limit, "offset": offset})

    @app.get("/api/documents", tags=["documents"], summary="Documents, newest first, with filters")
    def documents(s: S, f: DocQ, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
        return _json([h.__dict__ for h in s.list_documents(limit=limit, offset=offset, filters=f.resolve(s))])

    @app.get(
        "/api/documents/{doc_id}", tags=["documents"], summary="One document with its analysis and links"
    )
    def document(s: S, doc_id: Annotated[str, PathParam(pattern=ID)]) -> JSONResponse:
        doc = query.document(s, doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return _json(doc)

    @app.get("/api/entities", tags=["entities"], summary="Entities by number of documents")
    def entities(
        s: S,
        q: Annotated[str | None, Query(max_length=200, description="Part of any written form")] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> JSONResponse:
        return _json(s.views.entities(q=q, type_=type, limit=limit, offset=offset))

    @app.get("/api/entities/{entity_id}", tags=["entities"], summary="An entity: aliases, counts, company")
    def entity(s: S, entity_id: Annotated[str, PathParam(pattern=ID)]) -> JSONResponse:
        found = s.views.entity(entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        return _json(found)

    @app.get("/api/events", tags=["events"], summary="Events with their sentence and participants")
    def events(
        s: S,
        f: StoryQ,
        type: Annotated[str | None, Query(max_length=40)] = None,
        status: Annotated[str | None, Query(max_length=20)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> JSONResponse:
        return _json(
            s.views.events(
                entity_ids=query.entity_ids(s, f.entities),
                type_=type,
                status=status,
                date_from=f.date_from,
                date_to=f.date_to,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/api/clusters/{cluster_id}", tags=["events"], summary="One event as each outlet tells it")
    def cluster(s: S, cluster_id: Annotated[str, PathParam(pattern=ID)]) -> JSONResponse:
        found = s.views.cluster(cluster_id)
        if found is None:
            raise HTTPException(404, f"no event cluster {cluster_id!r}")
        return _json(found)

    @app.get("/api/timeline", tags=["events"], summary="Event clusters in date order")
    def timeline(
        s: S,
        f: StoryQ,
        min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
        dated: bool = False,
        limit: Limit = 200,
    ) -> JSONResponse:
        entries = query.timeline(
            s,
            entities=f.entities,
            date_from=f.date_from,
            date_to=f.date_to,
            min_sources=min_sources,
            dated_only=dated,
            limit=limit,
        )
        return _json([query.timeline_json(e) for e in entries])

    @app.get("/api/contradictions", tags=["events"], summary="What one source says and another denies")
    def contradictions(s: S, f: StoryQ, limit: Limit = 200) -> JSONResponse:
        return _json(
            query.contradictions(
                s, entities=f.entities, date_from=f.date_from, date_to=f.date_to, limit=limit
            )
        )

    @app.get("/api/graph", tags=["events"], summary="Who acts on whom: actor → recipient edges")
    def graph(
        s: S,
        f: StoryQ,
        min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
        limit: Limit = 200,
    ) -> JSONResponse:
        return _json(
            s.views.graph(
                entity_ids=query.entity_ids(s, f.entities),
                date_from=f.date_from,
                date_to=f.date_to,
                min_events=min_events,
                limit=limit,
            )
        )

    @app.get("/api/brief", tags=["briefing"], summary="A cited briefing (json, md or html)")
    def brief(
        s: S,
        f: StoryQ,
        format: Literal["json", "md", "html"] = "json",
    ) -> Response:
        b = query.briefing(s, entities=f.entities, date_from=f.date_from, date_to=f.date_to)
        if format == "json":
            return _json(query.brief_json(b))
        if format == "md":
            return PlainTextResponse(query.render(b, "md"), media_type="text/markdown; charset=utf-8")
        html = query.render(b, "html", doc_link="/#/doc/{doc_id}?s={sentence}")
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

    if allow_ingest:
        app.add_middleware(BodyLimit, limit=MAX_INGEST_BYTES)

        @app.post("/api/ingest", tags=["ingest"], summary="Analyse posted pages into the store")
        def ingest(req: IngestRequest) -> JSONResponse:
            from hodo.ingest.readers import looks_like_html, make_page
            from hodo.pipeline import analyze_into_store

            pages = [
                make_page(
                    # a label, not a path: nothing here is opened or written as a file
                    f"api:{p.name}",
                    p.kind or ("html" if looks_like_html(p.content) else "text"),
                    p.content,
                    "utf-8",
                    url=p.url,
                )
                for p in req.pages
            ]
            try:
                result = analyze_into_store(pages, db)
            except StoreBusyError as e:  # another writer (a big hodo analyze) holds the store
                raise HTTPException(503, str(e), headers={"Retry-After": "30"}) from e
            return _json(
                {
                    "doc_ids": [d.doc_id for d in result.documents],
                    "changes": result.store_changes,
                    "failures": [f.__dict__ for f in result.failures],
                }
            )

    # -- docs and web UI ------------------------------------------------------------------

    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="hodo API")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="hodo API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", headers={"Content-Security-Policy": CSP})

    return app
