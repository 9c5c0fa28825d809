"""Development users for the sample bank: one advisor per team, a client, a trainer, compliance and an admin.

`make run` creates them and prints fresh keys (older dev keys are revoked). Refused in production.
"""

from __future__ import annotations

from assistant.errors import UsageError
from assistant.users import User, UserStore
from knowledge.profile_store import ProfileStore


def dev_users(profiles: ProfileStore) -> list[User]:
    """The development users, drawn from the imported sample advisors and clients."""
    users: list[User] = []
    advisors = profiles.list_advisors()
    if not advisors:
        raise UsageError("no advisors imported: run `rapport client import` first")
    for team in sorted({a.team for a in advisors}):
        advisor = next(a for a in advisors if a.team == team)
        users.append(User(f"advisor-{team}", "advisor", advisor.name, advisor_id=advisor.advisor_id,
                          language=advisor.languages[0]))
    first = advisors[0]
    mine = profiles.list(advisor_id=first.advisor_id)
    client = next((p for p in mine if p.kind == "person"), None)
    if client is not None:
        users.append(User("client-demo", "client", client.display_name, client_id=client.client_id,
                          language=client.preferred_language))
    users += [
        User("trainer-demo", "trainer", "Training lead"),
        User("compliance-demo", "compliance", "Compliance officer"),
        User("admin-demo", "admin", "Administrator"),
    ]
    return users


def seed_dev_users(users: UserStore, profiles: ProfileStore) -> list[tuple[User, str]]:
    """Create or refresh the development users; each gets one new key, older ones stop working."""
    out = []
    for user in dev_users(profiles):
        users.add(user)
        out.append((user, users.issue_key(user.user_id, revoke_others=True)))
    return out
