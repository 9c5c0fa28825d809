"""Training progress in SQL (SQLite or PostgreSQL): each trainee's sessions and scores; a trainer sees the cohort."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
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

from assistant.errors import UnknownSession, UsageError

metadata = MetaData()
SessionKind = Literal["quiz", "roleplay"]

training_sessions = Table(
    "training_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("trainee_id", String(128), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("scenario_id", String(128)),
    Column("language", String(8), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
)
training_results = Table(
    "training_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("training_sessions.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("score", Float, nullable=False),
    Column("details", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class TrainingSession:
    """One quiz or role-play of one trainee, with its score once recorded."""

    id: str
    trainee_id: str
    kind: str
    scenario_id: str | None
    language: str
    started_at: dt.datetime
    score: float | None = None


@dataclass(frozen=True)
class TraineeSummary:
    """A trainee's standing, as a trainer sees it in the cohort."""

    trainee_id: str
    sessions: int
    scored: int
    average: float | None
    best: float | None
    last_activity: dt.datetime

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"trainee_id": self.trainee_id, "sessions": self.sessions, "scored": self.scored,
                "average": self.average, "best": self.best, "last_activity": self.last_activity.isoformat()}


class ProgressStore:
    """Starts sessions, records their scores, lists a trainee's sessions and the cohort."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def start(self, *, trainee_id: str, kind: SessionKind, language: str, scenario_id: str | None = None
              ) -> TrainingSession:
        """A new session for the trainee."""
        if not trainee_id.strip():
            raise UsageError("a training session needs a trainee id")
        session = TrainingSession(uuid.uuid4().hex, trainee_id, kind, scenario_id, language, dt.datetime.now(dt.UTC))
        with self._engine.begin() as conn:
            conn.execute(insert(training_sessions).values(
                id=session.id, trainee_id=trainee_id, kind=kind, scenario_id=scenario_id, language=language,
                started_at=session.started_at,
            ))
        return session

    def record(self, session_id: str, *, score: float, details: dict[str, object] | None = None) -> None:
        """Store a score (0-100) for the session, with the graded points or answers as details."""
        if not 0.0 <= score <= 100.0:
            raise UsageError(f"a score is between 0 and 100, not {score}")
        with self._engine.begin() as conn:
            if conn.execute(select(training_sessions.c.id).where(training_sessions.c.id == session_id)).first() is None:
                raise UnknownSession(f"no training session {session_id!r}")
            conn.execute(insert(training_results).values(
                session_id=session_id, score=score, recorded_at=dt.datetime.now(dt.UTC),
                details=json.dumps(details or {}, ensure_ascii=False, default=str),
            ))

    def sessions(self, trainee_id: str) -> list[TrainingSession]:
        """A trainee's sessions, oldest first, each with its latest score."""
        latest = (select(training_results.c.session_id, func.max(training_results.c.id).label("rid"))
                  .group_by(training_results.c.session_id).subquery())
        query = (
            select(training_sessions, training_results.c.score)
            .select_from(training_sessions.outerjoin(latest, latest.c.session_id == training_sessions.c.id)
                         .outerjoin(training_results, training_results.c.id == latest.c.rid))
            .where(training_sessions.c.trainee_id == trainee_id)
            .order_by(training_sessions.c.started_at, training_sessions.c.id)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [TrainingSession(r.id, r.trainee_id, r.kind, r.scenario_id, r.language, _aware(r.started_at), r.score)
                for r in rows]

    def cohort(self) -> list[TraineeSummary]:
        """Every trainee with a session: counts, average and best score, last activity; by trainee id."""
        with self._engine.connect() as conn:
            ids = conn.execute(select(training_sessions.c.trainee_id).distinct()
                               .order_by(training_sessions.c.trainee_id)).scalars().all()
        out = []
        for trainee_id in ids:
            sessions = self.sessions(trainee_id)
            scores = [s.score for s in sessions if s.score is not None]
            out.append(TraineeSummary(
                trainee_id, len(sessions), len(scores), round(sum(scores) / len(scores), 1) if scores else None,
                max(scores) if scores else None, max(s.started_at for s in sessions),
            ))
        return out


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
