"""The labelled PII set and its scorer; structured identifiers must meet the floors in every language."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from evals.pii import (
    MIN_PRECISION,
    MIN_RECALL,
    STRUCTURED_TYPES,
    GoldSpan,
    default_pii_data_dir,
    evaluate_pii,
    load_pii_set,
    match_spans,
)
from guardrails.pii import ENTITY_TYPES, PiiEntity
from guardrails.presidio_engine import PresidioEngine

DATA = default_pii_data_dir()
LANGUAGES = ("en", "lv", "no", "ru", "zh")


def test_the_set_is_well_formed_and_large_enough() -> None:
    records = load_pii_set(DATA)
    per_language = {lang: sum(len(r["entities"]) for r in records if r["language"] == lang) for lang in LANGUAGES}
    assert all(n >= 60 for n in per_language.values()), per_language
    assert sum(per_language.values()) >= 300
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert any(not r["entities"] for r in records if r["language"] == record["language"])  # has negatives
        for span in record["entities"]:
            assert span["type"] in ENTITY_TYPES
            assert 0 <= span["start"] < span["end"] <= len(record["text"])
            assert record["text"][span["start"] : span["end"]].strip() == record["text"][span["start"] : span["end"]]


def test_committed_set_matches_its_generator() -> None:
    spec = importlib.util.spec_from_file_location("pii_generate", DATA / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for language in LANGUAGES:
        committed = [json.loads(line) for line in (DATA / f"{language}.jsonl").read_text("utf-8").splitlines()]
        assert module.generate(language) == committed


def test_structured_identifiers_meet_the_floors_in_every_language() -> None:
    report = evaluate_pii(PresidioEngine(), DATA)
    rows = {(r.language, r.entity_type): r for r in report.rows}
    for language in LANGUAGES:
        for entity_type in STRUCTURED_TYPES:
            row = rows[(language, entity_type)]
            assert row.gold > 0, (language, entity_type)
            assert row.recall is not None and row.recall >= MIN_RECALL, row
            assert row.precision is not None and row.precision >= MIN_PRECISION, row
    assert report.passed
    assert "| lv | IBAN |" in report.to_markdown()
    assert report.to_dict()["passed"] is True


class _Fixed:
    def __init__(self, entities: list[PiiEntity]) -> None:
        self.entities = entities

    def analyze(self, text: str, language: str) -> list[PiiEntity]:
        return self.entities


def _one_record(tmp_path: Path) -> Path:
    record = {"id": "x-1", "language": "en", "text": "call 29123456 now", "entities": [
        {"type": "PHONE", "start": 5, "end": 13}]}
    (tmp_path / "en.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("predicted", "tp", "fp", "fn"),
    [
        ([PiiEntity("PHONE", 5, 13, 1.0)], 1, 0, 0),
        ([PiiEntity("PHONE", 9, 17, 1.0)], 1, 0, 0),  # overlaps 4 of 8 gold chars: exactly half counts
        ([PiiEntity("PHONE", 10, 17, 1.0)], 0, 1, 1),  # 3 of 8: too little
        ([PiiEntity("EMAIL", 5, 13, 1.0)], 0, 0, 1),  # wrong type: a miss, and a spurious EMAIL
        ([], 0, 0, 1),
    ],
)
def test_scoring_rules(tmp_path: Path, predicted: list[PiiEntity], tp: int, fp: int, fn: int) -> None:
    report = evaluate_pii(_Fixed(predicted), _one_record(tmp_path))
    phone = next(r for r in report.rows if r.language == "en" and r.entity_type == "PHONE")
    assert (phone.tp, phone.fp, phone.fn) == (tp, fp, fn)
    if tp:
        assert phone.recall == 1.0 and phone.f2 == 1.0


def test_one_prediction_matches_one_gold_span() -> None:
    gold = [GoldSpan("PHONE", 0, 8), GoldSpan("PHONE", 0, 8)]
    assert match_spans(gold, [PiiEntity("PHONE", 0, 8, 1.0)]) == ({0}, {0})


def test_f2_weighs_recall_over_precision(tmp_path: Path) -> None:
    predicted = [PiiEntity("PHONE", 5, 13, 1.0), PiiEntity("PHONE", 14, 17, 1.0)]
    report = evaluate_pii(_Fixed(predicted), _one_record(tmp_path))
    phone = next(r for r in report.rows if r.language == "all" and r.entity_type == "PHONE")
    assert phone.precision == 0.5 and phone.recall == 1.0
    assert phone.f2 == pytest.approx(5 * 0.5 * 1.0 / (4 * 0.5 + 1.0))
