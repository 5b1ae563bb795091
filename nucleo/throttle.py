"""Slow down password guessing, one (login, client address) pair at a time.

    slot = services.throttle.reserve(login, address)   # RateLimited (429) when it must wait
    account = await authenticate(...)                   # the slot is spent even if this fails
    slot.succeeded()                                     # a right password clears the pair

* **Keys.** The login is folded (``nucleo.text.fold_identifier``: NFKC, case-folded, without
  invisible characters) before it becomes a key, so ``ana\\u200b@…`` counts as ``ana@…``.
* **Atomic.** ``reserve`` checks and counts in one synchronous step (no ``await`` in between) and
  is called *before* the Argon2 check: a burst of parallel guesses cannot all pass the check while
  the first ones are still being verified. At most ``allowance`` guesses of a pair are checked
  before the first wait.
* **Pairs, not accounts.** Only the pair (login, address) is slowed down: someone guessing from
  elsewhere cannot lock the real user out, and the other people behind the same office NAT keep
  logging in. Each guess past the allowance doubles the wait (``base_delay``, capped at
  ``max_delay``); a pair that stays quiet for ``forget_after`` seconds starts afresh.

Console login and API token login share one instance (``Services.throttle``), so a guess counts
the same wherever it is made. The state lives in the process's memory.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic

from nucleo import messages
from nucleo.errors import RateLimited
from nucleo.text import fold_identifier

MAX_LOGIN = 254
MAX_RECORDS = 50_000


@dataclass
class _Record:
    attempts: int = 0
    next_at: float = 0.0
    last: float = 0.0


@dataclass(frozen=True)
class Slot:
    """One reserved guess; ``succeeded`` forgets the pair's failures after a right password."""

    throttle: LoginThrottle
    key: tuple[str, str]

    def succeeded(self) -> None:
        self.throttle._records.pop(self.key, None)


@dataclass
class LoginThrottle:
    """``allowance`` guesses per (login, address) pair, then a doubling wait."""

    allowance: int = 5
    base_delay: float = 2.0
    max_delay: float = 300.0
    forget_after: float = 900.0
    clock: Callable[[], float] = monotonic
    _records: dict[tuple[str, str], _Record] = field(default_factory=dict)

    @staticmethod
    def key(login: str, address: str) -> tuple[str, str]:
        return fold_identifier(login)[:MAX_LOGIN], address[:100]

    def reserve(self, login: str, address: str) -> Slot:
        """Take one guess for this pair, or raise RateLimited (with the seconds to wait)."""
        now = self.clock()
        key = self.key(login, address)
        record = self._get(key, now)
        wait = record.next_at - now
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise RateLimited(messages.TOO_MANY_ATTEMPTS.format(seconds=seconds),
                              retry_after=seconds)
        record.attempts += 1
        record.last = now
        extra = record.attempts - self.allowance
        if extra >= 0:
            record.next_at = now + min(self.max_delay, self.base_delay * 2 ** min(extra, 30))
        if len(self._records) > MAX_RECORDS:
            self._prune(now)
        return Slot(self, key)

    def waiting(self, login: str, address: str) -> float:
        """Seconds this pair must still wait (0 when it may guess)."""
        now = self.clock()
        record = self._records.get(self.key(login, address))
        if record is None or now - record.last > self.forget_after:
            return 0.0
        return max(0.0, record.next_at - now)

    def _get(self, key: tuple[str, str], now: float) -> _Record:
        record = self._records.get(key)
        if record is None or (now - record.last > self.forget_after and record.next_at <= now):
            record = self._records[key] = _Record(last=now)
        return record

    def _prune(self, now: float) -> None:
        stale = [k for k, r in self._records.items()
                 if now - r.last > self.forget_after and r.next_at <= now]
        for key in stale:
            del self._records[key]
        if len(self._records) > MAX_RECORDS:  # a flood of made-up logins: keep the newest half
            oldest = sorted(self._records, key=lambda k: self._records[k].last)
            for key in oldest[:len(oldest) // 2]:
                del self._records[key]
