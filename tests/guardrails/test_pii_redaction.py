"""redact(): typed placeholders in place of identifiers."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiEntity
from guardrails.presidio_engine import PresidioEngine
from guardrails.redaction import redact


def test_each_span_becomes_its_type() -> None:
    text = "Call +371 2912 3456 or mail a.b@inbox.lv today."
    entities = [PiiEntity("PHONE", 5, 19, 0.9), PiiEntity("EMAIL", 28, 40, 1.0)]
    assert redact(text, entities) == "Call <PHONE> or mail <EMAIL> today."


def test_order_of_entities_does_not_matter_and_overlaps_are_resolved() -> None:
    text = "LV80 BANK 0000 4351 9500 1!"
    entities = [PiiEntity("PHONE", 10, 26, 0.7), PiiEntity("IBAN", 0, 26, 1.0)]
    assert redact(text, entities) == "<IBAN>!"


def test_nothing_to_redact() -> None:
    assert redact("Nothing here.", []) == "Nothing here."


def test_span_outside_the_text_is_an_error() -> None:
    with pytest.raises(ValueError):
        redact("short", [PiiEntity("EMAIL", 0, 50, 1.0)])


def test_end_to_end_in_chinese() -> None:
    text = "我的身份证号是11010519491231002X，手机13800138000"
    found = PresidioEngine(languages=("zh",)).analyze(text, "zh")
    assert redact(text, found) == "我的身份证号是<NATIONAL_ID>，手机<PHONE>"
