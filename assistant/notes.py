"""Advisors' interaction notes: checked, then added to the client's profile, where they feed answers and briefs."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from assistant.errors import InvalidQuestion, UnknownClient, UsageError
from guardrails.injection import InjectionDetector
from knowledge.profiles import Advisor, ClientProfile, Note

MAX_NOTE_CHARS = 4000


class NoteStore(Protocol):
    """The profile store, as far as notes need it."""

    def get(self, client_id: str) -> ClientProfile | None:
        """A client's profile."""
        ...

    def get_advisor(self, advisor_id: str) -> Advisor | None:
        """An advisor by id."""
        ...

    def upsert(self, profile: ClientProfile) -> None:
        """Store a profile."""
        ...


def add_note(
    store: NoteStore, *, client_id: str, author: str, text: str, on: dt.date, detector: InjectionDetector
) -> Note:
    """Add a dated, signed note; a note carrying instructions for an AI is refused, since notes feed prompts."""
    body = text.strip()
    if not body:
        raise InvalidQuestion("the note is empty")
    if len(body) > MAX_NOTE_CHARS:
        raise InvalidQuestion(f"the note is {len(body)} characters long; the limit is {MAX_NOTE_CHARS}")
    if store.get_advisor(author) is None:
        raise UsageError(f"no advisor with id {author!r}")
    profile = store.get(client_id)
    if profile is None:
        raise UnknownClient(f"no client with id {client_id!r}")
    screened = detector.check_passage(body)
    if screened.flagged:
        raise UsageError(f"the note looks like instructions for an AI ({', '.join(screened.categories)}); not stored")
    note = Note(on=on, author=author, text=body)
    store.upsert(profile.model_copy(update={"notes": (*profile.notes, note)}))
    return note
