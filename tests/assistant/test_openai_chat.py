"""The real langchain-openai path, over HTTP to a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.container import Rapport, build
from assistant.errors import ModelUnavailable
from assistant.roles import Principal
from assistant.service import AskRequest
from assistant.settings import Settings
from tests.conftest import write_doc
from tests.fakes import HashEmbedder, InMemoryStore
from tests.servers import ScriptedOpenAI

ADVISOR = Principal("anna", "advisor")


@pytest.fixture
def scripted() -> Iterator[tuple[ScriptedOpenAI, str]]:
    server = ScriptedOpenAI()
    with server.running() as url:
        yield server, url


@pytest.fixture
def rapport(scripted: tuple[ScriptedOpenAI, str], tmp_path: Path) -> Iterator[Rapport]:
    _, url = scripted
    settings = Settings(data_dir=tmp_path / "data", llm_base_url=url, llm_model="scripted", llm_max_retries=0,
                        llm_timeout_s=5, llm_max_tokens=321)
    built = build(settings, embedder=HashEmbedder(), store=InMemoryStore())
    write_doc(tmp_path / "docs", "fees.md", "# Fees\n\nAn international transfer costs EUR 10.00 plus 0.20%.",
              id="fees")
    built.ingestor.ingest([tmp_path / "docs"])
    yield built
    built.close()


def test_a_cited_answer_through_langchain_openai(rapport: Rapport, scripted: tuple[ScriptedOpenAI, str]) -> None:
    server, _ = scripted
    server.script.append((200, "Starptautisks pārskaitījums maksā 10,00 EUR plus 0,20% [1]."))
    answer = rapport.service.ask(ADVISOR, AskRequest("Cik maksā starptautisks pārskaitījums?"))
    assert answer.mode == "llm" and answer.language == "lv" and answer.found
    assert [c.doc_id for c in answer.citations] == ["fees"]
    body = server.requests[0]
    assert body["model"] == "scripted" and body["max_tokens"] == 321  # sent so llama.cpp's server honours it
    system, user = body["messages"]
    assert system["role"] == "system" and "Latvian" in system["content"]
    assert "EUR 10.00 plus 0.20%" in user["content"] and user["content"].endswith("pārskaitījums?")


def test_a_server_error_is_model_unavailable(rapport: Rapport, scripted: tuple[ScriptedOpenAI, str]) -> None:
    server, _ = scripted
    server.script.append((500, "boom"))
    with pytest.raises(ModelUnavailable, match="kept"):
        rapport.service.ask(ADVISOR, AskRequest("What does an international transfer cost?"))


IDENTIFIERS = {
    "Client 121282-11210 asks about transfer fees": "121282-11210",
    "Email me at anna.berzina@example.lv: what do transfers cost?": "anna.berzina@example.lv",
    "Card 4111 1111 1111 1111 was charged a transfer fee": "4111 1111 1111 1111",
    "Zvaniet +371 2912 3456 par maksām": "+371 2912 3456",
    "Send EUR 500 from LV80BANK0000435195001 abroad: what does it cost?": "LV80BANK0000435195001",
}


@pytest.mark.parametrize("question", sorted(IDENTIFIERS))
def test_identifiers_are_pseudonymised_before_the_server_and_restored_after(
    rapport: Rapport, scripted: tuple[ScriptedOpenAI, str], question: str
) -> None:
    server, _ = scripted
    secret = IDENTIFIERS[question]
    server.script.append((200, "The fee applies [1]."))
    first = rapport.service.ask(ADVISOR, AskRequest(question))
    sent = json.dumps(server.requests, ensure_ascii=False)
    assert secret not in sent and secret.replace(" ", "") not in sent
    placeholder = re.search(r"<[A-Z_]+_1>", server.requests[0]["messages"][1]["content"].split("Question:")[1])
    assert placeholder is not None
    # The model answers with the placeholder; the asker sees the real value again.
    server.script.append((200, f"For {placeholder.group()}: the fee applies [1]."))
    answer = rapport.service.ask(ADVISOR, AskRequest(question, session_id=first.session))
    assert f"For {secret}" in answer.text
    assert secret not in json.dumps(server.requests, ensure_ascii=False)
