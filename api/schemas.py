"""Request and response bodies of the HTTP API (separate from the domain types)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ChatRequest(BaseModel):
    """POST /v1/chat: the same fields as `rapport ask`."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=20_000)
    role: Literal["advisor", "client", "trainer"] = "client"
    client: str | None = Field(None, max_length=64)
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


class ChatResponse(BaseModel):
    """The answer, as `rapport ask --json` prints it."""

    answer: str
    language: str
    mode: Literal["extractive", "llm"]
    session: str
    found: bool
    citations: list[CitationOut]


class Health(BaseModel):
    """GET /health."""

    status: Literal["ok"]
    version: str
    documents: int
    chunks: int
    mode: Literal["extractive", "llm"]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
