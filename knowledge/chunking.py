"""Heading-aware chunking: sections stay whole where they fit, tables keep their header, CJK works without spaces."""

from __future__ import annotations

import hashlib

from knowledge.markdown import Block, iter_blocks, split_sentences, table_rows
from knowledge.tokens import is_cjk, measure
from knowledge.types import Chunk, LoadedDocument

MAX_UNITS = 160  # words (CJK characters count ~2/3): about 250 e5 tokens, well inside its 512


def chunk_document(doc: LoadedDocument, *, max_units: int = MAX_UNITS) -> list[Chunk]:
    """Split a document into chunks that never cross a heading and keep the section path."""
    chunks: list[Chunk] = []
    pieces: list[str] = []
    size = 0
    path: tuple[str, ...] | None = None

    def emit() -> None:
        nonlocal size
        if pieces and path is not None:
            chunks.append(_make_chunk(doc, path, "\n\n".join(pieces), len(chunks)))
        pieces.clear()
        size = 0

    for block in iter_blocks(doc.text):
        if block.path != path:
            emit()
            path = block.path
        for piece in _fit(block, max_units):
            units = measure(piece)
            if pieces and size + units > max_units:
                emit()
            pieces.append(piece)
            size += units
    emit()
    return chunks


def _fit(block: Block, max_units: int) -> list[str]:
    """The block as pieces no longer than max_units: tables split by rows with the header repeated."""
    if measure(block.text) <= max_units:
        return [block.text]
    if block.kind == "table":
        header_lines = list(block.lines[:2]) if len(block.lines) > 2 and table_rows(block.lines[:2])[0] else []
        body = block.lines[len(header_lines) :]
        return _pack(body, max_units, prefix=header_lines, sep="\n")
    if block.kind == "list":
        return _pack(list(block.lines), max_units, prefix=[], sep="\n")
    # Chinese sentences follow each other without a space; other scripts with one.
    return _pack(split_sentences(block.text), max_units, prefix=[], sep="" if is_cjk(block.text) else " ")


def _pack(units: list[str] | tuple[str, ...], max_units: int, *, prefix: list[str], sep: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    size = measure(sep.join(prefix))
    for unit in units:
        n = measure(unit)
        if current and size + n > max_units:
            out.append(sep.join([*prefix, *current]))
            current, size = [], measure(sep.join(prefix))
        current.append(unit)
        size += n
    if current:
        out.append(sep.join([*prefix, *current]))
    return out


def _make_chunk(doc: LoadedDocument, path: tuple[str, ...], text: str, ordinal: int) -> Chunk:
    # The H1 usually repeats the title; the section path names what sits below it.
    section_path = path[1:] if path and path[0].strip().lower() == doc.meta.title.strip().lower() else path
    section = " > ".join(section_path)
    # Everything the vector store filters on is part of the id, so an id's metadata never changes and may be cached.
    key = "\x00".join((doc.meta.source, doc.meta.doc_id, doc.meta.audience, doc.meta.language, str(ordinal), text))
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return Chunk(id=digest, meta=doc.meta, section=section, text=text, ordinal=ordinal)
