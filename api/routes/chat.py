"""POST /v1/chat: one turn."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import RapportDep
from api.schemas import ChatRequest, ChatResponse, Problem
from assistant.roles import Principal
from assistant.service import AskRequest

router = APIRouter(prefix="/v1", tags=["chat"])


@router.post(
    "/chat", response_model=ChatResponse,
    responses={404: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}, 503: {"model": Problem}},
)
async def chat(body: ChatRequest, rapport: RapportDep) -> ChatResponse:
    """Answer a question with citations, in the asker's language."""
    # Until authentication lands, the role is taken from the request and the server listens on loopback only.
    principal = Principal(user_id=f"local-{body.role}", role=body.role)
    request = AskRequest(question=body.question, client_id=body.client, session_id=body.session,
                         language=body.language)
    answer = await run_in_threadpool(rapport.service.ask, principal, request)
    return ChatResponse.model_validate(answer.to_dict())
