"""The catalog: which documents and chunks are ingested (SQL), mirrored in memory with the keyword index.

Several processes may share one database (API workers, the CLI): every write bumps a generation number, and a
reader whose in-memory mirror is older reloads before it answers.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Column, Date, Engine, ForeignKey, Integer, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy import update as sql_update

from knowledge.keyword_index import KeywordIndex
from knowledge.types import Audience, Chunk, DocumentMeta

metadata = MetaData()

documents = Table(
    "kb_documents",
    metadata,
    Column("source", String(1024), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("doc_id", String(256), nullable=False),
    Column("title", Text, nullable=False),
    Column("audience", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("product", String(128), nullable=False),
    Column("effective_date", Date),
    Column("supersedes", String(256)),
)
chunks = Table(
    "kb_chunks",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", String(1024), ForeignKey("kb_documents.source", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("section", Text, nullable=False),
    Column("text", Text, nullable=False),
)
state = Table("kb_state", metadata, Column("id", Integer, primary_key=True), Column("generation", Integer))


@dataclass(frozen=True)
class DocumentRecord:
    """An ingested file: its metadata, content hash and chunk ids."""

    meta: DocumentMeta
    sha256: str
    chunk_ids: tuple[str, ...]


class Catalog:
    """Documents and chunks in SQL, with an in-memory mirror (chunks by id, keyword index) kept in step."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)
        with engine.begin() as conn:
            if conn.execute(select(state.c.generation)).first() is None:
                conn.execute(insert(state).values(id=1, generation=0))
        self._lock = threading.RLock()
        self._generation = -1
        self._docs: dict[str, DocumentRecord] = {}
        self._chunks: dict[str, Chunk] = {}
        self.keywords = KeywordIndex()

    # ---- reading -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the mirror if another process changed the catalog since we last looked."""
        with self._engine.connect() as conn:
            generation = conn.execute(select(state.c.generation)).scalar_one()
        if generation == self._generation:
            return
        with self._lock, self._engine.connect() as conn:
            metas = {row.source: _meta(row) for row in conn.execute(select(documents))}
            by_source: dict[str, list[Chunk]] = {}
            for row in conn.execute(select(chunks).order_by(chunks.c.source, chunks.c.ordinal)):
                chunk = Chunk(row.id, metas[row.source], row.section, row.text, row.ordinal)
                by_source.setdefault(row.source, []).append(chunk)
            shas = {row.source: row.sha256 for row in conn.execute(select(documents.c.source, documents.c.sha256))}
            self._docs = {
                s: DocumentRecord(m, shas[s], tuple(c.id for c in by_source.get(s, []))) for s, m in metas.items()
            }
            self._chunks = {c.id: c for cs in by_source.values() for c in cs}
            self.keywords = KeywordIndex()
            for chunk in self._chunks.values():
                self.keywords.add(chunk.id, chunk.embed_text, chunk.meta.audience)
            self._generation = generation

    def document(self, source: str) -> DocumentRecord | None:
        """The record of an ingested file, if any."""
        self.refresh()
        return self._docs.get(source)

    def documents(self) -> list[DocumentRecord]:
        """Every ingested document."""
        self.refresh()
        return list(self._docs.values())

    def languages(self) -> set[str]:
        """The languages documents are written in."""
        return {r.meta.language for r in self._docs.values()}

    def doc_ids_in(self, language: str) -> set[str]:
        """Ids of the documents that have a version in this language."""
        return {r.meta.doc_id for r in self._docs.values() if r.meta.language == language}

    def chunk(self, chunk_id: str) -> Chunk | None:
        """A chunk by id."""
        return self._chunks.get(chunk_id)

    def successors(self, today: dt.date) -> dict[str, str]:
        """Document id replaced -> the id of the newer document that replaces it and is already in effect."""
        return {
            r.meta.supersedes: r.meta.doc_id
            for r in self._docs.values()
            if r.meta.supersedes and (r.meta.effective_date is None or r.meta.effective_date <= today)
        }

    def superseded_ids(self, today: dt.date) -> set[str]:
        """Document ids replaced by a newer document that is already in effect."""
        return set(self.successors(today))

    # ---- writing -------------------------------------------------------------------------------------------
    def put(self, meta: DocumentMeta, sha256: str, new_chunks: Sequence[Chunk]) -> None:
        """Store a document's chunks, replacing any earlier version of the same file."""
        with self._lock, self._engine.begin() as conn:
            conn.execute(delete(chunks).where(chunks.c.source == meta.source))
            conn.execute(delete(documents).where(documents.c.source == meta.source))
            conn.execute(insert(documents).values(sha256=sha256, **_row(meta)))
            if new_chunks:
                conn.execute(
                    insert(chunks),
                    [{"id": c.id, "source": meta.source, "ordinal": c.ordinal, "section": c.section, "text": c.text}
                     for c in new_chunks],
                )
            self._bump(conn)
        old = self._docs.get(meta.source)
        if old:
            self._forget(old.chunk_ids)
        self._docs[meta.source] = DocumentRecord(meta, sha256, tuple(c.id for c in new_chunks))
        for chunk in new_chunks:
            self._chunks[chunk.id] = chunk
            self.keywords.add(chunk.id, chunk.embed_text, chunk.meta.audience)

    def remove(self, sources: Iterable[str]) -> list[str]:
        """Forget these files; returns the chunk ids they had."""
        gone: list[str] = []
        with self._lock, self._engine.begin() as conn:
            for source in sources:
                record = self._docs.pop(source, None)
                conn.execute(delete(chunks).where(chunks.c.source == source))
                conn.execute(delete(documents).where(documents.c.source == source))
                if record:
                    gone.extend(record.chunk_ids)
            self._bump(conn)
        self._forget(gone)
        return gone

    def _forget(self, chunk_ids: Iterable[str]) -> None:
        ids = list(chunk_ids)
        for cid in ids:
            self._chunks.pop(cid, None)
        self.keywords.remove_many(ids)

    def _bump(self, conn) -> None:  # type: ignore[no-untyped-def]
        before = conn.execute(select(state.c.generation)).scalar_one()
        conn.execute(sql_update(state).values(generation=state.c.generation + 1))
        # If someone else wrote since our last load, our mirror is stale: reload on the next read.
        self._generation = before + 1 if before == self._generation else -1


def _row(meta: DocumentMeta) -> dict[str, object]:
    return {
        "source": meta.source, "doc_id": meta.doc_id, "title": meta.title, "audience": meta.audience,
        "language": meta.language, "product": meta.product, "effective_date": meta.effective_date,
        "supersedes": meta.supersedes,
    }


def _meta(row) -> DocumentMeta:  # type: ignore[no-untyped-def]
    return DocumentMeta(
        doc_id=row.doc_id, title=row.title, audience=cast(Audience, row.audience), language=row.language,
        product=row.product, effective_date=row.effective_date, supersedes=row.supersedes, source=row.source,
    )
