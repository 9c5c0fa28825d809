"""Answers suite: the real turn path with the offline extractive answerer, scored per language.

- facts present: share of the expected facts (figures, terms) found in the answers, after normalising number
  formats (2,00 / 2.00, 100 000 / 100,000, thin spaces, "0,75 %");
- citation precision: cited doc_ids in the question's relevant set / all cited;
- abstention: share of unanswerable questions answered with found=false;
- newest document: share of questions whose answer changed between versions that cite the version in force and
  not the superseded one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer import Answer
from assistant.roles import ROLES, Principal, Role
from assistant.service import AskRequest
from evals.bank import EvalContext, read_yaml_list, require
from evals.report import NoData, SuiteReport, verdict_cell

METRICS = ("facts_present", "citation_precision", "abstention", "newest")


@dataclass(frozen=True)
class AnswerCase:
    """One question and what a good answer to it contains."""

    id: str
    language: str
    question: str
    role: Role = "client"
    facts: tuple[str, ...] = ()
    relevant: tuple[str, ...] = ()
    answerable: bool = True
    newest: str | None = None  # the doc_id in force that must be cited
    superseded: tuple[str, ...] = ()  # doc_ids that must not be cited


@dataclass(frozen=True)
class AnswersRow:
    """Scores for one language (or 'all'); a score is None where no question measures it."""

    language: str
    questions: int
    facts_present: float | None
    citation_precision: float | None
    abstention: float | None
    newest: float | None


@dataclass
class AnswersReport:
    """Rows per language plus 'all', the gates, and every question that lost a point."""

    rows: list[AnswersRow]
    thresholds: dict[str, float]
    misses: list[dict[str, Any]] = field(default_factory=list)

    def failures(self) -> list[tuple[str, str]]:
        """(language, metric) pairs below their gate."""
        return [(r.language, m) for r in self.rows if r.language != "all" for m in METRICS
                if (v := getattr(r, m)) is not None and m in self.thresholds and v < self.thresholds[m]]

    @property
    def passed(self) -> bool:
        """Every metric meets its gate in every language."""
        return not self.failures()

    def to_markdown(self) -> str:
        """The per-language table, the gates and the misses."""
        lines = ["| language | questions | facts present | citation precision | abstention | newest document |",
                 "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {r.language} | {r.questions} | " + " | ".join(_fmt(getattr(r, m)) for m in METRICS) + " |"
                  for r in self.rows]
        gates = ", ".join(f"{m} ≥ {v}" for m, v in self.thresholds.items())
        lines.append(f"\ngates in every language ({gates}): {'pass' if self.passed else 'FAIL'}")
        lines += [f"- {m['id']}: {m['problem']}" for m in self.misses]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"suite": "answers", "passed": self.passed, "thresholds": self.thresholds,
                "rows": [asdict(r) for r in self.rows], "misses": self.misses}

    def summary(self) -> dict[str, str]:
        """Facts present and citation precision per language."""
        failing = set(self.failures())
        return {r.language: verdict_cell(
            f"facts {_fmt(r.facts_present)} · cites {_fmt(r.citation_precision)}",
            not any(lang == r.language for lang, _ in failing)) for r in self.rows}


def load_answer_cases(folder: Path) -> list[AnswerCase]:
    """Every case of every <lang>.yaml in the folder; the file name gives the language unless an item does."""
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        for item in read_yaml_list(path):
            require(item, ("id", "question"), path.name)
            answerable = bool(item.get("answerable", True))
            if answerable:
                require(item, ("facts", "relevant"), path.name)
            role = item.get("role", "client")
            if role not in ROLES:
                raise ValueError(f"{path.name}: item {item['id']!r} has unknown role {role!r}")
            cases.append(AnswerCase(
                id=str(item["id"]), language=str(item.get("language", path.stem)), question=str(item["question"]),
                role=role, facts=tuple(str(f) for f in item.get("facts", ())),
                relevant=tuple(item.get("relevant", ())), answerable=answerable, newest=item.get("newest"),
                superseded=tuple(item.get("superseded", ())),
            ))
    return cases


def run_answers(context: EvalContext) -> SuiteReport:
    """Ask every question through AssistantService.ask on the dataset's documents and score the answers."""
    folder = context.data_dir / "answers"
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        return NoData("answers", "answers/<lang>.yaml")
    cases = load_answer_cases(folder)
    with context.open_bank() as rapport:
        answers = [rapport.service.ask(Principal(f"eval-{case.role}", case.role),
                                       AskRequest(case.question, language=case.language)) for case in cases]
    return score_answers(cases, answers, {k: float(v) for k, v in context.thresholds("answers").items()})


