"""Load without cross-talk (issue 9): concurrent sessions of advisors of both teams and of clients, over HTTP.

The model echoes the placeholders of each question, so every answer is restored from the vault while other
sessions write to it; bench.crosstalk checks each answer, each stored turn and each session's vault entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from api.app import create_app
from assistant.chat_model import ChatMessage
from assistant.container import Rapport, build
from assistant.settings import Settings
from assistant.vault_keys import vault_keys
from bench.crosstalk import LoadReport, check_vault, compact, drive, leaks, plan
from bench.echo_model import echo_reply
from guardrails.vault import Vault
from tests.conftest import REPO, write_doc
from tests.fakes import HashEmbedder, InMemoryStore, RecordingChatModel
from tests.servers import serving

SAMPLE = REPO / "knowledge" / "sample_bank"
THREADS, SESSIONS, TURNS = 8, 16, 5


class EchoingModel(RecordingChatModel):
    """The recording fake, answering each request with the placeholders of its question."""

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        self.requests.append(list(messages))
        return echo_reply(messages)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Rapport, EchoingModel]]:
    tmp: Path = tmp_path_factory.mktemp("load")
    model = EchoingModel()
    settings = Settings(data_dir=tmp / "data", rate_limit_per_minute=100_000)
    rapport = build(settings, embedder=HashEmbedder(), store=InMemoryStore(), chat_model=model)
    write_doc(tmp / "docs", "fees.md", "# Fees\n\nAn international transfer costs EUR 10.00 plus 0.20%.\n\n"
              "A debit card costs EUR 1.50 a month.", id="fees")
    rapport.ingestor.ingest([tmp / "docs"])
    rapport.profiles.import_teams_jsonl(SAMPLE / "teams.jsonl")
    rapport.profiles.import_advisors_jsonl(SAMPLE / "advisors.jsonl")
    rapport.profiles.import_jsonl(SAMPLE / "clients.jsonl")
    yield rapport, model
    rapport.close()


@pytest.fixture(scope="module")
def loaded(bank: tuple[Rapport, EchoingModel]) -> LoadReport:
    rapport, _ = bank
    conversations = plan(rapport.profiles, rapport.users, sessions=SESSIONS, turns=TURNS)
    with serving(create_app(rapport.settings, rapport=rapport)) as url:
        report = drive(url, conversations, threads=THREADS, expect_echo=True)
    check_vault(Vault(rapport.engine, keys=vault_keys(rapport.settings)), report)
    return report


def test_the_plan_mixes_roles_teams_and_languages(bank: tuple[Rapport, EchoingModel]) -> None:
    rapport, _ = bank
    conversations = plan(rapport.profiles, rapport.users, sessions=SESSIONS, turns=TURNS)
    advisors = {c.user_id for c in conversations if c.role == "advisor"}
    teams = {rapport.profiles.get_advisor(u.removeprefix("load-")).team for u in advisors}  # type: ignore[union-attr]
    assert {c.role for c in conversations} == {"advisor", "client"}
    assert len(teams) == 2
    assert len({c.client.preferred_language for c in conversations}) >= 3
    assert all(c.foreign and not (c.foreign & c.own) for c in conversations)


def test_every_turn_is_answered_in_its_own_session(loaded: LoadReport) -> None:
    assert loaded.errors == []
    assert loaded.turns == SESSIONS * TURNS
    assert len(loaded.sessions) == SESSIONS


def test_no_answer_stored_turn_or_vault_entry_shows_another_clients_identifier(loaded: LoadReport) -> None:
    assert loaded.violations == []


def test_no_identifier_reached_the_model_under_load(bank: tuple[Rapport, EchoingModel], loaded: LoadReport) -> None:
    _, model = bank
    values = {v for c in loaded.sessions.values() for v in c.own | c.foreign}
    assert len(model.payloads) >= SESSIONS * TURNS
    assert all(not leaks(payload, values) for payload in model.payloads)


def test_the_checks_catch_planted_cross_talk(bank: tuple[Rapport, EchoingModel], loaded: LoadReport) -> None:
    rapport, _ = bank
    session, conversation = next(iter(loaded.sessions.items()))
    # another client who is not linked to this one (a linked household's data is not foreign to the conversation);
    # sessions finish in any order, so the pick must not depend on which came first
    other = next(c for c in loaded.sessions.values() if c.client.client_id != conversation.client.client_id
                 and compact(c.expected[1]) in conversation.foreign)
    iban = other.expected[1]
    spaced = " ".join(compact(iban)[i : i + 4] for i in range(0, len(compact(iban)), 4)).upper()
    assert leaks(f"Transfer from {spaced} done.", conversation.foreign) == [compact(iban)]
    vault = Vault(rapport.engine, keys=vault_keys(rapport.settings))
    vault.placeholder_for(session, "IBAN", iban)
    planted = LoadReport(sessions={session: conversation})
    check_vault(vault, planted)
    assert len(planted.violations) == 1 and session in planted.violations[0]
