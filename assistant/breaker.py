"""A circuit breaker around the chat model: after repeated failures, fail fast for a while instead of waiting.

    closed ──N consecutive failures──▶ open ──cooldown passed──▶ half-open ──trial succeeds──▶ closed
                                        ▲                            │
                                        └──────trial fails───────────┘

It sits *inside* the egress gate: `GatedChatModel(CircuitBreaker(model), gate)`. The gate therefore screens every
payload whatever the breaker's state, a privacy refusal is never hidden behind "unavailable", and a refused payload
(which never reaches the breaker) cannot trip it: only the model's own failures count. The reverse order would let
an open breaker answer before the gate has looked, and would count the gate's refusals as model outages.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Literal

from assistant.chat_model import ChatMessage, ChatModel
from assistant.errors import ModelUnavailable

State = Literal["closed", "open", "half-open"]


class CircuitBreaker:
    """A ChatModel that forwards to `inner` until `failures` calls in a row fail, then refuses for `cooldown_s`."""

    def __init__(
        self, inner: ChatModel, *, failures: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failures < 1 or cooldown_s <= 0:
            raise ValueError("a circuit breaker needs failures >= 1 and cooldown_s > 0")
        self._inner = inner
        self._threshold = failures
        self._cooldown = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False  # a half-open trial call is under way; everyone else still fails fast
        self.name = inner.name

    @property
    def state(self) -> State:
        """closed (calls go through), open (calls fail fast) or half-open (the next call is a trial)."""
        with self._lock:
            return self._state()

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """The inner model's reply, or ModelUnavailable at once while the breaker is open."""
        trial = self._admit()
        try:
            reply = self._inner.complete(messages)
        except Exception:
            self._record(ok=False, trial=trial)
            raise
        self._record(ok=True, trial=trial)
        return reply

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The inner model's stream; admission is decided now, the verdict when the stream ends or fails."""
        trial = self._admit()
        return self._watch(messages, trial=trial)

    def _watch(self, messages: Sequence[ChatMessage], *, trial: bool) -> Iterator[str]:
        verdict: bool | None = None
        try:
            yield from self._inner.stream(messages)
            verdict = True
        except GeneratorExit:  # the reader stopped listening: says nothing about the model
            raise
        except Exception:
            verdict = False
            raise
        finally:
            self._record(ok=verdict, trial=trial)

    def _state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self._cooldown:
            return "open"
        return "half-open"

    def _admit(self) -> bool:
        """Let a call through (True when it is the half-open trial) or raise ModelUnavailable."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return False
            if state == "half-open" and not self._trial:
                self._trial = True
                return True
            assert self._opened_at is not None
            wait = max(1, math.ceil(self._opened_at + self._cooldown - self._clock()))
        raise ModelUnavailable(
            f"the assistant is unavailable right now; your question was kept — try again in {wait} s",
            retry_after_s=wait,
        )

    def _record(self, *, ok: bool | None, trial: bool) -> None:
        """Count a call's outcome; None (a stream abandoned by its reader) only frees the trial slot."""
        with self._lock:
            if trial:
                self._trial = False
            if ok is None:
                return
            if ok:
                self._failures, self._opened_at = 0, None
                return
            self._failures += 1
            if trial or self._failures >= self._threshold:
                self._opened_at = self._clock()
