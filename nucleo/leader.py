"""Leader election: exactly one process runs the senders, the scheduler and Telegram polling.

On PostgreSQL the leader holds a session-level advisory lock (``pg_try_advisory_lock``) on a
connection of its own, outside the pool. A standby retries every ``interval`` seconds; when the
leader dies its connection drops, PostgreSQL frees the lock and a standby takes over at its
next try. The lock connection asks the server for TCP keep-alives, so a leader whose machine
vanishes (no FIN) is noticed within about ``5 + 2 × 3`` seconds.

A leader that loses its connection stops its components and calls ``on_lost`` (the service
then ends, and its supervisor starts it again as a standby): it never competes again in the
same process, so no component is ever restarted.

On SQLite the database lives on one host and one worker serves it: that worker is always the
leader (``AlwaysLeader``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from nucleo.lifecycle import (
    STOP_SECONDS,
    Component,
    cancel_and_wait,
    stop_bounded,
    wake_or_timeout,
)

log = logging.getLogger(__name__)
# pg_advisory_lock takes a bigint; this one is "valor" + "lead" in ASCII.
LEADER_KEY = 0x76616C6F726C6561
KEEPALIVES = {"tcp_keepalives_idle": "5", "tcp_keepalives_interval": "2",
              "tcp_keepalives_count": "3", "application_name": "valor-lider"}


class LeaderLock(Protocol):
    """A lock at most one process holds."""

    async def acquire(self) -> bool:
        """Try once to take the lock; True when this process holds it."""

    async def held(self) -> bool:
        """Whether the lock is still this process's (its connection answers)."""

    async def release(self) -> None: ...


class AlwaysLeader:
    """SQLite: one host, one worker; it always leads."""

    async def acquire(self) -> bool:
        return True

    async def held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class AdvisoryLock:
    """A PostgreSQL session-level advisory lock on a dedicated asyncpg connection."""

    def __init__(self, url: str, key: int = LEADER_KEY, *, timeout: float = 5.0) -> None:
        parsed = make_url(url).set(drivername="postgresql")
        self.dsn = parsed.render_as_string(hide_password=False)
        self.key = key
        self.timeout = timeout
        self.conn: Any = None

    async def _connect(self) -> Any:
        import asyncpg

        if self.conn is None or self.conn.is_closed():
            self.conn = await asyncpg.connect(self.dsn, timeout=self.timeout,
                                              server_settings=KEEPALIVES)
        return self.conn

    async def acquire(self) -> bool:
        try:
            conn = await self._connect()
            return bool(await conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key,
                                            timeout=self.timeout))
        except Exception as exc:
            log.warning("leader lock: could not try the lock (%s)", type(exc).__name__)
            await self._drop()
            return False

    async def held(self) -> bool:
        if self.conn is None or self.conn.is_closed():
            return False
        try:
            await self.conn.fetchval("SELECT 1", timeout=self.timeout)
        except Exception as exc:
            log.error("leader lock: connection lost (%s)", type(exc).__name__)
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self.conn is not None and not self.conn.is_closed():
            with contextlib.suppress(Exception):
                await self.conn.fetchval("SELECT pg_advisory_unlock($1)", self.key,
                                         timeout=self.timeout)
        await self._drop()

    async def _drop(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None and not conn.is_closed():
            try:
                await asyncio.wait_for(conn.close(), self.timeout)
            except Exception:
                conn.terminate()


def leader_key(schema: str | None = None) -> int:
    """The advisory lock key of the service whose tables live in ``schema``: advisory locks are
    per database, so two services in two schemas of one database each elect their own leader."""
    if not schema:
        return LEADER_KEY
    digest = hashlib.blake2b(f"valor-lider:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF  # a positive bigint


def leader_lock(url: str, schema: str | None = None) -> LeaderLock:
    """The lock for this database (and schema): an advisory lock on PostgreSQL, always held
    on SQLite."""
    if make_url(url).get_backend_name() == "sqlite":
        return AlwaysLeader()
    return AdvisoryLock(url, leader_key(schema))


class Election:
    """Component: competes for the lock every ``interval`` seconds and, while leading, runs
    the leader's components. ``start`` tries once before returning, so a free lock means the
    components run when the service has started."""

    name = "leader-election"

    def __init__(self, lock: LeaderLock, components: Sequence[Component], *,
                 interval: float = 5.0, on_lost: Callable[[], None] | None = None) -> None:
        self.lock = lock
        self.components = list(components)
        self.interval = interval
        self.on_lost = on_lost
        self.leading = False
        self.lost = False
        self.changed = asyncio.Condition()
        self._running: list[Component] = []
        self._task: asyncio.Task[None] | None = None
        self._poke = asyncio.Event()

    async def start(self) -> None:
        await self._round()
        self._task = asyncio.create_task(self._loop(), name=self.name)

    def poke(self) -> None:
        """Try (or check) now instead of at the next interval."""
        self._poke.set()

    async def wait_for(self, predicate: Callable[[Election], bool]) -> None:
        """Return once ``predicate(self)`` holds (e.g. ``lambda e: e.leading``)."""
        async with self.changed:
            await self.changed.wait_for(lambda: predicate(self))

    async def _loop(self) -> None:
        while not self.lost:
            await wake_or_timeout(self._poke, self.interval)
            self._poke.clear()
            try:
                await self._round()
            except Exception:
                log.exception("leader election round failed")

    async def _round(self) -> None:
        if not self.leading:
            if await self.lock.acquire():
                log.info("this process is now the leader")
                await self._set(leading=True)
                await self._start_components()
            return
        if not await self.lock.held():
            log.error("leadership lost: stopping the senders, the scheduler and polling")
            await self._stop_components()
            await self._set(leading=False, lost=True)
            if self.on_lost is not None:
                self.on_lost()

    async def _start_components(self) -> None:
        for component in self.components:
            await component.start()
            self._running.append(component)

    async def _stop_components(self) -> None:
        while self._running:
            component = self._running.pop()
            await stop_bounded(component)

    async def _set(self, *, leading: bool, lost: bool = False) -> None:
        async with self.changed:
            self.leading, self.lost = leading, lost
            self.changed.notify_all()

    @property
    def stop_seconds(self) -> float:
        """Its own stop bound covers each leader component's (see ``stop_bounded``)."""
        return STOP_SECONDS * (len(self.components) + 1)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
        await self._stop_components()
        if self.leading:
            await self._set(leading=False)
        await self.lock.release()
