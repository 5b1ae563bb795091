"""Leader election on both engines: two contenders in one process (two connections), exactly
one leads; when the holder's connection drops, the other takes over. No sleeps: short
intervals and waiting on the elections' own conditions."""

from __future__ import annotations

import asyncio
import random

import pytest

from nucleo.db import Database
from nucleo.leader import AdvisoryLock, AlwaysLeader, Election, leader_lock

WAIT = 10.0  # seconds before a test gives up waiting (never slept)


class Probe:
    """A component that records its starts and stops."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.running = False
        self.starts = 0

    async def start(self) -> None:
        self.running, self.starts = True, self.starts + 1

    async def stop(self) -> None:
        self.running = False


def _lock(db: Database, key: int) -> AdvisoryLock | AlwaysLeader:
    lock = leader_lock(db.url)
    if isinstance(lock, AdvisoryLock):
        lock.key = key  # a key of its own: other tests' elections never interfere
    return lock


async def _until(election: Election, predicate) -> None:
    await asyncio.wait_for(election.wait_for(predicate), WAIT)


async def test_sqlite_worker_always_leads(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("solo SQLite")
    probe = Probe("a")
    election = Election(leader_lock(db.url), [probe], interval=0.01)
    await election.start()
    try:
        assert election.leading and probe.running
    finally:
        await election.stop()
    assert not probe.running and not election.leading


async def test_exactly_one_of_two_contenders_leads_and_the_other_takes_over(
        db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite: un solo trabajador, siempre líder (ver la prueba de SQLite)")
    key = random.randrange(1, 2**62)
    first, second = Probe("first"), Probe("second")
    lost: list[str] = []
    a = Election(_lock(db, key), [first], interval=0.01, on_lost=lambda: lost.append("a"))
    b = Election(_lock(db, key), [second], interval=0.01, on_lost=lambda: lost.append("b"))
    await a.start()
    await b.start()
    try:
        assert a.leading and first.running
        assert not b.leading and not second.running
        for _ in range(5):  # several rounds later, still only one
            b.poke()
            a.poke()
        assert not b.leading

        # the holder's connection drops (as when its process dies): the other takes over
        lock = a.lock
        assert isinstance(lock, AdvisoryLock)
        lock.conn.terminate()
        await _until(a, lambda e: e.lost)
        await _until(b, lambda e: e.leading)
        assert not first.running and second.running and second.starts == 1
        assert lost == ["a"] and not a.leading
    finally:
        await a.stop()
        await b.stop()
    assert not second.running


async def test_a_killed_backend_hands_the_lock_over(db: Database) -> None:
    """The server ends the holder's session (pg_terminate_backend): same as a dead leader."""
    if db.is_sqlite:
        pytest.skip("solo PostgreSQL")
    key = random.randrange(1, 2**62)
    a = Election(_lock(db, key), [Probe("a")], interval=0.01)
    b = Election(_lock(db, key), [Probe("b")], interval=0.01)
    await a.start()
    await b.start()
    try:
        assert a.leading and not b.leading
        pid = a.lock.conn.get_server_pid()
        killer = AdvisoryLock(db.url)
        conn = await killer._connect()
        assert await conn.fetchval("SELECT pg_terminate_backend($1)", pid)
        await killer.release()
        await _until(b, lambda e: e.leading)
        await _until(a, lambda e: e.lost)
    finally:
        await a.stop()
        await b.stop()


async def test_a_stopped_leader_frees_the_lock(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("solo PostgreSQL")
    key = random.randrange(1, 2**62)
    a = Election(_lock(db, key), [Probe("a")], interval=0.01)
    b = Election(_lock(db, key), [Probe("b")], interval=0.01)
    await a.start()
    await b.start()
    try:
        await a.stop()
        await _until(b, lambda e: e.leading)
    finally:
        await b.stop()


async def test_an_unreachable_database_is_no_leadership() -> None:
    lock = AdvisoryLock("postgresql+asyncpg://nadie@127.0.0.1:1/nada", timeout=1.0)
    assert not await lock.acquire()
    assert not await lock.held()
    await lock.release()


def test_each_schema_elects_its_own_leader() -> None:
    """Advisory locks are per database: services in two schemas of one database must not
    take each other's lock; the public schema keeps the historical key."""
    from nucleo.leader import LEADER_KEY, leader_key

    assert leader_key(None) == leader_key("") == LEADER_KEY
    keys = {leader_key(s) for s in ("public2", "valor_staging", "valor_prod")}
    assert len(keys) == 3 and LEADER_KEY not in keys
    assert all(0 < k < 2**63 for k in keys) and leader_key("valor_prod") in keys
    lock = leader_lock("postgresql+asyncpg://postgres@127.0.0.1/test", "valor_staging")
    assert isinstance(lock, AdvisoryLock) and lock.key == leader_key("valor_staging")
