"""The throttles' counts in the database (``throttle_counts``), shared by every process.

One row per (scope, pair) key: the HMAC ``nucleo.throttle.LoginThrottle.key`` makes (never a
login or an address), the guesses counted, when the next one may come and when the last one came
(wall-clock seconds). ``take`` checks and counts in one upsert and sets the wait in the same
transaction: on PostgreSQL the upsert locks the row until that commit, on SQLite the write gate
runs one transaction at a time, so two processes guessing at once count one after the other.
Quiet rows are purged every ``PURGE_EVERY`` reservations of a process, by scope (each scope
forgets after its own time).
"""

from __future__ import annotations

from sqlalchemy import Float, Integer, String, and_, case, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, Database, table_of, upsert
from nucleo.throttle import Policy

PURGE_EVERY = 500


class ThrottleCount(Base):
    """The guesses of one pair of one throttle."""

    __tablename__ = "throttle_counts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # HMAC-SHA256, hex
    scope: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    next_at: Mapped[float] = mapped_column(Float)  # no guess before this (seconds)
    last: Mapped[float] = mapped_column(Float, index=True)  # the last guess counted


class ThrottleStore:
    """``nucleo.throttle.Counts`` on the service's database."""

    def __init__(self, db: Database, *, purge_every: int = PURGE_EVERY) -> None:
        self.db = db
        self.purge_every = purge_every
        self._taken = 0

    async def take(self, key: str, now: float, policy: Policy, session: AsyncSession | None = None,
                   *, beside: AsyncSession | None = None) -> float:
        if session is None and beside is not None and self.db.is_sqlite:
            session = beside  # it holds SQLite's only write lock: a second writer would wait on it
        if session is not None:
            return await self._take(session, key, now, policy)
        async with self.db.transaction() as own:
            return await self._take(own, key, now, policy)

    async def _take(self, session: AsyncSession, key: str, now: float, policy: Policy) -> float:
        table = table_of(ThrottleCount)
        stale = and_(now - table.c.last > policy.forget_after, table.c.next_at <= now)
        blocked = table.c.next_at > now  # never stale at once (stale needs next_at <= now)
        statement = (
            upsert(session, table)
            .values(
                key=key,
                scope=policy.scope[:20],
                attempts=1,
                next_at=0.0,
                last=now,
            )
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "attempts": case((stale, 1), (blocked, table.c.attempts), else_=table.c.attempts + 1),
                    "next_at": case((stale, 0.0), else_=table.c.next_at),
                    "last": case((blocked, table.c.last), else_=now),
                },
            )
            .returning(table.c.attempts, table.c.next_at)
        )
        attempts, next_at = (await session.execute(statement)).one()
        if next_at > now:
            return float(next_at - now)
        delay = policy.delay(int(attempts))
        if delay > 0:
            await session.execute(update(table).where(table.c.key == key).values(next_at=now + delay))
        self._taken += 1
        if self._taken % self.purge_every == 0:
            await purge(session, policy, now)
        return 0.0

    async def clear(self, key: str, session: AsyncSession | None = None) -> None:
        if session is not None:
            await session.execute(delete(ThrottleCount).where(ThrottleCount.key == key))
            return
        async with self.db.transaction() as own:
            await own.execute(delete(ThrottleCount).where(ThrottleCount.key == key))

    async def wait(self, key: str, now: float, policy: Policy) -> float:
        async with self.db.session() as session:
            row = (
                await session.execute(
                    select(ThrottleCount.next_at, ThrottleCount.last).where(ThrottleCount.key == key)
                )
            ).first()
        if row is None or now - row.last > policy.forget_after:
            return 0.0
        return max(0.0, float(row.next_at) - now)


async def purge(session: AsyncSession, policy: Policy, now: float) -> None:
    """Drop the rows of ``policy``'s scope quiet for longer than its ``forget_after`` and not
    waiting (in the caller's transaction)."""
    await session.execute(
        delete(ThrottleCount).where(
            ThrottleCount.scope == policy.scope[:20],
            ThrottleCount.last < now - policy.forget_after,
            ThrottleCount.next_at <= now,
        )
    )
