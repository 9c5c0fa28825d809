"""Replace found identifiers with typed placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.pii import PiiEntity, resolve_overlaps


def redact(text: str, entities: Sequence[PiiEntity]) -> str:
    """Replace each entity's span with "<TYPE>"; overlapping input is resolved first."""
    for entity in entities:
        if entity.end > len(text):
            raise ValueError(f"entity span {entity.start}..{entity.end} is outside a text of {len(text)} chars")
    parts: list[str] = []
    cursor = 0
    for entity in resolve_overlaps(entities):
        parts.append(text[cursor : entity.start])
        parts.append(f"<{entity.type}>")
        cursor = entity.end
    parts.append(text[cursor:])
    return "".join(parts)
