"""Who is asking: roles, the audiences each may read, and the principal that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["advisor", "client", "trainer"]
ROLES: tuple[Role, ...] = ("advisor", "client", "trainer")

AUDIENCES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "advisor": ("public", "internal"),
    "client": ("public",),  # a client never retrieves an internal document
    "trainer": ("public", "internal", "training"),
}


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: role, user id and the clients they may see (None: decided by the role alone)."""

    user_id: str
    role: Role
    client_ids: frozenset[str] | None = None

    @property
    def audiences(self) -> tuple[str, ...]:
        """The document audiences this caller may read."""
        return AUDIENCES_BY_ROLE[self.role]
