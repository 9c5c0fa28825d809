"""The FastAPI application factory: routers, the web console, limits, metrics, and errors as problem details."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api.metrics import make_metrics
from api.ratelimit import RateLimiter
from api.routes import audit, chat, clients, completions, documents, health, sessions, training
from assistant.container import Rapport, build
from assistant.errors import RapportError
from assistant.settings import Settings

MAX_BODY_BYTES = 1_000_000
UPLOAD_PATH = "/v1/documents"
OPENAI_PATHS = ("/v1/chat/completions", "/v1/models")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(settings: Settings, *, rapport: Rapport | None = None) -> FastAPI:
    """The app; builds Rapport at start-up from settings unless one is handed in (tests)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rapport = rapport or build(settings)
        try:
            yield
        finally:
            if rapport is None:
                app.state.rapport.close()

    app = FastAPI(title="Rapport", version="0.1.0", lifespan=lifespan,
                  description="Conversational advisor assistant for relationship banks. Every /v1 call needs "
                              "'Authorization: Bearer <API key or JWT>'.")
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.metrics = make_metrics()
    for module in (health, sessions, chat, completions, clients, documents, audit, training):
        app.include_router(module.router)
    static = resources.files("api").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.middleware("http")
    async def limit_and_measure(request: Request, call_next):  # type: ignore[no-untyped-def]
        limit = settings.max_upload_bytes + 64_000 if request.url.path == UPLOAD_PATH else MAX_BODY_BYTES
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return _problem(413, "Request too large", f"the body is {length} bytes; the limit is {limit}")
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        name = getattr(route, "path", "unmatched")
        app.state.metrics.requests.labels(request.method, name, str(response.status_code)).inc()
        app.state.metrics.latency.labels(request.method, name).observe(time.perf_counter() - started)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(RapportError)
    async def rapport_error(request: Request, exc: RapportError) -> JSONResponse:
        return _problem(exc.status_code, exc.__class__.__name__, str(exc), openai=_openai_path(request))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        titles = {401: "Unauthorized", 403: "Forbidden", 404: "Not found", 413: "Request too large",
                  422: "Invalid request", 429: "Too many requests"}
        return _problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail),
                        headers=exc.headers, openai=_openai_path(request))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _problem(422, "Invalid request", f"{where}: {first.get('msg', 'invalid')}".strip(": "),
                        openai=_openai_path(request))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def console() -> HTMLResponse:
        page = static.joinpath("index.html").read_text(encoding="utf-8")
        return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"})

    return app


def _openai_path(request: Request) -> bool:
    return request.url.path in OPENAI_PATHS


def _problem(
    status: int, title: str, detail: str, headers: Mapping[str, str] | None = None, *, openai: bool = False,
) -> JSONResponse:
    body: dict[str, object] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if openai:  # OpenAI clients read error.message; the problem fields stay for everyone else
        body["error"] = {"message": detail, "type": title, "code": status}
    return JSONResponse(
        body,
        status_code=status, media_type="application/problem+json", headers=dict(headers or {}),
    )
