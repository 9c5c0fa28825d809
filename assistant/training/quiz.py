"""Quizzes from the documents' facts: a table row becomes "what is the X for Y?", a sentence with a figure a cloze.

Built offline and deterministically from a seed. Each question carries its answer and a citation whose excerpt
holds the answer word for word. Questions come from documents in the trainee's language; when those run short,
English internal policies fill the quiz, with the question still phrased in the trainee's language. With a
(gated) chat model, the model writes the questions and only those whose answer is in the cited passage are kept.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.errors import PrivacyRefusal, UsageError
from assistant.gated import GatedChatModel
from assistant.settings import LANGUAGES
from assistant.training.prompts import quiz_messages
from assistant.training.sources import SourceCitation, normalise, supports
from knowledge.markdown import iter_blocks, split_sentences, strip_inline, table_rows
from knowledge.types import Chunk

QuestionKind = Literal["multiple_choice", "short_answer"]
Origin = Literal["documents", "model"]
OPTIONS = 4
BLANK = "____"
MAX_ANSWER_CHARS = 80

TABLE_QUESTION = {
    "en": "According to \u201c{title}\u201d, what is \u201c{column}\u201d for \u201c{row}\u201d?",
    "lv": "Saskaņā ar dokumentu \u201c{title}\u201d: kāda ir vērtība \u201c{column}\u201d pozīcijai \u201c{row}\u201d?",
    "no": "Ifølge \u00ab{title}\u00bb: hva er \u00ab{column}\u00bb for \u00ab{row}\u00bb?",
    "ru": "Согласно документу \u00ab{title}\u00bb: каково значение \u00ab{column}\u00bb для \u00ab{row}\u00bb?",
    "zh": "根据《{title}》，\u201c{row}\u201d的\u201c{column}\u201d是什么？",
}
CLOZE_QUESTION = {
    "en": "Fill in the blank (\u201c{title}\u201d): {sentence}",
    "lv": "Aizpildiet tukšo vietu (\u201c{title}\u201d): {sentence}",
    "no": "Fyll inn det som mangler (\u00ab{title}\u00bb): {sentence}",
    "ru": "Заполните пропуск (\u00ab{title}\u00bb): {sentence}",
    "zh": "填空（《{title}》）：{sentence}",
}

# A figure: an amount, a rate, a count of days. Digits in any script's text (Chinese runs them into characters),
# grouped by spaces, commas or dots, with a currency or percent sign attached when there is one.
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9.,+/\-])"
    r"(?:EUR\s?|NOK\s?)?\d+(?:[ \u00a0\u202f,.]\d{3})*(?:[.,]\d+)?(?![\d])"
    r"(?:\s?(?:%|EUR|NOK|欧元|挪威克朗)(?![A-Za-z]))?"
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_SKIP_SENTENCE = re.compile(r"@|\+\d|https?://|\d{1,2}:\d{2}")  # contacts and clock times make poor questions


@dataclass(frozen=True)
class QuizQuestion:
    """One question: what is asked, the answer, the choices (multiple choice) and where the answer stands."""

    id: str
    kind: QuestionKind
    language: str
    prompt: str
    answer: str
    citation: SourceCitation
    options: tuple[str, ...] = ()
    origin: Origin = "documents"

    def to_dict(self) -> dict[str, object]:
        """The `rapport train quiz --json` contract (extra keys are additive)."""
        return {"id": self.id, "kind": self.kind, "language": self.language, "question": self.prompt,
                "options": list(self.options), "answer": self.answer, "origin": self.origin,
                "citation": self.citation.to_dict()}


@dataclass(frozen=True)
class QuizScore:
    """How a trainee did: the ids answered correctly out of all."""

    correct: tuple[str, ...]
    total: int
    wrong: tuple[str, ...] = field(default=())

    @property
    def percent(self) -> float:
        """Share of correct answers, 0-100."""
        return round(100.0 * len(self.correct) / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class _Candidate:
    chunk: Chunk
    answer: str
    prompt_parts: tuple[str, dict[str, str]]  # template name and its fields
    excerpt: str
    pool: tuple[str, ...]  # wrong answers of the same kind


def build_quiz(
    chunks: Sequence[Chunk], *, language: str, n: int = 10, seed: int = 0,
    kinds: Sequence[QuestionKind] = ("multiple_choice", "short_answer"),
) -> list[QuizQuestion]:
    """Up to n questions in `language`, drawn across documents; the same seed gives the same quiz."""
    _check(language, n)
    rng = random.Random(seed)
    own = [c for c in chunks if c.meta.language == language]
    picked = _pick(_candidates(own), n, rng)
    if len(picked) < n and language != "en":  # fall back to the English internal policies
        english = [c for c in chunks if c.meta.language == "en" and c.meta.audience == "internal"]
        picked += _pick(_candidates(english), n - len(picked), rng, avoid={_key(c) for c in picked})
    return [_question(c, language, rng, kinds) for c in picked]


def write_quiz(
    model: GatedChatModel, chunks: Sequence[Chunk], *, language: str, n: int = 10, seed: int = 0,
    per_passage: int = 3, max_calls: int | None = None,
) -> list[QuizQuestion]:
    """Questions written by the model on passages in `language`; only those whose answer is in the passage stay.

    A passage the egress gate refuses is skipped (nothing was sent); a model that is down raises ModelUnavailable.
    """
    _check(language, n)
    rng = random.Random(seed)
    own = [c for c in chunks if c.meta.language == language and _candidates([c])]
    rng.shuffle(own)
    kept: list[QuizQuestion] = []
    seen: set[str] = set()
    for calls, chunk in enumerate(own):
        if len(kept) >= n or (max_calls is not None and calls >= max_calls):
            break
        messages = quiz_messages(title=chunk.meta.title, section=chunk.section, text=chunk.text, language=language,
                                 count=per_passage)
        try:
            reply = model.complete(messages)
        except PrivacyRefusal:
            continue
        for item in parse_model_questions(reply):
            question = _model_question(item, chunk, language)
            if question is not None and question.id not in seen and len(kept) < n:
                seen.add(question.id)
                kept.append(question)
    return kept


def parse_model_questions(reply: str) -> list[dict[str, object]]:
    """The JSON objects in a model's reply (one per line, or an array), ignoring any prose around them."""
    decoder = json.JSONDecoder()
    found: list[dict[str, object]] = []
    i = 0
    while (start := reply.find("{", i)) != -1:
        try:
            value, end = decoder.raw_decode(reply, start)
        except json.JSONDecodeError:
            i = start + 1
            continue
        if isinstance(value, dict):
            found.append(value)
        i = end
    return found


