"""Idempotency-Key on POST /v1/chat: a retry gets the first response and no second turn; nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import Api
from tests.fakes import RecordingChatModel
from tests.hardening.test_faults_model import ADVISOR, QUESTION, events, kept_turns, running_api

ANSWER = "A SEPA transfer costs EUR 0.40 [1]."


@pytest.fixture
def llm_api(tmp_path: Path) -> Api:
    model = RecordingChatModel([RuntimeError("down"), ANSWER, "A second answer that must never be seen [1]."])
    with running_api(tmp_path / "data", chat_model=model) as api:
        api.model = model  # type: ignore[attr-defined]
        yield api  # type: ignore[misc]


def _ask(api: Api, key: str, *, user: str = ADVISOR, stream: bool = False, question: str = QUESTION):  # type: ignore[no-untyped-def]
    return api.client.post("/v1/chat", json={"question": question, "stream": stream},
                           headers={**api.auth(user), "Idempotency-Key": key})


def test_a_retry_with_the_same_key_replays_the_first_answer_without_a_second_turn(llm_api: Api) -> None:
    failed = _ask(llm_api, "k-1")  # the model is down on the first try: the key is released, the question kept
    assert failed.status_code == 503
    first = _ask(llm_api, "k-1")
    assert first.status_code == 200, first.text
    retry = _ask(llm_api, "k-1")
    assert retry.status_code == 200 and retry.json() == first.json()
    assert retry.json()["answer"] == ANSWER
    assert len(llm_api.model.requests) == 2  # type: ignore[attr-defined]  # the replay did not call the model
    assert [t["answer"] for t in kept_turns(llm_api)] == [None, ANSWER]


def test_a_streamed_retry_gets_the_stored_answer_as_one_done_event(llm_api: Api) -> None:
    _ask(llm_api, "warm-up")  # uses the model's first (failing) reply
    first = _ask(llm_api, "k-2", stream=True)
    done = [data for name, data in events(first.text) if name == "done"]
    retry = _ask(llm_api, "k-2", stream=True)
    assert events(retry.text) == [("done", done[0])]
    plain = _ask(llm_api, "k-2")  # a retry may switch to JSON: same request, same answer
    assert plain.json() == done[0]
    assert len(kept_turns(llm_api)) == 2


def test_the_same_key_with_another_body_is_refused(llm_api: Api) -> None:
    _ask(llm_api, "warm-up")
    assert _ask(llm_api, "k-3").status_code == 200
    other = _ask(llm_api, "k-3", question="What is the card fee?")
    assert other.status_code == 422 and "different request" in other.json()["detail"]
    assert len(kept_turns(llm_api)) == 2  # the refused request stored nothing


def test_a_key_of_another_user_is_not_theirs_to_replay(tmp_path: Path) -> None:
    with running_api(tmp_path / "data") as api:
        mine = _ask(api, "shared-key")
        theirs = _ask(api, "shared-key", user="advisor-oslo")
        assert mine.status_code == theirs.status_code == 200
        assert theirs.json()["session"] != mine.json()["session"]
        assert len(kept_turns(api)) == 1 and len(kept_turns(api, "advisor-oslo")) == 1


@pytest.mark.parametrize("key", ["x" * 129, ""])
def test_a_key_longer_than_128_characters_or_empty_is_refused(tmp_path: Path, key: str) -> None:
    with running_api(tmp_path / "data") as api:
        response = _ask(api, key)
        assert response.status_code == 422 and response.json()["title"] == "Invalid request"
        assert kept_turns(api) == []
        assert _ask(api, "x" * 128).status_code == 200


def test_a_claim_left_by_a_crashed_worker_is_busy_then_taken_over(tmp_path: Path) -> None:
    import datetime as dt

    from assistant.idempotency import IdempotencyStore, fingerprint
    from assistant.vault_keys import vault_keys
    from guardrails.vault import Vault

    with running_api(tmp_path / "data") as api:
        vault = Vault(api.rapport.engine, keys=vault_keys(api.rapport.settings))
        store = IdempotencyStore(api.rapport.engine, vault=vault, stale_after=dt.timedelta(0))
        digest = fingerprint({"question": QUESTION, "client": None, "session": None, "language": None})
        user = api.users[ADVISOR].user_id
        assert api.rapport.idempotency.claim(user, "k-4", digest).outcome == "run"  # a worker that then died
        busy = _ask(api, "k-4")
        assert busy.status_code == 409 and busy.json()["title"] == "Conflict"
        assert store.claim(user, "k-4", digest).outcome == "run"  # stale: taken over
        store.release(user, "k-4")
        assert _ask(api, "k-4").status_code == 200


def test_the_kept_response_is_pseudonymised_and_the_replay_restores_it(tmp_path: Path) -> None:
    from sqlalchemy import text

    iban = "LV80BANK0000435195001"
    model = RecordingChatModel(["<IBAN_1> pays EUR 0.40 for a SEPA transfer [1]."])
    with running_api(tmp_path / "data", chat_model=model) as api:
        question = f"What does a SEPA transfer from {iban} cost?"
        first = _ask(api, "k-5", question=question)
        assert first.status_code == 200 and iban in first.json()["answer"], first.text
        with api.rapport.engine.connect() as conn:
            kept = conn.execute(text("SELECT response FROM idempotency_keys")).scalar_one()
        assert iban not in kept and "<IBAN_1>" in kept  # nothing identifying is stored in clear
        retry = _ask(api, "k-5", question=question)
        assert retry.json() == first.json() and len(model.requests) == 1
