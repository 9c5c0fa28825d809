"""Client profiles, advisors and teams in SQL (SQLite or PostgreSQL): each record as JSON plus the columns we filter on.

Links between clients get their own table so that "who is linked to this client" is one indexed query either way.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKey,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from knowledge.errors import StoreError
from knowledge.profiles import Advisor, ClientProfile, Team

metadata = MetaData()

profiles = Table(
    "crm_profiles",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("relationship_manager", String(64), nullable=False, index=True),
    Column("team", String(64), nullable=False, index=True),
    Column("segment", String(16), nullable=False, index=True),
    Column("synthetic", Boolean, nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("body", Text, nullable=False),
)
links = Table(
    "crm_links",
    metadata,
    Column("client_id", String(64), ForeignKey("crm_profiles.client_id", ondelete="CASCADE"), primary_key=True),
    Column("linked_id", String(64), primary_key=True, index=True),  # no foreign key: the other side may come later
    Column("relation", String(16), primary_key=True),
)
advisors = Table(
    "crm_advisors",
    metadata,
    Column("advisor_id", String(64), primary_key=True),
    Column("team", String(64), nullable=False, index=True),
    Column("body", Text, nullable=False),
)
teams = Table("crm_teams", metadata, Column("team_id", String(64), primary_key=True), Column("body", Text))

Outcome = Literal["added", "updated", "unchanged"]
_BATCH = 500  # lines per transaction when importing, so a large CRM export does not sit in one transaction
_R = TypeVar("_R", bound=BaseModel)


@dataclass(frozen=True)
class ImportFailure:
    """A line of an import file that was not loaded, and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: records added, changed, already up to date, and the lines that failed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: tuple[ImportFailure, ...] = ()


