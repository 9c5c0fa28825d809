"""The only way out to an external model: every call passes the egress gate first, and fails closed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from assistant.chat_model import ChatMessage, ChatModel
from assistant.errors import PrivacyRefusal
from guardrails.egress import EgressGate, EgressVerdict
from guardrails.errors import EgressRefused
from guardrails.pii import PiiEntity
from knowledge.embedder import Embedder

Finder = Callable[[str], Sequence[PiiEntity]]


class GatedChatModel:
    """A chat model behind the egress gate: the final payload is scanned; if it identifies anyone, no call."""

    def __init__(self, inner: ChatModel, gate: EgressGate) -> None:
        self._inner = inner
        self._gate = gate
        self.name = inner.name

    def complete(self, messages: Sequence[ChatMessage], *, known: Finder | None = None) -> str:
        """Scan the whole payload (and, if given, for the conversation's known identifiers), then call the model."""
        self._screen(messages, known)
        return self._inner.complete(messages)

    def stream(self, messages: Sequence[ChatMessage], *, known: Finder | None = None) -> Iterator[str]:
        """The same check as complete(), made before the first byte leaves; then the model's reply, streamed."""
        self._screen(messages, known)
        return self._inner.stream(messages)

    def _screen(self, messages: Sequence[ChatMessage], known: Finder | None) -> None:
        payload = "\n\n".join(m.content for m in messages)
        _check(self._gate, payload)
        if known is not None and (left := known(payload)):
            counts = dict(Counter(e.type for e in left))
            _refuse(EgressVerdict(allowed=False, counts=counts, reason="known client identifiers left"))


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
        _refuse(exc.verdict, exc)


def _refuse(verdict: EgressVerdict, cause: Exception | None = None) -> None:
    counts = ", ".join(f"{n} {t}" for t, n in sorted(verdict.counts.items())) or verdict.reason
    raise PrivacyRefusal(
        "Nothing was sent to the language model: the message still contained confidential client data "
        f"({counts}). Remove it and ask again."
    ) from cause
