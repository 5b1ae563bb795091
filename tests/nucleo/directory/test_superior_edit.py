"""``set_superior`` with two edits at once: on PostgreSQL the second waits for the first and
sees its chain, so A→B and B→A at the same moment never make a cycle (SQLite serialises
writes)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select, text, update

from nucleo.db import Database
from nucleo.directory.importer import import_people
from nucleo.directory.superior_edit import EDIT_LOCK, set_superior
from nucleo.errors import InvalidInput
from nucleo.models import Person


async def _waiting(db: Database) -> bool:
    async with db.session() as session:
        return bool(await session.scalar(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")))


async def test_two_edits_at_once_make_no_cycle(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writes: no second edit runs at the same time")
    async with db.session() as session:
        await import_people(session, b"nombre;cedula;dependencia;tipo\nAna Ruiz;101;H;servidor\n"
                            b"Bruno Diaz;202;H;servidor\n", create_departments=True)
        ids = {p.document_id: p.id for p in await session.scalars(select(Person))}
    async with db.session() as other:  # another edit holds the lock: B→A, not committed yet
        await other.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EDIT_LOCK})
        await other.execute(update(Person).where(Person.id == ids["202"]).values(
            superior_id=ids["101"]))

        async def first() -> None:
            async with db.session() as session:
                await set_superior(session, ids["101"], ids["202"], actor=None)

        task = asyncio.create_task(first())
        for _ in range(500):  # until it waits on the lock (a bounded wait on the event)
            if await _waiting(db) or task.done():
                break
            await asyncio.sleep(0.01)
        assert not task.done() and await _waiting(db)
        await other.commit()
    with pytest.raises(InvalidInput, match="ya depende"):
        await task
    async with db.session() as session:
        chain = dict((await session.execute(select(Person.id, Person.superior_id))).all())
    assert chain == {ids["101"]: None, ids["202"]: ids["101"]}
