"""Hybrid retrieval: vector and keyword scores fused, filtered by audience, one language version per
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

VECTOR_WEIGHT = 0.6
LANGUAGE_BONUS = 1.1  # a passage in the asker's language wins a near tie, never against a clearly better one
SUPERSEDED_PENALTY = 0.3
OWN_LANGUAGE_SHARE = 0.6
MAX_PER_DOCUMENT = 2  # five passages from one document crowd out the second source an answer may need


MIN_CANDIDATES = 10


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

    `coverage` is the best vector similarity minus the median similarity of the candidates (of the language group
    where the best stands out most). e5's cosines are compressed (unrelated text scores ~0.7), so an absolute
    threshold says little; how far the best passage stands above the crowd says whether the corpus covers the
    question at all. None when there are too few candidates to tell.
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
        groups = self._vector_groups(vector, query)
        by_keyword = self._catalog.keywords.search(query.text, k=self._candidate_k, audiences=query.audiences)
        contrasts = [g[0][1] - statistics.median(s for _, s in g) for g in groups if len(g) >= MIN_CANDIDATES]
        by_vector = _standardise(groups)
        return Retrieval(self.fuse(query, by_vector, by_keyword), max(contrasts) if contrasts else None)

    def _vector_groups(self, vector: list[float], query: RetrievalQuery) -> list[list[tuple[str, float]]]:
        """Nearest chunks in the asker's language, and nearest among documents that exist in other languages only.

        Multilingual e5 scores a passage in the question's language higher, and in a narrower band, than one in
        another language, so an English-only policy never reaches the candidates of a Latvian question when the
        two are searched together. Searched apart, each group is judged against its own background.
        Translations of documents the asker can read in their own language, and versions no longer in force,
        are left out of the second group: they would only take the places of the documents it is for.
        """
        languages = self._catalog.languages()
        others = sorted(languages - {query.language})
        k = self._candidate_k
        if query.language not in languages or not others:
            return [self._store.query(vector, k=k, audiences=query.audiences)]
        own = self._store.query(vector, k=k, audiences=query.audiences, languages=[query.language])
        skip = self._catalog.doc_ids_in(query.language) | self._catalog.superseded_ids(query.today or dt.date.today())
        other = [
            (cid, sim)
            for cid, sim in self._store.query(vector, k=k * len(others), audiences=query.audiences, languages=others)
            if (chunk := self._catalog.chunk(cid)) is not None and chunk.meta.doc_id not in skip
        ][:k]
        return [g for g in (own, other) if g]

    def fuse(
        self, query: RetrievalQuery, by_vector: Sequence[tuple[str, float]], by_keyword: Sequence[tuple[str, float]]
    ) -> list[Passage]:
        """Convex fusion of normalised vector and keyword scores, then language and version preferences.

        Reciprocal-rank fusion would give a chunk that shares one common word with the question nearly the same
        credit as one that shares its rare terms; normalised scores keep that difference.
        """
        vector_rank = {cid: r for r, (cid, _) in enumerate(by_vector, start=1)}
        keyword_rank = {cid: r for r, (cid, _) in enumerate(by_keyword, start=1)}
        vector_score = _normalise_similarity(by_vector)
        top_keyword = by_keyword[0][1] if by_keyword else 1.0
        keyword_score = {cid: score / top_keyword for cid, score in by_keyword}
        successors = self._catalog.successors(query.today or dt.date.today())
        allowed = set(query.audiences)
        scored: list[tuple[float, Chunk]] = []
        for cid in vector_rank.keys() | keyword_rank.keys():
            chunk = self._catalog.chunk(cid)
            if chunk is None or chunk.meta.audience not in allowed:  # belt and braces over the store's filter
                continue
            if chunk.meta.language == query.language:
                score = VECTOR_WEIGHT * vector_score.get(cid, 0.0) + (1 - VECTOR_WEIGHT) * keyword_score.get(cid, 0.0)
                score *= LANGUAGE_BONUS
            else:
                # Words cannot match across languages: judge such a passage on the evidence that can exist.
                score = vector_score.get(cid, 0.0)
            if chunk.meta.doc_id in successors:
                score *= SUPERSEDED_PENALTY
            scored.append((score, chunk))
        scored = _below_successors(scored, successors)
        scored.sort(key=lambda item: -item[0])
        chosen_language = _language_per_document(scored, query.language, query.fallback_language)
        passages: list[Passage] = []
        per_document: dict[str, int] = {}
        for score, chunk in scored:
            doc = chunk.meta.doc_id
            if chosen_language[doc] != chunk.meta.language or per_document.get(doc, 0) >= MAX_PER_DOCUMENT:
                continue
            per_document[doc] = per_document.get(doc, 0) + 1
            passages.append(Passage(chunk, score, vector_rank.get(chunk.id), keyword_rank.get(chunk.id)))
            if len(passages) == query.k:
                break
        return passages


def _below_successors(scored: list[tuple[float, Chunk]], successors: dict[str, str]) -> list[tuple[float, Chunk]]:
    """A version no longer in force ranks below every retrieved passage of the version that replaced it."""
    if not successors:
        return scored
    lowest: dict[str, float] = {}
    for score, chunk in scored:
        doc = chunk.meta.doc_id
        lowest[doc] = min(score, lowest.get(doc, score))
    out = []
    for score, chunk in scored:
        successor = successors.get(chunk.meta.doc_id)
        if successor in lowest:
            score = min(score, lowest[successor] * 0.99)
        out.append((score, chunk))
    return out


def _standardise(groups: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """One ranking from several groups: each similarity measured in spreads above its group's median."""
    if len(groups) == 1:
        return groups[0]
    merged: list[tuple[str, float]] = []
    for group in groups:
        sims = [s for _, s in group]
        median = statistics.median(sims)
        spread = statistics.pstdev(sims) if len(sims) > 1 else 0.0
        merged.extend((cid, (s - median) / max(spread, 1e-4)) for cid, s in group)
    merged.sort(key=lambda item: -item[1])
    return merged


def _normalise_similarity(hits: Sequence[tuple[str, float]]) -> dict[str, float]:
    """Scores rescaled so the median candidate is 0 and the best is 1 (e5's cosines are compressed)."""
    if not hits:
        return {}
    top = hits[0][1]
    floor = statistics.median(s for _, s in hits) if len(hits) >= MIN_CANDIDATES else min(s for _, s in hits) - 1e-6
    span = max(top - floor, 1e-6)
    return {cid: max(0.0, (s - floor) / span) for cid, s in hits}


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
