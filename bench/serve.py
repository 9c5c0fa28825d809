"""The bench's API server: Rapport over a prepared data dir, served by uvicorn on loopback in a process of its own.

`python -m bench.serve DATA_DIR EMBEDDING_CACHE PORT [--echo]`; `--echo` answers with bench.echo_model (llm mode
without a model's cost). The load generator runs in the bench process, so the two never share an interpreter lock.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NO_LIMIT = 10_000_000  # requests per minute per caller: the bench measures the service, not the rate limiter


def bench_settings(data_dir: Path, cache: Path) -> Settings:
    """The server's settings: everything in data_dir, the bench's embedding cache, no rate limit."""
    return Settings(data_dir=data_dir, embedding_cache=cache, rate_limit_per_minute=NO_LIMIT)


def main() -> None:
    """Build Rapport and serve it until terminated."""
    import uvicorn

    from api.app import create_app
    from assistant.container import build
    from bench.echo_model import EchoChatModel

    data_dir, cache, port = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    settings = bench_settings(data_dir, cache)
    rapport = build(settings, chat_model=EchoChatModel() if "--echo" in sys.argv else None)
    uvicorn.run(create_app(settings, rapport=rapport), host="127.0.0.1", port=port, log_level="warning")


@contextmanager
def api_server(data_dir: Path, cache: Path, *, echo: bool = False) -> Iterator[str]:
    """The server started on a free loopback port and stopped again; yields its base URL once /ready says so."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.serve", str(data_dir), str(cache), str(port), *(["--echo"] if echo else [])],
        cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the bench server did not start (exit {proc.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
