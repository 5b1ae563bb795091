"""Slow down guessing, one (login, client address) pair at a time, shared by every process.

    slot = await services.throttle.reserve(login, address)  # RateLimited (429) when it must wait
    account = await authenticate(...)                        # the slot is spent even if this fails
    await slot.succeeded()                                   # a right password clears the pair

* **Keys.** The login is folded (``nucleo.text.fold_identifier``: NFKC, case-folded, without
  invisible characters) before it becomes a key, so ``ana\\u200b@…`` counts as ``ana@…``. What
  is kept is an HMAC-SHA256 of the throttle's ``scope``, the folded login and the address with
  the service's secret: never the login nor the address as typed.
* **Shared.** The counts live in the database (``throttle_counts``, ``ThrottleStore``), so the
  web replicas and the worker count one guess once wherever it lands, and a restart forgets
  nothing. ``MemoryCounts`` keeps them in the process (unit tests, tools without a database).
* **Atomic.** ``reserve`` checks and counts in one statement (``INSERT … ON CONFLICT DO UPDATE …
  RETURNING``, on SQLite and PostgreSQL) and its transaction sets the wait before it commits,
  and it is called *before* the Argon2 check: a burst of parallel guesses, in one process or
  several, cannot all pass the check while the first ones are still being verified. At most
  ``allowance`` guesses of a pair are checked before the first wait.
* **Pairs, not accounts.** Only the pair (login, address) is slowed down: someone guessing from
  elsewhere cannot lock the real user out, and the other people behind the same office NAT keep
  logging in. Each guess past the allowance doubles the wait (``base_delay``, capped at
  ``max_delay``); a pair that stays quiet for ``forget_after`` seconds starts afresh, and its
  row is purged (every ``PURGE_EVERY`` reservations of a process).

Console login and API token login share one instance (``Services.throttle``, scope ``login``),
so a guess counts the same wherever it is made; the codes of ``/vincular`` per typed address use
another (``nucleo.directory.link.address_throttle``, scope ``vincular``, keyed by the address
alone: ``reserve(address, "")``), counted beside the chat turn's transaction, not in it. The clock is wall time
in seconds (``time.time``; the service's clock in the service), the same for every process.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import messages
from nucleo.errors import RateLimited
from nucleo.text import fold_identifier

MAX_LOGIN = 254
MAX_RECORDS = 50_000  # pairs a process keeps in memory (``MemoryCounts``)


class Policy(Protocol):
    scope: str
    forget_after: float

    def delay(self, attempts: int) -> float: ...


class Counts(Protocol):
    """Where the throttle keeps its counts (``MemoryCounts`` or ``nucleo.throttle_store``)."""

    async def take(self, key: str, now: float, policy: Policy, session: AsyncSession | None = None,
                   *, beside: AsyncSession | None = None) -> float:
        """Count one guess for ``key`` unless it must wait: 0 when counted, else the seconds
        left (nothing counted). In ``session``'s transaction when given; else in its own, even
        when called ``beside`` an open transaction of the same task (see ``reserve``)."""
        ...

    async def clear(self, key: str, session: AsyncSession | None = None) -> None: ...

    async def wait(self, key: str, now: float, policy: Policy) -> float: ...


@dataclass
class _Record:
    attempts: int = 0
    next_at: float = 0.0
    last: float = 0.0


class MemoryCounts:
    """The counts in this process's memory (no sharing, gone at restart)."""

    def __init__(self) -> None:
        self._records: dict[str, _Record] = {}

    async def take(self, key: str, now: float, policy: Policy, session: AsyncSession | None = None,
                   *, beside: AsyncSession | None = None) -> float:
        record = self._records.get(key)
        if record is None or (now - record.last > policy.forget_after and record.next_at <= now):
            record = self._records[key] = _Record(last=now)
        if record.next_at > now:
            return record.next_at - now
        record.attempts += 1
        record.last = now
        delay = policy.delay(record.attempts)
        if delay > 0:
            record.next_at = now + delay
        if len(self._records) > MAX_RECORDS:
            self._prune(now, policy)
        return 0.0

    async def clear(self, key: str, session: AsyncSession | None = None) -> None:
        self._records.pop(key, None)

    async def wait(self, key: str, now: float, policy: Policy) -> float:
        record = self._records.get(key)
        if record is None or now - record.last > policy.forget_after:
            return 0.0
        return max(0.0, record.next_at - now)

    def _prune(self, now: float, policy: Policy) -> None:
        stale = [
            k for k, r in self._records.items() if now - r.last > policy.forget_after and r.next_at <= now
        ]
        for key in stale:
            del self._records[key]
        if len(self._records) > MAX_RECORDS:  # a flood of made-up logins: keep the newest half
            oldest = sorted(self._records, key=lambda k: self._records[k].last)
            for key in oldest[: len(oldest) // 2]:
                del self._records[key]


@dataclass(frozen=True)
class Slot:
    """One reserved guess; ``succeeded`` forgets the pair's failures after a right password."""

    throttle: LoginThrottle
    key: str

    async def succeeded(self, session: AsyncSession | None = None) -> None:
        await self.throttle.counts.clear(self.key, session)


@dataclass
class LoginThrottle:
    """``allowance`` guesses per (login, address) pair, then a doubling wait."""

    allowance: int = 5
    base_delay: float = 2.0
    max_delay: float = 300.0
    forget_after: float = 900.0
    clock: Callable[[], float] = time.time
    counts: Counts = field(default_factory=MemoryCounts)
    secret: bytes = b""  # the HMAC key of the stored keys (the service's secret)
    scope: str = "login"

    def key(self, login: str, address: str) -> str:
        """What is stored for a pair: an HMAC, never the login or the address."""
        text = "\0".join((self.scope, fold_identifier(login)[:MAX_LOGIN], address[:100]))
        return hmac.new(self.secret, text.encode("utf-8", "replace"), hashlib.sha256).hexdigest()

    def delay(self, attempts: int) -> float:
        """The wait after the ``attempts``-th guess (0 within the allowance)."""
        extra = attempts - self.allowance
        return 0.0 if extra < 0 else min(self.max_delay, self.base_delay * 2 ** min(extra, 30))

    async def reserve(self, login: str, address: str, *, session: AsyncSession | None = None,
                      beside: AsyncSession | None = None) -> Slot:
        """Take one guess for this pair, or raise RateLimited (with the seconds to wait). In
        ``session``'s transaction when given (it counts if that commits), else in its own.
        ``beside``: the caller's open unit of work, which the count must outlive: on PostgreSQL
        the count commits in its own short transaction (a rollback of the caller keeps it, and
        the row is not locked through the caller's work); on SQLite, where that unit of work
        already holds the only write lock, it joins it."""
        key = self.key(login, address)
        wait = await self.counts.take(key, self.clock(), self, session, beside=beside)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise RateLimited(messages.TOO_MANY_ATTEMPTS.format(seconds=seconds), retry_after=seconds)
        return Slot(self, key)

    async def waiting(self, login: str, address: str) -> float:
        """Seconds this pair must still wait (0 when it may guess)."""
        return await self.counts.wait(self.key(login, address), self.clock(), self)
