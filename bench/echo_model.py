"""A stand-in chat model for load runs: it answers with the placeholders of the question it was sent.

A real model would cost seconds per turn on 2 cores; this one costs nothing and still makes every turn go through
the whole privacy path: the question is pseudonymised into the conversation's vault, the reply carries the
placeholders back, and the service restores them from the vault of the session the turn belongs to. An answer
that shows another session's values is cross-talk.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.chat_model import ChatMessage
from guardrails.pseudonymizer import PLACEHOLDER

QUESTION_MARK = "Question:"  # where the user prompt puts the question, after the sources


def echo_reply(messages: Sequence[ChatMessage]) -> str:
    """The reply: the question's placeholders in order of appearance, citing source 1."""
    last = messages[-1].content if messages else ""
    question = last.rsplit(QUESTION_MARK, 1)[-1]
    placeholders = list(dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(question)))
    return f"Noted for {', '.join(placeholders) or 'this client'}: see the fee schedule [1]."


class EchoChatModel:
    """A ChatModel that echoes the question's placeholders (see the module docstring)."""

    name = "echo-stand-in"

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """The echo reply."""
        return echo_reply(messages)

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The echo reply in pieces of 3 characters, so placeholders are split across pieces."""
        reply = echo_reply(messages)
        for start in range(0, len(reply), 3):
            yield reply[start : start + 3]
