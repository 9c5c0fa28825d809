"""The chat-model seam: one method. OpenAI, Azure, any OpenAI-compatible server and test fakes all fit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat request."""

    role: Literal["system", "user", "assistant"]
    content: str


class ChatModel(Protocol):
    """Completes a conversation. Raises assistant.errors.ModelUnavailable when the model cannot answer."""

    name: str

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """The model's reply to the messages."""
        ...

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The reply as it is generated, piece by piece (joined, the same text complete() would give)."""
        ...
