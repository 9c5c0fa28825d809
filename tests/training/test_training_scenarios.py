"""Scenarios come from synthetic clients only; a real client is refused wherever training could reach it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import OutOfScope, SyntheticClientsOnly, UnknownClient
from assistant.training.roleplay import start_roleplay
from assistant.training.scenarios import (
    KINDS,
    find_scenario,
    generate_scenarios,
    scenarios_for,
    training_client,
    training_clients,
)
from knowledge.database import make_engine
from knowledge.profile_store import ProfileStore
from knowledge.profiles import known_identifiers

SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "sample_bank" / "clients.jsonl"
TODAY = dt.date(2026, 11, 22)
REAL_ID = "R9001"


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    """The sample clients plus one real client (a copy of a synthetic one, synthetic: false)."""
    profiles = ProfileStore(make_engine(f"sqlite:///{tmp_path / 'crm.sqlite'}"))
    report = profiles.import_jsonl(SAMPLE)
    assert not report.failed
    template = profiles.get("C1025")
    assert template is not None and template.synthetic
    real = template.model_copy(update={"client_id": REAL_ID, "synthetic": False})
    profiles.upsert(real)
    return profiles


def test_trainers_never_see_a_real_client(store: ProfileStore) -> None:
    visible = training_clients(store)
    assert visible and all(p.synthetic for p in visible)
    assert REAL_ID not in {p.client_id for p in visible}
    everyone = store.list()
    scenarios = generate_scenarios(everyone, today=TODAY, seed=1)  # even when handed every profile
    assert scenarios and REAL_ID not in {s.client_id for s in scenarios}


def test_a_real_client_is_refused_with_a_clear_error(store: ProfileStore) -> None:
    real = store.get(REAL_ID)
    assert real is not None
    with pytest.raises(SyntheticClientsOnly, match="synthetic clients only"):
        training_client(store, REAL_ID)
    with pytest.raises(SyntheticClientsOnly):
        scenarios_for(real, today=TODAY)
    with pytest.raises(SyntheticClientsOnly):
        find_scenario(store, f"complaint:{REAL_ID}", today=TODAY)
    assert issubclass(SyntheticClientsOnly, OutOfScope) and SyntheticClientsOnly.status_code == 403
    with pytest.raises(UnknownClient):
        training_client(store, "C0000")


def test_the_sample_bank_yields_every_kind_of_scenario(store: ProfileStore) -> None:
    scenarios = generate_scenarios(training_clients(store), today=TODAY)
    assert {s.kind for s in scenarios} == set(KINDS)
    for s in scenarios:
        assert s.policies and all(p.doc_id and p.section for p in s.policies)
        assert s.learning_goal and s.title
        profile = store.get(s.client_id)
        assert profile is not None and s.language == profile.preferred_language
        shown = " ".join(s.situation)
        for identifier in known_identifiers(profile):
            assert identifier.value not in shown, (s.id, identifier.type)


def test_scenarios_follow_the_profile(store: ProfileStore) -> None:
    complaint = store.get("C1025")  # an open complaint
    corporate = store.get("C1011")  # a trade-finance request
    assert complaint is not None and corporate is not None
    assert "complaint" in {s.kind for s in scenarios_for(complaint, today=TODAY)}
    trade = [s for s in scenarios_for(corporate, today=TODAY) if s.kind == "trade_finance"]
    assert trade and any(p.doc_id == "corporate-trade-finance" for p in trade[0].policies)
    found = find_scenario(store, trade[0].id, today=TODAY)
    assert found.client_id == "C1011"


def test_scenario_texts_in_the_trainees_language(store: ProfileStore) -> None:
    profile = store.get("C1013")  # a Russian-speaking client
    assert profile is not None
    english = scenarios_for(profile, today=TODAY, language="en")
    russian = scenarios_for(profile, today=TODAY)
    assert [s.kind for s in english] == [s.kind for s in russian]
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in s.learning_goal) for s in russian)
    assert all(s.learning_goal.isascii() for s in english)


def test_the_seed_fixes_the_draw(store: ProfileStore) -> None:
    clients = training_clients(store)
    first = [s.id for s in generate_scenarios(clients, today=TODAY, seed=4, n=6)]
    assert len(first) == 6 and first == [s.id for s in generate_scenarios(clients, today=TODAY, seed=4, n=6)]
    assert len({s.split(":")[0] for s in first}) == 5  # kinds in turn


def test_role_play_cannot_start_on_a_real_client(store: ProfileStore) -> None:
    with pytest.raises(SyntheticClientsOnly):
        start_roleplay(find_scenario(store, f"product_gap:{REAL_ID}", today=TODAY))
