"""Per-caller rate limits: a token bucket per user id, in process (one bucket set per worker)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Allows `per_minute` requests a minute per caller, with bursts up to the same number."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # caller -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, caller: str) -> float:
        """0 when the request may go ahead; otherwise the seconds until it may."""
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(caller, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - last) * self._rate)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, now)
                return 0.0
            self._buckets[caller] = (tokens, now)
            return (1.0 - tokens) / self._rate
