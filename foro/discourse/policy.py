"""Timeouts, retries and rate limits of every Discourse call, set in one place.

Discourse limits an admin API key to 60 requests per minute by default
(``DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE``) and counts them in a sliding window, so the
client-side limiter is a sliding window too (a leaky bucket would let 60 + 59 requests through
in the first minute). On top of that the per-IP middleware answers 429 as text/plain with a
``Retry-After`` header, while the API-key limiter answers JSON with ``extras.wait_seconds``;
``rate_limit_wait`` reads both.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


@dataclass(frozen=True)
class DiscoursePolicy:
    """Every knob of the client's outgoing calls."""

    timeout: float = 15.0
    connect_timeout: float = 5.0
    max_attempts: int = 4
    """Attempts per call: 429s are always retried; 5xx/timeouts only for GET, PUT and DELETE."""
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_rate_limit_wait: float = 90.0
    """A 429 asking for a longer wait raises ``DiscourseRateLimited`` instead of blocking."""
    default_rate_limit_wait: float = 10.0
    """Wait used when a 429 carries neither ``extras.wait_seconds`` nor ``Retry-After``."""
    requests_per_minute: int = 55
    """Below the admin key's default of 60, leaving room for people using the same key."""
    window_seconds: float = 60.0
    max_concurrency: int = 4

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retrying after failed attempt number ``attempt`` (1-based)."""
        return min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))

    def httpx_timeout(self) -> httpx.Timeout:
        """The timeout object given to httpx."""
        return httpx.Timeout(self.timeout, connect=self.connect_timeout)


def rate_limit_wait(response: httpx.Response, *, default: float, now: datetime | None = None) -> float:
    """Seconds a 429 response asks us to wait: JSON ``extras.wait_seconds``, else ``Retry-After``."""
    content_type = response.headers.get("content-type", "")
    if "json" in content_type:
        try:
            wait = json.loads(response.content)["extras"]["wait_seconds"]
        except (ValueError, KeyError, TypeError):
            wait = None
        if isinstance(wait, (int, float)) and not isinstance(wait, bool) and math.isfinite(wait):
            return max(0.0, float(wait))
    header = response.headers.get("retry-after", "").strip()
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
        try:
            moment = parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())
    return default


class SlidingWindowLimiter:
    """At most ``max_requests`` starts in any ``window`` seconds, plus a shared pause after a 429."""

    def __init__(self, max_requests: int, window: float, *, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        if max_requests < 1 or window <= 0:
            raise ValueError("max_requests must be >= 1 and window > 0")
        self._max = max_requests
        self._window = window
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Hold every caller for ``seconds`` from now (Discourse said to slow down)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def acquire(self) -> None:
        """Wait until one more request fits in the window, then count it."""
        async with self._lock:
            while True:
                now = self._clock()
                if self._paused_until > now:
                    await self._sleep(self._paused_until - now)
                    continue
                while self._starts and self._starts[0] <= now - self._window:
                    self._starts.popleft()
                if len(self._starts) < self._max:
                    self._starts.append(now)
                    return
                await self._sleep(self._starts[0] + self._window - now)
