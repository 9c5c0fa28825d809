"""Request and response bodies of the HTTP API (separate from the domain types)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ChatRequest(BaseModel):
    """POST /v1/chat: the same fields as `rapport ask`."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=20_000)
    client: str | None = Field(None, max_length=64, description="The client the question is about (a client: "
                               "their own id, or none).")
    session: str | None = Field(None, max_length=64)
    language: Literal["en", "lv", "no", "ru", "zh"] | None = None
    stream: bool = Field(False, description="Answer as Server-Sent Events (delta pieces, then done).")


class CitationOut(BaseModel):
    """A cited source."""

    id: str
    title: str
    source: str
    section: str
    doc_id: str
    language: str
    chunk_id: str = ""


class ChatResponse(BaseModel):
    """The answer, as `rapport ask --json` prints it."""

    answer: str
    language: str
    mode: Literal["extractive", "llm"]
    session: str
    found: bool
    citations: list[CitationOut]
    redacted: dict[str, int] = Field(default_factory=dict, description="Identifiers hidden from the model, by type.")


class Me(BaseModel):
    """GET /v1/me: who is signed in."""

    user_id: str
    name: str
    role: Literal["advisor", "client", "trainer", "compliance", "admin"]
    client_id: str | None
    advisor_id: str | None
    team: str | None
    language: str


class SessionOut(BaseModel):
    """One of the caller's sessions."""

    id: str
    client_id: str | None
    language: str
    created_at: str
    turns: int
    title: str = Field("", description="The first question, shortened (stored redacted: <PERSON_1> stands for a name).")


class TurnOut(BaseModel):
    """A stored turn (pseudonymised: placeholders such as <PERSON_1> stand for identifiers)."""

    question: str
    answer: str | None
    language: str
    citations: list[dict[str, object]]


class SessionDetail(BaseModel):
    """A session with its turns."""

    id: str
    client_id: str | None
    language: str
    turns: list[TurnOut]


class Health(BaseModel):
    """GET /health."""

    status: Literal["ok"]
    version: str
    documents: int
    chunks: int
    mode: Literal["extractive", "llm"]


class Readiness(BaseModel):
    """GET /ready."""

    status: Literal["ready", "unavailable"]
    checks: dict[str, str]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