def grade_quiz(questions: Sequence[QuizQuestion], answers: Mapping[str, str]) -> QuizScore:
    """Score a trainee's answers (question id -> answer; a choice may be given by its letter A-D)."""
    correct: list[str] = []
    wrong: list[str] = []
    for q in questions:
        given = answers.get(q.id, "").strip()
        if q.options and len(given) == 1 and given.upper() in "ABCDEFGH"[: len(q.options)]:
            given = q.options["ABCDEFGH".index(given.upper())]
        (correct if given and _loose(given) == _loose(q.answer) else wrong).append(q.id)
    return QuizScore(tuple(correct), len(questions), tuple(wrong))


def _check(language: str, n: int) -> None:
    if language not in LANGUAGES:
        raise UsageError(f"unknown language '{language}'; use one of {', '.join(LANGUAGES)}")
    if n < 1:
        raise UsageError("a quiz needs at least one question (n >= 1)")


def _loose(text: str) -> str:
    """Normalised for comparing answers: case, spaces and the decimal comma do not matter."""
    return normalise(text).replace(" ", "").replace(",", ".").rstrip(".")


def _key(candidate: _Candidate) -> str:
    return f"{candidate.chunk.meta.doc_id}|{normalise(candidate.excerpt)}|{normalise(candidate.answer)}"


def _pick(cands: list[_Candidate], n: int, rng: random.Random, avoid: set[str] | None = None) -> list[_Candidate]:
    """n candidates spread over documents: shuffled within each, then taken in turn."""
    seen = set(avoid or ())
    by_doc: dict[str, list[_Candidate]] = {}
    for cand in cands:
        by_doc.setdefault(cand.chunk.meta.doc_id, []).append(cand)
    queues = []
    for doc_id in sorted(by_doc):
        queue = by_doc[doc_id][:]
        rng.shuffle(queue)
        queues.append(queue)
    rng.shuffle(queues)
    picked: list[_Candidate] = []
    used_excerpts: set[str] = set()
    while len(picked) < n and any(queues):
        for queue in queues:
            while queue:
                cand = queue.pop()
                key = _key(cand)
                # one question per sentence or table row, so a quiz never asks the same fact twice
                if key in seen or cand.excerpt in used_excerpts:
                    continue
                seen.add(key)
                used_excerpts.add(cand.excerpt)
                picked.append(cand)
                break
            if len(picked) >= n:
                break
    return picked


def _candidates(chunks: Sequence[Chunk]) -> list[_Candidate]:
    """Every question the chunks' tables and sentences support."""
    out: list[_Candidate] = []
    doc_figures: dict[str, list[str]] = {}
    sentences: list[tuple[Chunk, str, str]] = []
    for chunk in chunks:
        for block in iter_blocks(chunk.text):
            if block.kind == "table":
                out.extend(_table_candidates(chunk, block.lines))
                continue
            for sentence in split_sentences(strip_inline(block.text)):
                if _SKIP_SENTENCE.search(sentence):
                    continue
                for figure in _figures(sentence):
                    doc_figures.setdefault(chunk.meta.doc_id, []).append(figure)
                    sentences.append((chunk, sentence, figure))
    for chunk, sentence, figure in sentences:
        pool = tuple(dict.fromkeys(f for f in doc_figures[chunk.meta.doc_id]
                                   if _shape(f) == _shape(figure) and _loose(f) != _loose(figure)))
        blanked = re.sub(rf"(?<![\d.,]){re.escape(figure)}(?!\d)", BLANK, sentence)
        fields = {"title": chunk.meta.title, "sentence": blanked}
        out.append(_Candidate(chunk, figure, ("cloze", fields), sentence, pool))
    return out


