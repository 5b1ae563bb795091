"""Slow down repeated failed logins (per e-mail and per client address)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic

from nucleo import messages
from nucleo.errors import RateLimited


@dataclass
class _Record:
    failures: int = 0
    blocked_until: float = 0.0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """After ``free_failures`` failures, each new failure doubles the wait (capped)."""

    free_failures: int = 3
    base_delay: float = 1.0
    max_delay: float = 300.0
    forget_after: float = 900.0
    clock: Callable[[], float] = monotonic
    _records: dict[str, _Record] = field(default_factory=dict)

    def attempt(self, *keys: str) -> None:
        """Count an attempt before checking the password (so a parallel burst cannot slip
        through) and raise RateLimited while any key is blocked; ``succeeded`` clears it."""
        self.check(*keys)
        self.failed(*keys)

    def check(self, *keys: str) -> None:
        """Raise RateLimited while any key is still blocked."""
        now = self.clock()
        wait = max((self._get(k, now).blocked_until - now for k in keys), default=0.0)
        if wait > 0:
            seconds = math.ceil(wait)
            raise RateLimited(messages.TOO_MANY_ATTEMPTS.format(seconds=seconds),
                              retry_after=seconds)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            record = self._get(key, now)
            record.failures += 1
            record.last = now
            extra = record.failures - self.free_failures
            if extra > 0:
                delay = min(self.max_delay, self.base_delay * 2 ** (extra - 1))
                record.blocked_until = now + delay
        if len(self._records) > 10_000:
            self._prune(now)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._records.pop(key, None)

    def _get(self, key: str, now: float) -> _Record:
        record = self._records.get(key)
        if record is None or now - record.last > self.forget_after:
            record = self._records[key] = _Record(last=now)
        return record

    def _prune(self, now: float) -> None:
        stale = [k for k, r in self._records.items() if now - r.last > self.forget_after]
        for key in stale:
            del self._records[key]
