"""An incremental BM25 index: chunks are added and removed one by one, never rebuilt per query."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from knowledge.tokens import tokenize

K1 = 1.2
B = 0.75


class KeywordIndex:
    """BM25 over tokens from knowledge.tokens; each chunk carries its audience for filtering."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[str, int]] = defaultdict(dict)
        self._lengths: dict[str, int] = {}
        self._audience: dict[str, str] = {}
        self._total = 0

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, chunk_id: str, text: str, audience: str) -> None:
        """Index one chunk (replacing it if present)."""
        if chunk_id in self._lengths:
            self.remove(chunk_id)
        terms = Counter(tokenize(text))
        for term, tf in terms.items():
            self._postings[term][chunk_id] = tf
        length = sum(terms.values())
        self._lengths[chunk_id] = length
        self._audience[chunk_id] = audience
        self._total += length

    def remove(self, chunk_id: str) -> None:
        """Drop one chunk; unknown ids are ignored."""
        length = self._lengths.pop(chunk_id, None)
        if length is None:
            return
        self._total -= length
        self._audience.pop(chunk_id, None)
        empty = []
        for term, posting in self._postings.items():
            if posting.pop(chunk_id, None) is not None and not posting:
                empty.append(term)
        for term in empty:
            del self._postings[term]

    def remove_many(self, chunk_ids: Iterable[str]) -> None:
        """Drop several chunks with one pass over the postings."""
        doomed = {cid for cid in chunk_ids if cid in self._lengths}
        if not doomed:
            return
        for cid in doomed:
            self._total -= self._lengths.pop(cid)
            self._audience.pop(cid, None)
        for term in list(self._postings):
            posting = self._postings[term]
            for cid in doomed.intersection(posting):
                del posting[cid]
            if not posting:
                del self._postings[term]

    def search(self, query: str, *, k: int, audiences: Sequence[str]) -> list[tuple[str, float]]:
        """The k best chunks by BM25 among these audiences, best first."""
        n = len(self._lengths)
        if not n:
            return []
        allowed = set(audiences)
        avg = self._total / n
        scores: dict[str, float] = defaultdict(float)
        for term in set(tokenize(query)):
            posting = self._postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for cid, tf in posting.items():
                if self._audience[cid] in allowed:
                    norm = tf + K1 * (1 - B + B * self._lengths[cid] / avg)
                    scores[cid] += idf * tf * (K1 + 1) / norm
        return sorted(scores.items(), key=lambda item: -item[1])[:k]
