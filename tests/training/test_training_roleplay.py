"""Role-play: the client stays in its language and in character; the model persona goes through the gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.container import Rapport
from assistant.errors import PrivacyRefusal
from assistant.gated import GatedChatModel
from assistant.language import LanguageDetector
from assistant.training.grading import load_transcript
from assistant.training.roleplay import start_roleplay
from assistant.training.scenarios import Scenario, scenarios_for
from knowledge.profiles import ClientProfile, known_identifiers
from tests.fakes import RecordingChatModel

SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "sample_bank" / "clients.jsonl"
DATA = Path(__file__).resolve().parents[2] / "evals" / "data" / "training"
TODAY = dt.date(2026, 11, 22)
CLIENTS = {p.client_id: p for p in (ClientProfile.model_validate_json(line)
                                    for line in SAMPLE.read_text(encoding="utf-8").splitlines())}
LANGS = ("en", "lv", "no", "ru", "zh")


def scenarios_in(language: str) -> list[Scenario]:
    return [s for p in CLIENTS.values() if p.preferred_language == language
            for s in scenarios_for(p, today=TODAY)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_scripted_client_answers_in_its_language(lang: str) -> None:
    detector = LanguageDetector()
    scenarios = scenarios_in(lang)
    assert {s.kind for s in scenarios} >= {"life_event", "product_gap", "trade_finance"}
    trainee_lines = [line.text for name in ("hard-sell", "needs-first") for code in LANGS
                     for line in load_transcript(DATA / f"{name}.{code}.yaml") if line.speaker == "trainee"]
    for scenario in {s.kind: s for s in scenarios}.values():
        play = start_roleplay(scenario)
        for text in trainee_lines[::3]:  # the trainee may even switch language: the client does not
            play.say(text)
        client_lines = [line.text for line in play.transcript if line.speaker == "client"]
        assert len(client_lines) > 3
        assert [detector.detect(x, fallback="?") for x in client_lines] == [lang] * len(client_lines), client_lines


def test_the_client_reacts_to_what_the_trainee_does() -> None:
    scenario = next(s for s in scenarios_in("en") if s.kind == "product_gap")
    pushed = start_roleplay(scenario)
    reply_to_push = pushed.say("I recommend our equity fund, sign today.")
    asked = start_roleplay(scenario)
    reply_to_question = asked.say("What are your plans for this money, and do you have a reserve?")
    after_needs = asked.say("Given your plans, I would suggest a savings account.")
    assert reply_to_push != reply_to_question != after_needs
    assert "time" in reply_to_push.lower()  # pressed: the client wants time
    assert "plans" in reply_to_question.lower()  # asked: the client tells their situation
    promise = start_roleplay(scenario).say("This fund is guaranteed to earn 10% a year.")
    assert "guaranteed" in promise.lower()


def test_the_model_persona_goes_through_the_gate_without_identifiers(sample_rapport: Rapport) -> None:
    profile = CLIENTS["C1016"]  # Russian, bereavement and inheritance
    scenario = scenarios_for(profile, today=TODAY)[0]
    inner = RecordingChatModel(["Я пока не знаю, что делать с этими деньгами."])
    play = start_roleplay(scenario, model=GatedChatModel(inner, sample_rapport.gate))
    assert play.say("Расскажите, пожалуйста, о ваших планах?") == "Я пока не знаю, что делать с этими деньгами."
    system = inner.requests[0][0]
    assert system.role == "system" and "Russian" in system.content and "Stay in character" in system.content
    payload = inner.payloads[0]
    for identifier in known_identifiers(profile):
        assert identifier.value not in payload, identifier.type


def test_the_gate_still_stops_an_identifier_the_trainee_types(sample_rapport: Rapport) -> None:
    scenario = scenarios_for(CLIENTS["C1034"], today=TODAY)[0]
    inner = RecordingChatModel(["..."])
    play = start_roleplay(scenario, model=GatedChatModel(inner, sample_rapport.gate))
    with pytest.raises(PrivacyRefusal):
        play.say("Please confirm your IBAN LV80BANK0000435195001 and email anna.berzina@example.com.")
    assert inner.requests == []
