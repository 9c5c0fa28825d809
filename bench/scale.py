"""Retrieval latency at 1k, 10k and 100k chunks on a synthetic corpus grown from the sample bank.

Embedding 100k passages with e5 on 2 cores would take hours, so the corpus reuses the sample bank's real e5
vectors: the real chunks, then copies of whole documents whose vectors carry small Gaussian noise (re-normalised)
and whose texts recombine the real sentences of the same chunk and language. Languages, audiences and the
translation structure (one doc id per document across its languages) are the sample bank's. Built corpora are
cached under .rapport/bench (keyed by the sample bank's chunk ids), so only the first run pays for building them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.container import build
from assistant.roles import AUDIENCES_BY_ROLE
from assistant.settings import Settings
from bench.stats import pct
from knowledge.catalog import Catalog
from knowledge.chroma_store import ChromaStore
from knowledge.database import make_engine
from knowledge.embedder import Embedder
from knowledge.retrieval import RetrievalQuery, Retriever
from knowledge.types import Chunk

SIZES = (1_000, 10_000, 100_000)
PER_LANGUAGE = 12  # evaluation questions per language timed at each corpus size
QUESTIONS = Path(__file__).resolve().parent.parent / "evals" / "data" / "retrieval"
NOISE = 0.02  # per dimension; on e5's 384 dimensions a copy keeps a cosine of ~0.93 with its original
SEED = 7
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")


@dataclass(frozen=True)
class Question:
    """An evaluation question with its audiences and language."""

    text: str
    audiences: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class ScaleRow:
    """Latencies (ms) of ours and plain Chroma at one corpus size."""

    chunks: int
    ours: list[float]
    plain: list[float]
    unfiltered: list[float]  # plain Chroma without the audience filter: where the filtered searches spend time
    built_s: float | None  # None when the corpus came from the cache


def fingerprint(real: Sequence[Chunk]) -> str:
    """Identifies the sample bank a cached corpus was grown from."""
    digest = hashlib.sha256("\n".join(sorted(c.id for c in real)).encode())
    digest.update(f"{NOISE}:{SEED}:v1".encode())
    return digest.hexdigest()[:16]


def synthetic_chunks(real: Sequence[Chunk], vectors: np.ndarray, size: int) -> tuple[list[Chunk], np.ndarray]:
    """`size` chunks: the real ones first, then perturbed copies of whole documents (copy n of document d is
    document `d~n`, in d's language and audience), with recombined texts."""
    rng = np.random.default_rng(SEED)
    by_language: dict[str, list[str]] = {}
    for chunk in real:
        by_language.setdefault(chunk.meta.language, []).extend(s for s in _SENTENCE.split(chunk.text) if s.strip())
    chunks, rows = list(real)[:size], [vectors[: min(size, len(real))]]
    copy = 0
    while len(chunks) < size:
        copy += 1
        take = min(size - len(chunks), len(real))
        noisy = vectors[:take] + rng.normal(0.0, NOISE, size=(take, vectors.shape[1])).astype(np.float32)
        rows.append(noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
        for chunk in real[:take]:
            meta = replace(chunk.meta, doc_id=f"{chunk.meta.doc_id}~{copy}", source=f"{chunk.meta.source}~{copy}",
                           supersedes=None, effective_date=None)
            sentences = [s for s in _SENTENCE.split(chunk.text) if s.strip()] or [chunk.text]
            order = rng.permutation(len(sentences))
            pool = by_language[chunk.meta.language]
            mixed = [sentences[i] for i in order] + [pool[int(rng.integers(len(pool)))]]
            chunks.append(Chunk(f"s{copy}-{chunk.id[:40]}", meta, chunk.section, " ".join(mixed), chunk.ordinal))
    return chunks, np.concatenate(rows)[:size]


class Corpus:
    """A synthetic corpus in a catalog (SQLite + keyword index) and an embedded Chroma collection."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.engine = make_engine(f"sqlite:///{folder / 'catalog.sqlite'}")
        self.catalog = Catalog(self.engine)
        self.store = ChromaStore(collection="bench", path=folder / "chroma")

        self._raw: Any = None

    def raw_query(self, vector: Sequence[float], k: int, audiences: Sequence[str] | None = None) -> object:
        """Chroma's own query on the collection, with its metadata filter on audience when given (what a bank
        using Chroma directly, or LangChain's Chroma with a filter, would run), else without a filter."""
        if self._raw is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            client: Any = chromadb.PersistentClient(path=str(self.folder / "chroma"),
                                                    settings=ChromaSettings(anonymized_telemetry=False))
            self._raw = client.get_collection("bench", embedding_function=None)
        where = {"audience": {"$in": list(audiences)}} if audiences is not None else None
        return self._raw.query(query_embeddings=[list(vector)], n_results=k, where=where, include=["distances"])

    @classmethod
    def open(cls, root: Path, real: Sequence[Chunk], vectors: np.ndarray, size: int) -> tuple[Corpus, float | None]:
        """The cached corpus of this size, or a new one built now (and the seconds that took)."""
        folder = root / f"corpus-{size}-{fingerprint(real)}"
        done = folder / "complete"
        if done.exists():
            return cls(folder), None
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        corpus = cls(folder)
        chunks, rows = synthetic_chunks(real, vectors, size)
        by_source: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            by_source.setdefault(chunk.meta.source, []).append(chunk)
        for source_chunks in by_source.values():
            corpus.catalog.put(source_chunks[0].meta, "synthetic", source_chunks)
        corpus.store.upsert(chunks, rows.tolist())
        done.write_text(f"{size} chunks\n", encoding="utf-8")
        return corpus, time.perf_counter() - started

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()


def measure(corpus: Corpus, embedder: Embedder, questions: Sequence[Question], candidate_k: int) -> tuple[
        list[float], list[float], list[float]]:
    """Per-question latency (ms) of Rapport's retriever, of plain Chroma similarity search (k=5, audience filter)
    and of the same search without the filter."""
    retriever = Retriever(catalog=corpus.catalog, store=corpus.store, embedder=embedder, candidate_k=candidate_k)
    corpus.catalog.refresh()  # builds the keyword index once, as a serving process does at start
    for q in questions[:5]:  # warm-up: first queries load the HNSW index
        retriever.retrieve(RetrievalQuery(q.text, q.audiences, q.language))
        corpus.store.query(embedder.embed_query(q.text), k=5, audiences=q.audiences)
    corpus.raw_query(embedder.embed_query(questions[0].text), 5)
    ours, plain, unfiltered = [], [], []
    for q in questions:
        started = time.perf_counter()
        retriever.retrieve(RetrievalQuery(q.text, q.audiences, q.language))
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        corpus.raw_query(embedder.embed_query(q.text), 5, q.audiences)
        plain.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        corpus.raw_query(embedder.embed_query(q.text), 5)
        unfiltered.append((time.perf_counter() - started) * 1000)
    return ours, plain, unfiltered


def run_scale(
    root: Path, real: Sequence[Chunk], embedder: Embedder, questions: Sequence[Question], *,
    sizes: Sequence[int] = SIZES, candidate_k: int = 40,
) -> list[ScaleRow]:
    """Build (or reuse) each corpus and time both retrievers on it; query embeddings must be cached already."""
    vectors = np.asarray(embedder.embed_documents([c.embed_text for c in real]), dtype=np.float32)
    rows = []
    for size in sizes:
        corpus, built = Corpus.open(root, real, vectors, size)
        try:
            ours, plain, unfiltered = measure(corpus, embedder, questions, candidate_k)
        finally:
            corpus.close()
        rows.append(ScaleRow(size, ours, plain, unfiltered, built))
    return rows


def table(rows: Sequence[ScaleRow]) -> list[str]:
    """Markdown rows: p50/p95 of both and their ratios, and plain Chroma without the filter."""
    out = []
    for r in rows:
        built = "cached" if r.built_s is None else f"built in {r.built_s:.0f} s"
        ours50, plain50 = statistics.median(r.ours), statistics.median(r.plain)
        out.append(f"| {r.chunks:,} ({built}) | {ours50:.1f} | {pct(r.ours, 95):.1f} | {plain50:.1f} | "
                   f"{pct(r.plain, 95):.1f} | {ours50 / plain50:.2f}× | {pct(r.ours, 95) / pct(r.plain, 95):.2f}× | "
                   f"{statistics.median(r.unfiltered):.1f} |")
    return out


def eval_questions(per_language: int | None = None) -> list[Question]:
    """The tuned evaluation questions, the first `per_language` of each language (all if None)."""
    by_language: dict[str, list[Question]] = {}
    for path in sorted(QUESTIONS.glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8")):
            by_language.setdefault(q["language"], []).append(
                Question(q["question"], AUDIENCES_BY_ROLE[q.get("role", "advisor")], q["language"]))
    return [q for qs in by_language.values() for q in qs[:per_language]]


def sample_bank_scale(settings: Settings, root: Path, *, sizes: Sequence[int] = SIZES) -> list[ScaleRow]:
    """Every size, grown from the sample bank ingested under settings (its embeddings cached there)."""
    rapport = build(settings)
    try:
        questions = eval_questions(PER_LANGUAGE)
        for q in questions:
            rapport.embedder.embed_query(q.text)  # cached now, so both sides are timed without it
        real = [c for d in rapport.catalog.documents() for cid in d.chunk_ids if (c := rapport.catalog.chunk(cid))]
        return run_scale(root, real, rapport.embedder, questions, sizes=sizes, candidate_k=settings.candidate_k)
    finally:
        rapport.close()


def query_embedding() -> str:
    """What the table leaves out, as a sentence: e5 embedding one (uncached) question."""
    from knowledge.e5_embedder import E5Embedder

    embedder = E5Embedder(threads=Settings().embed_threads)
    embedder.embed_query("warm-up")
    took = []
    for q in eval_questions()[::4]:
        started = time.perf_counter()
        embedder.embed_query(q.text)
        took.append((time.perf_counter() - started) * 1000)
    return (f"Not in the table: embedding the question (e5, uncached) adds p50 {statistics.median(took):.1f} ms, "
            f"p95 {pct(took, 95):.1f} ms to both sides ({len(took)} questions).")
