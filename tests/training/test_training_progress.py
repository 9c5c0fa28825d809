"""Progress: a trainee's sessions and scores are stored; the trainer lists the cohort; the CLI records a debrief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.errors import UnknownSession, UsageError
from assistant.training.progress import ProgressStore
from knowledge.database import make_engine

DATA = Path(__file__).resolve().parents[2] / "evals" / "data" / "training"


@pytest.fixture
def progress(tmp_path: Path) -> ProgressStore:
    return ProgressStore(make_engine(f"sqlite:///{tmp_path / 'training.sqlite'}"))


def test_sessions_and_scores_are_stored_and_listed(progress: ProgressStore) -> None:
    a1 = progress.start(trainee_id="anna", kind="quiz", language="lv")
    progress.record(a1.id, score=60.0, details={"correct": 6})
    a2 = progress.start(trainee_id="anna", kind="roleplay", language="lv", scenario_id="complaint:C1025")
    progress.record(a2.id, score=90.0)
    progress.start(trainee_id="boris", kind="quiz", language="ru")  # started, not finished
    sessions = progress.sessions("anna")
    assert [s.id for s in sessions] == [a1.id, a2.id]
    assert [s.score for s in sessions] == [60.0, 90.0] and sessions[1].scenario_id == "complaint:C1025"
    cohort = {t.trainee_id: t for t in progress.cohort()}
    assert set(cohort) == {"anna", "boris"}
    assert cohort["anna"].average == 75.0 and cohort["anna"].best == 90.0 and cohort["anna"].sessions == 2
    assert cohort["boris"].scored == 0 and cohort["boris"].average is None


def test_a_later_score_replaces_the_earlier_one_for_the_session(progress: ProgressStore) -> None:
    session = progress.start(trainee_id="anna", kind="quiz", language="en")
    progress.record(session.id, score=40.0)
    progress.record(session.id, score=80.0)
    assert [s.score for s in progress.sessions("anna")] == [80.0]


def test_bad_records_are_refused(progress: ProgressStore) -> None:
    with pytest.raises(UnknownSession):
        progress.record("nope", score=50.0)
    session = progress.start(trainee_id="anna", kind="quiz", language="en")
    with pytest.raises(UsageError):
        progress.record(session.id, score=150.0)
    with pytest.raises(UsageError):
        progress.start(trainee_id=" ", kind="quiz", language="en")


def test_cli_grades_records_and_lists_the_cohort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.cli import app

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    scores = {}
    for name in ("hard-sell", "needs-first"):
        result = runner.invoke(app, ["train", "grade", str(DATA / f"{name}.ru.yaml"), "--trainee", "olga", "--json"])
        assert result.exit_code == 0, result.output
        body = json.loads(result.stdout)
        assert body["language"] == "ru" and all(p["citation"]["doc_id"] for p in body["points"])
        scores[name] = body["score"]
    assert scores["needs-first"] > scores["hard-sell"]
    result = runner.invoke(app, ["train", "cohort", "--json"])
    assert result.exit_code == 0, result.output
    (olga,) = json.loads(result.stdout)["trainees"]
    assert olga["trainee_id"] == "olga" and olga["sessions"] == 2 and olga["best"] == scores["needs-first"]


def test_cli_scenarios_list_only_synthetic_clients(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.cli import app

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(app, ["client", "import", "--json"]).exit_code == 0
    result = runner.invoke(app, ["train", "scenarios", "--n", "5", "--json"])
    assert result.exit_code == 0, result.output
    scenarios = json.loads(result.stdout)["scenarios"]
    assert len(scenarios) == 5 and len({s["kind"] for s in scenarios}) == 5
    bad = runner.invoke(app, ["train", "grade", str(tmp_path / "missing.yaml"), "--json"])
    assert bad.exit_code == 1 and "cannot read" in json.loads(bad.stdout)["error"]
