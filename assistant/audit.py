"""The audit trail of turns: who asked, in which role, about which client, what was cited and hidden, the verdict.

Counts by entity type only, never a value; the question and answer themselves live (pseudonymised) with the
conversation. Hash-chaining and verification come with the hardening work.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, Text, insert, select

metadata = MetaData()
events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("client_id", String(64)),
    Column("session_id", String(64)),
    Column("verdict", String(32), nullable=False),
    Column("body", Text, nullable=False),
)


@dataclass(frozen=True)
class TurnEvent:
    """One turn as the compliance officer sees it."""

    user_id: str
    role: str
    client_id: str | None
    session_id: str | None
    verdict: str  # answered | not_found | manipulation_refused | privacy_refused | model_unavailable
    language: str = ""
    mode: str = ""
    model: str = ""
    sources: tuple[str, ...] = ()
    hidden: dict[str, int] = field(default_factory=dict)  # entity type -> count pseudonymised
    latency_ms: int = 0
    flags: tuple[str, ...] = ()  # manipulation categories found in the message
    withheld_passages: int = 0  # retrieved passages kept from the model because they carried instructions


class AuditLog:
    """Appends turn events; reads them back for compliance."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def record(self, event: TurnEvent) -> None:
        """Append one event."""
        with self._engine.begin() as conn:
            conn.execute(insert(events).values(
                at=dt.datetime.now(dt.UTC), user_id=event.user_id, role=event.role, client_id=event.client_id,
                session_id=event.session_id, verdict=event.verdict,
                body=json.dumps(asdict(event), ensure_ascii=False),
            ))

    def recent(self, limit: int = 100) -> list[TurnEvent]:
        """The newest events first."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(events.c.body).order_by(events.c.id.desc()).limit(limit)).scalars().all()
        out = []
        for body in rows:
            data = json.loads(body)
            data["sources"] = tuple(data["sources"])
            data["flags"] = tuple(data.get("flags", ()))
            out.append(TurnEvent(**data))
        return out
