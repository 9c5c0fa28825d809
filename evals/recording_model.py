"""The leakage suite's measuring instrument: a chat model at the seam that records what would leave the bank."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.chat_model import ChatMessage

FIXED_REPLY = "According to the bank's documents [1]."


class RecordingChatModel:
    """Records every payload that reaches the chat-model seam and replies with a fixed answer citing [1].

    It is not a model and judges nothing: it sits where an external model would, behind the egress gate, so
    that whatever it records is exactly what a real provider would have received. The leakage suite counts
    client identifiers in these recordings.
    """

    name = "eval-recorder"

    def __init__(self, reply: str = FIXED_REPLY) -> None:
        self.reply = reply
        self.payloads: list[str] = []

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """Record the payload (every message's content, joined) and return the fixed reply."""
        self.payloads.append("\n\n".join(m.content for m in messages))
        return self.reply

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The same, as a one-piece stream."""
        yield self.complete(messages)
