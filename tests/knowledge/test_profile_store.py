"""ProfileStore on SQLite and on PostgreSQL: the same tests on both.

CI has PostgreSQL at 127.0.0.1:5432, so the PostgreSQL cases fail (never skip) when it cannot be reached. Each run
creates a throwaway database and drops it afterwards; RAPPORT_TEST_POSTGRES_URL points elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.database import make_engine
from knowledge.errors import StoreError
from knowledge.profile_store import ImportReport, ProfileStore, metadata
from knowledge.profiles import Advisor, ClientProfile, Team
from knowledge.sample_bank import generate_clients as generator

SAMPLE = Path(generator.__file__).resolve().parent
CLIENTS = SAMPLE / "clients.jsonl"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProfileStore]:
    """An empty store on each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'crm.sqlite'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
    yield ProfileStore(engine)
    metadata.drop_all(engine)  # the PostgreSQL database is shared by the module's tests
    engine.dispose()


def sample() -> dict[str, ClientProfile]:
    return {p.client_id: p for p in generator.build_clients()}


def test_a_profile_comes_back_as_it_went_in(store: ProfileStore) -> None:
    profile = sample()["C1013"]
    assert store.get("C1013") is None and not store.exists("C1013")
    store.upsert(profile)
    assert store.get("C1013") == profile and store.exists("C1013")


def test_upsert_replaces_and_counts_only_changes(store: ProfileStore) -> None:
    profiles = sample()
    first, second = profiles["C1001"], profiles["C1002"]
    assert store.upsert_many([first, second]) == 2
    assert store.upsert_many([first, second]) == 0
    moved = first.model_copy(update={"segment": "premium"})
    assert store.upsert_many([moved, second]) == 1
    stored = store.get("C1001")
    assert stored is not None and stored.segment == "premium"
    assert [p.client_id for p in store.list()] == ["C1001", "C1002"]


def test_list_filters_by_advisor_team_and_synthetic(store: ProfileStore) -> None:
    profiles = sample()
    real = profiles["C1025"].model_copy(update={"client_id": "X1", "synthetic": False})
    store.upsert_many([*profiles.values(), real])
    by_advisor = store.list(advisor_id="ikalnina")
    assert by_advisor and all(p.relationship_manager == "ikalnina" for p in by_advisor)
    assert [p.client_id for p in by_advisor] == sorted(p.client_id for p in by_advisor)
    assert {p.client_id for p in store.list(team="oslo")} == {
        cid for cid, p in profiles.items() if p.team == "oslo"} | {"X1"}
    assert [p.client_id for p in store.list(synthetic=False)] == ["X1"]
    assert len(store.list(synthetic=True)) == len(profiles)
    assert all(p.team == "oslo" and p.relationship_manager == "ihansen"
               for p in store.list(advisor_id="ihansen", team="oslo"))
    assert store.list(advisor_id="nobody") == []


def test_linked_finds_links_in_both_directions(store: ProfileStore) -> None:
    store.import_jsonl(CLIENTS)
    # Jānis (C1001) records that he owns C1011; his wife (C1002) and son (C1003) record their links to him.
    assert [(rel, p.client_id) for rel, p in store.linked("C1001")] == [
        ("household", "C1002"), ("household", "C1003"), ("owner", "C1011")]
    assert [(rel, p.client_id) for rel, p in store.linked("C1011")] == [("owner", "C1001"), ("employee", "C1010")]
    assert store.linked("NOPE") == []


def test_linked_skips_clients_that_are_not_stored(store: ProfileStore) -> None:
    store.upsert(sample()["C1003"])  # linked to both parents, neither stored
    assert store.linked("C1003") == []
    store.upsert(sample()["C1001"])
    assert [p.client_id for _, p in store.linked("C1003")] == ["C1001"]


def test_changing_a_profile_replaces_its_links(store: ProfileStore) -> None:
    profiles = sample()
    store.upsert_many([profiles["C1001"], profiles["C1002"]])
    store.upsert(profiles["C1002"].model_copy(update={"links": ()}))
    assert [p.client_id for _, p in store.linked("C1002")] == []
    assert "C1002" not in [p.client_id for _, p in store.linked("C1001")]


def test_import_is_idempotent(store: ProfileStore) -> None:
    lines = CLIENTS.read_text(encoding="utf-8").splitlines()
    assert store.import_jsonl(CLIENTS) == ImportReport(added=len(lines))
    assert store.import_jsonl(CLIENTS) == ImportReport(unchanged=len(lines))
    assert len(store.list()) == len(lines)


def test_import_reports_updates(store: ProfileStore, tmp_path: Path) -> None:
    lines = CLIENTS.read_text(encoding="utf-8").splitlines()
    store.import_jsonl(CLIENTS)
    changed = json.loads(lines[0]) | {"vulnerable": True}
    path = tmp_path / "changed.jsonl"
    path.write_text("\n".join([json.dumps(changed, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")
    assert store.import_jsonl(path) == ImportReport(updated=1, unchanged=len(lines) - 1)
    stored = store.get(changed["client_id"])
    assert stored is not None and stored.vulnerable


def test_import_reports_bad_lines_and_loads_the_rest(store: ProfileStore, tmp_path: Path) -> None:
    lines = CLIENTS.read_text(encoding="utf-8").splitlines()
    bad_enum = json.loads(lines[4]) | {"segment": "vip"}
    mixed = [*lines[:3], '{"client_id": "C9999", "synthetic": tru', json.dumps(bad_enum, ensure_ascii=False),
             "", *lines[5:]]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(mixed) + "\n", encoding="utf-8")
    report = store.import_jsonl(path)
    assert [f.line for f in report.failed] == [4, 5]
    assert "invalid JSON" in report.failed[0].reason
    assert report.failed[1].reason.startswith("segment:") and "retail" in report.failed[1].reason
    assert report.added == len(lines) - 2 and report.updated == report.unchanged == 0
    assert not store.exists(bad_enum["client_id"])
    assert store.exists(json.loads(lines[-1])["client_id"])


def test_a_line_that_is_not_utf8_fails_alone(store: ProfileStore, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    first = CLIENTS.read_bytes().split(b"\n")[0]
    path.write_bytes(first + b"\n" + '{"client_id": "Bjørn"}'.encode("latin-1") + b"\n")
    report = store.import_jsonl(path)
    assert report.added == 1 and [f.line for f in report.failed] == [2]


def test_advisors_and_teams(store: ProfileStore) -> None:
    assert store.import_teams_jsonl(SAMPLE / "teams.jsonl") == ImportReport(added=2)
    report = store.import_advisors_jsonl(SAMPLE / "advisors.jsonl")
    assert report.added >= 6 and not report.failed
    assert store.import_advisors_jsonl(SAMPLE / "advisors.jsonl") == ImportReport(unchanged=report.added)
    assert [t.team_id for t in store.list_teams()] == ["oslo", "riga"]
    ilze = store.get_advisor("ikalnina")
    assert ilze is not None and ilze.team == "riga" and "ru" in ilze.languages
    assert {a.team for a in store.list_advisors(team="oslo")} == {"oslo"}
    store.add_advisor(Advisor(advisor_id="new", name="New Advisor", team="oslo", languages=("no",)))
    store.add_team(Team(team_id="tallinn", name="Tallinn", city="Tallinn", country="EE"))
    assert store.get_advisor("new") is not None and store.get_advisor("nobody") is None
    assert len(store.list_advisors()) == report.added + 1 and len(store.list_teams()) == 3


def test_an_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        ProfileStore(make_engine("postgresql://nobody@127.0.0.1:9/nowhere?connect_timeout=2"))
