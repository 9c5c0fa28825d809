"""Embeddings cached by content hash in a small SQLite file, so re-ingesting and re-asking cost nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge.embedder import Embedder


class CachedEmbedder:
    """Wraps an embedder; vectors are keyed by (model, mode, sha256(text))."""

    def __init__(self, inner: Embedder, *, path: Path, model_id: str) -> None:
        self._inner = inner
        self._model_id = model_id
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _key(self, mode: str, text: str) -> str:
        return hashlib.sha256(f"{self._model_id}\x00{mode}\x00{text}".encode()).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                for key, blob in self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part):
                    found[key] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def _store(self, pairs: list[tuple[str, list[float]]]) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in pairs],
            )

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Passage vectors, computing only the ones not cached."""
        keys = [self._key("passage", t) for t in texts]
        found = self._lookup(keys)
        missing = list({k: i for i, k in enumerate(keys) if k not in found}.values())  # each new text once
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        if missing:
            vectors = self._inner.embed_documents([texts[i] for i in missing])
            new = [(keys[i], v) for i, v in zip(missing, vectors, strict=True)]
            self._store(new)
            found.update(new)
        return [found[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        """A query vector, cached too (questions repeat)."""
        key = self._key("query", text)
        found = self._lookup([key])
        if key in found:
            self.hits += 1
            return found[key]
        self.misses += 1
        vector = self._inner.embed_query(text)
        self._store([(key, vector)])
        return vector

    def close(self) -> None:
        """Close the cache file."""
        self._db.close()
