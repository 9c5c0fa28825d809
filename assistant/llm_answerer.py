"""The language-model answerer: grounded prompt, numbered sources, citations checked against what was given."""

from __future__ import annotations

import re

from assistant.answer import Citation
from assistant.chat_model import ChatMessage, ChatModel
from assistant.extractive import Draft
from assistant.prompts import not_found, system_prompt, user_prompt
from knowledge.retrieval import Retrieval

_MARKER = re.compile(r"\[(\d{1,2})\]")


class LlmAnswerer:
    """Asks the (gated) chat model to answer from the passages and cite them."""

    def __init__(self, *, model: ChatModel) -> None:
        self._model = model

    def answer(self, question: str, *, language: str, role: str, retrieval: Retrieval) -> Draft:
        """A cited answer; markers that point at no given passage are dropped from the citations."""
        passages = retrieval.passages
        if not passages:
            return Draft(not_found(role, language), (), found=False)
        reply = self._model.complete(
            [ChatMessage("system", system_prompt(role, language)), ChatMessage("user", user_prompt(question, passages))]
        ).strip()
        cited = sorted({int(m) for m in _MARKER.findall(reply) if 1 <= int(m) <= len(passages)})
        citations = tuple(Citation.of(n, passages[n - 1]) for n in cited)
        return Draft(reply, citations, found=bool(citations))
