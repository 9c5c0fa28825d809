"""The client of the conversation as a source the model may cite: the advisor's meeting brief, or, for a client,
only their own data.

The context is one more numbered source in the prompt, pseudonymised like every passage, so an answer about the
client cites where its facts came from.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.briefs import SOURCE_MARKER, meeting_brief, own_data_summary
from assistant.privacy import ClientLookup
from knowledge.types import Chunk, DocumentMeta, Passage

CONTEXT_TITLE = {"en": "Client profile", "lv": "Klienta profils", "no": "Kundeprofil", "ru": "Профиль клиента",
                 "zh": "客户档案"}


def client_context(
    clients: ClientLookup, client_id: str, *, role: str, language: str, today: dt.date
) -> Passage | None:
    """The client's facts for this role, as a passage; None when the client is unknown."""
    profile = clients.get(client_id)
    if profile is None:
        return None
    if role == "client":  # their own data only: no notes, signals or internal verdicts
        text = own_data_summary(profile, language=language)
    else:
        text = meeting_brief(profile, today=today, linked=clients.linked(client_id), language=language)
    # the brief's source markers serve a reader checking sources, not an answer
    text = re.sub(rf"\s*{SOURCE_MARKER.pattern}", "", text)
    title = CONTEXT_TITLE.get(language, CONTEXT_TITLE["en"])
    meta = DocumentMeta(
        doc_id=f"client:{client_id}", title=title, audience="internal" if role != "client" else "public",
        language=language, product="client", effective_date=today, supersedes=None, source=f"profiles/{client_id}",
    )
    return Passage(Chunk(f"client:{client_id}:{today.isoformat()}", meta, "", text, 0), 1.0, None, None)
