"""POST /v1/chat (JSON and SSE), GET /health, the console page, and errors as problem details."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import Api


def _events(text: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_chat_answers_with_citations_and_a_session(api: Api) -> None:
    response = api.client.post("/v1/chat", json={"question": "What does a SEPA transfer cost?"},
                               headers=api.auth("advisor-riga"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mode"] == "extractive" and body["language"] == "en" and body["session"]
    assert "EUR 0.40" in body["answer"] and body["citations"][0]["title"] == "fees.md"
    assert body["citations"][0]["chunk_id"]
    follow = api.client.post("/v1/chat", json={"question": "And in a branch?", "session": body["session"]},
                             headers=api.auth("advisor-riga"))
    assert follow.json()["session"] == body["session"]


def test_client_role_never_sees_internal_sources(api: Api) -> None:
    body = api.client.post("/v1/chat", json={"question": "SEPA margin target percent"},
                           headers=api.auth("client-demo")).json()
    assert "70 percent" not in body["answer"]
    assert all(c["doc_id"] != "m" for c in body["citations"])


def test_streamed_answer_is_deltas_then_the_final_json(api: Api) -> None:
    with api.client.stream("POST", "/v1/chat", json={"question": "What does a SEPA transfer cost?", "stream": True},
                           headers=api.auth("advisor-riga")) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _events(response.read().decode())
    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("delta") >= 2 and set(names) == {"delta", "done"}
    final = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "delta") == final["answer"]
    assert final["citations"] and "EUR 0.40" in final["answer"]


def test_a_stream_for_a_forbidden_client_fails_before_it_starts(api: Api) -> None:
    me = api.users["advisor-riga"]
    other = next(p for p in api.rapport.profiles.list() if p.team != "riga")
    response = api.client.post("/v1/chat", json={"question": "fees?", "client": other.client_id, "stream": True},
                               headers=api.auth(me.user_id))
    assert response.status_code == 403 and "outside your portfolio" in response.json()["detail"]


def test_the_redaction_counts_come_with_the_answer(api: Api) -> None:
    body = api.client.post("/v1/chat", json={"question": "Client IBAN LV80BANK0000435195001, what fees apply?"},
                           headers=api.auth("advisor-riga")).json()
    assert body["redacted"] == {"IBAN": 1}


@pytest.mark.parametrize(
    ("payload", "status", "detail"),
    [
        ({"question": ""}, 422, "question"),
        ({"question": "hi", "surprise": 1}, 422, "surprise"),
        ({"question": "x" * 5000}, 422, "limit"),
        ({"question": "fees?", "client": "C-1"}, 404, "C-1"),
        ({"question": "fees?", "session": "nope"}, 404, "session"),
    ],
)
def test_bad_requests_get_problem_details(api: Api, payload: dict, status: int, detail: str) -> None:  # type: ignore[type-arg]
    response = api.client.post("/v1/chat", json=payload, headers=api.auth("advisor-riga"))
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert detail in response.json()["detail"]


def test_malformed_and_oversized_bodies(api: Api) -> None:
    headers = {**api.auth("advisor-riga"), "content-type": "application/json"}
    bad = api.client.post("/v1/chat", content=b"{not json", headers=headers)
    assert bad.status_code == 422
    huge = api.client.post("/v1/chat", content=b"x" * 2_000_001, headers=headers)
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]


def test_health_ready_metrics_and_console(api: Api) -> None:
    health = api.client.get("/health").json()
    assert health == {"status": "ok", "version": "0.1.0", "documents": 2, "chunks": 2, "mode": "extractive"}
    assert api.client.get("/ready").json() == {"status": "ready", "checks": {"database": "ok", "vector_store": "ok"}}
    api.client.post("/v1/chat", json={"question": "fees?"}, headers=api.auth("advisor-riga"))
    metrics = api.client.get("/metrics").text
    assert 'rapport_http_requests_total{method="POST",route="/v1/chat",status="200"} 1.0' in metrics
    page = api.client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
