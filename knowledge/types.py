"""The knowledge layer's own types: they cross package borders instead of vendor objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Audience = Literal["public", "internal", "training"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal", "training")


@dataclass(frozen=True)
class DocumentMeta:
    """What the front matter (or the loader) says about one document."""

    doc_id: str  # identity shared by the translations of a document
    title: str
    audience: Audience
    language: str
    product: str
    effective_date: date | None
    supersedes: str | None
    source: str  # the file it came from (absolute path)


@dataclass(frozen=True)
class LoadedDocument:
    """A document as text with Markdown headings, ready for chunking."""

    meta: DocumentMeta
    text: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of one document, with the heading path it sits under."""

    id: str
    meta: DocumentMeta
    section: str  # "Fee schedule > Payments"
    text: str
    ordinal: int

    @property
    def embed_text(self) -> str:
        """The text that is embedded and indexed: title and section give the body its context."""
        head = self.meta.title if not self.section else f"{self.meta.title} > {self.section}"
        return f"{head}\n{self.text}"


@dataclass(frozen=True)
class Passage:
    """A chunk retrieved for a question, with how it was found."""

    chunk: Chunk
    score: float
    vector_rank: int | None
    keyword_rank: int | None
