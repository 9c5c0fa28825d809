"""The HTTP API: POST /v1/chat, GET /health, the console page, and errors as problem details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.container import Rapport
from tests.conftest import write_doc


@pytest.fixture
def client(fake_rapport: Rapport, tmp_path: Path) -> Iterator[TestClient]:
    docs = tmp_path / "docs"
    write_doc(docs, "fees.md", "# Fees\n\nA SEPA transfer costs EUR 0.40.", id="fees")
    write_doc(docs, "secret.md", "# Margins\n\nThe SEPA margin target is 70 percent.", id="m", audience="internal")
    fake_rapport.ingestor.ingest([docs])
    with TestClient(create_app(fake_rapport.settings, rapport=fake_rapport)) as test_client:
        yield test_client


def test_chat_answers_with_citations_and_a_session(client: TestClient) -> None:
    response = client.post("/v1/chat", json={"question": "What does a SEPA transfer cost?", "role": "advisor"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mode"] == "extractive" and body["language"] == "en" and body["session"]
    assert "EUR 0.40" in body["answer"] and body["citations"][0]["title"] == "fees.md"
    follow = client.post("/v1/chat", json={"question": "And in a branch?", "role": "advisor",
                                           "session": body["session"]})
    assert follow.json()["session"] == body["session"]


def test_client_role_never_sees_internal_sources(client: TestClient) -> None:
    body = client.post("/v1/chat", json={"question": "SEPA margin target percent", "role": "client"}).json()
    assert "70 percent" not in body["answer"]
    assert all(c["doc_id"] != "m" for c in body["citations"])


@pytest.mark.parametrize(
    ("payload", "status", "detail"),
    [
        ({"question": ""}, 422, "question"),
        ({"question": "hi", "role": "admin"}, 422, "role"),
        ({"question": "hi", "surprise": 1}, 422, "surprise"),
        ({"question": "x" * 5000}, 422, "limit"),
        ({"question": "fees?", "client": "C-1"}, 404, "C-1"),
        ({"question": "fees?", "session": "nope"}, 404, "session"),
    ],
)
def test_bad_requests_get_problem_details(client: TestClient, payload: dict, status: int, detail: str) -> None:  # type: ignore[type-arg]
    response = client.post("/v1/chat", json=payload)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert detail in response.json()["detail"]


def test_malformed_and_oversized_bodies(client: TestClient) -> None:
    bad = client.post("/v1/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 422
    huge = client.post("/v1/chat", content=b"x" * 2_000_001, headers={"content-type": "application/json"})
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]


def test_health_and_console(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health == {"status": "ok", "version": "0.1.0", "documents": 2, "chunks": 2, "mode": "extractive"}
    page = client.get("/")
    assert page.status_code == 200 and "textContent" in page.text and "innerHTML" not in page.text
