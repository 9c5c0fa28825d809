"""Follow-up questions made standalone for retrieval: "and for her daughter?" searched together with what came before.

Offline there is no model to rewrite a follow-up, so a question that leans on the conversation is searched together
with the previous question. A question leans on it when it is short, or opens with a continuation ("and", "what
about", "а", "那"), or points back with a pronoun. The cues are data, per language; a standalone question with
none of them is searched alone, so a change of topic is not dragged back to the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

# Openings that continue the previous question.
CONTINUATIONS: dict[str, tuple[str, ...]] = {
    "en": ("and ", "what about", "how about", "also ", "then ", "but ", "same for", "or "),
    "lv": ("un ", "bet ", "kā ar", "kas ar", "kā tad ar", "arī ", "vai arī", "tad "),
    "no": ("og ", "hva med", "hva om", "men ", "også ", "enn ", "samme for", "eller "),
    "ru": ("а ", "и ", "как насчёт", "как насчет", "что насчёт", "что насчет", "а если", "тогда ", "но ", "или "),
    "zh": ("那", "还有", "那么", "另外", "而", "如果是", "再"),
}
# Words that point back to something named earlier.
POINTERS: dict[str, frozenset[str]] = {  # personal pronouns only: "this", "there", "это" start standalone questions
    "en": frozenset(["it", "its", "they", "them", "their", "she", "her", "hers", "he", "his", "him"]),
    "lv": frozenset(["viņš", "viņa", "viņi", "viņas", "viņam", "viņai", "viņu", "viņiem"]),
    "no": frozenset(["hun", "hennes", "han", "hans", "ham", "dem", "deres"]),
    "ru": frozenset(["он", "она", "оно", "они", "его", "её", "ее", "их", "ему", "ей", "им", "него", "неё",
                     "нее", "них"]),
    "zh": frozenset(),  # Chinese pronouns are single characters: see is_follow_up
}
_ZH_POINTERS = ("她", "他", "它", "他们", "她们")
_WORDS = regex.compile(r"\p{L}+")
SHORT_WORDS = 4  # a question of this many words or fewer is read as a follow-up when there is history
SHORT_ZH_CHARS = 8


def standalone_query(question: str, previous: Sequence[str], *, language: str) -> str:
    """The text to search for: the question alone, or with the previous question when it is a follow-up."""
    if not previous or not is_follow_up(question, language=language):
        return question
    return f"{previous[-1]} {question}"


def is_follow_up(question: str, *, language: str) -> bool:
    """True when the question cannot stand alone: short, a continuation, or pointing back."""
    text = question.strip().lower()
    if language == "zh":
        han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        return 0 < han <= SHORT_ZH_CHARS or text.startswith(CONTINUATIONS["zh"]) or any(p in text for p in _ZH_POINTERS)
    words = _WORDS.findall(text)
    if len(words) <= SHORT_WORDS:
        return True
    if text.startswith(CONTINUATIONS.get(language, CONTINUATIONS["en"])):
        return True
    return bool(set(words) & POINTERS.get(language, POINTERS["en"]))
