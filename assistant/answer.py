"""What a turn returns: the answer text, its language and mode, and citations mapped to sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from knowledge.types import Passage

Mode = Literal["extractive", "llm"]


@dataclass(frozen=True)
class Citation:
    """A source an answer cites as [id]."""

    id: str
    title: str
    source: str
    section: str
    doc_id: str
    language: str
    chunk_id: str

    @classmethod
    def of(cls, marker: int, passage: Passage) -> Citation:
        """The citation for a passage numbered `marker`."""
        meta = passage.chunk.meta
        return cls(
            id=str(marker), title=meta.title, source=str(PurePath(*PurePath(meta.source).parts[-2:])),
            section=passage.chunk.section, doc_id=meta.doc_id, language=meta.language, chunk_id=passage.chunk.id,
        )


@dataclass(frozen=True)
class Answer:
    """One answered turn."""

    text: str
    language: str
    mode: Mode
    session: str
    citations: tuple[Citation, ...] = ()
    found: bool = True  # False when the sources did not cover the question
    passages: tuple[Passage, ...] = field(default=(), repr=False)
    redacted: dict[str, int] = field(default_factory=dict)  # identifiers hidden from the model, by type

    def to_dict(self) -> dict[str, object]:
        """The `rapport ask --json` contract (extra keys are additive)."""
        return {
            "answer": self.text,
            "language": self.language,
            "mode": self.mode,
            "session": self.session,
            "found": self.found,
            "citations": [
                {"id": c.id, "title": c.title, "source": c.source, "section": c.section, "doc_id": c.doc_id,
                 "language": c.language}
                for c in self.citations
            ],
        }
