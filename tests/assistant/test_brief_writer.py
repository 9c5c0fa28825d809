"""Model-written briefs: the model sees placeholders only, and every line it keeps is traced to the input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.brief_writer import MARKER, keep_traced, write_brief
from assistant.briefs import handover_brief
from assistant.container import Rapport, build
from assistant.settings import Settings
from knowledge.profiles import known_identifiers
from tests.conftest import REPO
from tests.fakes import HashEmbedder, InMemoryStore, RecordingChatModel

CLIENTS = REPO / "knowledge" / "sample_bank" / "clients.jsonl"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def llm(tmp_path: Path) -> Iterator[tuple[Rapport, RecordingChatModel]]:
    model = RecordingChatModel()
    settings = Settings(data_dir=tmp_path / "data", llm_base_url="http://127.0.0.1:9/v1", llm_model="fake")
    rapport = build(settings, embedder=HashEmbedder(), store=InMemoryStore(), chat_model=model)
    rapport.profiles.import_jsonl(CLIENTS)
    yield rapport, model
    rapport.close()


def _write(rapport: Rapport, brief: str, client_id: str) -> str:
    assert rapport.chat_model is not None
    return write_brief(brief, client_id=client_id, language="en", model=rapport.chat_model, pii=rapport.pii,
                       vault=rapport.vault, clients=rapport.profiles)


def test_the_model_sees_placeholders_and_its_traced_lines_come_back_restored(
    llm: tuple[Rapport, RecordingChatModel],
) -> None:
    rapport, model = llm
    profile = rapport.profiles.get("C1001")
    assert profile is not None
    brief = handover_brief(profile, today=TODAY, linked=rapport.profiles.linked("C1001"), language="en")
    marker = MARKER.findall(brief)[0]
    model.enqueue(f"# Hand-over\n\n- <PERSON_1> has banked with us for years {marker}\n- She loves golf.\n")
    written = _write(rapport, brief, "C1001")
    payload = model.payloads[-1]
    for identifier in known_identifiers(profile):
        assert identifier.value not in payload, identifier.type
    assert profile.display_name in written and marker in written
    assert "golf" not in written  # no source: dropped


def test_a_reply_without_traced_lines_falls_back_to_the_data_brief(llm: tuple[Rapport, RecordingChatModel]) -> None:
    rapport, model = llm
    profile = rapport.profiles.get("C1001")
    assert profile is not None
    brief = handover_brief(profile, today=TODAY, language="en")
    model.enqueue("A lovely client. [field: invented.path]")
    assert _write(rapport, brief, "C1001") == brief


def test_only_markers_of_the_input_count() -> None:
    allowed = {"[field: segment]", "[note 2026-01-02, ikalnina]"}
    text = "# T\n- a [field: segment]\n- b [field: made.up]\n- c [note 2026-01-02, ikalnina] [field: segment]\n- d"
    assert keep_traced(text, allowed=allowed) == "# T\n- a [field: segment]\n- c [note 2026-01-02, ikalnina] " \
                                                  "[field: segment]"
    assert keep_traced("- nothing traced", allowed=allowed) == ""
