"""The debrief: grade a role-play transcript against the scenario and the fair-selling and confidentiality rules.

Rule-based and offline. The cues are data (grading.yaml, five languages, matched per clause after folding case
and diacritics, negation-aware); the judgements are the policy's: needs before any proposal, a reason from the
client's situation, costs disclosed, no promised returns, no pressure to sign, no other client's data. Each point
has a verdict, points and a citation of the policy passage it rests on.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.errors import UsageError
from assistant.training.scenarios import Scenario
from assistant.training.sources import SourceCitation, cite_policy
from knowledge.types import Chunk

DEFAULT_CUES = Path(__file__).with_name("grading.yaml")
Speaker = Literal["trainee", "client"]
Verdict = Literal["met", "missed", "not_applicable"]
PASS_MARK = 70.0
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}\b")
_CLAUSE = re.compile(r"[.!?;:,，。！？；：\n—–]+|\s-\s")


class InvalidTranscript(UsageError):
    """The transcript cannot be read; the message says which line and what is expected."""


@dataclass(frozen=True)
class Line:
    """One turn of a role-play: who spoke, and what they said."""

    speaker: Speaker
    text: str


@dataclass(frozen=True)
class Criterion:
    """A point of the debrief: its weight and the policy section it rests on."""

    id: str
    points: int
    doc_id: str
    section: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("needs_first", 25, "suitability-and-fair-selling-policy", "Needs first"),
    Criterion("reason_from_situation", 20, "suitability-and-fair-selling-policy", "Needs first"),
    Criterion("costs_disclosed", 15, "suitability-and-fair-selling-policy", "Cost disclosure"),
    Criterion("no_promised_returns", 15, "suitability-and-fair-selling-policy", "No promised returns"),
    Criterion("no_pressure", 10, "suitability-and-fair-selling-policy", "Cooling-off"),
    Criterion("confidentiality", 15, "confidentiality-rules", "Bank secrecy"),
)
SCENARIO_GOAL_POINTS = 10

TITLES: dict[str, dict[str, str]] = {
    "needs_first": {"en": "Asked about needs before proposing", "lv": "Vispirms noskaidroja vajadzības",
                    "no": "Spurte om behov før forslag", "ru": "Сначала выяснил потребности",
                    "zh": "先了解需求再推荐"},
    "reason_from_situation": {"en": "Every proposal has a reason from the client's situation",
                              "lv": "Katram piedāvājumam ir pamatojums klienta situācijā",
                              "no": "Hvert forslag begrunnes i kundens situasjon",
                              "ru": "Каждое предложение обосновано ситуацией клиента",
                              "zh": "每项推荐都以客户情况为依据"},
    "costs_disclosed": {"en": "Costs disclosed", "lv": "Izmaksas atklātas", "no": "Kostnader opplyst",
                        "ru": "Расходы раскрыты", "zh": "已披露费用"},
    "no_promised_returns": {"en": "No promised returns", "lv": "Ienesīgums netika solīts",
                            "no": "Ingen lovet avkastning", "ru": "Доходность не обещана", "zh": "未承诺收益"},
    "no_pressure": {"en": "No pressure to decide", "lv": "Bez spiediena pieņemt lēmumu",
                    "no": "Ikke press om å bestemme seg", "ru": "Без давления с решением", "zh": "未施压促成决定"},
    "confidentiality": {"en": "No other client's data", "lv": "Netika minēti citu klientu dati",
                        "no": "Ingen opplysninger om andre kunder", "ru": "Не упоминались данные других клиентов",
                        "zh": "未提及其他客户信息"},
    "scenario_goal": {"en": "Scenario goal addressed", "lv": "Scenārija mērķis sasniegts",
                      "no": "Scenariets mål ivaretatt", "ru": "Цель сценария достигнута", "zh": "完成情景目标"},
}
VERDICT_WORDS: dict[str, dict[str, str]] = {
    "met": {"en": "met", "lv": "izpildīts", "no": "oppfylt", "ru": "выполнено", "zh": "达成"},
    "missed": {"en": "missed", "lv": "nav izpildīts", "no": "ikke oppfylt", "ru": "не выполнено", "zh": "未达成"},
    "not_applicable": {"en": "not applicable", "lv": "nav piemērojams", "no": "ikke aktuelt",
                       "ru": "неприменимо", "zh": "不适用"},
}


@dataclass(frozen=True)
class Point:
    """One graded point: verdict, points earned of the maximum, the words that decided it, and the policy."""

    criterion: str
    title: str
    verdict: Verdict
    points: int
    max_points: int
    evidence: str
    citation: SourceCitation

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"criterion": self.criterion, "title": self.title, "verdict": self.verdict, "points": self.points,
                "max_points": self.max_points, "evidence": self.evidence, "citation": self.citation.to_dict()}


@dataclass(frozen=True)
class Debrief:
    """The graded transcript: the score out of 100 and each point."""

    score: float
    points: tuple[Point, ...]
    language: str
    scenario_id: str | None = None

    @property
    def passed(self) -> bool:
        """True when the score reaches the pass mark."""
        return self.score >= PASS_MARK

    def to_dict(self) -> dict[str, object]:
        """The `rapport train grade --json` contract (extra keys are additive)."""
        return {"score": self.score, "passed": self.passed, "language": self.language,
                "scenario": self.scenario_id, "points": [p.to_dict() for p in self.points]}


def fold(text: str) -> str:
    """Lower case without diacritics, so cues match however a word is typed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


