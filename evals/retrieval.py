"""Retrieval suite: hit@1, hit@5 and MRR per language over a versioned question set."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from assistant.container import build
from assistant.roles import AUDIENCES_BY_ROLE
from assistant.settings import Settings
from knowledge.retrieval import RetrievalQuery


@dataclass(frozen=True)
class RetrievalRow:
    """Scores for one language (or 'all')."""

    language: str
    questions: int
    hit_at_1: float
    hit_at_5: float
    mrr: float


@dataclass
class RetrievalReport:
    """Per-language rows, the threshold, and the questions that missed."""

    rows: list[RetrievalRow]
    threshold_hit_at_5: float
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when hit@5 meets the threshold in every language."""
        return all(r.hit_at_5 >= self.threshold_hit_at_5 for r in self.rows)

    def to_markdown(self) -> str:
        """The per-language table."""
        lines = ["| language | questions | hit@1 | hit@5 | MRR |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {r.language} | {r.questions} | {r.hit_at_1:.3f} | {r.hit_at_5:.3f} | {r.mrr:.3f} |"
                  for r in self.rows]
        verdict = "pass" if self.passed else "FAIL"
        lines.append(f"\nthreshold hit@5 ≥ {self.threshold_hit_at_5} in every language: {verdict}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"suite": "retrieval", "passed": self.passed, "threshold_hit_at_5": self.threshold_hit_at_5,
                "rows": [r.__dict__ for r in self.rows], "misses": self.misses}


def default_data_dir() -> Path:
    """The bundled question set over the sample bank."""
    return Path(str(resources.files("evals").joinpath("data")))


def load_questions(data_dir: Path) -> tuple[list[dict[str, Any]], dict[str, Any], Path]:
    """Questions (retrieval/*.yaml), thresholds (thresholds.yaml) and documents (documents/) of a dataset.

    A bank's own dataset has the same layout; without a documents/ folder the bundled sample bank is used."""
    questions: list[dict[str, Any]] = []
    for path in sorted((data_dir / "retrieval").glob("*.yaml")):
        questions.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    thresholds_file = data_dir / "thresholds.yaml"
    thresholds = yaml.safe_load(thresholds_file.read_text(encoding="utf-8")) if thresholds_file.exists() else {}
    docs = data_dir / "documents"
    if not docs.exists():
        docs = Path(str(resources.files("knowledge").joinpath("sample_bank/documents")))
    return questions, (thresholds or {}).get("retrieval", {}), docs


def run_retrieval_eval(settings: Settings, data_dir: Path) -> RetrievalReport:
    """Ingest the dataset's documents into an eval data dir and score every question."""
    questions, thresholds, docs = load_questions(data_dir)
    # A throwaway index of its own, sharing the embedding cache so a re-run embeds nothing twice.
    eval_settings = settings.model_copy(update={
        "data_dir": settings.data_dir / "eval", "database_url": None, "chroma_url": None,
        "chroma_collection": "rapport_eval", "embedding_cache": settings.resolved_embedding_cache,
    })
    rapport = build(eval_settings)
    try:
        rapport.ingestor.ingest([docs])
        per_language: dict[str, list[float]] = {}
        misses = []
        for q in questions:
            passages = rapport.retriever.retrieve(RetrievalQuery(
                q["question"], AUDIENCES_BY_ROLE[q.get("role", "advisor")], q["language"], k=5,
            )).passages
            ranks = [i for i, p in enumerate(passages, start=1) if p.chunk.meta.doc_id in set(q["expected"])]
            rank = ranks[0] if ranks else None
            per_language.setdefault(q["language"], []).append(rank or 0)
            if rank != 1:
                misses.append({"id": q["id"], "language": q["language"], "rank": rank,
                               "got": [p.chunk.meta.doc_id for p in passages]})
    finally:
        rapport.close()
    rows = [_row(lang, ranks) for lang, ranks in sorted(per_language.items())]
    rows.append(_row("all", [r for ranks in per_language.values() for r in ranks]))
    return RetrievalReport(rows, float(thresholds.get("hit_at_5", 0.9)), misses)


def _row(language: str, ranks: list[float]) -> RetrievalRow:
    n = len(ranks)
    return RetrievalRow(
        language, n,
        hit_at_1=sum(1 for r in ranks if r == 1) / n,
        hit_at_5=sum(1 for r in ranks if 1 <= r <= 5) / n,
        mrr=sum(1 / r for r in ranks if r) / n,
    )