def _table_candidates(chunk: Chunk, lines: Sequence[str]) -> list[_Candidate]:
    header, rows = table_rows(tuple(lines))
    if len(header) < 2:
        return []
    out = []
    body_lines = [line for line in lines if table_rows((line,))[1]][1:]  # the raw rows, header and rules out
    for column in range(1, len(header)):
        values = [row[column] for row in rows if len(row) == len(header)]
        for row, line in zip(rows, body_lines, strict=False):
            if len(row) != len(header):
                continue
            label, value = strip_inline(row[0]), strip_inline(row[column])
            if not label or not value or len(value) > MAX_ANSWER_CHARS or not re.search(r"\d", value):
                continue
            others = [strip_inline(v) for v in values if v and _loose(v) != _loose(value)]
            others.sort(key=lambda v: _shape(v) != _shape(value))  # look-alike distractors first
            pool = tuple(dict.fromkeys(others))
            fields = {"title": chunk.meta.title, "column": strip_inline(header[column]), "row": label}
            out.append(_Candidate(chunk, value, ("table", fields), line.strip(), pool))
    return out


def _figures(sentence: str) -> list[str]:
    """The figures of a sentence worth asking about (not years), each once."""
    found = [m.group(0).strip() for m in _FIGURE.finditer(sentence)]
    return list(dict.fromkeys(f for f in found if not _YEAR.match(f)))


def _shape(figure: str) -> str:
    """What kind of figure it is, so distractors look like the answer: percent, money, or a plain count."""
    if "%" in figure:
        return "percent"
    if re.search(r"EUR|NOK|欧元|挪威克朗", figure):
        return "money"
    return "count"


def _question(cand: _Candidate, language: str, rng: random.Random, kinds: Sequence[QuestionKind]) -> QuizQuestion:
    template, fields = cand.prompt_parts
    prompt = (TABLE_QUESTION if template == "table" else CLOZE_QUESTION)[language].format(**fields)
    kind: QuestionKind = "short_answer"
    options: tuple[str, ...] = ()
    if "multiple_choice" in kinds and len(cand.pool) >= OPTIONS - 1 and (
        "short_answer" not in kinds or rng.random() < 0.7
    ):
        alike = [p for p in cand.pool if _shape(p) == _shape(cand.answer)]
        pool = alike if len(alike) >= OPTIONS - 1 else list(cand.pool)
        choices = [cand.answer, *rng.sample(pool, OPTIONS - 1)]
        rng.shuffle(choices)
        kind, options = "multiple_choice", tuple(choices)
    elif "short_answer" not in kinds:
        kind = "multiple_choice"  # too few distractors: offer what there is
        choices = [cand.answer, *cand.pool]
        rng.shuffle(choices)
        options = tuple(choices)
    return QuizQuestion(
        id=_id(cand.chunk.id, prompt, cand.answer), kind=kind, language=language, prompt=prompt, answer=cand.answer,
        citation=SourceCitation.of(cand.chunk, cand.excerpt), options=options,
    )


def _model_question(item: Mapping[str, object], chunk: Chunk, language: str) -> QuizQuestion | None:
    """A model-written question, kept only when its answer is in the passage it was written from."""
    prompt, answer = item.get("question"), item.get("answer")
    if not isinstance(prompt, str) or not isinstance(answer, str) or not prompt.strip() or not answer.strip():
        return None
    answer = answer.strip()
    if len(answer) > MAX_ANSWER_CHARS * 2 or not supports(chunk, answer):
        return None
    raw = item.get("options")
    options: tuple[str, ...] = ()
    if isinstance(raw, list) and all(isinstance(o, str) for o in raw) and len(raw) >= 2:
        options = tuple(dict.fromkeys(str(o).strip() for o in raw))
        if not any(_loose(o) == _loose(answer) for o in options):
            return None  # the choices do not contain the answer: a broken question
    excerpt = _sentence_with(chunk, answer)
    return QuizQuestion(
        id=_id(chunk.id, prompt, answer), kind="multiple_choice" if options else "short_answer", language=language,
        prompt=prompt.strip(), answer=answer, citation=SourceCitation.of(chunk, excerpt), options=options,
        origin="model",
    )


def _sentence_with(chunk: Chunk, answer: str) -> str:
    """The line or sentence of the chunk that holds the answer, for the citation's excerpt."""
    needle = normalise(answer)
    for block in iter_blocks(chunk.text):
        pieces = list(block.lines) if block.kind == "table" else split_sentences(block.text)
        for piece in pieces:
            if needle in normalise(piece):
                return piece.strip()
    return " ".join(chunk.text.split())


def _id(chunk_id: str, prompt: str, answer: str) -> str:
    return hashlib.sha256(f"{chunk_id}\x00{prompt}\x00{answer}".encode()).hexdigest()[:12]

