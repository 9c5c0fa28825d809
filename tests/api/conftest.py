"""An app on the fake seams with the sample clients, advisors and the development users, and their keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.container import Rapport
from assistant.dev_users import seed_dev_users
from assistant.users import User
from tests.conftest import REPO, write_doc

SAMPLE = REPO / "knowledge" / "sample_bank"


@dataclass
class Api:
    """The test client, the Rapport behind it, and a key per development user."""

    client: TestClient
    rapport: Rapport
    keys: dict[str, str]  # user id -> API key
    users: dict[str, User]

    def auth(self, user_id: str) -> dict[str, str]:
        """The Authorization header of a development user."""
        return {"Authorization": f"Bearer {self.keys[user_id]}"}


def load_sample_people(rapport: Rapport) -> None:
    """Teams, advisors and clients of the sample bank."""
    rapport.profiles.import_teams_jsonl(SAMPLE / "teams.jsonl")
    rapport.profiles.import_advisors_jsonl(SAMPLE / "advisors.jsonl")
    rapport.profiles.import_jsonl(SAMPLE / "clients.jsonl")


@pytest.fixture
def api(fake_rapport: Rapport, tmp_path: Path) -> Iterator[Api]:
    docs = tmp_path / "docs"
    write_doc(docs, "fees.md", "# Fees\n\nA SEPA transfer costs EUR 0.40.", id="fees")
    write_doc(docs, "secret.md", "# Margins\n\nThe SEPA margin target is 70 percent.", id="m", audience="internal")
    fake_rapport.ingestor.ingest([docs])
    load_sample_people(fake_rapport)
    seeded = seed_dev_users(fake_rapport.users, fake_rapport.profiles)
    with TestClient(create_app(fake_rapport.settings, rapport=fake_rapport)) as client:
        yield Api(client, fake_rapport, {u.user_id: k for u, k in seeded}, {u.user_id: u for u, _ in seeded})
