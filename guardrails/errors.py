"""Errors raised by the guardrails.

    GuardrailError            root: catch this to handle any guardrail refusal
    └── EgressRefused         an outbound payload was stopped; `.verdict` says why (counts, never values)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardrails.egress import EgressVerdict


class GuardrailError(Exception):
    """Root of every guardrail error."""


class EgressRefused(GuardrailError):
    """The egress gate refused to let a payload leave; the message carries no identifier values."""

    def __init__(self, verdict: EgressVerdict) -> None:
        super().__init__(verdict.reason)
        self.verdict = verdict
