"""Quizzes: every answer stands in its cited passage, in all five languages; the CLI contract; the model path."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from assistant.container import Rapport
from assistant.gated import GatedChatModel
from assistant.language import LanguageDetector
from assistant.settings import Settings
from assistant.training.quiz import CLOZE_QUESTION, TABLE_QUESTION, QuizQuestion, build_quiz, grade_quiz, write_quiz
from assistant.training.sources import catalog_chunks, normalise
from knowledge.types import Chunk
from tests.fakes import RecordingChatModel

LANGS = ("en", "lv", "no", "ru", "zh")


@pytest.fixture(scope="module")
def chunks(sample_rapport: Rapport) -> list[Chunk]:
    return catalog_chunks(sample_rapport.catalog)


def _supported(rapport: Rapport, q: QuizQuestion) -> bool:
    chunk = rapport.catalog.chunk(q.citation.chunk_id)
    assert chunk is not None, f"citation points at no indexed chunk: {q.citation}"
    text = normalise(chunk.text)
    return normalise(q.answer) in text and normalise(q.citation.excerpt) in text


def _template_prefix(template: str) -> str:
    return template.split("{", 1)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_answer_is_in_its_cited_passage(sample_rapport: Rapport, chunks: list[Chunk], lang: str) -> None:
    questions = build_quiz(chunks, language=lang, n=40, seed=7)
    assert len(questions) == 40
    for q in questions:
        assert _supported(sample_rapport, q), q
        assert q.language == lang
        assert q.citation.language == lang  # enough facts in every language: no fallback needed
        chunk = sample_rapport.catalog.chunk(q.citation.chunk_id)
        assert chunk is not None and chunk.meta.doc_id == q.citation.doc_id and chunk.section == q.citation.section
        if q.kind == "multiple_choice":
            assert q.answer in q.options and len(set(map(normalise, q.options))) == len(q.options) == 4
        else:
            assert q.options == ()
    assert len({q.id for q in questions}) == len(questions)
    assert len({q.citation.doc_id for q in questions}) >= 5  # spread over documents


@pytest.mark.parametrize("lang", LANGS)
def test_questions_are_phrased_in_the_trainees_language(chunks: list[Chunk], lang: str) -> None:
    detector = LanguageDetector()
    questions = build_quiz(chunks, language=lang, n=12, seed=3)
    prefixes = (_template_prefix(TABLE_QUESTION[lang]), _template_prefix(CLOZE_QUESTION[lang]))
    assert all(q.prompt.startswith(prefixes) for q in questions)
    detected = [detector.detect(q.prompt, fallback="?") for q in questions]
    assert detected.count(lang) >= len(questions) * 0.8, list(zip(detected, [q.prompt for q in questions], strict=True))


def test_superseded_documents_are_never_quizzed(chunks: list[Chunk]) -> None:
    quiz = build_quiz(chunks, language="lv", n=200, seed=1)
    assert quiz and all(q.citation.doc_id != "fee-schedule-2025" for q in quiz)


def test_the_seed_fixes_the_quiz(chunks: list[Chunk]) -> None:
    first = [q.id for q in build_quiz(chunks, language="no", n=10, seed=11)]
    assert first == [q.id for q in build_quiz(chunks, language="no", n=10, seed=11)]
    assert first != [q.id for q in build_quiz(chunks, language="no", n=10, seed=12)]


def test_english_internal_policies_fill_in_with_the_question_in_the_trainees_language(
    sample_rapport: Rapport, chunks: list[Chunk]
) -> None:
    few_russian = [c for c in chunks if c.meta.language == "ru" and c.meta.doc_id == "complaints"][:1]
    english = [c for c in chunks if c.meta.language == "en"]
    quiz = build_quiz([*few_russian, *english], language="ru", n=15, seed=2)
    assert len(quiz) == 15
    fallback = [q for q in quiz if q.citation.language == "en"]
    assert fallback, "a thin Russian source should be topped up from English"
    for q in fallback:
        chunk = sample_rapport.catalog.chunk(q.citation.chunk_id)
        assert chunk is not None and chunk.meta.audience == "internal"
        assert q.prompt.startswith((_template_prefix(TABLE_QUESTION["ru"]), _template_prefix(CLOZE_QUESTION["ru"])))
        assert _supported(sample_rapport, q)


def test_grading_a_quiz(chunks: list[Chunk]) -> None:
    quiz = build_quiz(chunks, language="en", n=8, seed=5)
    right = {q.id: q.answer.upper() for q in quiz}  # case and spacing do not matter
    assert grade_quiz(quiz, right).percent == 100.0
    by_letter = {q.id: "ABCD"[q.options.index(q.answer)] for q in quiz if q.options}
    assert len(grade_quiz(quiz, by_letter).correct) == len(by_letter)
    assert grade_quiz(quiz, {q.id: "no idea" for q in quiz}).percent == 0.0


@pytest.fixture
def cli_env(sample_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(sample_settings.data_dir))
    yield


def test_cli_quiz_in_russian(sample_rapport: Rapport, cli_env: None) -> None:
    from api.cli import app

    result = CliRunner().invoke(app, ["train", "quiz", "--lang", "ru", "--n", "10", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["language"] == "ru" and len(body["questions"]) == 10
    for q in body["questions"]:
        assert q["language"] == "ru" and any("\u0400" <= ch <= "\u04ff" for ch in q["question"])
        assert q["answer"] and q["citation"]["doc_id"] and q["citation"]["chunk_id"] and q["citation"]["excerpt"]
        chunk = sample_rapport.catalog.chunk(q["citation"]["chunk_id"])
        assert chunk is not None and normalise(q["answer"]) in normalise(chunk.text)


def test_cli_refuses_an_unknown_language(cli_env: None) -> None:
    from api.cli import app

    result = CliRunner().invoke(app, ["train", "quiz", "--lang", "de", "--json"])
    assert result.exit_code == 1 and "unknown language" in json.loads(result.stdout)["error"]


def test_model_written_questions_are_kept_only_when_the_passage_holds_the_answer(
    sample_rapport: Rapport, chunks: list[Chunk]
) -> None:
    passage = next(c for c in chunks if c.meta.language == "ru" and c.meta.doc_id == "term-deposits"
                   and "2,40%" in c.text)
    good = {"question": "Какова ставка по депозиту на 12 месяцев?", "answer": "2,40%",
            "options": ["1,80%", "2,40%", "2,60%", "3,10%"]}
    invented = {"question": "Какова ставка по депозиту на 60 месяцев?", "answer": "3,75%"}
    paraphrased = {"question": "Сколько стоит досрочное расторжение?", "answer": "тридцать евро"}
    broken = {"question": "Минимальная сумма депозита?", "answer": "1 000 EUR", "options": ["500 EUR", "2 000 EUR"]}
    reply = "Вот вопросы:\n" + "\n".join(json.dumps(x, ensure_ascii=False) for x in (good, invented, paraphrased,
                                                                                      broken))
    inner = RecordingChatModel([reply])
    model = GatedChatModel(inner, sample_rapport.gate)
    quiz = write_quiz(model, [passage], language="ru", n=5)
    assert [q.answer for q in quiz] == ["2,40%"]
    assert quiz[0].origin == "model" and quiz[0].citation.chunk_id == passage.id
    assert normalise("2,40%") in normalise(quiz[0].citation.excerpt)
    assert len(inner.requests) == 1 and passage.text in inner.payloads[0]  # the model saw the passage it is held to
