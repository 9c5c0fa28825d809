"""The training API: synthetic clients only, quizzes with citations, role-play with a debrief that is recorded."""

from __future__ import annotations

import yaml

from tests.api.conftest import Api
from tests.conftest import REPO

TRANSCRIPTS = REPO / "evals" / "data" / "training"


def test_training_needs_a_learner(api: Api) -> None:
    for user in ("client-demo", "compliance-demo", "admin-demo"):
        assert api.client.get("/v1/training/quiz", headers=api.auth(user)).status_code == 403
    assert api.client.get("/v1/training/cohort", headers=api.auth("advisor-riga")).status_code == 403
    assert api.client.get("/v1/training/cohort", headers=api.auth("trainer-demo")).status_code == 200


def test_scenarios_come_from_synthetic_clients_only(api: Api) -> None:
    real = api.rapport.profiles.get(api.users["client-demo"].client_id or "")
    assert real is not None
    api.rapport.profiles.upsert(real.model_copy(update={"synthetic": False}))  # this one becomes a real client
    listed = api.client.get("/v1/training/scenarios", params={"n": 100}, headers=api.auth("trainer-demo")).json()
    assert listed and real.client_id not in {s["client_id"] for s in listed}
    refused = api.client.post("/v1/training/roleplay", json={"scenario_id": f"complaint:{real.client_id}"},
                              headers=api.auth("trainer-demo"))
    assert refused.status_code == 403
    assert api.client.get(f"/v1/clients/{real.client_id}", headers=api.auth("trainer-demo")).status_code == 403


def test_a_quiz_scores_the_answers_and_records_progress(api: Api) -> None:
    questions = api.client.get("/v1/training/quiz", params={"language": "en", "n": 2},
                               headers=api.auth("trainer-demo")).json()
    assert len(questions) == 2 and all(q["answer"] and q["citation"]["doc_id"] for q in questions)
    answers = {questions[0]["id"]: questions[0]["answer"], questions[1]["id"]: "certainly not this"}
    scored = api.client.post("/v1/training/quiz/answers", headers=api.auth("trainer-demo"),
                             json={"language": "en", "n": 2, "answers": answers}).json()
    assert scored["score"] == 50.0 and [q["id"] for q in scored["wrong"]] == [questions[1]["id"]]
    progress = api.client.get("/v1/training/progress", headers=api.auth("trainer-demo")).json()
    assert [(p["kind"], p["score"]) for p in progress] == [("quiz", 50.0)]


def _trainee_lines(name: str) -> list[str]:
    data = yaml.safe_load((TRANSCRIPTS / name).read_text(encoding="utf-8"))
    lines = data["turns"] if isinstance(data, dict) else data
    return [line["text"] for line in lines if line["speaker"] == "trainee"]


def test_a_role_play_is_debriefed_and_the_hard_sell_scores_lower(api: Api) -> None:
    scenario = api.client.get("/v1/training/scenarios", params={"language": "en", "n": 1},
                              headers=api.auth("advisor-riga")).json()[0]
    scores = {}
    for name in ("needs-first.en.yaml", "hard-sell.en.yaml"):
        started = api.client.post("/v1/training/roleplay", json={"scenario_id": scenario["id"]},
                                  headers=api.auth("advisor-riga")).json()
        assert started["reply"]
        for line in _trainee_lines(name):
            said = api.client.post("/v1/training/roleplay", json={"session": started["session"], "message": line},
                                   headers=api.auth("advisor-riga"))
            assert said.status_code == 200 and said.json()["reply"]
        other = api.client.post("/v1/training/roleplay", json={"session": started["session"], "message": "hi"},
                                headers=api.auth("trainer-demo"))
        assert other.status_code == 404  # someone else's role-play
        debrief = api.client.post(f"/v1/training/roleplay/{started['session']}/debrief",
                                  headers=api.auth("advisor-riga")).json()
        assert all(p["citation"] for p in debrief["points"] if p["verdict"] != "not_applicable")
        scores[name] = debrief["score"]
    assert scores["hard-sell.en.yaml"] < scores["needs-first.en.yaml"]
    cohort = api.client.get("/v1/training/cohort", headers=api.auth("trainer-demo")).json()
    assert any(t["trainee_id"] == "advisor-riga" for t in cohort)
