"""API throughput: N concurrent clients on loopback, a bounded number of requests per level, then it stops."""

from __future__ import annotations

import itertools
import statistics
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from bench.stats import pct

LEVELS = (1, 8, 32)
REQUESTS = 200
QUESTIONS = (
    "What does an international transfer cost?", "Cik maksā starptautisks pārskaitījums?",
    "Hva koster en internasjonal overføring?", "Сколько стоит международный перевод?", "国际转账多少钱？",
    "How do I block a lost card?", "Kā bloķēt pazaudētu karti?", "Hvordan sperrer jeg et mistet kort?",
    "Как заблокировать потерянную карту?", "丢失的银行卡怎么冻结？",
)


@dataclass
class Level:
    """One concurrency level: how many requests finished in how long, their latencies and the failures."""

    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0


def run_level(base_url: str, key: str, clients: int, requests: int) -> Level:
    """`requests` POST /v1/chat calls shared by `clients` threads, each waiting for its answer before the next."""
    level = Level(clients)
    tickets = itertools.count()
    lock = threading.Lock()
    headers = {"Authorization": f"Bearer {key}"}

    def client(http: httpx.Client) -> None:
        while (n := next(tickets)) < requests:  # itertools.count is atomic under the GIL
            started = time.perf_counter()
            try:
                ok = http.post("/v1/chat", json={"question": QUESTIONS[n % len(QUESTIONS)]},
                               headers=headers).status_code == 200
            except httpx.HTTPError:
                ok = False
            took = (time.perf_counter() - started) * 1000
            with lock:
                level.latencies_ms.append(took)
                level.errors += not ok

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    with httpx.Client(base_url=base_url, timeout=120, limits=limits) as http:
        for question in QUESTIONS:  # warm-up: query embeddings cached, first-use costs paid
            http.post("/v1/chat", json={"question": question}, headers=headers)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            for done in [pool.submit(client, http) for _ in range(clients)]:
                done.result()
        level.seconds = time.perf_counter() - started
    return level


def run_throughput(base_url: str, key: str, *, levels: Sequence[int] = LEVELS, requests: int = REQUESTS) -> list[Level]:
    """Every level in turn."""
    return [run_level(base_url, key, clients, requests) for clients in levels]


def table(levels: Sequence[Level]) -> list[str]:
    """Markdown rows: clients, requests, requests/s, p50/p95 latency, errors."""
    return [
        f"| {lv.clients} | {len(lv.latencies_ms)} | {len(lv.latencies_ms) / lv.seconds:.1f} | "
        f"{statistics.median(lv.latencies_ms):.0f} | {pct(lv.latencies_ms, 95):.0f} | {lv.errors} |"
        for lv in levels
    ]
