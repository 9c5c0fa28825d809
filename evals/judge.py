"""Judge suite: with a language model configured, it answers the answers-suite questions and a judge prompt rates
each answer's faithfulness to the passages it cites and its relevance to the question. Never required: without a
model the suite reports "not configured" and passes.

The judge is the same gated model (everything it reads passed the egress gate). A model judging its own answers
is lenient; the figures are a signal beside the offline suites, not a replacement, and no gate is set by default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.answer import Answer
from assistant.chat_model import ChatMessage
from assistant.container import Rapport, chat_model_from
from assistant.errors import RapportError
from assistant.roles import Principal
from assistant.service import AskRequest
from evals.answers import AnswerCase, load_answer_cases
from evals.bank import EvalContext
from evals.report import NoData, SuiteReport, verdict_cell

JUDGE_SYSTEM = (
    "You grade answers of a bank's assistant. You are given the question, the passages the answer cites, and the "
    "answer. Reply with exactly two lines:\n"
    "FAITHFUL: yes or no — yes only if every statement in the answer is supported by the passages\n"
    "RELEVANT: a number from 1 (off topic) to 5 (answers the question directly)"
)
_FAITHFUL = re.compile(r"FAITHFUL\s*:\s*(yes|no)", re.IGNORECASE)
_RELEVANT = re.compile(r"RELEVANT\s*:\s*([1-5])")


@dataclass(frozen=True)
class JudgeRow:
    """One language (or 'all')."""

    language: str
    judged: int
    faithful: float | None
    relevance: float | None
    unreadable: int  # verdicts the judge did not write in the asked format


@dataclass
class JudgeReport:
    """Rows per language, optional gates, and the answers judged unfaithful."""

    rows: list[JudgeRow]
    thresholds: dict[str, float]
    unfaithful: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Every gate that is set holds in every language."""
        return all((getattr(r, m) or 0.0) >= v for r in self.rows if r.language != "all"
                   for m, v in self.thresholds.items())

    def to_markdown(self) -> str:
        """The per-language table."""
        lines = ["| language | judged | faithful | relevance (1-5) | unreadable verdicts |",
                 "|---|---:|---:|---:|---:|"]
        lines += [f"| {r.language} | {r.judged} | {_fmt(r.faithful)} | {_fmt(r.relevance)} | {r.unreadable} |"
                  for r in self.rows]
        lines += [f"- {u['id']}: judged unfaithful" for u in self.unfaithful]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"suite": "judge", "passed": self.passed, "thresholds": self.thresholds,
                "rows": [asdict(r) for r in self.rows], "unfaithful": self.unfaithful}

    def summary(self) -> dict[str, str]:
        """Faithfulness and relevance per language."""
        return {r.language: verdict_cell(f"faithful {_fmt(r.faithful)} · relevance {_fmt(r.relevance)}", True)
                for r in self.rows}


def run_judge(context: EvalContext) -> SuiteReport:
    """Answer with the configured model, then judge every answer; "not configured" without a model."""
    model = context.chat_model or (chat_model_from(context.settings) if context.settings.uses_llm else None)
    if model is None:
        return NoData("judge", "a language model (RAPPORT_LLM_BASE_URL or RAPPORT_LLM_PROVIDER)")
    folder = context.data_dir / "answers"
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        return NoData("judge", "answers/<lang>.yaml")
    cases = [c for c in load_answer_cases(folder) if c.answerable]
    verdicts: list[tuple[AnswerCase, bool | None, int | None]] = []
    with context.open_bank(chat_model=model) as rapport:
        for case in cases:
            try:
                answer = rapport.service.ask(Principal(f"eval-{case.role}", case.role),
                                             AskRequest(case.question, language=case.language))
                verdicts.append((case, *judge(rapport, case.question, answer)))
            except RapportError:  # a refusal or an unavailable model is an unreadable verdict, not a crash
                verdicts.append((case, None, None))
    thresholds = {k: float(v) for k, v in context.thresholds("judge").items()}
    return score(verdicts, thresholds)


def judge(rapport: Rapport, question: str, answer: Answer) -> tuple[bool | None, int | None]:
    """(faithful, relevance) of one answer, as the gated model rates it; None where it did not say."""
    assert rapport.chat_model is not None, "the judge needs the model"
    cited = {c.chunk_id for c in answer.citations}
    passages = [p.chunk.text for p in answer.passages if p.chunk.id in cited] or ["(no passage was cited)"]
    body = "\n\n".join(f"<passage>\n{text}\n</passage>" for text in passages)
    reply = rapport.chat_model.complete([
        ChatMessage("system", JUDGE_SYSTEM),
        ChatMessage("user", f"Question: {question}\n\nPassages:\n{body}\n\nAnswer:\n{answer.text}"),
    ])
    faithful = _FAITHFUL.search(reply)
    relevant = _RELEVANT.search(reply)
    return (faithful.group(1).lower() == "yes" if faithful else None,
            int(relevant.group(1)) if relevant else None)


def score(verdicts: Sequence[tuple[AnswerCase, bool | None, int | None]], thresholds: dict[str, float]) -> JudgeReport:
    """Rates per language and overall."""
    by_language: dict[str, list[tuple[AnswerCase, bool | None, int | None]]] = {}
    for item in verdicts:
        by_language.setdefault(item[0].language, []).append(item)
    rows = [_row(lang, items) for lang, items in sorted(by_language.items())]
    rows.append(_row("all", list(verdicts)))
    unfaithful = [{"id": case.id, "language": case.language} for case, faithful, _ in verdicts if faithful is False]
    return JudgeReport(rows, thresholds, unfaithful)


def _row(language: str, items: Sequence[tuple[AnswerCase, bool | None, int | None]]) -> JudgeRow:
    faithful = [f for _, f, _ in items if f is not None]
    relevant = [r for _, _, r in items if r is not None]
    unreadable = sum(1 for _, f, r in items if f is None or r is None)
    return JudgeRow(language, len(items), sum(faithful) / len(faithful) if faithful else None,
                    sum(relevant) / len(relevant) if relevant else None, unreadable)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
