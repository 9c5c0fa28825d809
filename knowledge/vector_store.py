"""The vector-store seam: upsert, delete and an audience-filtered nearest-neighbour query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from knowledge.types import Chunk


class VectorStore(Protocol):
    """Holds one vector per chunk id; similarity is cosine (higher is closer)."""

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Add or replace the vectors of these chunks."""
        ...

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Remove these chunks; unknown ids are ignored."""
        ...

    def count(self) -> int:
        """How many vectors the store holds (raises StoreError when it cannot be reached)."""
        ...

    def query(
        self, vector: Sequence[float], *, k: int, audiences: Sequence[str], languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The k nearest chunk ids readable by these audiences (and in these languages, if given), with their
        cosine similarity, best first."""
        ...
