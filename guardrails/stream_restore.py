"""Restore placeholders in streamed model output, where one may be split across chunks."""

from __future__ import annotations

from collections.abc import Callable

from guardrails.pseudonymizer import PLACEHOLDER, restore, restore_match
from guardrails.vault import Vault


def _everything(entity_type: str) -> bool:
    return True


class StreamRestorer:
    """Restores placeholders in streamed model output, where one may be split across chunks.

    feed() emits everything except a trailing piece that could still grow into a placeholder ("<", "<PER",
    "\\<PERSON\\_1"); the pieces emitted by feed() and close() always join up to restore() of the whole text.
    """

    def __init__(self, *, vault: Vault, conversation_id: str, may_see: Callable[[str], bool] = _everything) -> None:
        self._vault = vault
        self._conversation_id = conversation_id
        self._may_see = may_see
        self._held = ""

    def feed(self, chunk: str) -> str:
        """The restored text that is safe to emit now."""
        text, self._held = self._held + chunk, ""
        out: list[str] = []
        cursor = 0
        while (match := PLACEHOLDER.search(text, cursor, partial=True)) is not None:
            out.append(text[cursor : match.start()])
            if match.partial:  # reaches the end of what we have: the next chunk decides
                self._held = text[match.start() :]
                return "".join(out)
            out.append(restore_match(match, vault=self._vault, conversation_id=self._conversation_id,
                                     may_see=self._may_see))
            cursor = match.end()
        out.append(text[cursor:])
        return "".join(out)

    def close(self) -> str:
        """The rest: a held piece that never became a placeholder is emitted as it was."""
        held, self._held = self._held, ""
        return restore(held, vault=self._vault, conversation_id=self._conversation_id, may_see=self._may_see)
