"""The audit trail: every turn (who asked, in which role, about which client, what was cited and hidden, the verdict,
the model, the latency) and every action worth auditing (a document uploaded, a key issued), hash-chained.

Counts by entity type only, never a value; the question and answer themselves live (pseudonymised) with the
conversation. Records are append-only: record `n` stores the hash of record `n - 1` (`prev_hash`) and its own
`hash`, SHA-256 over a canonical JSON of (prev_hash, id, timestamp, every field). Changing, deleting, reordering or
inserting a record breaks the chain at that record; `verify_chain` finds the first break (`rapport audit verify`).
The chain is unkeyed: someone who rewrites every hash from the break onwards is caught only by comparing the head
hash with one kept elsewhere (the verify report prints it).

Ids are allocated here, not by the database: a writer reads the last record and inserts id + 1 with the hash of
that record in one transaction; a concurrent writer that took the same id fails on the primary key and retries
with the new last record, so the chain never forks (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

metadata = MetaData()
events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the sequence number: allocated by AuditLog
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("client_id", String(64)),
    Column("session_id", String(64)),
    Column("verdict", String(32), nullable=False),  # a turn's verdict, or an action's name
    Column("body", Text, nullable=False),
    Column("kind", String(16)),  # turn | action; NULL on records written before the chain (legacy)
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
)

GENESIS = "0" * 64  # the prev_hash of the first chained record
_CHAIN_COLUMNS = {"kind": "VARCHAR(16)", "prev_hash": "VARCHAR(64)", "hash": "VARCHAR(64)"}
_RETRY_SECONDS = 10.0  # how long a writer that keeps losing the race for the next id keeps trying
_PAGE = 1000

Detail = str | int | float | bool | None
Problem = Literal["missing", "unlinked", "changed"]  # a gap in the ids; a wrong prev_hash; a wrong hash


@dataclass(frozen=True)
class TurnEvent:
    """One turn as the compliance officer sees it."""

    user_id: str
    role: str
    client_id: str | None
    session_id: str | None
    verdict: str  # answered | not_found | manipulation_refused | privacy_refused | model_unavailable | output_refused
    language: str = ""
    mode: str = ""
    model: str = ""
    sources: tuple[str, ...] = ()
    hidden: dict[str, int] = field(default_factory=dict)  # entity type -> count pseudonymised
    latency_ms: int = 0
    flags: tuple[str, ...] = ()  # manipulation categories found in the message
    withheld_passages: int = 0  # retrieved passages kept from the model because they carried instructions


@dataclass(frozen=True)
class ActionEvent:
    """Something done outside a turn: a document uploaded or deleted, a note added, a key issued or revoked.

    `target` is an id (document, client, user, key id), never a personal value; `details` hold ids and counts."""

    user_id: str
    role: str
    action: str  # e.g. document_uploaded, document_deleted, note_added, key_issued, key_revoked
    target: str
    details: dict[str, Detail] = field(default_factory=dict)
    client_id: str | None = None
    at: str = ""  # ISO timestamp in UTC, filled in when read back


@dataclass(frozen=True)
class ChainBreak:
    """The first record at which the chain does not hold."""

    id: int
    problem: Problem
    detail: str


@dataclass(frozen=True)
class ChainReport:
    """What `verify_chain` found: how many records were checked, the head, and the first break if any."""

    records: int
    legacy: int  # records written before the chain existed (unhashed, at the start), not covered
    head_id: int | None
    head_hash: str | None
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        """True when every chained record is intact and linked to the one before it."""
        return self.broken is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (the `rapport audit verify --json` contract)."""
        return {"ok": self.ok, **asdict(self)}


