"""Migrations: every feature branch to its head, safely from several processes at once."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from nucleo.db import Database
from nucleo.migrate import upgrade_database
from tests.conftest import PG_URL, empty_pg_schema, require_postgres


@pytest.mark.postgres
async def test_concurrent_upgrades_wait_for_each_other(postgres_available: str | None) -> None:
    """Three replicas starting together on an empty PostgreSQL schema: the advisory lock lets
    one migrate while the others wait, then they find nothing left to do."""
    require_postgres(postgres_available)
    async with empty_pg_schema("m") as schema:
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


async def test_sqlite_upgrade_is_idempotent(tmp_path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'v.db'}")
    try:
        await upgrade_database(db)
        await upgrade_database(db)
        async with db.engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM alembic_version"))).scalar()
    finally:
        await db.dispose()


async def test_sqlite_people_get_autoincrement_and_keep_what_references_them(tmp_path) -> None:
    """Rebuilding «people» for AUTOINCREMENT (vinculo005) keeps every row that references a
    person (foreign keys are off while migrating, on again after), and the id counter starts
    above the largest id the table or the audit log has seen."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'v.db'}")
    when = "2026-01-01 00:00:00"
    try:
        await upgrade_database(db, "vinculo004_staff_link_uses")
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO people (id, source, subscribed, status, created_at, updated_at) "
                "VALUES (1, 'bot', 1, 'activa', :w, :w), (7, 'directorio', 0, 'activa', :w, :w)"),
                {"w": when})
            await conn.execute(text(
                "INSERT INTO consents (person_id, purpose, granted, notice_version, channel, "
                "recorded_at) VALUES (7, 'campanas', 1, '1', 'telegram', :w)"), {"w": when})
            # Person 9 was forgotten before this migration: only the audit log remembers it.
            await conn.execute(text(
                "INSERT INTO audit_log (action, target_type, target_id, details, at) "
                "VALUES ('persona.olvidar', 'persona', '9', '{}', :w)"), {"w": when})
        await upgrade_database(db)
        async with db.engine.begin() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM consents"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            definition = (await conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE name = 'people'"))).scalar()
            assert "AUTOINCREMENT" in definition
            indexes = {r[0] for r in await conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"))}
            assert {"ix_people_department_id", "ix_people_sort_key", "uq_people_mobile"} <= indexes
            await conn.execute(text(
                "INSERT INTO people (source, subscribed, status, created_at, updated_at) "
                "VALUES ('bot', 1, 'activa', :w, :w)"), {"w": when})
            assert (await conn.execute(text("SELECT max(id) FROM people"))).scalar() == 10
            await conn.execute(text("DELETE FROM people WHERE id = 7"))  # cascades again
            assert (await conn.execute(text("SELECT count(*) FROM consents"))).scalar() == 0
        await upgrade_database(db)  # nothing left to do
    finally:
        await db.dispose()


async def test_foreign_keys_come_back_on_even_when_the_migration_fails(db) -> None:
    from nucleo.migrate import foreign_keys_off

    sqlite = db.engine.dialect.name == "sqlite"
    async with db.engine.connect() as conn:
        with pytest.raises(RuntimeError):
            async with foreign_keys_off(conn):
                if sqlite:
                    assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 0
                raise RuntimeError("a migration failed")
        if sqlite:
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        else:  # nothing to switch on PostgreSQL: the connection is still usable
            assert (await conn.execute(text("SELECT 1"))).scalar() == 1
