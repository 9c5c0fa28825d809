"""Role-play: the assistant plays the scenario's synthetic client, in the client's language, and stays in character.

Offline, a scripted persona answers from the scenario (templates in persona.yaml, five languages), reacting to
what the trainee does: asking about needs, proposing with or without a reason, disclosing costs, pressing, or
promising. With a model, a persona prompt goes through the gated chat model; the prompt carries no identifier.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import yaml

from assistant.gated import GatedChatModel
from assistant.training.grading import Cues, Line
from assistant.training.prompts import persona_messages
from assistant.training.scenarios import Scenario

PERSONA = Path(__file__).with_name("persona.yaml")


class ClientPersona(Protocol):
    """Plays the client of a scenario: an opening line, then a reply to each trainee turn."""

    def opening(self) -> str:
        """What the client says first."""
        ...

    def reply(self, trainee_text: str) -> str:
        """The client's answer to the trainee's turn."""
        ...


@functools.lru_cache(maxsize=1)
def _persona_texts() -> Mapping[str, Any]:
    data: Mapping[str, Any] = yaml.safe_load(PERSONA.read_text(encoding="utf-8"))
    return data


class ScriptedClient:
    """The offline persona: templates chosen by what the trainee just did, always in the client's language."""

    def __init__(self, scenario: Scenario, *, cues: Cues | None = None) -> None:
        self._scenario = scenario
        self._cues = cues or Cues.load()
        self._lang = scenario.language
        self._texts = _persona_texts()
        self._asked_needs = False
        event = scenario.life_event or "none"
        self._event = self._texts["events"].get(event, self._texts["events"]["none"])[self._lang]

    def _say(self, *path: str) -> str:
        node: Any = self._texts
        for key in path:
            node = node[key]
        return str(node[self._lang]).format(event=self._event)

    def opening(self) -> str:
        """The client's concern, from the scenario kind."""
        return self._say("opening", self._scenario.kind)

    def reply(self, trainee_text: str) -> str:
        """React to the trainee's turn as the client would."""
        cues = self._cues
        if cues.find("promise", trainee_text):
            return self._say("reply", "promise")
        if cues.find("pressure", trainee_text) or cues.find("push", trainee_text):
            return self._say("reply", "pressure")
        proposes = cues.find("product", trainee_text) and cues.find("offer", trainee_text)
        if proposes and cues.find("fees", trainee_text):
            return self._say("reply", "fees")
        if proposes:
            reasoned = self._asked_needs or cues.find("reason", trainee_text)
            return self._say("reply", "proposal" if reasoned else "proposal_without_reason")
        if cues.find("needs", trainee_text) and cues.find("question", trainee_text, negatable=False):
            self._asked_needs = True
            return self._say("needs", self._scenario.kind)
        if cues.find("fees", trainee_text):
            return self._say("reply", "fees")
        return self._say("reply", "other")


class ModelClient:
    """The persona played by a chat model through the egress gate; the prompt holds no client identifier."""

    def __init__(self, scenario: Scenario, *, model: GatedChatModel) -> None:
        self._scenario = scenario
        self._model = model
        self._history: list[tuple[str, str]] = []
        self._script = ScriptedClient(scenario)

    def opening(self) -> str:
        """The scripted opening (it sets the scene the same way offline and online)."""
        text = self._script.opening()
        self._history.append(("client", text))
        return text

    def reply(self, trainee_text: str) -> str:
        """The model's answer in character, through the gate."""
        self._history.append(("trainee", trainee_text))
        messages = persona_messages(
            facts=self._scenario.situation, concern=self._script.opening(), language=self._scenario.language,
            history=self._history,
        )
        text = self._model.complete(messages).strip()
        self._history.append(("client", text))
        return text


class RolePlay:
    """A role-play session: the persona's lines and the trainee's, kept as a transcript for the debrief."""

    def __init__(self, scenario: Scenario, persona: ClientPersona) -> None:
        self.scenario = scenario
        self._persona = persona
        self.transcript: list[Line] = [Line("client", persona.opening())]

    def say(self, trainee_text: str) -> str:
        """The trainee speaks; returns the client's reply."""
        self.transcript.append(Line("trainee", trainee_text))
        answer = self._persona.reply(trainee_text)
        self.transcript.append(Line("client", answer))
        return answer


def start_roleplay(scenario: Scenario, *, model: GatedChatModel | None = None) -> RolePlay:
    """A role-play on the scenario: the model plays the client when given, else the scripted persona."""
    persona: ClientPersona = ModelClient(scenario, model=model) if model is not None else ScriptedClient(scenario)
    return RolePlay(scenario, persona)
