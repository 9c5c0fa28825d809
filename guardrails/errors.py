"""Errors raised by the guardrails.

    GuardrailError            root: catch this to handle any guardrail refusal
    ├── EgressRefused         an outbound payload was stopped; `.verdict` says why (counts, never values)
    ├── VaultKeyError         a vault key is malformed or cannot decrypt the vault (misuse: fix the configured key)
    └── VaultUnavailable      the vault's database failed; pseudonymisation cannot proceed (fails closed)
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


class VaultKeyError(GuardrailError):
    """A vault key is malformed or is not the key the vault was written with; the message never holds a key."""


class VaultUnavailable(GuardrailError):
    """The vault's database could not be read or written."""
