"""The vector store or the database goes away: /ready names the part, requests get 503 with a message, and the
service recovers without a restart once the part is back. Nothing stored before is lost."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import pytest

from tests.hardening.test_faults_model import ADVISOR, QUESTION, events, kept_turns, running_api
from tests.servers import chroma_server, free_port


class Proxy:
    """A TCP forwarder on a fixed loopback port that can be stopped (connections cut) and started again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        assert self._listener is not None
        for sock in [self._listener, *self._open]:  # shutdown wakes the accept() and recv() blocked on them
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.mark.slow
def test_chroma_down_is_503_and_it_recovers_when_the_server_is_back(tmp_path: Path) -> None:
    chroma_path, port = tmp_path / "chroma", free_port()
    server = chroma_server(chroma_path, port)
    url = server.__enter__()
    try:
        with running_api(tmp_path / "data", real_store=True, chroma_url=url) as api:
            first = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
            assert first.status_code == 200 and first.json()["citations"], first.text
            server.__exit__(None, None, None)  # the Chroma server stops
            ready = api.client.get("/ready")
            assert ready.status_code == 503 and ready.json()["checks"]["vector_store"].startswith("unavailable")
            assert ready.json()["checks"]["database"] == "ok"
            follow_up = {"question": "And in a branch?", "session": first.json()["session"]}
            down = api.client.post("/v1/chat", json=follow_up, headers=api.auth(ADVISOR))
            assert down.status_code == 503 and down.headers["content-type"].startswith("application/problem+json")
            assert down.json()["title"] == "StorageUnavailable" and "document index" in down.json()["detail"]
            streamed = api.client.post("/v1/chat", json={**follow_up, "stream": True}, headers=api.auth(ADVISOR))
            (name, problem), = events(streamed.text)
            assert name == "error" and problem["title"] == "StorageUnavailable" and problem["status"] == 503
            kept = [(t["question"], t["answer"]) for t in kept_turns(api)]
            assert kept[1:] == [("And in a branch?", None)] * 2  # the questions are kept
            server = chroma_server(chroma_path, port)  # back on the same port and path: no restart of Rapport
            server.__enter__()
            assert api.client.get("/ready").status_code == 200
            again = api.client.post("/v1/chat", json={"question": QUESTION, "session": first.json()["session"]},
                                    headers=api.auth(ADVISOR))
            assert again.status_code == 200 and again.json()["citations"], again.text  # the index survived
            assert [t["answer"] is None for t in kept_turns(api)] == [False, True, True, False]
    finally:
        server.__exit__(None, None, None)


@pytest.mark.postgres
def test_database_down_is_503_and_it_recovers_when_the_database_is_back(tmp_path: Path, postgres_url: str) -> None:
    from sqlalchemy import make_url

    url = make_url(postgres_url)
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    through = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    with running_api(tmp_path / "data", database_url=through) as api:
        first = api.client.post("/v1/chat", json={"question": QUESTION}, headers=api.auth(ADVISOR))
        assert first.status_code == 200, first.text
        proxy.stop()
        ready = api.client.get("/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["database"].startswith("unavailable")
        assert ready.json()["checks"]["vector_store"] == "ok"
        down = api.client.post("/v1/chat", json={"question": "And in a branch?"}, headers=api.auth(ADVISOR))
        assert down.status_code == 503 and down.headers["content-type"].startswith("application/problem+json")
        assert down.json()["title"] == "StorageUnavailable" and "the database" in down.json()["detail"]
        assert "SELECT" not in down.text and "INSERT" not in down.text  # no SQL (or its parameters) leaks
        proxy.start()  # the same address: no restart, no new settings
        assert api.client.get("/ready").status_code == 200
        again = api.client.post("/v1/chat", json={"question": QUESTION, "session": first.json()["session"]},
                                headers=api.auth(ADVISOR))
        assert again.status_code == 200, again.text
        assert [t["answer"] is not None for t in kept_turns(api)] == [True, True]  # the first turn is still there
    proxy.stop()
