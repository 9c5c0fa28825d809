"""Chroma as the vector store: embedded (PersistentClient) or a Chroma server (HttpClient), same behaviour."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from knowledge.errors import StoreError
from knowledge.types import Chunk

_BATCH = 1000


class ChromaStore:
    """Vectors in a Chroma collection; we always pass our own embeddings, never Chroma's default model."""

    def __init__(self, *, collection: str, path: Path | None = None, url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if url:
                parsed = urlparse(url)
                client: Any = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                assert path is not None, "an embedded Chroma needs a path"
                path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            # embedding_function=None: Chroma would otherwise attach (and download) its own default model.
            self._collection = client.get_or_create_collection(
                collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        except Exception as exc:  # chromadb raises many types; callers see one
            raise StoreError(f"Chroma unavailable ({url or path}): {exc.__class__.__name__}: {exc}") from exc

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Add or replace chunk vectors, with the metadata the filters need."""
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            try:
                self._collection.upsert(
                    ids=[c.id for c in part],
                    embeddings=[list(v) for v in vectors[start : start + _BATCH]],
                    metadatas=[
                        {"doc_id": c.meta.doc_id, "audience": c.meta.audience, "language": c.meta.language,
                         "source": c.meta.source}
                        for c in part
                    ],
                )
            except Exception as exc:
                raise StoreError(f"Chroma upsert failed: {exc.__class__.__name__}: {exc}") from exc

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Remove chunks by id."""
        for start in range(0, len(chunk_ids), _BATCH):
            try:
                self._collection.delete(ids=list(chunk_ids[start : start + _BATCH]))
            except Exception as exc:
                raise StoreError(f"Chroma delete failed: {exc.__class__.__name__}: {exc}") from exc

    def query(
        self, vector: Sequence[float], *, k: int, audiences: Sequence[str], languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunks among the given audiences (and languages), as (id, cosine similarity)."""
        if not audiences or (languages is not None and not languages):
            return []
        where: dict[str, Any] = {"audience": {"$in": list(audiences)}}
        if languages is not None:
            where = {"$and": [where, {"language": {"$in": list(languages)}}]}
        try:
            result = self._collection.query(
                query_embeddings=[list(vector)], n_results=k, where=where, include=["distances"],
            )
        except Exception as exc:
            raise StoreError(f"Chroma query failed: {exc.__class__.__name__}: {exc}") from exc
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def count(self) -> int:
        """How many vectors the collection holds."""
        return int(self._collection.count())