class ProfileStore:
    """Client profiles with their links, advisors and teams, in tables prefixed `crm_`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        with self._translated():
            metadata.create_all(engine)

    # ---- profiles ------------------------------------------------------------------------------------------
    def upsert(self, profile: ClientProfile) -> None:
        """Add the profile or replace the stored one with the same client id."""
        self.upsert_many([profile])

    def upsert_many(self, many: Iterable[ClientProfile]) -> int:
        """Add or replace profiles in one transaction; returns how many were added or changed."""
        changed = 0
        with self._transaction() as conn:
            for batch in _batches(many):  # bounded IN lists: SQLite caps the number of bound parameters
                changed += sum(outcome != "unchanged" for outcome in self._write_profiles(conn, batch))
        return changed

    def get(self, client_id: str) -> ClientProfile | None:
        """The profile with this client id, if any."""
        with self._connection() as conn:
            body = conn.execute(select(profiles.c.body).where(profiles.c.client_id == client_id)).scalar()
        return None if body is None else ClientProfile.model_validate_json(body)

    def exists(self, client_id: str) -> bool:
        """Whether a profile with this client id is stored."""
        with self._connection() as conn:
            found = conn.execute(select(profiles.c.client_id).where(profiles.c.client_id == client_id)).first()
        return found is not None

    def list(
        self, *, advisor_id: str | None = None, team: str | None = None, synthetic: bool | None = None
    ) -> builtins.list[ClientProfile]:
        """Profiles matching every filter given, by client id."""
        query = select(profiles.c.body).order_by(profiles.c.client_id)
        if advisor_id is not None:
            query = query.where(profiles.c.relationship_manager == advisor_id)
        if team is not None:
            query = query.where(profiles.c.team == team)
        if synthetic is not None:
            query = query.where(profiles.c.synthetic == synthetic)
        with self._connection() as conn:
            return [ClientProfile.model_validate_json(body) for body in conn.execute(query).scalars()]

    def linked(self, client_id: str) -> builtins.list[tuple[str, ClientProfile]]:
        """(relation, profile) for every client linked to this one, whichever side recorded the link."""
        with self._connection() as conn:
            outgoing = conn.execute(
                select(links.c.relation, links.c.linked_id).where(links.c.client_id == client_id)
            ).all()
            incoming = conn.execute(
                select(links.c.relation, links.c.client_id).where(links.c.linked_id == client_id)
            ).all()
            pairs = sorted({(row[0], row[1]) for row in [*outgoing, *incoming]}, key=lambda p: (p[1], p[0]))
            ids = {other for _, other in pairs}
            bodies = dict(conn.execute(select(profiles.c.client_id, profiles.c.body)
                                       .where(profiles.c.client_id.in_(sorted(ids)))).tuples().all()) if ids else {}
        # A link to a client that is not (yet) stored is kept in the table but not returned.
        return [(relation, ClientProfile.model_validate_json(bodies[other])) for relation, other in pairs
                if other in bodies]

    def import_jsonl(self, path: Path | str) -> ImportReport:
        """Load profiles from a JSON-lines file, one per line; bad lines are reported and the good ones still load."""
        return self._import(Path(path), ClientProfile, self._write_profiles)

    # ---- advisors and teams --------------------------------------------------------------------------------
    def add_advisor(self, advisor: Advisor) -> None:
        """Add the advisor or replace the stored one with the same id."""
        with self._transaction() as conn:
            self._write_advisors(conn, [advisor])

    def get_advisor(self, advisor_id: str) -> Advisor | None:
        """The advisor with this id, if any."""
        with self._connection() as conn:
            body = conn.execute(select(advisors.c.body).where(advisors.c.advisor_id == advisor_id)).scalar()
        return None if body is None else Advisor.model_validate_json(body)

    def list_advisors(self, *, team: str | None = None) -> builtins.list[Advisor]:
        """Advisors, of one team if given, by id."""
        query = select(advisors.c.body).order_by(advisors.c.advisor_id)
        if team is not None:
            query = query.where(advisors.c.team == team)
        with self._connection() as conn:
            return [Advisor.model_validate_json(body) for body in conn.execute(query).scalars()]

    def import_advisors_jsonl(self, path: Path | str) -> ImportReport:
        """Load advisors from a JSON-lines file, like `import_jsonl`."""
        return self._import(Path(path), Advisor, self._write_advisors)

    def add_team(self, team: Team) -> None:
        """Add the team or replace the stored one with the same id."""
        with self._transaction() as conn:
            self._write_teams(conn, [team])

    def list_teams(self) -> builtins.list[Team]:
        """Every team, by id."""
        with self._connection() as conn:
            bodies = conn.execute(select(teams.c.body).order_by(teams.c.team_id)).scalars()
            return [Team.model_validate_json(body) for body in bodies]

    def import_teams_jsonl(self, path: Path | str) -> ImportReport:
        """Load teams from a JSON-lines file, like `import_jsonl`."""
        return self._import(Path(path), Team, self._write_teams)

    # ---- writing -------------------------------------------------------------------------------------------
    def _write_profiles(self, conn: Connection, batch: Sequence[ClientProfile]) -> builtins.list[Outcome]:
        rows = [{"client_id": p.client_id, "relationship_manager": p.relationship_manager, "team": p.team,
                 "segment": p.segment, "synthetic": p.synthetic, "kind": p.kind, "body": p.model_dump_json()}
                for p in batch]
        outcomes = _write(conn, profiles, "client_id", rows)
        for profile, outcome in zip(batch, outcomes, strict=True):
            if outcome == "unchanged":
                continue
            conn.execute(delete(links).where(links.c.client_id == profile.client_id))
            recorded = {(link.client_id, link.relation) for link in profile.links}
            if recorded:
                conn.execute(insert(links), [{"client_id": profile.client_id, "linked_id": other, "relation": rel}
                                             for other, rel in sorted(recorded)])
        return outcomes

    def _write_advisors(self, conn: Connection, batch: Sequence[Advisor]) -> builtins.list[Outcome]:
        rows = [{"advisor_id": a.advisor_id, "team": a.team, "body": a.model_dump_json()} for a in batch]
        return _write(conn, advisors, "advisor_id", rows)

    def _write_teams(self, conn: Connection, batch: Sequence[Team]) -> builtins.list[Outcome]:
        return _write(conn, teams, "team_id", [{"team_id": t.team_id, "body": t.model_dump_json()} for t in batch])

    def _import(
        self, path: Path, model: type[_R], write: Callable[[Connection, Sequence[_R]], builtins.list[Outcome]]
    ) -> ImportReport:
        counts: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
        failed: builtins.list[ImportFailure] = []
        for batch in _batches(_parse(path, model, failed)):
            with self._transaction() as conn:
                for outcome in write(conn, batch):
                    counts[outcome] += 1
        return ImportReport(counts["added"], counts["updated"], counts["unchanged"], tuple(failed))

    # ---- connections ---------------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._translated(), self._engine.begin() as conn:
            yield conn

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        with self._translated(), self._engine.connect() as conn:
            yield conn

    @staticmethod
    @contextmanager
    def _translated() -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"profile store failed: {exc}") from exc


def _write(conn: Connection, table: Table, key: str, rows: Sequence[Mapping[str, object]]) -> builtins.list[Outcome]:
    """Insert new rows, update changed ones, leave identical ones alone; one outcome per row."""
    ids = [row[key] for row in rows]
    stored = dict(conn.execute(select(table.c[key], table.c.body).where(table.c[key].in_(ids))).tuples().all())
    outcomes: builtins.list[Outcome] = []
    for row in rows:
        before = stored.get(row[key])
        if before is None:
            conn.execute(insert(table).values(**row))
            outcomes.append("added")
        elif before == row["body"]:
            outcomes.append("unchanged")
        else:
            conn.execute(update(table).where(table.c[key] == row[key]).values(**row))
            outcomes.append("updated")
        stored[row[key]] = row["body"]  # a record repeated in one batch compares with its latest version
    return outcomes


def _parse(path: Path, model: type[_R], failed: builtins.list[ImportFailure]) -> Iterator[_R]:
    # Bytes, so a line that is not UTF-8 fails alone instead of stopping the whole file.
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield model.model_validate_json(line)
            except ValidationError as exc:
                failed.append(ImportFailure(number, _reason(exc)))


def _reason(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    if errors and errors[0]["type"] == "json_invalid":
        return f"invalid JSON: {errors[0]['msg']}"
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in errors[:3]]
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "; ".join(parts) + more


def _batches(records: Iterable[_R]) -> Iterator[builtins.list[_R]]:
    batch: builtins.list[_R] = []
    for record in records:
        batch.append(record)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
