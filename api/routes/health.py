"""GET /health (alive), GET /ready (can serve: database and vector store answer), GET /metrics (Prometheus)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from api.deps import RapportDep
from api.metrics import render
from api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(rapport: RapportDep) -> Health:
    """Liveness, with what is indexed."""
    docs = rapport.catalog.documents()
    return Health(
        status="ok", version="0.1.0", documents=len(docs), chunks=sum(len(d.chunk_ids) for d in docs),
        mode="llm" if rapport.chat_model else "extractive",
    )


@router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}})
def ready(rapport: RapportDep) -> JSONResponse:
    """503 with the failing part named while the database or the vector store cannot be reached."""
    checks: dict[str, str] = {}
    try:
        with rapport.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means not ready
        checks["database"] = f"unavailable: {exc.__class__.__name__}"
    try:
        rapport.store.count()
        checks["vector_store"] = "ok"
    except Exception as exc:
        checks["vector_store"] = f"unavailable: {exc.__class__.__name__}"
    ok = all(v == "ok" for v in checks.values())
    body = Readiness(status="ready" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Request counts and latencies, turn verdicts, in the Prometheus text format."""
    content, media_type = render(request.app.state.metrics)
    return Response(content, media_type=media_type)
