"""The language-model answerer: grounded prompt, numbered sources, citations checked against what was given."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer import Citation
from assistant.chat_model import ChatMessage
from assistant.extractive import Draft
from assistant.gated import GatedChatModel
from assistant.privacy import PrivacyContext
from assistant.prompts import not_found, system_prompt, user_prompt
from guardrails.injection import InjectionDetector
from knowledge.retrieval import Retrieval
from knowledge.types import Passage

_MARKER = re.compile(r"\[(\d{1,2})\]")


class LlmAnswerer:
    """Asks the (gated) chat model to answer from the passages and cite them."""

    def __init__(self, *, model: GatedChatModel, detector: InjectionDetector) -> None:
        self._model = model
        self._detector = detector

    def answer(
        self, question: str, *, language: str, role: str, retrieval: Retrieval, privacy: PrivacyContext
    ) -> Draft:
        """A cited answer; markers that point at no given passage are dropped from the citations.

        The model sees placeholders only: the question and every passage are pseudonymised first, the gate
        checks the final payload, and the reply is restored for the asker.
        """
        # A passage that carries instructions for a model is data someone planted: it never reaches the prompt.
        passages = [p for p in retrieval.passages if not self._detector.check_passage(p.chunk.text).flagged]
        withheld = len(retrieval.passages) - len(passages)
        if not passages:
            return Draft(not_found(role, language), (), found=False, withheld=withheld)
        hidden = [_hidden(p, privacy) for p in passages]
        messages = [
            ChatMessage("system", system_prompt(role, language)),
            ChatMessage("user", user_prompt(privacy.hide(question).text, hidden)),
        ]
        reply = privacy.reveal(self._model.complete(messages, known=privacy.find).strip(), may_see=_asker_may_see)
        cited = sorted({int(m) for m in _MARKER.findall(reply) if 1 <= int(m) <= len(passages)})
        citations = tuple(Citation.of(n, passages[n - 1]) for n in cited)
        return Draft(reply, citations, found=bool(citations), withheld=withheld)


def _hidden(passage: Passage, privacy: PrivacyContext) -> Passage:
    return replace(passage, chunk=replace(passage.chunk, text=privacy.hide(passage.chunk.text).text))


def _asker_may_see(entity_type: str) -> bool:
    # Everything in this conversation came from the asker's own message or a client profile they may see.
    return True
