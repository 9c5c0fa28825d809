"""Hybrid retrieval: vector and keyword rankings fused (RRF), filtered by audience, one language version per
document (the asker's where it exists), and documents superseded by a version in force pushed down."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.catalog import Catalog
from knowledge.embedder import Embedder
from knowledge.types import Chunk, Passage
from knowledge.vector_store import VectorStore

RRF_K = 60
LANGUAGE_BONUS = 1.15  # a passage in the asker's language wins a near tie, never against a clearly better one
SUPERSEDED_PENALTY = 0.3
OWN_LANGUAGE_SHARE = 0.6


MIN_CANDIDATES_FOR_COVERAGE = 10


@dataclass(frozen=True)
class RetrievalQuery:
    """A question with who may read what, in which language, on which day."""

    text: str
    audiences: tuple[str, ...]
    language: str
    k: int = 5
    today: dt.date | None = None
    fallback_language: str = "en"  # shown when a document has no version in the asker's language


@dataclass(frozen=True)
class Retrieval:
    """The passages found, and how clearly the best one stands out from the rest of the corpus.

    `coverage` is the best vector similarity minus the median similarity of the candidates. e5's cosines are
    compressed (unrelated text scores ~0.7), so an absolute threshold says little; how far the best passage
    stands above the crowd says whether the corpus covers the question at all. None when too few candidates.
    """

    passages: list[Passage]
    coverage: float | None


class Retriever:
    """Ranks chunks for a question from the vector store and the catalog's keyword index."""

    def __init__(self, *, catalog: Catalog, store: VectorStore, embedder: Embedder, candidate_k: int = 40) -> None:
        self._catalog = catalog
        self._store = store
        self._embedder = embedder
        self._candidate_k = candidate_k

    def retrieve(self, query: RetrievalQuery) -> Retrieval:
        """The best k passages for the query that the audiences may read."""
        if not query.audiences or not query.text.strip():
            return Retrieval([], None)
        self._catalog.refresh()
        vector = self._embedder.embed_query(query.text)
        by_vector = self._store.query(vector, k=self._candidate_k, audiences=query.audiences)
        by_keyword = self._catalog.keywords.search(query.text, k=self._candidate_k, audiences=query.audiences)
        coverage = None
        if len(by_vector) >= MIN_CANDIDATES_FOR_COVERAGE:
            coverage = by_vector[0][1] - statistics.median(s for _, s in by_vector)
        return Retrieval(self.fuse(query, by_vector, by_keyword), coverage)

    def fuse(
        self, query: RetrievalQuery, by_vector: Sequence[tuple[str, float]], by_keyword: Sequence[tuple[str, float]]
    ) -> list[Passage]:
        """Reciprocal-rank fusion, then language and version preferences."""
        vector_rank = {cid: r for r, (cid, _) in enumerate(by_vector, start=1)}
        keyword_rank = {cid: r for r, (cid, _) in enumerate(by_keyword, start=1)}
        superseded = self._catalog.superseded_ids(query.today or dt.date.today())
        allowed = set(query.audiences)
        scored: list[tuple[float, Chunk]] = []
        for cid in vector_rank.keys() | keyword_rank.keys():
            chunk = self._catalog.chunk(cid)
            if chunk is None or chunk.meta.audience not in allowed:  # belt and braces over the store's filter
                continue
            score = sum(1.0 / (RRF_K + ranks[cid]) for ranks in (vector_rank, keyword_rank) if cid in ranks)
            if chunk.meta.language == query.language:
                score *= LANGUAGE_BONUS
            if chunk.meta.doc_id in superseded:
                score *= SUPERSEDED_PENALTY
            scored.append((score, chunk))
        scored.sort(key=lambda item: -item[0])
        chosen_language = _language_per_document(scored, query.language, query.fallback_language)
        passages = [
            Passage(chunk, score, vector_rank.get(chunk.id), keyword_rank.get(chunk.id))
            for score, chunk in scored
            if chosen_language[chunk.meta.doc_id] == chunk.meta.language
        ]
        return passages[: query.k]


def _language_per_document(scored: list[tuple[float, Chunk]], language: str, fallback: str) -> dict[str, str]:
    """For each document, the one translation to show: the asker's language when its best passage is nearly as
    good as the document's best (translations rank alike), else the fallback language, else the best-ranked."""
    best: dict[str, tuple[float, str]] = {}
    by_language: dict[tuple[str, str], float] = {}
    for score, chunk in scored:  # best first
        doc = chunk.meta.doc_id
        best.setdefault(doc, (score, chunk.meta.language))
        by_language.setdefault((doc, chunk.meta.language), score)
    chosen = {}
    for doc, (top, top_language) in best.items():
        good_enough = OWN_LANGUAGE_SHARE * top
        preferred = [lang for lang in (language, fallback) if by_language.get((doc, lang), 0.0) >= good_enough]
        chosen[doc] = preferred[0] if preferred else top_language
    return chosen
