"""The embedder seam: the method names LangChain uses, so its Embeddings objects fit as they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Embedder(Protocol):
    """Turns text into vectors; queries and passages may be embedded differently (e5 does)."""

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for passages, in order."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """The vector for one search query."""
        ...
