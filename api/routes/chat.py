"""POST /v1/chat: one turn, as JSON or as Server-Sent Events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from api.auth import require
from api.deps import RapportDep
from api.schemas import ChatRequest, ChatResponse, Problem
from assistant.answer import Answer
from assistant.errors import RapportError, StorageUnavailable
from assistant.idempotency import MAX_KEY_CHARS, IdempotencyStore, fingerprint
from assistant.roles import Principal
from assistant.service import AskRequest, AssistantService, PendingTurn
from knowledge.errors import StoreError

router = APIRouter(prefix="/v1", tags=["chat"])
ChatterDep = Annotated[Principal, Depends(require("advisor", "client", "trainer"))]
IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=MAX_KEY_CHARS,
    description="Send the same key when retrying: the retry gets the first request's response, not a second turn.",
)]

STREAM_DOC = (
    "With `stream: true` the answer comes as `text/event-stream`: `event: delta` with `{\"text\": ...}` pieces, "
    "then `event: done` with the same JSON as the non-streamed response (its `answer` is authoritative: an output "
    "check may replace what was streamed), or `event: error` with a problem object."
)


@router.post(
    "/chat", response_model=ChatResponse, description=f"Answer a question with citations. {STREAM_DOC}",
    responses={
        200: {"content": {"text/event-stream": {}}},
        401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 409: {"model": Problem},
        422: {"model": Problem}, 429: {"model": Problem}, 503: {"model": Problem},
    },
)
async def chat(
    body: ChatRequest, rapport: RapportDep, principal: ChatterDep, idempotency_key: IdempotencyKey = None,
) -> ChatResponse | StreamingResponse:
    """Answer a question with citations, in the asker's language."""
    request = ask_request(principal, body.question, client=body.client, session=body.session,
                          language=body.language)
    service = rapport.service
    kept = _Kept(rapport.idempotency, principal.user_id, idempotency_key) if idempotency_key else None
    if kept is not None and (replayed := await kept.claim(body)) is not None:
        return _replay(replayed, stream=body.stream)
    try:  # checks that fail (scope, unknown client, ...) fail here, with their status code
        turn = await run_in_threadpool(service.start, principal, request)
        if body.stream:
            return StreamingResponse(_events(service, turn, kept), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        response = chat_response(await run_in_threadpool(service.answer, turn))
    except BaseException:
        if kept is not None:
            await run_in_threadpool(kept.release)
        raise
    if kept is not None:
        await run_in_threadpool(kept.complete, response, turn)
    return response


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


class _Kept:
    """A request's Idempotency-Key: claimed before the turn, completed with the response, released on failure."""

    def __init__(self, store: IdempotencyStore, user_id: str, key: str) -> None:
        self._store, self._user_id, self._key = store, user_id, key

    async def claim(self, body: ChatRequest) -> ChatResponse | None:
        """The stored response to replay, None when this request runs; 422 for another body, 409 while busy."""
        digest = fingerprint(body.model_dump(exclude={"stream"}))  # a retry may switch between JSON and SSE
        claim = await run_in_threadpool(self._store.claim, self._user_id, self._key, digest)
        if claim.outcome == "mismatch":
            raise HTTPException(422, "this Idempotency-Key was used for a different request: use a new key")
        if claim.outcome == "busy":
            raise HTTPException(409, "a request with this Idempotency-Key is still being answered: retry shortly")
        return ChatResponse.model_validate(claim.response) if claim.outcome == "replay" else None

    def complete(self, response: ChatResponse, turn: PendingTurn) -> None:
        """Keep the response, its answer pseudonymised like the stored turn (nothing is kept in clear)."""
        hidden = response.model_copy(update={"answer": turn.privacy.hide(response.answer).text})
        self._store.complete(self._user_id, self._key, hidden.model_dump())

    def release(self) -> None:
        """The request failed: a retry with the key runs again."""
        self._store.release(self._user_id, self._key)


def _replay(response: ChatResponse, *, stream: bool) -> ChatResponse | StreamingResponse:
    """A retried request's stored response; as one `done` event when it asks for a stream."""
    if not stream:
        return response
    return StreamingResponse(iter([_event("done", response.model_dump())]), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})


def _events(service: AssistantService, turn: PendingTurn, kept: _Kept | None = None) -> Iterator[str]:
    """The turn as SSE; Starlette runs this sync generator in its thread pool."""
    done = False
    try:
        for item in service.run(turn):
            if isinstance(item, Answer):
                response = chat_response(item)
                if kept is not None:
                    kept.complete(response, turn)
                done = True
                yield _event("done", response.model_dump())
            else:
                yield _event("delta", {"text": item})
    except (RapportError, StoreError, OperationalError) as exc:
        error = exc if isinstance(exc, RapportError) else StorageUnavailable.of(exc)
        yield _event("error", {"type": "about:blank", "title": error.__class__.__name__,
                               "status": error.status_code, "detail": str(error)})
    finally:
        if kept is not None and not done:
            kept.release()


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
