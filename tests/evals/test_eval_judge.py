"""The judge suite: only with a model; the model answers, then rates each answer; unreadable verdicts counted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from evals.bank import EvalContext
from evals.judge import JudgeReport, run_judge
from evals.report import NoData
from tests.fakes import RecordingChatModel


def _questions(bank: Path) -> None:
    (bank / "answers").mkdir()
    (bank / "answers" / "en.yaml").write_text(yaml.safe_dump([
        {"id": "sepa", "question": "What does a SEPA transfer cost?", "facts": ["0.40"], "relevant": ["fees"]},
        {"id": "incoming", "question": "What does an incoming international transfer cost?", "facts": ["8.00"],
         "relevant": ["fees"]},
        {"id": "weather", "question": "Will it rain tomorrow?", "answerable": False},
    ]), encoding="utf-8")


def test_without_a_model_the_judge_is_not_configured(context: EvalContext, bank_dir: Path) -> None:
    _questions(bank_dir)
    report = run_judge(context)
    assert isinstance(report, NoData) and report.passed and "language model" in report.expected


def test_the_model_answers_and_the_judge_rates_each_answer(context: EvalContext, bank_dir: Path) -> None:
    _questions(bank_dir)
    model = RecordingChatModel([
        "A SEPA transfer costs EUR 0.40 [1].", "FAITHFUL: yes\nRELEVANT: 5",
        "It costs EUR 9.99 [1].", "FAITHFUL: no\nRELEVANT: 4",
    ])
    report = run_judge(dataclasses.replace(context, chat_model=model))
    assert isinstance(report, JudgeReport)
    row = next(r for r in report.rows if r.language == "all")
    assert (row.judged, row.faithful, row.relevance, row.unreadable) == (2, 0.5, 4.5, 0)
    assert report.unfaithful == [{"id": "incoming", "language": "en"}]
    judge_prompt = model.requests[1]
    assert "FAITHFUL" in judge_prompt[0].content and "EUR 0.40" in judge_prompt[1].content  # the cited passage
    assert "| en | 2 | 0.500 | 4.500 | 0 |" in report.to_markdown()


def test_a_verdict_in_another_format_is_counted_unreadable(context: EvalContext, bank_dir: Path) -> None:
    _questions(bank_dir)
    model = RecordingChatModel(["A SEPA transfer costs EUR 0.40 [1].", "Looks fine to me.",
                                "EUR 8.00 [1].", "FAITHFUL: yes\nRELEVANT: 5"])
    report = run_judge(dataclasses.replace(context, chat_model=model))
    assert isinstance(report, JudgeReport)
    assert next(r for r in report.rows if r.language == "all").unreadable == 1
