"""Migrations: every feature branch to its head, safely from several processes at once."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from sqlalchemy import text

from nucleo.db import Database
from nucleo.migrate import upgrade_database
from tests.conftest import IN_CI, PG_URL, _pg_dsn


@pytest.mark.postgres
async def test_concurrent_upgrades_wait_for_each_other(postgres_available: str | None) -> None:
    """Three replicas starting together on an empty PostgreSQL schema: the advisory lock lets
    one migrate while the others wait, then they find nothing left to do."""
    if postgres_available:
        if IN_CI:
            pytest.fail(postgres_available)
        pytest.skip(postgres_available)
    schema = "m_" + uuid.uuid4().hex[:12]
    admin = await asyncpg.connect(_pg_dsn())
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    replicas = [Database(PG_URL, schema=schema) for _ in range(3)]
    try:
        # Without the lock the replicas deadlock on each other's DDL: fail, don't hang.
        await asyncio.wait_for(asyncio.gather(*(upgrade_database(db) for db in replicas)), 120)
        async with replicas[0].engine.connect() as conn:
            heads = (await conn.execute(text("SELECT count(*) FROM alembic_version"))).scalar()
            tables = (await conn.execute(text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = :s"),
                {"s": schema})).scalar()
        assert heads and heads >= 5  # one head per feature branch
        assert tables and tables > 20
        await upgrade_database(replicas[0])  # and again: nothing to do, no error
    finally:
        for db in replicas:
            await db.dispose()
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


async def test_sqlite_upgrade_is_idempotent(tmp_path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'v.db'}")
    try:
        await upgrade_database(db)
        await upgrade_database(db)
        async with db.engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM alembic_version"))).scalar()
    finally:
        await db.dispose()
