"""Retrieval suite: hit@1, hit@5 and MRR per language over a versioned question set."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.roles import AUDIENCES_BY_ROLE
from assistant.settings import Settings
from evals.bank import EvalContext, bundled_data_dir, sample_bank_dir
from evals.report import NoData, SuiteReport, verdict_cell
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

    def summary(self) -> dict[str, str]:
        """hit@5 and MRR per language."""
        return {r.language: verdict_cell(f"hit@5 {r.hit_at_5:.3f} · MRR {r.mrr:.3f}",
                                         r.hit_at_5 >= self.threshold_hit_at_5) for r in self.rows}


def default_data_dir() -> Path:
    """The bundled question set over the sample bank."""
    return bundled_data_dir()


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
        docs = sample_bank_dir() / "documents"
    return questions, (thresholds or {}).get("retrieval", {}), docs


def run_retrieval(context: EvalContext) -> SuiteReport:
    """The suite runner: the dataset's retrieval/*.yaml over its documents, or "no data"."""
    folder = context.data_dir / "retrieval"
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        return NoData("retrieval", "retrieval/<lang>.yaml")
    return score_retrieval(context)


def run_retrieval_eval(settings: Settings, data_dir: Path) -> RetrievalReport:
    """Ingest the dataset's documents into an eval data dir and score every question."""
    return score_retrieval(EvalContext(settings, data_dir))


def score_retrieval(context: EvalContext) -> RetrievalReport:
    """Ingest the dataset's documents into the run's eval index and score every question."""
    questions, _, _ = load_questions(context.data_dir)
    thresholds = context.thresholds("retrieval")
    per_language: dict[str, list[float]] = {}
    misses = []
    # A throwaway index of its own, sharing the embedding cache so a re-run embeds nothing twice; the answers
    # suite opens the same index, so the second suite ingests nothing.
    with context.open_bank() as rapport:
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
