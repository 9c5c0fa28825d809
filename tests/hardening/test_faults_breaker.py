"""The circuit breaker around the chat model: opens after N failures, fails fast, half-opens for one trial."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from assistant.breaker import CircuitBreaker
from assistant.chat_model import ChatMessage
from assistant.container import Rapport
from assistant.errors import ModelUnavailable, PrivacyRefusal
from assistant.gated import GatedChatModel
from tests.fakes import RecordingChatModel

ASK = [ChatMessage("user", "What does a SEPA transfer cost?")]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class BreaksMidStream:
    """A model that starts answering, then fails."""

    name = "breaks-mid-stream"

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        raise AssertionError("not used")

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        self.calls += 1
        yield "The fee "
        raise ModelUnavailable("the connection dropped")


def _failing(n: int) -> RecordingChatModel:
    return RecordingChatModel([RuntimeError("down")] * n)


def test_opens_after_n_consecutive_failures_and_then_fails_fast() -> None:
    clock, model = Clock(), _failing(3)
    breaker = CircuitBreaker(model, failures=3, cooldown_s=30, clock=clock)
    for _ in range(3):
        with pytest.raises(ModelUnavailable, match=r"did not answer|down"):
            breaker.complete(ASK)
    assert breaker.state == "open"
    clock.now += 10
    with pytest.raises(ModelUnavailable, match=r"your question was kept — try again in 20 s"):
        breaker.complete(ASK)
    assert len(model.requests) == 3  # the fast failure never reached the model


def test_a_success_resets_the_count() -> None:
    model = RecordingChatModel([RuntimeError("1"), RuntimeError("2"), "ok", RuntimeError("3"), RuntimeError("4")])
    breaker = CircuitBreaker(model, failures=3, cooldown_s=30, clock=Clock())
    outcomes = []
    for _ in range(5):
        try:
            outcomes.append(breaker.complete(ASK))
        except ModelUnavailable:
            outcomes.append("failed")
    assert outcomes == ["failed", "failed", "ok", "failed", "failed"]
    assert breaker.state == "closed"


def test_half_open_lets_one_trial_through_and_closes_on_success() -> None:
    clock, model = Clock(), _failing(2)
    breaker = CircuitBreaker(model, failures=2, cooldown_s=30, clock=clock)
    for _ in range(2):
        with pytest.raises(ModelUnavailable):
            breaker.complete(ASK)
    clock.now += 30
    assert breaker.state == "half-open"
    trial = breaker.stream(ASK)  # admitted now: the trial slot is taken until the stream ends
    with pytest.raises(ModelUnavailable, match="unavailable right now"):
        breaker.complete(ASK)
    assert "".join(trial) == "I don't know."
    assert breaker.state == "closed"
    assert breaker.complete(ASK) == "I don't know."


def test_a_failed_trial_opens_again_for_a_full_cooldown() -> None:
    clock, model = Clock(), _failing(3)
    breaker = CircuitBreaker(model, failures=2, cooldown_s=30, clock=clock)
    for _ in range(2):
        with pytest.raises(ModelUnavailable):
            breaker.complete(ASK)
    clock.now += 31
    with pytest.raises(ModelUnavailable, match="down"):  # the trial reached the model and failed
        breaker.complete(ASK)
    assert breaker.state == "open"
    with pytest.raises(ModelUnavailable, match="try again in 30 s"):
        breaker.complete(ASK)
    assert len(model.requests) == 3


def test_a_stream_failing_midway_counts_and_an_abandoned_one_does_not() -> None:
    clock, model = Clock(), BreaksMidStream()
    breaker = CircuitBreaker(model, failures=2, cooldown_s=30, clock=clock)
    with pytest.raises(ModelUnavailable, match="dropped"):
        list(breaker.stream(ASK))
    abandoned = breaker.stream(ASK)
    assert next(abandoned) == "The fee "
    abandoned.close()  # the reader went away: no verdict on the model
    assert breaker.state == "closed"
    with pytest.raises(ModelUnavailable, match="dropped"):
        list(breaker.stream(ASK))
    assert breaker.state == "open" and model.calls == 3


def test_the_gate_still_screens_every_payload_while_the_breaker_is_open(fake_rapport: Rapport) -> None:
    clock, model = Clock(), _failing(1)
    gated = GatedChatModel(CircuitBreaker(model, failures=1, cooldown_s=30, clock=clock), fake_rapport.gate)
    with pytest.raises(ModelUnavailable):
        gated.complete(ASK)
    leaking = [ChatMessage("user", "Transfer from LV80BANK0000435195001 please")]
    with pytest.raises(PrivacyRefusal):  # refused by the gate, not hidden behind "unavailable"
        gated.complete(leaking)
    clock.now += 30
    with pytest.raises(PrivacyRefusal):  # a refused payload is not a model failure: the trial slot is kept
        gated.complete(leaking)
    assert gated.complete(ASK) == "I don't know."
    assert len(model.requests) == 2  # the leaking payloads never reached the model


def test_rapport_wires_the_breaker_inside_the_gate(settings_with_llm: Rapport) -> None:
    gated = settings_with_llm.chat_model
    assert isinstance(gated, GatedChatModel)
    assert isinstance(gated._inner, CircuitBreaker)  # inside: the gate looks first


@pytest.fixture
def settings_with_llm(settings: object) -> Iterator[Rapport]:
    from assistant.container import build
    from tests.fakes import HashEmbedder, InMemoryStore

    rapport = build(settings, embedder=HashEmbedder(), store=InMemoryStore(),  # type: ignore[arg-type]
                    chat_model=RecordingChatModel())
    yield rapport
    rapport.close()
