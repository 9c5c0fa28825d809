"""Recognising 'what should I raise with this client today?' in five languages."""

from __future__ import annotations

import pytest

from assistant.agenda import is_agenda_question


@pytest.mark.parametrize("question", [
    "Anything I should raise with her today?", "What should I discuss with this client?",
    "Par ko man šodien runāt ar šo klientu?", "Par ko parunāt ar klientu rīt?",
    "Hva bør jeg ta opp med kunden i dag?", "Hva kan jeg snakke om med denne kunden?",
    "О чём мне сегодня поговорить с этим клиентом?", "Что обсудить с клиентом на встрече?",
    "今天和这位客户聊什么？", "这次见面应该跟客户讨论什么？",
])
def test_agenda_questions(question: str) -> None:
    assert is_agenda_question(question)


@pytest.mark.parametrize("question", [
    "What does an international transfer cost?", "Cik maksā starptautisks pārskaitījums?",
    "Hva koster en utenlandsbetaling?", "Сколько стоит международный перевод?", "国际转账多少钱？",
    "What is the early repayment fee?",
])
def test_product_questions_are_not_agenda_questions(question: str) -> None:
    assert not is_agenda_question(question)
