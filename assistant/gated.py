"""The only way out to an external model: every call passes the egress gate first, and fails closed."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat_model import ChatMessage, ChatModel
from assistant.errors import PrivacyRefusal
from guardrails.egress import EgressGate
from guardrails.errors import EgressRefused
from knowledge.embedder import Embedder


class GatedChatModel:
    """A chat model behind the egress gate: the final payload is scanned; if it identifies anyone, no call."""

    def __init__(self, inner: ChatModel, gate: EgressGate) -> None:
        self._inner = inner
        self._gate = gate
        self.name = inner.name

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """Scan every message, then call the model."""
        _check(self._gate, "\n\n".join(m.content for m in messages))
        return self._inner.complete(messages)


class GatedEmbedder:
    """A remote embedder behind the egress gate (questions may carry identifiers)."""

    def __init__(self, inner: Embedder, gate: EgressGate) -> None:
        self._inner = inner
        self._gate = gate

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Scan, then embed passages."""
        for text in texts:
            _check(self._gate, text)
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Scan, then embed a query."""
        _check(self._gate, text)
        return self._inner.embed_query(text)


def _check(gate: EgressGate, payload: str) -> None:
    try:
        gate.check(payload)
    except EgressRefused as exc:
        counts = ", ".join(f"{n} {t}" for t, n in sorted(exc.verdict.counts.items())) or "unknown"
        raise PrivacyRefusal(
            "Nothing was sent to the language model: the message still contained confidential client data "
            f"({counts}). Remove it and ask again."
        ) from exc
