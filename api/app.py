"""The FastAPI application factory: routers, the web console, and one error handler for our errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from api.routes import chat, health
from assistant.container import Rapport, build
from assistant.errors import RapportError
from assistant.settings import Settings

MAX_BODY_BYTES = 1_000_000


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
                  description="Conversational advisor assistant for relationship banks.")
    app.include_router(health.router)
    app.include_router(chat.router)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):  # type: ignore[no-untyped-def]
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return _problem(413, "Request too large", f"the body is {length} bytes; the limit is {MAX_BODY_BYTES}")
        return await call_next(request)

    @app.exception_handler(RapportError)
    async def rapport_error(_: Request, exc: RapportError) -> JSONResponse:
        return _problem(exc.status_code, exc.__class__.__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _problem(422, "Invalid request", f"{where}: {first.get('msg', 'invalid')}".strip(": "))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def console() -> str:
        return resources.files("api").joinpath("static/index.html").read_text(encoding="utf-8")

    return app


def _problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status, media_type="application/problem+json",
    )
