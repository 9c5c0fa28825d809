"""Chroma as the vector store: embedded (PersistentClient) or a Chroma server (HttpClient), same behaviour."""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from knowledge.errors import StoreError
from knowledge.types import Chunk

_BATCH = 1000
OVERSAMPLE = 8  # neighbours fetched per wanted one while the share of passing chunks is unknown
MAX_UNFILTERED = 20_000  # neighbours at most, then Chroma's filter (at 100k chunks: 10k neighbours 32 ms, filter 230)
WIDEN = 4
MARGIN = 1.5  # fetch this many times the neighbours the share of passing chunks says should hold k


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
        self._count, self._counted_at = 0, float("-inf")
        self._label_cache: dict[str, tuple[str, str]] = {}  # chunk id -> (audience, language)
        self._label_counts: Counter[tuple[str, str]] = Counter()  # of the labels known here
        self._warmed = False

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
                for c in part:
                    self._remember(c.id, (c.meta.audience, c.meta.language))
            except Exception as exc:
                raise StoreError(f"Chroma upsert failed: {exc.__class__.__name__}: {exc}") from exc
        self._counted_at = float("-inf")

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Remove chunks by id."""
        for start in range(0, len(chunk_ids), _BATCH):
            try:
                self._collection.delete(ids=list(chunk_ids[start : start + _BATCH]))
                for chunk_id in chunk_ids[start : start + _BATCH]:
                    self._forget(chunk_id)
            except Exception as exc:
                raise StoreError(f"Chroma delete failed: {exc.__class__.__name__}: {exc}") from exc
        self._counted_at = float("-inf")

    def query(
        self, vector: Sequence[float], *, k: int, audiences: Sequence[str], languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunks among the given audiences (and languages), as (id, cosine similarity).

        Chroma's metadata filter costs far more than the nearest-neighbour search itself (at 10k chunks about 90%
        of a query; at 100k, 240 ms against 2 ms unfiltered). So the store first searches unfiltered for enough
        neighbours to hold k wanted ones and filters them here; when at least k pass, they are exactly the k
        nearest that the filtered query would return. Otherwise (a rare audience or language) it asks Chroma to filter.
        How many to fetch follows the share of chunks that pass, known from the labels seen here.
        """
        if not audiences or (languages is not None and not languages):
            return []
        wanted_audiences, wanted_languages = set(audiences), set(languages) if languages is not None else None

        def wanted(label: tuple[str, str]) -> bool:
            return label[0] in wanted_audiences and (wanted_languages is None or label[1] in wanted_languages)

        n = self._unfiltered_size(k, wanted)
        while n is not None:
            result = self._query(vector, n=n, where=None)
            ids = result["ids"][0]
            labels = self._labels(ids)
            kept = [(i, 1.0 - float(d)) for i, d in zip(ids, result["distances"][0], strict=True)
                    if (label := labels.get(i)) is not None and wanted(label)]
            if len(kept) >= k or len(ids) < n:  # enough, or every chunk was seen
                return kept[:k]
            # the neighbourhood holds fewer wanted chunks than their share says: look wider while that is cheaper
            # than Chroma's filter (measured: n unfiltered neighbours cost about as much as a filtered query over
            # 1.4 n chunks)
            n = n * WIDEN if n * WIDEN <= min(MAX_UNFILTERED, self._size() // 2) else None
        where: dict[str, Any] = {"audience": {"$in": list(audiences)}}
        if languages is not None:
            where = {"$and": [where, {"language": {"$in": list(languages)}}]}
        result = self._query(vector, n=k, where=where)
        return [(i, 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def _query(self, vector: Sequence[float], *, n: int, where: dict[str, Any] | None) -> Any:
        try:
            return self._collection.query(
                query_embeddings=[list(vector)], n_results=max(1, n), where=where, include=["distances"],
            )
        except Exception as exc:
            raise StoreError(f"Chroma query failed: {exc.__class__.__name__}: {exc}") from exc

    def _unfiltered_size(self, k: int, wanted: Callable[[tuple[str, str]], bool]) -> int | None:
        """How many unfiltered neighbours should hold k wanted ones (from the share of known chunks that pass,
        with a margin), or None when that is so many that Chroma's own filter is cheaper."""
        size = self._size()
        if not self._warmed and sum(self._label_counts.values()) < 0.9 * size:
            self._warm()  # once per process: a store opened on an existing index learns its labels
        total = sum(self._label_counts.values())
        if total == 0:
            return max(k, min(k * OVERSAMPLE, size))
        share = sum(n for label, n in self._label_counts.items() if wanted(label)) / total
        if share <= 0.0:
            return None
        n = math.ceil(k / share * MARGIN) + k
        if n > min(MAX_UNFILTERED, max(k * OVERSAMPLE, self._size() // 2)):
            return None
        return max(k, min(n, size))

    def _warm(self) -> None:
        """Read every chunk's label, in batches (about 1 s for 100k chunks)."""
        self._warmed = True
        offset = 0
        while True:
            try:
                got = self._collection.get(include=["metadatas"], limit=_BATCH * 5, offset=offset)
            except Exception as exc:
                raise StoreError(f"Chroma get failed: {exc.__class__.__name__}: {exc}") from exc
            self._learn(got)
            if len(got["ids"]) < _BATCH * 5:
                return
            offset += _BATCH * 5

    def _learn(self, got: Any) -> None:
        """Remember the labels of a Chroma get() result (ids with metadatas)."""
        for i, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            if meta:
                self._remember(i, (str(meta.get("audience")), str(meta.get("language"))))

    def _remember(self, chunk_id: str, label: tuple[str, str]) -> None:
        if chunk_id not in self._label_cache:
            self._label_counts[label] += 1
        self._label_cache[chunk_id] = label

    def _forget(self, chunk_id: str) -> None:
        label = self._label_cache.pop(chunk_id, None)
        if label is not None:
            self._label_counts[label] -= 1

    def _labels(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(audience, language) of these chunks: from memory, or read once from Chroma. A chunk id is a digest
        of everything the filter reads (see knowledge.chunking), so a label never goes stale, in any worker."""
        unknown = [i for i in ids if i not in self._label_cache]
        if unknown:
            try:
                got = self._collection.get(ids=unknown, include=["metadatas"])
            except Exception as exc:
                raise StoreError(f"Chroma get failed: {exc.__class__.__name__}: {exc}") from exc
            self._learn(got)
        return {i: label for i in ids if (label := self._label_cache.get(i)) is not None}

    def _size(self) -> int:
        """How many vectors there are, read at most once a second (asking Chroma costs a round trip)."""
        now = time.monotonic()
        if now - self._counted_at > 1.0:
            self._count, self._counted_at = self.count(), now
        return self._count

    def count(self) -> int:
        """How many vectors the collection holds."""
        try:
            return int(self._collection.count())
        except Exception as exc:
            raise StoreError(f"Chroma count failed: {exc.__class__.__name__}: {exc}") from exc