class Cues:
    """The cue lists of grading.yaml, compiled; `find` tells whether a text carries a cue, negation aside."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        try:
            self._negators = [re.compile(fold(p)) for p in data["negators"]]
            self._window_words = int(data.get("negation_window_words", 6))
            self._window_chars = int(data.get("negation_window_chars", 6))
            self._cues = {name: [re.compile(fold(p)) for p in patterns] for name, patterns in data["cues"].items()}
            self._goals = {kind: [re.compile(fold(p)) for p in patterns]
                           for kind, patterns in data.get("scenario_goals", {}).items()}
        except (KeyError, TypeError, re.error) as exc:
            raise UsageError(f"the grading cues are malformed: {exc}") from exc

    @classmethod
    def load(cls, path: Path | None = None) -> Cues:
        """The cues from a YAML file (default: the bundled grading.yaml)."""
        return _load(path or DEFAULT_CUES)

    def find(self, name: str, text: str, *, negatable: bool = True) -> str | None:
        """The first clause of `text` where cue `name` fires (not negated), or None."""
        return self._first(self._cues[name], text, negatable, self._cues.get(f"{name}_except", []))

    def goal(self, kind: str, text: str) -> str | None:
        """The first clause where the scenario kind's goal cue fires."""
        return self._first(self._goals.get(kind, []), text, True, [])

    def _first(self, patterns: Sequence[re.Pattern[str]], text: str, negatable: bool,
               excepted: Sequence[re.Pattern[str]]) -> str | None:
        for clause in clauses(text):
            folded = fold(clause)
            if any(e.search(folded) for e in excepted):
                continue
            for pattern in patterns:
                for match in pattern.finditer(folded):
                    if not negatable or not self._negated(folded[: match.start()]):
                        return clause.strip()
        return None

    def _negated(self, before: str) -> bool:
        tail = before.rstrip()
        if tail and "\u4e00" <= tail[-1] <= "\u9fff":  # Chinese: count characters, there are no spaces
            window = tail[-self._window_chars:]
        else:
            window = " ".join(before.split()[-self._window_words:])
        return any(n.search(window) for n in self._negators)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> Cues:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read the grading cues {path}: {exc}") from exc
    return Cues(data)


def clauses(text: str) -> list[str]:
    """The clauses of a turn (split at punctuation and dashes), each matched on its own."""
    parts = [p for p in _CLAUSE.split(text) if p.strip()]
    questions = re.findall(r"[^?？]*[?？]", text)  # keep the question mark with its clause
    return parts + [q for q in questions if q.strip()]


def grade(
    transcript: Sequence[Line], *, scenario: Scenario | None = None, language: str = "en",
    policy_chunks: Sequence[Chunk] = (), other_names: Sequence[str] = (), cues: Cues | None = None,
) -> Debrief:
    """Grade the trainee's turns; `other_names` are other clients' names that must never be mentioned."""
    if not any(line.speaker == "trainee" for line in transcript):
        raise InvalidTranscript("the transcript has no trainee turns (speaker: trainee)")
    cues = cues or Cues.load()
    lang = language if language in VERDICT_WORDS["met"] else "en"
    facts = _read(transcript, cues, other_names)
    verdicts = _judge(facts)
    points = []
    for criterion in CRITERIA:
        verdict, evidence = verdicts[criterion.id]
        points.append(_point(criterion.id, criterion.points, verdict, evidence, lang,
                             cite_policy(policy_chunks, criterion.doc_id, criterion.section, lang)))
    if scenario is not None:
        hit = next((h for i in facts.trainee if (h := cues.goal(scenario.kind, transcript[i].text))), None)
        policy = scenario.policies[0] if scenario.policies else cite_policy(
            policy_chunks, "suitability-and-fair-selling-policy", "Needs first", lang)
        points.append(_point("scenario_goal", SCENARIO_GOAL_POINTS, "met" if hit else "missed", hit or "", lang,
                             policy))
    applicable = [p for p in points if p.verdict != "not_applicable"]
    total = sum(p.max_points for p in applicable)
    score = round(100.0 * sum(p.points for p in applicable) / total, 1) if total else 0.0
    return Debrief(score, tuple(points), lang, scenario.id if scenario else None)


@dataclass(frozen=True)
class _Facts:
    trainee: list[int]  # indexes of the trainee's turns
    needs_questions: list[tuple[int, str]]
    proposals: list[tuple[int, str]]
    reasons: dict[int, str]
    answered: list[int]  # client turns that follow a needs question
    push: list[str]
    pressure: list[str]
    fees: list[str]
    promises: list[str]
    leaks: list[str]


