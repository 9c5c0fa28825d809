"""FastAPI dependencies: the Rapport instance and the calling principal, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.container import Rapport


def get_rapport(request: Request) -> Rapport:
    """The Rapport built by the app's lifespan."""
    return request.app.state.rapport  # type: ignore[no-any-return]


RapportDep = Annotated[Rapport, Depends(get_rapport)]
