"""POST /v1/chat: one turn, as JSON or as Server-Sent Events."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import RapportDep
from api.schemas import ChatRequest, ChatResponse, Problem
from assistant.answer import Answer
from assistant.errors import RapportError
from assistant.roles import Principal
from assistant.service import AskRequest, AssistantService, PendingTurn

router = APIRouter(prefix="/v1", tags=["chat"])

STREAM_DOC = (
    "With `stream: true` the answer comes as `text/event-stream`: `event: delta` with `{\"text\": ...}` pieces, "
    "then `event: done` with the same JSON as the non-streamed response (its `answer` is authoritative: an output "
    "check may replace what was streamed), or `event: error` with a problem object."
)


@router.post(
    "/chat", response_model=ChatResponse, description=f"Answer a question with citations. {STREAM_DOC}",
    responses={
        200: {"content": {"text/event-stream": {}}},
        404: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}, 503: {"model": Problem},
    },
)
async def chat(body: ChatRequest, rapport: RapportDep) -> ChatResponse | StreamingResponse:
    """Answer a question with citations, in the asker's language."""
    # Until authentication lands, the role is taken from the request and the server listens on loopback only.
    principal = Principal(user_id=f"local-{body.role}", role=body.role)
    request = AskRequest(question=body.question, client_id=body.client, session_id=body.session,
                         language=body.language)
    service = rapport.service
    if body.stream:  # checks that fail (scope, unknown client, ...) fail here, with their status code
        turn = await run_in_threadpool(service.start, principal, request)
        return StreamingResponse(_events(service, turn), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    answer = await run_in_threadpool(service.ask, principal, request)
    return ChatResponse.model_validate(answer.to_dict())


def _events(service: AssistantService, turn: PendingTurn) -> Iterator[str]:
    """The turn as SSE; Starlette runs this sync generator in its thread pool."""
    try:
        for item in service.run(turn):
            if isinstance(item, Answer):
                yield _event("done", ChatResponse.model_validate(item.to_dict()).model_dump())
            else:
                yield _event("delta", {"text": item})
    except RapportError as exc:
        yield _event("error", {"type": "about:blank", "title": exc.__class__.__name__,
                               "status": exc.status_code, "detail": str(exc)})


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
