"""The answers suite: number-format-proof fact matching, the four scores, gates, and a run on a tiny bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from evals.answers import AnswerCase, AnswersReport, contains_fact, run_answers, score_answers
from evals.bank import EvalContext


@pytest.mark.parametrize(("answer", "fact", "found"), [
    ("costs 0,40 EUR", "0.40", True),
    ("costs EUR 0.40", "0,40", True),
    ("assets of 100 000 EUR", "100,000", True),
    ("assets of 100\u202f000 EUR", "100000", True),
    ("margin 0,75 %", "0.75%", True),
    ("收费0.40欧元", "0.40", True),
    ("answered within 15 working days", "15", True),
    ("costs EUR 15.00", "15", False),
    ("costs EUR 10.40", "0.40", False),
    ("costs EUR 0.50", "0.40", False),
    ("Reviewed Every 2 Years", "2 years", True),
])
def test_facts_match_across_number_formats_and_only_whole(answer: str, fact: str, found: bool) -> None:
    assert contains_fact(answer, fact) is found


def _answer(text: str, cited: list[str], *, found: bool = True) -> Answer:
    citations = tuple(Citation(str(i), doc, "src", "", doc, "en", f"{doc}#{i}") for i, doc in enumerate(cited, 1))
    return Answer(text, "en", "extractive", "s", citations, found)


def test_scores_count_facts_citations_abstention_and_newest_version() -> None:
    cases = [
        AnswerCase("a", "en", "q", facts=("0.40", "8.00"), relevant=("fees",), newest="fees", superseded=("old",)),
        AnswerCase("b", "en", "q", facts=("2.40%",), relevant=("deposits",), newest="fees", superseded=("old",)),
        AnswerCase("c", "lv", "q", answerable=False),
        AnswerCase("d", "lv", "q", answerable=False),
    ]
    answers = [
        _answer("SEPA 0,40 EUR; incoming 8.00 EUR", ["fees"]),
        _answer("nothing useful", ["old", "fees", "deposits"]),
        _answer("I don't know", [], found=False),
        _answer("a confident guess", ["fees"]),
    ]
    report = score_answers(cases, answers, {"facts_present": 0.5})
    en, lv, total = report.rows
    assert (en.language, lv.language, total.language) == ("en", "lv", "all")
    assert en.facts_present == pytest.approx(2 / 3)
    assert en.citation_precision == pytest.approx(2 / 4)  # fees is relevant to a; old and fees are not to b
    assert en.newest == pytest.approx(1 / 2)  # b cites the superseded version
    assert lv.abstention == pytest.approx(1 / 2) and lv.facts_present is None
    assert {m["id"] for m in report.misses} == {"b", "d"}
    assert report.passed  # 2/3 ≥ 0.5; metrics without a gate do not fail


def test_a_missed_threshold_fails_the_report() -> None:
    report = score_answers([AnswerCase("a", "en", "q", facts=("1",), relevant=("x",))],
                           [_answer("1", ["x"])], {"facts_present": 1.01})
    assert isinstance(report, AnswersReport)
    assert not report.passed and report.failures() == [("en", "facts_present")]


def test_runs_the_turn_path_on_a_banks_own_documents(context: EvalContext, bank_dir: Path) -> None:
    (bank_dir / "answers").mkdir()
    (bank_dir / "answers" / "en.yaml").write_text(
        '- id: sepa\n  question: "What does a SEPA transfer in the internet bank cost?"\n'
        '  facts: ["0.40"]\n  relevant: [fees]\n  newest: fees\n  superseded: [fees-2025]\n'
        '- id: none\n  question: "Which football team won the cup?"\n  answerable: false\n', encoding="utf-8")
    (bank_dir / "thresholds.yaml").write_text("answers:\n  facts_present: 1.01\n", encoding="utf-8")
    report = run_answers(context)
    assert isinstance(report, AnswersReport)
    en = report.rows[0]
    assert en.questions == 2 and en.facts_present == 1.0 and en.newest == 1.0
    assert report.thresholds["facts_present"] == 1.01  # the bank's own gate overrides the bundled one
    assert report.thresholds["newest"] == 0.8  # the bundled gates fill in what the bank did not set
    assert not report.passed  # no answer can reach 1.01