def _read(transcript: Sequence[Line], cues: Cues, other_names: Sequence[str]) -> _Facts:
    facts = _Facts([], [], [], {}, [], [], [], [], [], [])
    names = [fold(n) for n in other_names if len(n.strip()) >= 3]
    asked = False
    for i, line in enumerate(transcript):
        if line.speaker == "client":
            if asked:
                facts.answered.append(i)
            continue
        facts.trainee.append(i)
        text = line.text
        proposal = _proposal(cues, text)
        if proposal:
            facts.proposals.append((i, proposal))
        elif (need := cues.find("needs", text)) and cues.find("question", text, negatable=False):
            facts.needs_questions.append((i, need))
            asked = True
        if reason := cues.find("reason", text):
            facts.reasons[i] = reason
        for name, bucket in (("push", facts.push), ("pressure", facts.pressure), ("promise", facts.promises),
                             ("other_client", facts.leaks)):
            if hit := cues.find(name, text):
                bucket.append(hit)
        if hit := cues.find("fees", text, negatable=False):  # "there is no fee" discloses the cost too
            facts.fees.append(hit)
        folded = fold(text)
        facts.leaks.extend(text for n in names if n in folded)
        facts.leaks.extend(m.group(0) for m in _IBAN.finditer(text))
    return facts


def _proposal(cues: Cues, text: str) -> str | None:
    """The clause where a product is proposed: a product and a recommendation in the same clause."""
    for clause in clauses(text):
        if cues.find("product", clause) and (offer := cues.find("offer", clause)):
            return offer
    return None


def _judge(f: _Facts) -> dict[str, tuple[Verdict, str]]:
    first_need = f.needs_questions[0][0] if f.needs_questions else None
    first_offer = f.proposals[0][0] if f.proposals else None
    out: dict[str, tuple[Verdict, str]] = {}
    if first_need is None:
        out["needs_first"] = ("missed", f.proposals[0][1] if f.proposals else "")
    elif first_offer is not None and first_offer < first_need:
        out["needs_first"] = ("missed", f.proposals[0][1])
    else:
        out["needs_first"] = ("met", f.needs_questions[0][1])
    if not f.proposals:
        out["reason_from_situation"] = ("not_applicable", "") if not f.push else ("missed", f.push[0])
        out["costs_disclosed"] = ("not_applicable", "")
    else:
        # A proposal is reasoned when it says why, or when it follows a needs question the client answered.
        heard = [a for a in f.answered if first_need is not None and a > first_need]
        unreasoned = [(i, clause) for i, clause in f.proposals
                      if i not in f.reasons and not any(a < i for a in heard)]
        if f.push:
            out["reason_from_situation"] = ("missed", f.push[0])
        elif unreasoned:
            out["reason_from_situation"] = ("missed", unreasoned[0][1])
        else:
            tied = [f.reasons[i] for i, _ in f.proposals if i in f.reasons]
            out["reason_from_situation"] = ("met", tied[0] if tied else f.needs_questions[0][1])
        out["costs_disclosed"] = ("met", f.fees[0]) if f.fees else ("missed", "")
    out["no_promised_returns"] = ("missed", f.promises[0]) if f.promises else ("met", "")
    out["no_pressure"] = ("missed", f.pressure[0]) if f.pressure else ("met", "")
    out["confidentiality"] = ("missed", f.leaks[0]) if f.leaks else ("met", "")
    return out


def _point(criterion: str, points: int, verdict: Verdict, evidence: str, language: str,
           citation: SourceCitation) -> Point:
    earned = points if verdict == "met" else 0
    return Point(criterion, TITLES[criterion][language], verdict, earned, points, evidence[:200], citation)


def load_transcript(path: Path) -> list[Line]:
    """A transcript from JSON Lines or YAML: a list of {speaker: trainee|client, text: ...}."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidTranscript(f"cannot read {path}: {exc}") from exc
    return parse_transcript(raw, jsonl=path.suffix.lower() in (".jsonl", ".json"))


def parse_transcript(raw: str, *, jsonl: bool) -> list[Line]:
    """Turns from JSON Lines (one object a line) or YAML (a list of objects, or {turns: [...]})."""
    items: list[Any]
    try:
        if jsonl:
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            data = yaml.safe_load(raw)
            items = data.get("turns", []) if isinstance(data, dict) else data
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InvalidTranscript(f"the transcript is not valid {'JSON Lines' if jsonl else 'YAML'}: {exc}") from exc
    if not isinstance(items, list):
        raise InvalidTranscript("a transcript is a list of {speaker: trainee|client, text: ...}")
    lines = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or item.get("speaker") not in ("trainee", "client") \
                or not isinstance(item.get("text"), str):
            raise InvalidTranscript(f"turn {n}: expected {{speaker: trainee|client, text: ...}}, got {item!r}")
        lines.append(Line(item["speaker"], item["text"]))
    return lines
