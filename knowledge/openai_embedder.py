"""Any OpenAI-compatible embeddings endpoint through langchain-openai (no tiktoken: it would download encodings)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import SecretStr

from knowledge.errors import StoreError


class OpenAIEmbedder:
    """Remote embeddings; the composition root puts the egress gate in front of it."""

    def __init__(self, *, base_url: str, model: str, api_key: str | None, timeout_s: float = 30.0) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.model_id = f"openai:{base_url}:{model}"
        self._inner = OpenAIEmbeddings(
            model=model,
            openai_api_base=base_url,
            openai_api_key=SecretStr(api_key or "not-needed"),
            check_embedding_ctx_length=False,  # else tiktoken downloads its encodings
            request_timeout=timeout_s,
            max_retries=2,
        )

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Passage vectors from the endpoint."""
        try:
            return self._inner.embed_documents(list(texts))
        except Exception as exc:  # vendor errors stop here, translated
            raise StoreError(f"embedding endpoint failed: {exc.__class__.__name__}") from exc

    def embed_query(self, text: str) -> list[float]:
        """A query vector from the endpoint."""
        try:
            return self._inner.embed_query(text)
        except Exception as exc:
            raise StoreError(f"embedding endpoint failed: {exc.__class__.__name__}") from exc
