"""The offline default answerer: quotes the facts of the retrieved passages that best answer the question.

It never invents: every sentence it prints is a sentence or a table row (read with its header) from a passage,
with that passage's citation. It says that it is extractive, and says plainly when nothing relevant was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer import Citation
from assistant.prompts import extractive_intro, not_found
from knowledge.embedder import Embedder
from knowledge.markdown import facts
from knowledge.retrieval import Retrieval
from knowledge.tokens import tokenize
from knowledge.types import Passage

MAX_PASSAGES = 4
MAX_FACTS = 3
LEXICAL_WEIGHT = 0.15
# A fact is quoted only if it is nearly as relevant as the best one: an answer of one strong fact beats three weak.
KEEP_WITHIN = 0.03
# How far the best passage must stand above the median candidate for the corpus to cover the question
# (measured on the sample bank: on-topic questions 0.054-0.104, off-topic 0.010-0.042; see README).
MIN_COVERAGE = 0.045


@dataclass(frozen=True)
class Draft:
    """An answer before it is stored: text, the citations it uses, and whether the sources covered it."""

    text: str
    citations: tuple[Citation, ...]
    found: bool


class ExtractiveAnswerer:
    """Chooses sentences by similarity to the question (e5 cosine plus shared keywords)."""

    def __init__(self, *, embedder: Embedder, min_coverage: float = MIN_COVERAGE) -> None:
        self._embedder = embedder
        self._min_coverage = min_coverage

    def answer(self, question: str, *, language: str, role: str, retrieval: Retrieval) -> Draft:
        """Quote the best facts with citations, or say that the documents do not cover the question."""
        passages = retrieval.passages
        candidates = _candidates(passages, language)
        if not candidates or not self._covered(retrieval):
            return Draft(not_found(role, language), (), found=False)
        q = np.asarray(self._embedder.embed_query(question), dtype=np.float32)
        vectors = np.asarray(self._embedder.embed_documents([text for text, _, _ in candidates]), dtype=np.float32)
        cosine = vectors @ q / (np.linalg.norm(vectors, axis=1) * float(np.linalg.norm(q)) + 1e-9)
        q_terms = set(tokenize(question))
        scores = []
        for (text, _, rank), cos in zip(candidates, cosine, strict=True):
            overlap = len(q_terms & set(tokenize(text))) / max(1, len(q_terms))
            scores.append(float(cos) + LEXICAL_WEIGHT * overlap - 0.005 * rank)
        best = max(scores)
        order = sorted(range(len(candidates)), key=lambda i: -scores[i])
        chosen = [i for i in order if scores[i] >= best - KEEP_WITHIN][:MAX_FACTS]  # best fact first
        markers: dict[int, int] = {}
        lines = []
        for i in chosen:
            text, passage_index, _ = candidates[i]
            marker = markers.setdefault(passage_index, len(markers) + 1)
            lines.append(f"- {text} [{marker}]")
        citations = tuple(Citation.of(m, passages[p]) for p, m in markers.items())
        return Draft(f"{extractive_intro(language)}\n" + "\n".join(lines), citations, found=True)

    def _covered(self, retrieval: Retrieval) -> bool:
        if retrieval.coverage is None:  # a tiny corpus: fall back to whether any keyword matched
            return any(p.keyword_rank for p in retrieval.passages)
        return retrieval.coverage >= self._min_coverage


def _candidates(passages: Sequence[Passage], language: str) -> list[tuple[str, int, int]]:
    """(fact, passage index, effective rank) from the top passages."""
    seen: set[str] = set()
    out = []
    for i, passage in enumerate(passages[:MAX_PASSAGES]):
        for fact in facts(passage.chunk.text):
            if fact not in seen and len(fact) >= 8:
                seen.add(fact)
                # The retriever already shows each document in the asker's language where it exists; a passage
                # in another language ranks as if one place lower, so it is quoted only when clearly better.
                out.append((fact, i, i + (0 if passage.chunk.meta.language == language else 1)))
    return out