def score_answers(cases: list[AnswerCase], answers: list[Answer], thresholds: dict[str, float]) -> AnswersReport:
    """Score answers against their cases (same order)."""
    tallies: dict[str, dict[str, list[float]]] = {}
    misses: list[dict[str, Any]] = []
    for case, answer in zip(cases, answers, strict=True):
        tally = tallies.setdefault(case.language, {m: [] for m in ("questions", *METRICS)})
        tally["questions"].append(1)
        cited = [c.doc_id for c in answer.citations]
        if not case.answerable:
            tally["abstention"].append(float(not answer.found))
            if answer.found:
                misses.append(_miss(case, "answered an unanswerable question", cited))
            continue
        present = [fact for fact in case.facts if contains_fact(answer.text, fact)]
        tally["facts_present"] += [1.0] * len(present) + [0.0] * (len(case.facts) - len(present))
        if len(present) < len(case.facts):
            missing = [f for f in case.facts if f not in present]
            misses.append(_miss(case, f"facts missing: {missing}", cited))
        if cited:
            relevant = sum(1 for doc in cited if doc in case.relevant)
            tally["citation_precision"] += [1.0] * relevant + [0.0] * (len(cited) - relevant)
            if relevant < len(cited):
                misses.append(_miss(case, "cited a document outside the relevant set", cited))
        if case.newest is not None:
            ok = case.newest in cited and not set(cited) & set(case.superseded)
            tally["newest"].append(float(ok))
            if not ok:
                misses.append(_miss(case, f"did not cite {case.newest} alone of its versions", cited))
    rows = [_row(lang, tallies[lang]) for lang in sorted(tallies)]
    merged = {m: [v for t in tallies.values() for v in t[m]] for m in ("questions", *METRICS)}
    rows.append(_row("all", merged))
    return AnswersReport(rows, thresholds, misses)


def normalise(text: str) -> str:
    """Lower case, one kind of space, numbers in one format (thousands unseparated, decimal point)."""
    text = re.sub(r"[\u00a0\u2009\u202f\u2007]", " ", text.casefold())
    text = re.sub(r"(?<=\d)[ ,'](?=\d{3}(?!\d))", "", text)  # 100 000 / 100,000 / 100'000 -> 100000
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # 0,40 -> 0.40
    text = re.sub(r"(?<=\d) +%", "%", text)  # 0,75 % -> 0.75%
    return re.sub(r"\s+", " ", text)


def contains_fact(answer: str, fact: str) -> bool:
    """True when the fact appears in the answer as a whole number or term (15 is not found inside 15.00)."""
    needle = re.escape(normalise(fact))
    return re.search(rf"(?<![\d.]){needle}(?!\d|\.\d)", normalise(answer)) is not None


def _row(language: str, tally: dict[str, list[float]]) -> AnswersRow:
    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    return AnswersRow(language, len(tally["questions"]), *(mean(tally[m]) for m in METRICS))


def _miss(case: AnswerCase, problem: str, cited: list[str]) -> dict[str, Any]:
    return {"id": case.id, "language": case.language, "problem": problem, "cited": cited}


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
