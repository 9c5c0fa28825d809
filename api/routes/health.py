"""GET /health."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RapportDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(rapport: RapportDep) -> Health:
    """Liveness, with what is indexed."""
    docs = rapport.catalog.documents()
    return Health(
        status="ok", version="0.1.0", documents=len(docs), chunks=sum(len(d.chunk_ids) for d in docs),
        mode="llm" if rapport.chat_model else "extractive",
    )
