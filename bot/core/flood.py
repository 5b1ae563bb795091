"""Per-chat flood control (token buckets) and per-chat sequencing (keyed locks)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from time import monotonic
from typing import Literal

Verdict = Literal["ok", "warn", "drop"]


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodControl:
    """A token bucket per chat: ``burst`` messages at once, refilled at ``per_minute``.

    When a bucket is empty the first message gets a polite warning and the rest are dropped
    until tokens come back, so a flooding chat costs little and never blocks the others.
    """

    def __init__(self, *, burst: int = 8, per_minute: float = 20.0,
                 clock: Callable[[], float] = monotonic, max_chats: int = 50_000) -> None:
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_chats = max_chats
        self._buckets: dict[str, _Bucket] = {}

    def check(self, key: str) -> Verdict:
        """Take a token for this chat: "ok", "warn" (first refusal) or "drop"."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_chats:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(tokens=float(self.burst), updated=now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return "ok"
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _prune(self, now: float) -> None:
        full_after = self.burst / self.rate if self.rate else 0.0
        for key in [k for k, b in self._buckets.items() if now - b.updated > full_after]:
            del self._buckets[key]


class KeyedLocks:
    """One lock per chat so a chat's messages run in order while chats run concurrently."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of this chat; the entry disappears when nobody waits for it."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
