"""The audit trail, for compliance: who asked what kind of question about whom, and what happened (counts only)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.auth import require
from api.deps import RapportDep
from api.schemas import Problem
from assistant.roles import Principal

router = APIRouter(prefix="/v1", tags=["audit"], responses={401: {"model": Problem}, 403: {"model": Problem}})
ComplianceDep = Annotated[Principal, Depends(require("compliance"))]


@router.get("/audit", response_model=list[dict[str, Any]])
async def audit(
    rapport: RapportDep, principal: ComplianceDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """The newest turn events: user, role, client, session, verdict, sources, counts of hidden identifiers."""
    return [asdict(e) for e in rapport.audit.recent(limit)]


@router.get("/audit/actions", response_model=list[dict[str, Any]])
async def audit_actions(
    rapport: RapportDep, principal: ComplianceDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """The newest administrative actions: documents uploaded or deleted, notes added, keys issued or revoked."""
    return [asdict(e) for e in rapport.audit.actions(limit)]
