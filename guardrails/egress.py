"""The egress gate: the last privacy check before anything is sent to an external model."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from guardrails.errors import EgressRefused
from guardrails.pii import ENTITY_TYPES, PiiEngine, PiiEntity, resolve_overlaps

_log = logging.getLogger(__name__)

SCAN_FAILED = "privacy scan failed"


@dataclass(frozen=True)
class EgressVerdict:
    """Whether a payload may leave, and what was found in it (counts by type, never values)."""

    allowed: bool
    counts: dict[str, int]
    reason: str


class EgressGate:
    """The only path out to an external model: scans the final outbound payload and fails closed."""

    def __init__(self, engine: PiiEngine, *, languages: Sequence[str] = ("en", "lv", "no", "ru", "zh")) -> None:
        if not languages:
            raise ValueError("the egress gate needs at least one language to scan with")
        self._engine = engine
        self._languages = tuple(languages)

    def inspect(self, payload: str) -> EgressVerdict:
        """Scan with every language's recognizers; a failing scan yields a refusal, never a pass."""
        try:
            return self._scan(payload)
        except Exception as exc:
            _log.warning("egress scan failed (%s); refusing", type(exc).__name__)
            return EgressVerdict(allowed=False, counts={}, reason=SCAN_FAILED)

    def check(self, payload: str) -> None:
        """Return if the payload may leave; otherwise raise EgressRefused carrying the verdict."""
        try:
            verdict = self._scan(payload)
        except Exception as exc:
            _log.warning("egress scan failed (%s); refusing", type(exc).__name__)
            raise EgressRefused(EgressVerdict(allowed=False, counts={}, reason=SCAN_FAILED)) from exc
        if not verdict.allowed:
            raise EgressRefused(verdict)

    def _scan(self, payload: str) -> EgressVerdict:
        if not isinstance(payload, str):
            raise TypeError("egress payload must be a str")
        # The payload's language is not trusted: a Russian IBAN can sit in an English prompt.
        found: list[PiiEntity] = []
        for language in self._languages:
            found.extend(self._engine.analyze(payload, language))
        counts = Counter(entity.type for entity in resolve_overlaps(found))
        if not counts:
            return EgressVerdict(allowed=True, counts={}, reason="no personal identifiers found")
        ordered = {t: counts[t] for t in ENTITY_TYPES if counts[t]}
        summary = ", ".join(f"{n} {t}" for t, n in ordered.items())
        return EgressVerdict(allowed=False, counts=ordered, reason=f"payload still contains identifiers: {summary}")
