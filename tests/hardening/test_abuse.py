"""Abuse: wrongly encoded, deeply nested and oversized bodies; path traversal and a zip bomb in document upload;
brute force on keys. Each is refused with a clear error, and nothing else is lost."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import Api
from tests.hardening.test_faults_model import ADVISOR, QUESTION, kept_turns, running_api

ADMIN = "admin-demo"
JSON = {"Content-Type": "application/json; charset=utf-8"}
# One question per language, so that a wrong encoding is tried on each script
QUESTIONS = {
    "en": "What does a SEPA transfer cost?",
    "lv": "Cik maksā SEPA pārskaitījums?",
    "no": "Hva koster en SEPA-overføring?",
    "ru": "Сколько стоит перевод SEPA?",
    "zh": "SEPA转账费用是多少?",
}


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with running_api(tmp_path / "data") as api:
        yield api


def _still_serving(api: Api) -> None:
    """The session store and the index answer as before."""
    response = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
    assert response.status_code == 200 and "EUR 0.40" in response.json()["answer"], response.text


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_latin1_bytes_claiming_utf8_are_refused_clearly(api: Api, language: str) -> None:
    question = QUESTIONS[language]
    body = f'{{"question": "{question} café"}}'.encode("latin-1", errors="replace")  # é as one latin-1 byte
    response = api.client.post("/v1/chat", content=body, headers={**api.auth(ADVISOR), **JSON})
    assert response.status_code == 400
    assert response.json()["detail"] == "the body is not UTF-8: send JSON encoded as UTF-8"
    assert response.headers["content-type"].startswith("application/problem+json")
    assert kept_turns(api) == []
    _still_serving(api)


@pytest.mark.parametrize("depth", [2_000, 200_000])
def test_deeply_nested_json_is_refused(api: Api, depth: int) -> None:
    body = ('{"question": "x", "client": ' + "[" * depth + "]" * depth + "}").encode()
    response = api.client.post("/v1/chat", content=body, headers={**api.auth(ADVISOR), **JSON})
    assert 400 <= response.status_code < 500 and response.status_code != 401
    assert response.headers["content-type"].startswith("application/problem+json")
    _still_serving(api)


def test_an_oversized_body_is_refused_before_it_is_read(api: Api) -> None:
    response = api.client.post("/v1/chat", content=b'{"question": "' + b"a" * 1_100_000 + b'"}',
                               headers={**api.auth(ADVISOR), **JSON})
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    _still_serving(api)


def _documents(api: Api) -> set[str]:
    return {d["doc_id"] for d in api.client.get("/v1/documents", headers=api.auth(ADMIN)).json()}


@pytest.mark.parametrize("name", ["../../escape.md", "..\\..\\escape.md", "/tmp/escape.md", "....//escape.md",
                                  "%2e%2e%2fescape.md", "uploads/../../escape.md"])
def test_path_traversal_names_stay_inside_the_uploads_folder(api: Api, tmp_path: Path, name: str) -> None:
    before = _documents(api)
    body = b"---\nid: escape\naudience: public\n---\n\n# Escape\n\nNothing to see."
    response = api.client.post("/v1/documents", files={"file": (name, body, "text/markdown")},
                               headers=api.auth(ADMIN))
    assert response.status_code in (201, 422), response.text
    uploads = (api.rapport.settings.data_dir / "uploads").resolve()
    written = [p.resolve() for p in tmp_path.rglob("*escape*")]
    assert all(p.parent == uploads for p in written), written  # nothing outside the uploads folder
    assert not Path("/tmp/escape.md").exists() or Path("/tmp/escape.md").stat().st_size != len(body)
    assert before <= _documents(api)  # nothing else was lost
    _still_serving(api)


def _zip_bomb_docx(inflated_bytes: int) -> bytes:
    """A valid DOCX whose document.xml inflates to `inflated_bytes` (whitespace inside the body: still XML)."""
    import docx

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A SEPA transfer costs EUR 0.40.")
    document.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename != "word/document.xml":
                bomb.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
                xml.write(head + b"<w:body>")
                chunk = b" " * 1_000_000
                for _ in range(inflated_bytes // len(chunk)):
                    xml.write(chunk)
                xml.write(tail)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(api: Api) -> None:
    before = _documents(api)
    bomb = _zip_bomb_docx(101_000_000)
    assert len(bomb) < 1_000_000  # small on the wire: only the inflated size gives it away
    response = api.client.post("/v1/documents", headers=api.auth(ADMIN), files={
        "file": ("bomb.docx", bomb, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")})
    assert response.status_code == 422 and "inflates to 101 MB" in response.json()["detail"], response.text
    assert not (api.rapport.settings.data_dir / "uploads" / "bomb.docx").exists()  # a refused file is not kept
    assert _documents(api) == before
    _still_serving(api)


def test_a_burst_of_wrong_keys_gets_401s_then_the_address_is_slowed(api: Api) -> None:
    from api.auth import FailedSignIns

    now = [0.0]
    api.client.app.state.failed_sign_ins = FailedSignIns(limit=20, window_s=60, clock=lambda: now[0])  # type: ignore[attr-defined]
    statuses = [api.client.get("/v1/me", headers={"Authorization": f"Bearer rk_guess{i:04d}"}).status_code
                for i in range(30)]
    assert statuses == [401] * 20 + [429] * 10
    locked = api.client.get("/v1/me", headers=api.auth(ADVISOR))
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) == 60  # guessing gets no answer at all
    now[0] += 61
    assert api.client.get("/v1/me", headers=api.auth(ADVISOR)).status_code == 200
    assert api.client.get("/v1/me", headers={"Authorization": "Bearer rk_wrong"}).status_code == 401
    _still_serving(api)
