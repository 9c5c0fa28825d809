"""Training prompts as data: the quiz writer's and the client persona's, assembled from parts passed in."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat_model import ChatMessage

LANGUAGE_NAMES = {"en": "English", "lv": "Latvian", "no": "Norwegian (Bokmål)", "ru": "Russian", "zh": "Chinese"}

QUIZ_SYSTEM = (
    "You write quiz questions for new relationship advisors at a bank. Use only the passage you are given. "
    "Write the questions in {language}. Each answer must be copied word for word from the passage (a figure, "
    "a deadline or a rule), never computed or paraphrased. Reply with one JSON object per line and nothing else: "
    '{{"question": "...", "answer": "...", "options": ["...", "...", "...", "..."]}} '
    "(options: the answer and three wrong but plausible choices; leave options out for a short-answer question)."
)
QUIZ_USER = "Passage from \u201c{title}\u201d, section \u201c{section}\u201d:\n\n{text}\n\nWrite {count} questions."

PERSONA_SYSTEM = (
    "You are role-playing a bank client in a training exercise for a new advisor. Stay in character: you are the "
    "client, never the advisor or an assistant, and you never mention that this is an exercise. Always answer in "
    "{language}, in one to three short sentences, as a real client would. You do not know bank policy. "
    "Share your situation only when the advisor asks about it; if the advisor pushes a product without asking "
    "about your needs, be hesitant and ask why it suits you and what it costs.\n\nWho you are:\n{facts}\n\n"
    "Why you came today: {concern}"
)


def quiz_messages(*, title: str, section: str, text: str, language: str, count: int) -> list[ChatMessage]:
    """The request that asks the model for `count` questions on one passage, in the trainee's language."""
    return [
        ChatMessage("system", QUIZ_SYSTEM.format(language=LANGUAGE_NAMES.get(language, language))),
        ChatMessage("user", QUIZ_USER.format(title=title, section=section, text=text, count=count)),
    ]


def persona_messages(
    *, facts: Sequence[str], concern: str, language: str, history: Sequence[tuple[str, str]]
) -> list[ChatMessage]:
    """The persona prompt and the conversation so far ((speaker, text); the trainee speaks as the user)."""
    system = PERSONA_SYSTEM.format(
        language=LANGUAGE_NAMES.get(language, language), facts="\n".join(f"- {f}" for f in facts), concern=concern,
    )
    messages = [ChatMessage("system", system)]
    for speaker, text in history:
        messages.append(ChatMessage("user" if speaker == "trainee" else "assistant", text))
    return messages
