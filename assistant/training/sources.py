"""What training material is drawn from: the current chunks of the documents, and citations of their passages.

Chunks come from the catalog when the bank is ingested, or straight from the document files (chunked the way
ingestion does, so chunk ids are the same); either way a superseded or not-yet-effective document is left out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.catalog import Catalog
from knowledge.chunking import chunk_document
from knowledge.ingest import discover
from knowledge.loaders import load_document
from knowledge.types import Audience, Chunk

TRAINING_AUDIENCES: tuple[Audience, ...] = ("public", "internal", "training")  # what trainers and trainees read
EXCERPT_CHARS = 300


@dataclass(frozen=True)
class SourceCitation:
    """A passage training material rests on: the document, the section and the words quoted from it."""

    doc_id: str
    title: str
    section: str
    language: str
    chunk_id: str
    excerpt: str  # verbatim from the chunk's text (whitespace aside)

    def to_dict(self) -> dict[str, str]:
        """The JSON form used by the CLI and the API."""
        return {"doc_id": self.doc_id, "title": self.title, "section": self.section, "language": self.language,
                "chunk_id": self.chunk_id, "excerpt": self.excerpt}

    @classmethod
    def of(cls, chunk: Chunk, excerpt: str | None = None) -> SourceCitation:
        """A citation of a chunk, quoting `excerpt` or the chunk's opening words."""
        text = excerpt if excerpt is not None else _opening(chunk.text)
        return cls(chunk.meta.doc_id, chunk.meta.title, chunk.section, chunk.meta.language, chunk.id, text)


def normalise(text: str) -> str:
    """Text as compared for support: NFKC, case-folded, Markdown emphasis and table bars out, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[*_`|]", " ", text)
    return " ".join(text.split())


def supports(chunk: Chunk, answer: str) -> bool:
    """True when the answer is found in the chunk's text, normalised."""
    needle = normalise(answer)
    return bool(needle) and needle in normalise(chunk.text)


def catalog_chunks(catalog: Catalog, *, today: dt.date | None = None) -> list[Chunk]:
    """Every current chunk of the ingested documents, in document and reading order."""
    catalog.refresh()
    chunks = [c for r in catalog.documents() for cid in r.chunk_ids if (c := catalog.chunk(cid)) is not None]
    return current(chunks, today=today or dt.date.today())


def file_chunks(paths: Sequence[Path], *, today: dt.date | None = None) -> list[Chunk]:
    """Current chunks of the document files under these paths, chunked as ingestion chunks them."""
    files, _ = discover(paths)
    chunks = [c for f in files for c in chunk_document(load_document(f.resolve(), f.read_bytes()))]
    return current(chunks, today=today or dt.date.today())


def current(chunks: Iterable[Chunk], *, today: dt.date) -> list[Chunk]:
    """The chunks of documents in effect today and not replaced by a newer one, sorted by source and position."""
    chunks = [c for c in chunks if c.meta.audience in TRAINING_AUDIENCES]
    replaced = {
        c.meta.supersedes for c in chunks
        if c.meta.supersedes and (c.meta.effective_date is None or c.meta.effective_date <= today)
    }
    kept = [c for c in chunks if c.meta.doc_id not in replaced
            and (c.meta.effective_date is None or c.meta.effective_date <= today)]
    return sorted(kept, key=lambda c: (c.meta.source, c.ordinal))


def policy_passage(chunks: Sequence[Chunk], doc_id: str, section: str, language: str) -> Chunk | None:
    """The first chunk of a document's section (named by its English heading), in `language` where it exists."""
    best: Chunk | None = None
    wanted = section.casefold()
    for chunk in chunks:
        if chunk.meta.doc_id != doc_id or wanted not in chunk.section.casefold():
            continue
        if best is None or (chunk.meta.language == language and best.meta.language != language):
            best = chunk
    return best


def cite_policy(chunks: Sequence[Chunk], doc_id: str, section: str, language: str) -> SourceCitation:
    """A citation of a policy section; without an indexed passage it still names the document and section."""
    chunk = policy_passage(chunks, doc_id, section, language)
    if chunk is None:
        return SourceCitation(doc_id, doc_id, section, "en", "", "")
    return SourceCitation.of(chunk)


def _opening(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT_CHARS:
        return flat
    cut = flat[:EXCERPT_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut
