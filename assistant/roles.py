"""Who is asking: roles, the audiences each may read, and which clients a principal may see.

Access is decided here, where the data is read (the service and the API's data endpoints both ask
`Principal.may_see`), never only in a user interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["advisor", "client", "trainer", "compliance", "admin"]
ROLES: tuple[Role, ...] = ("advisor", "client", "trainer")  # the roles that chat with the assistant
ALL_ROLES: tuple[Role, ...] = ("advisor", "client", "trainer", "compliance", "admin")

AUDIENCES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "advisor": ("public", "internal"),
    "client": ("public",),  # a client never retrieves an internal document
    "trainer": ("public", "internal", "training"),
    "compliance": ("public", "internal"),
    "admin": ("public", "internal", "training"),
}


class ScopedProfile(Protocol):
    """What access needs to know about a client."""

    @property
    def client_id(self) -> str: ...

    @property
    def relationship_manager(self) -> str: ...

    @property
    def team(self) -> str: ...

    @property
    def synthetic(self) -> bool: ...


@dataclass(frozen=True)
class Principal:
    """An authenticated caller.

    `client_ids`, when given, is an explicit allow-list. Otherwise the role decides: an advisor sees the clients
    they manage and their team's; a client sees themself; a trainer sees synthetic clients only; compliance and
    admin see no client. An advisor with neither advisor id nor team is the bank's own operator at the command
    line (`rapport ask`), who sees every client.
    """

    user_id: str
    role: Role
    client_ids: frozenset[str] | None = None
    advisor_id: str | None = None
    team: str | None = None
    client_id: str | None = None  # a client's own id
    language: str = "en"  # the user's preferred language, for messages not tied to a question

    @property
    def audiences(self) -> tuple[str, ...]:
        """The document audiences this caller may read."""
        return AUDIENCES_BY_ROLE[self.role]

    def may_see(self, profile: ScopedProfile) -> bool:
        """True when this caller may see this client."""
        if self.client_ids is not None:
            return profile.client_id in self.client_ids
        if self.role == "advisor":
            if self.advisor_id is None and self.team is None:
                return True
            return profile.relationship_manager == self.advisor_id or (
                self.team is not None and profile.team == self.team
            )
        if self.role == "client":
            return self.client_id is not None and profile.client_id == self.client_id
        if self.role == "trainer":
            return profile.synthetic
        return False
