"""Telegram's flood limits as token buckets.

Exactly what is enforced (all numbers are fields of ``RateLimits``):
- one bucket for the whole bot: refills ``global_per_second`` tokens/s (30), holds at most
  ``global_burst`` tokens (30, one second's worth);
- one bucket per private chat (positive id): refills ``private_per_second`` (1/s), holds at most
  ``private_burst`` (3: Telegram's FAQ allows "short bursts" in a chat);
- one bucket per group (negative id): refills ``group_per_minute``/60 per second (20/min), holds
  at most ``group_burst`` (3).
Every bucket starts full. A message is admitted when the chat's bucket and the global bucket both
hold one token (``jitter_seconds`` of refill are granted as tolerance for clock noise); it then
takes one token from each. A refused message takes nothing and gets ``retry_after`` =
ceil(seconds until the emptier bucket holds a token), at least 1. Over any interval T a sender
can thus get at most burst + rate*T messages through: fair to a sender that paces itself.

``strict_window=True`` replaces the global bucket by a strict sliding window, as Telegram was
measured to count: at most ``global_per_second`` messages admitted in ANY 1-second window, no
burst and no tolerance; a refusal gets ``retry_after`` = 1.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Flood-limit settings; see the module docstring for the exact algorithm."""

    global_per_second: float = 30.0
    global_burst: float = 30.0
    private_per_second: float = 1.0
    private_burst: float = 3.0
    group_per_minute: float = 20.0
    group_burst: float = 3.0
    jitter_seconds: float = 0.01
    strict_window: bool = False


class _Bucket:
    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.tokens = self.capacity
        self.stamp = now

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_needed(self, jitter: float) -> float:
        missing = 1.0 - self.tokens - jitter * self.rate
        return 0.0 if missing <= 0 else missing / self.rate


class RateLimiter:
    """Admits or refuses outgoing messages; not thread-safe (callers hold the state lock)."""

    def __init__(self, limits: RateLimits, clock=time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._global = _Bucket(limits.global_per_second, limits.global_burst, clock())
        self._chats: dict[int | str, _Bucket] = {}
        self._admitted: deque[float] = deque()  # strict_window: admission times, last second

    def _chat_bucket(self, chat_id: int | str, now: float) -> _Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            lim = self.limits
            if isinstance(chat_id, int) and chat_id > 0:
                bucket = _Bucket(lim.private_per_second, lim.private_burst, now)
            else:
                bucket = _Bucket(lim.group_per_minute / 60.0, lim.group_burst, now)
            self._chats[chat_id] = bucket
        return bucket

    def acquire(self, chat_id: int | str) -> int | None:
        """Take a token for a message to ``chat_id``; return None, or retry_after seconds."""
        now = self._clock()
        chat = self._chat_bucket(chat_id, now)
        chat.refill(now)
        self._global.refill(now)
        jitter = self.limits.jitter_seconds
        if self.limits.strict_window:
            while self._admitted and self._admitted[0] <= now - 1.0:
                self._admitted.popleft()
            window_full = len(self._admitted) >= self.limits.global_per_second
            wait = max(chat.wait_needed(jitter), 1.0 if window_full else 0.0)
        else:
            wait = max(chat.wait_needed(jitter), self._global.wait_needed(jitter))
        if wait > 0:
            return max(1, math.ceil(wait))
        chat.tokens = max(0.0, chat.tokens - 1.0)
        if self.limits.strict_window:
            self._admitted.append(now)
        else:
            self._global.tokens = max(0.0, self._global.tokens - 1.0)
        return None
