from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from nucleo import audit
from nucleo.db import Database
from nucleo.models import AuditEntry, Department


async def test_audit_log_is_append_only(db: Database) -> None:
    async with db.session() as session:
        audit.record(session, None, "test.action", details={"n": 1})
        await session.commit()
        with pytest.raises(DBAPIError):
            await session.execute(update(AuditEntry).values(action="changed"))
        await session.rollback()
        with pytest.raises(DBAPIError):
            await session.execute(delete(AuditEntry))
        await session.rollback()
        assert (await session.scalar(select(AuditEntry.action))) == "test.action"


async def test_timestamps_are_stored_in_utc_and_read_aware(db: Database) -> None:
    bogota = timezone(timedelta(hours=-5))
    async with db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda",
                               created_at=datetime(2026, 1, 5, 8, 0, tzinfo=bogota)))
        await session.commit()
    async with db.session() as session:
        stored = await session.scalar(select(Department.created_at))
    assert stored == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
    assert stored.tzinfo is not None


async def test_unique_department_names(db: Database) -> None:
    async with db.session() as session:
        session.add_all([Department(name="A", normalized_name="a"),
                         Department(name="A ", normalized_name="a")])
        with pytest.raises(IntegrityError):
            await session.commit()


async def test_check_reports_unreachable_database() -> None:
    from nucleo.db import DatabaseUnavailable

    database = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable):
        await database.check()
    assert not await database.ping()
    await database.dispose()


async def test_ping(db: Database) -> None:
    assert await db.ping()
    async with db.session() as session:
        assert (await session.execute(text("SELECT 1"))).scalar() == 1
