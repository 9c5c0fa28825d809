"""Recall (hit@5) per language on the tuned and the held-out question sets: Rapport's retriever as the retrieval
eval suite scores it, and plain Chroma similarity search over the same index and vectors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.container import Rapport, build
from assistant.roles import AUDIENCES_BY_ROLE
from assistant.settings import Settings
from evals.retrieval import load_questions, run_retrieval_eval

ROOT = Path(__file__).resolve().parent.parent
SETS = {"tuned": ROOT / "evals" / "data", "held-out": ROOT / "evals" / "data" / "holdout"}


@dataclass(frozen=True)
class Recall:
    """hit@5 by language ('all' included) of one system on one question set."""

    question_set: str
    system: str
    by_language: dict[str, float]


def plain_hit_at_5(rapport: Rapport, data_dir: Path) -> dict[str, float]:
    """Plain Chroma's top 5 (audience filter only) scored like the eval suite: any expected document counts."""
    questions, _, _ = load_questions(data_dir)
    rapport.catalog.refresh()  # chunk() reads the in-memory mirror, which a fresh catalog loads on first use
    hits: dict[str, list[bool]] = {}
    for q in questions:
        vector = rapport.embedder.embed_query(q["question"])
        found = rapport.store.query(vector, k=5, audiences=AUDIENCES_BY_ROLE[q.get("role", "advisor")])
        docs = {chunk.meta.doc_id for cid, _ in found if (chunk := rapport.catalog.chunk(cid)) is not None}
        hits.setdefault(q["language"], []).append(bool(docs & set(q["expected"])))
    hits["all"] = [h for values in list(hits.values()) for h in values]
    return {language: sum(values) / len(values) for language, values in sorted(hits.items())}


def run_recall(settings: Settings, rapport: Rapport) -> list[Recall]:
    """Both systems on both sets; `rapport` holds the ingested sample bank for the plain side."""
    out = []
    for name, data_dir in SETS.items():
        report = run_retrieval_eval(settings, data_dir)
        out.append(Recall(name, "Rapport", {r.language: r.hit_at_5 for r in report.rows}))
        out.append(Recall(name, "plain Chroma", plain_hit_at_5(rapport, data_dir)))
    return out


def sample_bank_recall(settings: Settings, eval_dir: Path) -> list[Recall]:
    """run_recall over the sample bank ingested under settings; the eval suite's own index goes in eval_dir."""
    rapport = build(settings)
    try:
        return run_recall(settings.model_copy(update={"data_dir": eval_dir}), rapport)
    finally:
        rapport.close()


def table(recalls: list[Recall]) -> list[str]:
    """Markdown rows: one per set and system, a column per language."""
    languages = list(recalls[0].by_language)
    head = ["| set | system | " + " | ".join(languages) + " |", "|---|---|" + "---:|" * len(languages)]
    return head + [f"| {r.question_set} | {r.system} | " + " | ".join(f"{r.by_language.get(lang, 0):.3f}"
                                                                    for lang in languages) + " |" for r in recalls]
