"""An OpenAI-compatible chat endpoint, so the `openai` SDK or an existing chat front end can talk to Rapport.

The last user message is the question; Rapport keeps the conversation itself, so pass the session id back as
`session` (extra body field) to continue one, and `client` to ask about a client. The reply's content is the answer
with a list of its sources; the structured citations come along in the extra `rapport` field.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from api.auth import require
from api.deps import RapportDep
from api.routes.chat import ask_request, chat_response
from api.schemas import ChatResponse, Problem
from assistant.answer import Answer
from assistant.errors import RapportError
from assistant.prompts import SOURCES_LINE
from assistant.roles import Principal
from assistant.service import AssistantService, PendingTurn

router = APIRouter(prefix="/v1", tags=["openai-compatible"], responses={
    401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem},
    429: {"model": Problem}, 503: {"model": Problem},
})
ChatterDep = Annotated[Principal, Depends(require("advisor", "client", "trainer"))]
MODEL = "rapport"


class Message(BaseModel):
    """An OpenAI chat message (text content, or a list of text parts)."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        """The message's text."""
        if isinstance(self.content, list):
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class CompletionRequest(BaseModel):
    """The subset of the OpenAI request Rapport uses; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = MODEL
    messages: list[Message] = Field(min_length=1, max_length=200)
    stream: bool = False
    session: str | None = Field(None, max_length=64)
    client: str | None = Field(None, max_length=64)
    language: Literal["en", "lv", "no", "ru", "zh"] | None = None


@router.get("/models")
async def models(principal: ChatterDep) -> dict[str, Any]:
    """The one model Rapport offers."""
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "rapport"}]}


@router.post("/chat/completions", response_model=None)
async def completions(
    body: CompletionRequest, rapport: RapportDep, principal: ChatterDep,
) -> dict[str, Any] | StreamingResponse:
    """A chat completion whose content is Rapport's cited answer."""
    question = next((m.text() for m in reversed(body.messages) if m.role == "user"), "")
    if not question.strip():
        raise HTTPException(422, "messages: there is no user message with text to answer")
    request = ask_request(principal, question, client=body.client, session=body.session, language=body.language)
    service = rapport.service
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    if body.stream:
        turn = await run_in_threadpool(service.start, principal, request)
        return StreamingResponse(_chunks(service, turn, completion_id), media_type="text/event-stream")
    answer = await run_in_threadpool(service.ask, principal, request)
    content = answer.text + _sources(answer)
    return {
        "id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": MODEL,
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "rapport": chat_response(answer).model_dump(),
    }


def _sources(answer: Answer) -> str:
    if not answer.citations:
        return ""
    label = SOURCES_LINE.get(answer.language, SOURCES_LINE["en"])
    lines = [f"[{c.id}] {c.title}" + (f" — {c.section}" if c.section else "") for c in answer.citations]
    return f"\n\n{label}:\n" + "\n".join(lines)


def _chunks(service: AssistantService, turn: PendingTurn, completion_id: str) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, extra: ChatResponse | None = None) -> str:
        body: dict[str, Any] = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()),
                                "model": MODEL, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if extra is not None:
            body["rapport"] = extra.model_dump()
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for item in service.run(turn):
            if isinstance(item, Answer):
                if sources := _sources(item):
                    yield chunk({"content": sources})
                yield chunk({}, "stop", chat_response(item))
            else:
                yield chunk({"content": item})
    except RapportError as exc:  # after the first byte the status is sent: the error travels in the stream
        yield f"data: {json.dumps({'error': {'message': str(exc), 'type': exc.__class__.__name__}})}\n\n"
    yield "data: [DONE]\n\n"
