"""Idempotency keys: a retried request with the same key gets the first one's stored response, not a second turn.

A key belongs to one user (another user's identical key is a different key). A request claims its key before it
runs and completes it with the response once the answer is stored; a request that fails releases the claim, so a
retry runs again. A claim left behind by a crashed worker is taken over once it is `stale_after` old.

The response is kept as the turn is kept: its answer pseudonymised (nothing identifying is stored in clear); a replay
restores the placeholders from the conversation's vault, so the retry reads what the first request read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, Text, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from guardrails.pseudonymizer import restore
from guardrails.vault import Vault

MAX_KEY_CHARS = 128

metadata = MetaData()

keys = Table(
    "idempotency_keys",
    metadata,
    Column("user_id", String(128), primary_key=True),
    Column("key", String(MAX_KEY_CHARS), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("response", Text),  # JSON of the response; NULL while the first request is still running
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Claim:
    """What a request may do with its key.

    run: go ahead (the key is now claimed); replay: answer with `response`; mismatch: the key was used for a
    different request; busy: the first request with this key is still running.
    """

    outcome: Literal["run", "replay", "mismatch", "busy"]
    response: dict[str, Any] | None = None


def fingerprint(request: dict[str, Any]) -> str:
    """A digest of what a request asks, independent of key order."""
    return hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class IdempotencyStore:
    """Claims, completes and releases idempotency keys in SQL (SQLite or PostgreSQL)."""

    def __init__(
        self, engine: Engine, *, vault: Vault, stale_after: dt.timedelta = dt.timedelta(minutes=10)
    ) -> None:
        self._engine = engine
        self._vault = vault
        self._stale_after = stale_after
        metadata.create_all(engine)

    def claim(self, user_id: str, key: str, fingerprint: str) -> Claim:
        """Claim the key for this request, or say why not (a stored response to replay, a mismatch, busy)."""
        now = dt.datetime.now(dt.UTC)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(keys).values(user_id=user_id, key=key, fingerprint=fingerprint, created_at=now))
            return Claim("run")
        except IntegrityError:
            pass  # the key was used before: decide from the stored row
        with self._engine.begin() as conn:
            row = conn.execute(select(keys).where(keys.c.user_id == user_id, keys.c.key == key)).first()
            if row is None:  # released in between: try once more
                conn.execute(insert(keys).values(user_id=user_id, key=key, fingerprint=fingerprint, created_at=now))
                return Claim("run")
            if row.fingerprint != fingerprint:
                return Claim("mismatch")
            if row.response is not None:
                return Claim("replay", self._revealed(json.loads(row.response)))
            created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
            if now - created < self._stale_after:
                return Claim("busy")
            taken = conn.execute(update(keys).where(and_(
                keys.c.user_id == user_id, keys.c.key == key, keys.c.created_at == row.created_at,
                keys.c.response.is_(None),
            )).values(created_at=now))
            return Claim("run") if taken.rowcount == 1 else Claim("busy")

    def complete(self, user_id: str, key: str, response: dict[str, Any]) -> None:
        """Store the response a retry will get: a POST /v1/chat response whose `answer` is already pseudonymised."""
        with self._engine.begin() as conn:
            conn.execute(update(keys).where(keys.c.user_id == user_id, keys.c.key == key).values(
                response=json.dumps(response, ensure_ascii=False)))

    def release(self, user_id: str, key: str) -> None:
        """Give up a claim whose request failed, so that a retry runs again."""
        with self._engine.begin() as conn:
            conn.execute(delete(keys).where(keys.c.user_id == user_id, keys.c.key == key, keys.c.response.is_(None)))

    def _revealed(self, response: dict[str, Any]) -> dict[str, Any]:
        # The asker sees every value of their own conversation restored (as the answerers restore them).
        answer = restore(response["answer"], vault=self._vault, conversation_id=response["session"])
        return {**response, "answer": answer}
