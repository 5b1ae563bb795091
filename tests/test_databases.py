"""The test databases of ``tests/databases.py``: the PostgreSQL reset before each test empties
every table a test wrote (children first, the append-only audit log by TRUNCATE) and restarts
the sequences it used, and a session a test ended does not break the next reset."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import func, select

from nucleo import audit
from nucleo.db import Database
from nucleo.models import AuditEntry, Department, Person
from tests.databases import WorkerDatabase


@pytest.fixture
async def worker(postgres_available: str | None, request: pytest.FixtureRequest) -> WorkerDatabase:
    if postgres_available:
        pytest.skip(postgres_available)
    database: WorkerDatabase = request.getfixturevalue("postgres_database")
    await database.reset()
    return database


async def _write(db: Database, name: str = "Hacienda") -> tuple[int, int]:
    async with db.session() as session:
        department = Department(name=name, normalized_name=name.lower())
        session.add(department)
        await session.flush()
        person = Person(full_name="Ana", department_id=department.id, source="bot")
        session.add(person)
        audit.record(session, None, "prueba", target_type="person")
        await session.commit()
        return department.id, person.id


@pytest.mark.postgres
async def test_the_reset_empties_what_a_test_wrote_and_restarts_its_ids(worker: WorkerDatabase) -> None:
    db = Database(worker.url)
    try:
        assert await _write(db) == (1, 1)
        assert await _write(db, "Tránsito") == (2, 2)
        await worker.reset()
        async with db.session() as session:
            for table in (Person, Department, AuditEntry):
                assert await session.scalar(select(func.count()).select_from(table)) == 0
        assert await _write(db) == (1, 1)
    finally:
        await db.dispose()


@pytest.mark.postgres
async def test_a_reset_after_its_session_was_ended_reconnects(worker: WorkerDatabase) -> None:
    conn = await asyncpg.connect(worker.dsn)
    try:
        pids = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert pids, "the reset keeps a session open"
        for row in pids:
            await conn.fetchval("SELECT pg_terminate_backend($1)", row["pid"])
    finally:
        await conn.close()
    db = Database(worker.url)
    try:
        await _write(db)
        await worker.reset()
        assert await _write(db) == (1, 1)
    finally:
        await db.dispose()
