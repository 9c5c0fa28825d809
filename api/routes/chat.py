"""POST /v1/chat: one turn, as JSON or as Server-Sent Events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.auth import require
from api.deps import RapportDep
from api.schemas import ChatRequest, ChatResponse, Problem
from assistant.answer import Answer
from assistant.errors import RapportError
from assistant.roles import Principal
from assistant.service import AskRequest, AssistantService, PendingTurn

router = APIRouter(prefix="/v1", tags=["chat"])
ChatterDep = Annotated[Principal, Depends(require("advisor", "client", "trainer"))]

STREAM_DOC = (
    "With `stream: true` the answer comes as `text/event-stream`: `event: delta` with `{\"text\": ...}` pieces, "
    "then `event: done` with the same JSON as the non-streamed response (its `answer` is authoritative: an output "
    "check may replace what was streamed), or `event: error` with a problem object."
)


@router.post(
    "/chat", response_model=ChatResponse, description=f"Answer a question with citations. {STREAM_DOC}",
    responses={
        200: {"content": {"text/event-stream": {}}},
        401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem},
        429: {"model": Problem}, 503: {"model": Problem},
    },
)
async def chat(body: ChatRequest, rapport: RapportDep, principal: ChatterDep) -> ChatResponse | StreamingResponse:
    """Answer a question with citations, in the asker's language."""
    request = ask_request(principal, body.question, client=body.client, session=body.session,
                          language=body.language)
    service = rapport.service
    if body.stream:  # checks that fail (scope, unknown client, ...) fail here, with their status code
        turn = await run_in_threadpool(service.start, principal, request)
        return StreamingResponse(_events(service, turn), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    answer = await run_in_threadpool(service.ask, principal, request)
    return chat_response(answer)


def ask_request(
    principal: Principal, question: str, *, client: str | None, session: str | None, language: str | None
) -> AskRequest:
    """The service request; a client's questions are about themself unless they name another (refused later)."""
    if principal.role == "client" and client is None and session is None:
        client = principal.client_id
    return AskRequest(question=question, client_id=client, session_id=session, language=language)


def chat_response(answer: Answer) -> ChatResponse:
    """The API body of an answer: the CLI's JSON plus chunk ids and redaction counts."""
    body = answer.to_dict()
    body["citations"] = [{**c, "chunk_id": cite.chunk_id}  # type: ignore[dict-item]
                         for c, cite in zip(body["citations"], answer.citations, strict=True)]  # type: ignore[call-overload]
    return ChatResponse.model_validate({**body, "redacted": answer.redacted})


def _events(service: AssistantService, turn: PendingTurn) -> Iterator[str]:
    """The turn as SSE; Starlette runs this sync generator in its thread pool."""
    try:
        for item in service.run(turn):
            if isinstance(item, Answer):
                yield _event("done", chat_response(item).model_dump())
            else:
                yield _event("delta", {"text": item})
    except RapportError as exc:
        yield _event("error", {"type": "about:blank", "title": exc.__class__.__name__,
                               "status": exc.status_code, "detail": str(exc)})


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
