"""Which of the five languages a message is in (lingua, restricted to our languages; models ship in the wheel)."""

from __future__ import annotations

import threading
from typing import Any

from assistant.settings import LANGUAGES

_MIN_CONFIDENCE = 0.45  # below this a short message ("IBAN?") keeps the conversation's language


class LanguageDetector:
    """Detects en, lv, no, ru or zh; falls back to a given language when the text is too short to tell."""

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from lingua import Language, LanguageDetectorBuilder

                self._codes = {
                    Language.ENGLISH: "en", Language.LATVIAN: "lv", Language.BOKMAL: "no",
                    Language.NYNORSK: "no", Language.RUSSIAN: "ru", Language.CHINESE: "zh",
                }
                self._detector = LanguageDetectorBuilder.from_languages(*self._codes).build()
        return self._detector

    def detect(self, text: str, *, fallback: str) -> str:
        """The language code of the text, or the fallback when unsure."""
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return "zh"
        if any("\u0400" <= ch <= "\u04ff" for ch in text):
            return "ru"
        detector = self._get()
        values = detector.compute_language_confidence_values(text)
        if not values:
            return fallback
        totals: dict[str, float] = {}
        for value in values:
            code = self._codes[value.language]
            totals[code] = totals.get(code, 0.0) + value.value
        code, confidence = max(totals.items(), key=lambda item: item[1])
        return code if confidence >= _MIN_CONFIDENCE and code in LANGUAGES else fallback
