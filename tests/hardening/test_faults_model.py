"""The model fails (429, 5xx, timeout, mid-stream): the real openai client retries, then the API answers 503 with the
question kept; the breaker fails fast; the next call after recovery works. Nothing the asker wrote is lost."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.chat_model import ChatMessage, ChatModel
from assistant.container import build
from assistant.dev_users import seed_dev_users
from assistant.errors import ModelUnavailable
from assistant.settings import Settings
from tests.api.conftest import Api, load_sample_people
from tests.conftest import write_doc
from tests.fakes import HashEmbedder, InMemoryStore
from tests.servers import ScriptedOpenAI

QUESTION = "What does a SEPA transfer cost?"
ADVISOR = "advisor-riga"


@contextmanager
def running_api(
    data: Path, *, chat_model: ChatModel | None = None, real_store: bool = False, **overrides: Any
) -> Iterator[Api]:
    """The API on fake retrieval seams (or the store the settings name), with the given chat model or the model
    settings in `overrides`."""
    settings = Settings(data_dir=data, **overrides)
    rapport = build(settings, embedder=HashEmbedder(), store=None if real_store else InMemoryStore(),
                    chat_model=chat_model)
    write_doc(data / "docs", "fees.md", "# Fees\n\nA SEPA transfer costs EUR 0.40.", id="fees")
    rapport.ingestor.ingest([data / "docs"])
    load_sample_people(rapport)
    seeded = seed_dev_users(rapport.users, rapport.profiles)
    try:
        with TestClient(create_app(settings, rapport=rapport)) as client:
            yield Api(client, rapport, {u.user_id: k for u, k in seeded}, {u.user_id: u for u, _ in seeded})
    finally:
        rapport.close()


@pytest.fixture
def scripted() -> Iterator[tuple[ScriptedOpenAI, str]]:
    server = ScriptedOpenAI()
    with server.running() as url:
        yield server, url


def kept_turns(api: Api, user: str = ADVISOR) -> list[dict[str, Any]]:
    """Every stored turn of the user's sessions, oldest session first."""
    sessions = api.client.get("/v1/sessions", headers=api.auth(user)).json()
    turns: list[dict[str, Any]] = []
    for session in reversed(sessions):
        turns += api.client.get(f"/v1/sessions/{session['id']}", headers=api.auth(user)).json()["turns"]
    return turns


def events(text: str) -> list[tuple[str, dict[str, Any]]]:
    """Server-Sent Events as (name, data) pairs."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def _llm(url: str, **more: Any) -> dict[str, Any]:
    return {"llm_base_url": url, "llm_model": "scripted", "llm_max_retries": 1, "llm_timeout_s": 2.0, **more}


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_model_errors_are_retried_then_answered_503_with_the_question_kept(
    tmp_path: Path, scripted: tuple[ScriptedOpenAI, str], status: int
) -> None:
    server, url = scripted
    server.script = [(status, "overloaded"), (status, "overloaded")]
    with running_api(tmp_path / "data", **_llm(url)) as api:
        failed = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert failed.status_code == 503, failed.text
        assert failed.headers["content-type"].startswith("application/problem+json")
        assert "your question was kept" in failed.json()["detail"]
        assert len(server.requests) == 2  # the openai client retried once (llm_max_retries=1)
        assert [(t["question"], t["answer"]) for t in kept_turns(api)] == [(QUESTION, None)]
        again = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert again.status_code == 200, again.text
        assert [t["answer"] is None for t in kept_turns(api)] == [True, False]


def test_one_failure_is_absorbed_by_the_retry(tmp_path: Path, scripted: tuple[ScriptedOpenAI, str]) -> None:
    server, url = scripted
    server.script = [(503, "restarting"), (200, "A SEPA transfer costs EUR 0.40 [1].")]
    with running_api(tmp_path / "data", **_llm(url)) as api:
        response = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert response.status_code == 200, response.text
        assert "EUR 0.40" in response.json()["answer"] and len(server.requests) == 2


def test_a_model_that_hangs_times_out_into_503_and_the_stream_says_so(
    tmp_path: Path, scripted: tuple[ScriptedOpenAI, str]
) -> None:
    server, url = scripted
    server.script = [(ScriptedOpenAI.HANG, "3"), (ScriptedOpenAI.HANG, "3")]
    with running_api(tmp_path / "data", **_llm(url, llm_timeout_s=0.3)) as api:
        response = api.client.post("/v1/chat", json={"question": QUESTION, "stream": True},
                                   headers=api.auth(ADVISOR))
        assert response.status_code == 200  # the stream had started: the failure is its last event
        (name, problem), = events(response.text)
        assert name == "error" and problem["status"] == 503 and "your question was kept" in problem["detail"]
        assert [(t["question"], t["answer"]) for t in kept_turns(api)] == [(QUESTION, None)]
        again = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert again.status_code == 200, again.text


def test_the_breaker_fails_fast_then_recovers_after_the_cooldown(
    tmp_path: Path, scripted: tuple[ScriptedOpenAI, str]
) -> None:
    server, url = scripted
    server.script = [(500, "down")] * 2
    settings = _llm(url, llm_max_retries=0, llm_breaker_failures=2, llm_breaker_cooldown_s=0.5)
    with running_api(tmp_path / "data", **settings) as api:
        for _ in range(2):
            failed = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
            assert failed.status_code == 503
        fast = api.client.post("/v1/chat", json={"question": "Is the model back?"}, headers=api.auth(ADVISOR))
        assert fast.status_code == 503
        assert "the assistant is unavailable right now; your question was kept — try again in" in fast.json()["detail"]
        assert fast.headers["Retry-After"] == "1"  # the rest of the cooldown (0.5 s), in whole seconds
        assert len(server.requests) == 2  # the open breaker did not call the model
        assert [t["question"] for t in kept_turns(api)] == [QUESTION, QUESTION, "Is the model back?"]
        time.sleep(0.6)  # past the cooldown: the next call is the half-open trial
        after = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert after.status_code == 200, after.text
        assert len(server.requests) == 3


class BreaksMidStream:
    """Starts answering, then the connection drops; the second call answers in full."""

    name = "breaks-mid-stream"

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        return "".join(self.stream(messages))

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        self.calls += 1
        yield "A SEPA transfer "
        if self.calls == 1:
            raise ModelUnavailable("the language model stopped answering (ReadError); your question was kept")
        yield "costs EUR 0.40 [1]."


def test_a_crash_mid_stream_leaves_the_question_and_no_half_written_answer(tmp_path: Path) -> None:
    with running_api(tmp_path / "data", chat_model=BreaksMidStream()) as api:
        response = api.client.post("/v1/chat", json={"question": QUESTION, "stream": True},
                                   headers=api.auth(ADVISOR))
        names = [name for name, _ in events(response.text)]
        assert "delta" in names and names[-1] == "error" and "done" not in names
        turns = kept_turns(api)
        assert [(t["question"], t["answer"]) for t in turns] == [(QUESTION, None)]  # not "A SEPA transfer "
        session = api.client.get("/v1/sessions", headers=api.auth(ADVISOR)).json()[0]["id"]
        again = api.client.post("/v1/chat", json={"question": QUESTION, "session": session},
                                headers=api.auth(ADVISOR))
        assert again.status_code == 200 and "EUR 0.40" in again.json()["answer"]
        assert [t["answer"] is None for t in kept_turns(api)] == [True, False]