class AuditLog:
    """Appends turn and action events to the hash chain; reads them back for compliance."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()  # writers of one process queue here; processes race on the primary key
        metadata.create_all(engine)
        _add_chain_columns(engine)

    def record(self, event: TurnEvent) -> None:
        """Append one turn event."""
        self._append(kind="turn", user_id=event.user_id, role=event.role, client_id=event.client_id,
                     session_id=event.session_id, verdict=event.verdict, body=_canonical(asdict(event)))

    def record_action(
        self, user_id: str, role: str, action: str, target: str, details: Mapping[str, Detail] | None = None,
        *, client_id: str | None = None,
    ) -> None:
        """Append one action event (ids and counts only: never a name, number or text a client wrote)."""
        event = ActionEvent(user_id, role, action, target, dict(details or {}), client_id)
        body = {k: v for k, v in asdict(event).items() if k != "at"}
        self._append(kind="action", user_id=user_id, role=role, client_id=client_id, session_id=None,
                     verdict=action[:32], body=_canonical(body))

    def recent(self, limit: int = 100) -> list[TurnEvent]:
        """The newest turn events first."""
        query = (select(events.c.body).where(or_(events.c.kind == "turn", events.c.kind.is_(None)))
                 .order_by(events.c.id.desc()).limit(limit))
        with self._engine.connect() as conn:
            rows = conn.execute(query).scalars().all()
        out = []
        for body in rows:
            data = json.loads(body)
            data["sources"] = tuple(data["sources"])
            data["flags"] = tuple(data.get("flags", ()))
            out.append(TurnEvent(**data))
        return out

    def actions(self, limit: int = 100) -> list[ActionEvent]:
        """The newest action events first."""
        query = (select(events.c.at, events.c.body).where(events.c.kind == "action")
                 .order_by(events.c.id.desc()).limit(limit))
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [ActionEvent(**json.loads(row.body), at=_timestamp(row.at)) for row in rows]

    def verify(self) -> ChainReport:
        """Walk the whole chain from the first record; see `verify_chain`."""
        return verify_chain(self._engine)

    def _append(self, **values: Any) -> None:
        deadline = time.monotonic() + _RETRY_SECONDS
        with self._lock:
            while True:
                try:
                    with self._engine.begin() as conn:
                        last = conn.execute(
                            select(events.c.id, events.c.hash).order_by(events.c.id.desc()).limit(1)
                        ).first()
                        number = last.id + 1 if last else 1
                        prev = (last.hash or GENESIS) if last else GENESIS
                        at = dt.datetime.now(dt.UTC)
                        row = {**values, "id": number, "at": at, "prev_hash": prev}
                        conn.execute(insert(events).values(**row, hash=record_hash(row)))
                    return
                except IntegrityError:  # another writer took this id: read the new last record and try again
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(random.uniform(0.001, 0.02))


def record_hash(row: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of one record: prev_hash, id, timestamp (UTC, microseconds), every field."""
    content = {
        "prev_hash": row["prev_hash"], "id": int(row["id"]), "at": _timestamp(row["at"]), "kind": row["kind"],
        "user_id": row["user_id"], "role": row["role"], "client_id": row["client_id"],
        "session_id": row["session_id"], "verdict": row["verdict"], "body": row["body"],
    }
    return hashlib.sha256(_canonical(content).encode("utf-8")).hexdigest()


def verify_chain(engine: Engine) -> ChainReport:
    """Check every record: ids without gaps, each linked to the hash of the one before, each hash recomputed."""
    records = legacy = 0
    expected_id: int | None = None
    prev: str | None = None
    head: tuple[int, str] | None = None
    for row in _rows(engine):
        records += 1
        if expected_id is not None and row["id"] != expected_id:
            gap = f"record {expected_id} is" if row["id"] == expected_id + 1 else \
                f"records {expected_id} to {row['id'] - 1} are"
            return _broken(records, legacy, head, row["id"], "missing", f"{gap} missing before it (deleted)")
        expected_id = row["id"] + 1
        if row["hash"] is None:
            if prev is None:  # the unhashed records written before the chain existed
                legacy += 1
                continue
            return _broken(records, legacy, head, row["id"], "changed", "the record's hash was removed")
        if row["prev_hash"] != (prev or GENESIS):
            return _broken(records, legacy, head, row["id"], "unlinked",
                           "does not follow the record before it: that one was changed, or a record was "
                           "inserted, deleted or moved here")
        if record_hash(row) != row["hash"]:
            return _broken(records, legacy, head, row["id"], "changed", "its content does not match its hash")
        prev = row["hash"]
        head = (row["id"], row["hash"])
    return ChainReport(records, legacy, head[0] if head else None, head[1] if head else None, None)


def _broken(
    records: int, legacy: int, head: tuple[int, str] | None, at: int, problem: Problem, detail: str
) -> ChainReport:
    return ChainReport(records, legacy, head[0] if head else None, head[1] if head else None,
                       ChainBreak(at, problem, detail))


def _rows(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every record in id order, a page at a time."""
    last: int | None = None
    with engine.connect() as conn:
        while True:
            query = select(events).order_by(events.c.id).limit(_PAGE)
            if last is not None:
                query = query.where(events.c.id > last)
            page = conn.execute(query).mappings().all()
            if not page:
                return
            for row in page:
                yield dict(row)
            last = page[-1]["id"]


def _add_chain_columns(engine: Engine) -> None:
    """A database from before the chain gets the chain's columns; its old records stay as the unhashed prefix."""
    present = {c["name"] for c in inspect(engine).get_columns("audit_events")}
    missing = [name for name in _CHAIN_COLUMNS if name not in present]
    if missing:
        with engine.begin() as conn:
            for name in missing:
                conn.execute(text(f"ALTER TABLE audit_events ADD COLUMN {name} {_CHAIN_COLUMNS[name]}"))


def _canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _timestamp(at: dt.datetime) -> str:
    """One text for the instant whether the database hands it back aware (PostgreSQL) or naive UTC (SQLite)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")
