"""Sessions and their turns in SQL (SQLite or PostgreSQL); turns are stored in redacted form only."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)

metadata = MetaData()

sessions = Table(
    "conv_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("client_id", String(64)),
    Column("language", String(8), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
turns = Table(
    "conv_turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("conv_sessions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("answer", Text),
    Column("language", String(8), nullable=False),
    Column("mode", String(16)),
    Column("citations", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Session:
    """A conversation: who holds it, about which client, in which language."""

    id: str
    user_id: str
    role: str
    client_id: str | None
    language: str


@dataclass(frozen=True)
class Turn:
    """One stored question and its answer (both redacted)."""

    question: str
    answer: str | None
    language: str


class ConversationStore:
    """Creates sessions and appends turns; the question is stored before the model is called."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def open(self, *, user_id: str, role: str, client_id: str | None, language: str) -> Session:
        """A new session."""
        session = Session(uuid.uuid4().hex, user_id, role, client_id, language)
        with self._engine.begin() as conn:
            conn.execute(insert(sessions).values(
                id=session.id, user_id=user_id, role=role, client_id=client_id, language=language,
                created_at=dt.datetime.now(dt.UTC),
            ))
        return session

    def get(self, session_id: str) -> Session | None:
        """A session by id, if it exists."""
        with self._engine.connect() as conn:
            row = conn.execute(select(sessions).where(sessions.c.id == session_id)).first()
        return Session(row.id, row.user_id, row.role, row.client_id, row.language) if row else None

    def begin_turn(self, session_id: str, *, question: str, language: str) -> int:
        """Store the (redacted) question; returns the turn id to complete later."""
        with self._engine.begin() as conn:
            result = conn.execute(insert(turns).values(
                session_id=session_id, question=question, language=language, created_at=dt.datetime.now(dt.UTC),
            ))
            key = result.inserted_primary_key
            assert key is not None, "the database returned no id for the new turn"
            return int(key[0])

    def finish_turn(self, turn_id: int, *, answer: str, mode: str, citations: list[dict[str, object]]) -> None:
        """Store the (redacted) answer of a turn."""
        with self._engine.begin() as conn:
            conn.execute(turns.update().where(turns.c.id == turn_id).values(
                answer=answer, mode=mode, citations=json.dumps(citations, ensure_ascii=False),
            ))

    def history(self, session_id: str, *, limit: int = 20) -> list[Turn]:
        """The last turns of a session, oldest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(turns.c.question, turns.c.answer, turns.c.language)
                .where(turns.c.session_id == session_id).order_by(turns.c.id.desc()).limit(limit)
            ).all()
        return [Turn(r.question, r.answer, r.language) for r in reversed(rows)]

    def count_turns(self, session_id: str) -> int:
        """How many turns a session has."""
        with self._engine.connect() as conn:
            return int(conn.execute(
                select(func.count()).select_from(turns).where(turns.c.session_id == session_id)
            ).scalar_one())

    def sessions_of(self, user_id: str, *, limit: int = 50) -> list[tuple[Session, dt.datetime, int, str]]:
        """A user's sessions, newest first: when each began, how many turns it has, and its first (redacted)
        question."""
        count = select(func.count()).select_from(turns).where(turns.c.session_id == sessions.c.id).scalar_subquery()
        first = (select(turns.c.question).where(turns.c.session_id == sessions.c.id)
                 .order_by(turns.c.id).limit(1).correlate(sessions).scalar_subquery())
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(sessions, count.label("turns"), first.label("first"))
                .where(sessions.c.user_id == user_id).order_by(sessions.c.created_at.desc()).limit(limit)
            ).all()
        return [(Session(r.id, r.user_id, r.role, r.client_id, r.language), r.created_at, int(r.turns), r.first or "")
                for r in rows]

    def citations(self, session_id: str) -> list[list[dict[str, object]]]:
        """The stored citations of each turn of a session, oldest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(turns.c.citations).where(turns.c.session_id == session_id)
                                .order_by(turns.c.id)).scalars().all()
        return [json.loads(r) if r else [] for r in rows]
