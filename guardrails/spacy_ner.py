"""Optional named-entity recognition with spaCy models a bank has installed: people and street-level places.

Never required and never the default (no lv/ru/zh model is available offline here); configured per language in
Settings. City and country names are not identifiers, so only PERSON and facility-level places are reported.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Mapping
from typing import Any

from guardrails.errors import GuardrailError
from guardrails.pii import PiiEntity, resolve_overlaps

# spaCy's labels (OntoNotes and WikiNER schemes) -> our entity types.
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "FAC": "ADDRESS"}


class NerModelMissing(GuardrailError):
    """A configured spaCy model is not installed."""


class SpacyNer:
    """People (and street-level places) found by the spaCy model of each configured language."""

    def __init__(self, models: Mapping[str, str]) -> None:
        missing = [name for name in models.values() if importlib.util.find_spec(name) is None]
        if missing:
            raise NerModelMissing(
                f"spaCy model(s) {', '.join(missing)} not installed: pip install them or remove them from "
                "RAPPORT_NER_MODELS (spaCy must never download a model at run time)"
            )
        self._names = dict(models)
        self._loaded: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _model(self, language: str) -> Any:
        with self._lock:
            if language not in self._loaded:
                import spacy

                self._loaded[language] = spacy.load(self._names[language], exclude=["parser", "lemmatizer"])
            return self._loaded[language]

    def find(self, text: str) -> list[PiiEntity]:
        """Entities from every configured model (the text's language is not trusted)."""
        found = []
        for language in self._names:
            for ent in self._model(language)(text).ents:
                if ent.label_ in LABELS and ent.text.strip():
                    found.append(PiiEntity(LABELS[ent.label_], ent.start_char, ent.end_char, 0.85))
        return resolve_overlaps(found)
