"""Fakes at the seams: a deterministic embedder, an in-memory vector store, a recording chat model."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterator, Sequence

import numpy as np

from assistant.chat_model import ChatMessage
from assistant.errors import ModelUnavailable
from knowledge.tokens import tokenize
from knowledge.types import Chunk

DIM = 256


class HashEmbedder:
    """Bag-of-tokens hashed into a vector: similar wording, similar vectors; no model, fully deterministic."""

    model_id = "fake-hash-256"

    def __init__(self) -> None:
        self.calls = 0

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(DIM, dtype=np.float32)
        for token in tokenize(text) or ["<empty>"]:
            vec[int(hashlib.md5(token.encode()).hexdigest(), 16) % DIM] += 1.0
        return (vec / (np.linalg.norm(vec) or 1.0)).tolist()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.calls += 1
        return self._vector(text)


class InMemoryStore:
    """A VectorStore in a dict, brute-force cosine; the same contract tests run on it and on Chroma."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[np.ndarray, str, str]] = {}

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        for chunk, vector in zip(chunks, vectors, strict=True):
            self.rows[chunk.id] = (np.asarray(vector, dtype=np.float32), chunk.meta.audience, chunk.meta.language)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for cid in chunk_ids:
            self.rows.pop(cid, None)

    def query(
        self, vector: Sequence[float], *, k: int, audiences: Sequence[str], languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        q = np.asarray(vector, dtype=np.float32)
        scored = [
            (cid, float(v @ q / ((np.linalg.norm(v) * np.linalg.norm(q)) or 1.0)))
            for cid, (v, audience, language) in self.rows.items()
            if audience in audiences and (languages is None or language in languages)
        ]
        return sorted(scored, key=lambda item: -item[1])[:k]

    def count(self) -> int:
        return len(self.rows)


class RecordingChatModel:
    """A chat model with a queue of replies and a history of every request it received."""

    name = "recording-fake"
    chunk_chars = 3

    def __init__(self, replies: Sequence[str | Exception] = ()) -> None:
        self.replies: deque[str | Exception] = deque(replies)
        self.requests: list[list[ChatMessage]] = []

    def enqueue(self, reply: str | Exception) -> None:
        self.replies.append(reply)

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        self.requests.append(list(messages))
        reply = self.replies.popleft() if self.replies else "I don't know."
        if isinstance(reply, Exception):
            raise ModelUnavailable(str(reply)) from reply
        return reply

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The next reply in pieces of a few characters, so placeholders are split across chunks."""
        reply = self.complete(messages)
        for start in range(0, len(reply), self.chunk_chars):
            yield reply[start : start + self.chunk_chars]

    @property
    def payloads(self) -> list[str]:
        return ["\n\n".join(m.content for m in request) for request in self.requests]
