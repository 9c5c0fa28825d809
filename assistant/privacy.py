"""A conversation's privacy context: what identifies its clients, and the vault that hides it from models.

Identifiers are found by the pattern recognizers (every language's at once) and by the known-entity matcher fed
from the profiles of the clients in the conversation (names and their inflected and transliterated forms,
addresses, contacts). Everything bound for an external model is pseudonymised (`<PERSON_1>`), and answers are
restored for the viewer who may see them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from guardrails.known_entities import KnownEntity, KnownEntityMatcher

from assistant.settings import ALL_LANGUAGES
from guardrails.pii import PiiEngine, PiiEntity, resolve_overlaps
from guardrails.pseudonymizer import Pseudonymized, pseudonymize, restore
from guardrails.stream_restore import StreamRestorer
from guardrails.vault import Vault


@dataclass
class PrivacyContext:
    """Finds, hides and restores the identifiers of one conversation."""

    conversation_id: str
    engine: PiiEngine
    vault: Vault
    known: KnownEntityMatcher = field(default_factory=lambda: KnownEntityMatcher(()))

    def find(self, text: str) -> list[PiiEntity]:
        """Every identifier in the text: patterns in all languages, and this conversation's known identifiers."""
        return resolve_overlaps([*self.engine.analyze(text, ALL_LANGUAGES), *self.known.find(text)])

    def hide(self, text: str) -> Pseudonymized:
        """The text with each identifier replaced by its conversation-stable placeholder."""
        return pseudonymize(text, self.find(text), vault=self.vault, conversation_id=self.conversation_id)

    def reveal(self, text: str, may_see: Callable[[str], bool]) -> str:
        """Placeholders the viewer may see restored; the others stay placeholders."""
        return restore(text, vault=self.vault, conversation_id=self.conversation_id, may_see=may_see)

    def stream(self, may_see: Callable[[str], bool]) -> StreamRestorer:
        """A restorer for streamed output, where a placeholder may be split across chunks."""
        return StreamRestorer(vault=self.vault, conversation_id=self.conversation_id, may_see=may_see)


def known_entities(pairs: Iterable[tuple[str, str]]) -> KnownEntityMatcher:
    """A matcher for (entity type, value) pairs taken from client profiles."""
    return KnownEntityMatcher(KnownEntity(type=t, value=v) for t, v in pairs if v and v.strip())
